import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectError, DataError, RetriableError } from '../../../src/api/errors.js';
import { toReplicationError } from './errors.js';

/** What pg's DatabaseError looks like: an Error with severity and SQLSTATE code. */
function serverError(code: string, message: string, extra: { detail?: string; hint?: string; severity?: string } = {}): Error {
  return Object.assign(new Error(message), { severity: extra.severity ?? 'ERROR', code, detail: extra.detail, hint: extra.hint });
}

describe('toReplicationError', () => {
  const refusals: Array<[string, string, string]> = [
    ['slot in use', '55006', 'replication slot "s" is active for PID 4242'],
    ['slot missing', '42704', 'replication slot "s" does not exist'],
    ['wal_level too low', '55000', 'logical decoding requires "wal_level" >= "logical"'],
    ['no REPLICATION privilege', '42501', 'permission denied to start WAL sender'],
    ['bad password', '28P01', 'password authentication failed for user "x"'],
    ['unknown publication', '42704', 'publication "p" does not exist'],
  ];
  for (const [what, code, message] of refusals) {
    it(`${what} is a ConnectError with PostgreSQL's message and SQLSTATE`, () => {
      const err = toReplicationError(serverError(code, message), 'starting replication from slot s');
      assert.ok(err instanceof ConnectError);
      assert.equal(err.retriable, false);
      assert.equal(err.message, `starting replication from slot s: ${message} (SQLSTATE ${code})`);
    });
  }

  it('adds detail and hint', () => {
    const err = toReplicationError(serverError('42501', 'permission denied to start WAL sender', { detail: 'Only roles with the REPLICATION attribute may start a WAL sender process.', hint: 'h' }), 'connecting');
    assert.equal(err.message, 'connecting: permission denied to start WAL sender (SQLSTATE 42501). Detail: Only roles with the REPLICATION attribute may start a WAL sender process.. Hint: h');
  });

  for (const [what, code] of [['admin shutdown', '57P01'], ['crash shutdown', '57P02'], ['starting up', '57P03'], ['too many connections', '53300'], ['connection failure', '08006']]) {
    it(`${what} (${code}) is retriable`, () => {
      const err = toReplicationError(serverError(code ?? '', 'terminating connection due to administrator command', { severity: 'FATAL' }), 'replication');
      assert.ok(err instanceof RetriableError);
      assert.match(err.message, new RegExp(`SQLSTATE ${code}`));
    });
  }

  it('a lost socket is retriable', () => {
    assert.ok(toReplicationError(new Error('Connection terminated unexpectedly'), 'replication') instanceof RetriableError);
    const reset = toReplicationError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'replication');
    assert.ok(reset instanceof RetriableError);
    assert.equal(reset.message, 'replication: connection to PostgreSQL lost: read ECONNRESET');
    const refused = toReplicationError(Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' }), 'connecting');
    assert.equal(refused.message, 'connecting: connection to PostgreSQL lost: connect failed (ECONNREFUSED)');
  });

  it('keeps Tidewater errors and wraps anything else as a ConnectError', () => {
    const data = new DataError('bad');
    assert.equal(toReplicationError(data, 'x'), data);
    const other = toReplicationError(new TypeError('boom'), 'x');
    assert.ok(other instanceof ConnectError && !other.retriable);
    assert.equal(other.message, 'x: boom');
    assert.equal(toReplicationError('text', 'x').message, 'x: text');
  });
});
