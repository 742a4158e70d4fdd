import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPgoutputState, decodePgoutput, type PgoutputState } from './pgoutput.js';
import { encodePgoutput, type PgoutputMessageSpec } from './pgoutput-encoder.js';
import { plainMessage } from './plain.js';
import { ProtocolError } from './reader.js';
import { UNCHANGED_TOAST, type TupleColumn } from './tuple.js';

/** Hex from parts: hex strings (spaces allowed) and `s:` prefixed C strings. */
function bytes(...parts: string[]): Buffer {
  return Buffer.from(
    parts.map((p) => (p.startsWith('s:') ? `${Buffer.from(p.slice(2), 'utf8').toString('hex')}00` : p.replace(/\s+/g, ''))).join(''),
    'hex',
  );
}

const TS_HEX = '0002b0ec85204f35'; // PostgreSQL micros for 2024-01-02T03:04:05.678901Z
const TS_UNIX = 1_704_164_645_678_901n;

function decode(buffer: Uint8Array, state: PgoutputState = createPgoutputState()) {
  return plainMessage(decodePgoutput(buffer, state));
}

describe('decodePgoutput on hand-assembled bytes (the documented layouts)', () => {
  it('Begin: final LSN, commit time as Unix microseconds, xid', () => {
    assert.deepEqual(decode(bytes('42', '00000001 016B3748', TS_HEX, '000002e7')), {
      type: 'begin',
      finalLsn: 0x1_016b_3748n,
      commitTime: TS_UNIX,
      xid: 743,
    });
  });

  it('Commit: flags, commit LSN, end LSN, commit time', () => {
    assert.deepEqual(decode(bytes('43', '00', '00000000 016B3748', '00000000 016B3778', TS_HEX)), {
      type: 'commit',
      flags: 0,
      commitLsn: 0x16b3748n,
      endLsn: 0x16b3778n,
      commitTime: TS_UNIX,
    });
  });

  it('Origin: origin LSN and name', () => {
    assert.deepEqual(decode(bytes('4f', '00000000 00001234', 's:node_a')), { type: 'origin', originLsn: 0x1234n, name: 'node_a' });
  });

  it('Relation: namespace, name, replica identity and columns with key flag, type oid and typmod', () => {
    const message = bytes(
      '52', '00004001', 's:public', 's:orders', '64', '0003',
      '01', 's:id', '00000014', 'ffffffff',
      '00', 's:total', '000006a4', '000c0006',
      '00', 's:note', '00000019', 'ffffffff',
    );
    assert.deepEqual(decode(message), {
      type: 'relation',
      xid: undefined,
      relationId: 16385,
      namespace: 'public',
      name: 'orders',
      replicaIdentity: 'default',
      columns: [
        { flags: 1, isKey: true, name: 'id', typeOid: 20, typeMod: -1 },
        { flags: 0, isKey: false, name: 'total', typeOid: 1700, typeMod: 786438 },
        { flags: 0, isKey: false, name: 'note', typeOid: 25, typeMod: -1 },
      ],
    });
  });

  it('Relation and Type: an empty namespace means pg_catalog', () => {
    assert.deepEqual(decode(bytes('59', '00004100', '00', 's:text')), { type: 'type', xid: undefined, typeOid: 16640, namespace: 'pg_catalog', name: 'text' });
    const relation = decodePgoutput(bytes('52', '00000001', '00', 's:r', '66', '0000'), createPgoutputState());
    assert.equal(relation.type === 'relation' && relation.namespace, 'pg_catalog');
    assert.equal(relation.type === 'relation' && relation.replicaIdentity, 'full');
  });

  it('Insert: every column kind — text, null, unchanged TOAST, binary', () => {
    const message = bytes('49', '00004001', '4e', '0004', '74', '00000002', '3432', '6e', '75', '62', '00000003', '010203');
    const decoded = decodePgoutput(message, createPgoutputState());
    assert.equal(decoded.type, 'insert');
    if (decoded.type !== 'insert') return;
    const t = decoded.newTuple;
    assert.equal(t.count, 4);
    assert.deepEqual([t.kind(0), t.kind(1), t.kind(2), t.kind(3)], ['text', 'null', 'unchanged-toast', 'binary']);
    assert.deepEqual(t.values(), ['42', null, UNCHANGED_TOAST, Buffer.from([1, 2, 3])]);
    assert.equal(t.text(0), '42');
    assert.equal(t.text(3), undefined);
    assert.deepEqual(t.bytes(0), Buffer.from('42'));
    assert.equal(t.bytes(1), undefined);
    assert.equal(t.isNull(1), true);
    assert.equal(t.isUnchangedToast(2), true);
    assert.deepEqual(t.columns(), [
      { kind: 'text', bytes: Buffer.from('42') },
      { kind: 'null' },
      { kind: 'unchanged-toast' },
      { kind: 'binary', bytes: Buffer.from([1, 2, 3]) },
    ]);
    assert.equal(t.byteLength, message.length - 6);
    assert.deepEqual(Buffer.from(t.raw()), message.subarray(6));
    assert.throws(() => t.kind(4), RangeError);
  });

  it('Insert: column bytes are views into the message, not copies', () => {
    const message = bytes('49', '00004001', '4e', '0001', '74', '00000003', '616263');
    const decoded = decodePgoutput(message, createPgoutputState());
    assert.ok(decoded.type === 'insert');
    const view = decoded.newTuple.bytes(0);
    assert.ok(view);
    assert.equal(view.buffer, message.buffer);
    message[message.length - 1] = 0x64;
    assert.equal(decoded.newTuple.text(0), 'abd');
  });

  it('Update: old key (K) then new tuple; old tuple (O); new tuple only', () => {
    const key = bytes('55', '00004001', '4b', '0002', '74', '00000001', '31', '6e', '4e', '0002', '74', '00000001', '32', '74', '00000001', '78');
    assert.deepEqual(decode(key), {
      type: 'update',
      xid: undefined,
      relationId: 16385,
      oldKey: [{ kind: 'text', text: '1' }, { kind: 'null' }],
      oldTuple: undefined,
      newTuple: [{ kind: 'text', text: '2' }, { kind: 'text', text: 'x' }],
    });
    const full = bytes('55', '00004001', '4f', '0001', '74', '00000001', '61', '4e', '0001', '75');
    assert.deepEqual(decode(full), {
      type: 'update',
      xid: undefined,
      relationId: 16385,
      oldKey: undefined,
      oldTuple: [{ kind: 'text', text: 'a' }],
      newTuple: [{ kind: 'unchanged-toast' }],
    });
    const plain = bytes('55', '00004001', '4e', '0001', '6e');
    assert.deepEqual(decode(plain), { type: 'update', xid: undefined, relationId: 16385, oldKey: undefined, oldTuple: undefined, newTuple: [{ kind: 'null' }] });
  });

  it('Delete: old key or old tuple', () => {
    assert.deepEqual(decode(bytes('44', '00004001', '4b', '0001', '74', '00000001', '37')), {
      type: 'delete',
      xid: undefined,
      relationId: 16385,
      oldKey: [{ kind: 'text', text: '7' }],
      oldTuple: undefined,
    });
    assert.deepEqual(decode(bytes('44', '00004001', '4f', '0001', '6e')), {
      type: 'delete',
      xid: undefined,
      relationId: 16385,
      oldKey: undefined,
      oldTuple: [{ kind: 'null' }],
    });
  });

  it('Truncate: CASCADE and RESTART IDENTITY flags and relation ids', () => {
    assert.deepEqual(decode(bytes('54', '00000002', '03', '00004001', '00004002')), {
      type: 'truncate',
      xid: undefined,
      flags: 3,
      cascade: true,
      restartIdentity: true,
      relationIds: [16385, 16386],
    });
    const plain = decodePgoutput(bytes('54', '00000001', '00', '00004001'), createPgoutputState());
    assert.ok(plain.type === 'truncate' && !plain.cascade && !plain.restartIdentity);
    const restart = decodePgoutput(bytes('54', '00000001', '02', '00004001'), createPgoutputState());
    assert.ok(restart.type === 'truncate' && !restart.cascade && restart.restartIdentity);
  });

  it('Message: transactional flag, LSN, prefix and content', () => {
    assert.deepEqual(decode(bytes('4d', '01', '00000000 016B3700', 's:audit', '00000005', Buffer.from('hello').toString('hex'))), {
      type: 'message',
      xid: undefined,
      flags: 1,
      transactional: true,
      lsn: 0x16b3700n,
      prefix: 'audit',
      content: 'hello',
    });
    const raw = decodePgoutput(bytes('4d', '00', '0000000000000001', 's:p', '00000000'), createPgoutputState());
    assert.ok(raw.type === 'message' && !raw.transactional && raw.content.length === 0);
  });
});

describe('decodePgoutput inside streamed transactions (protocol 2+)', () => {
  it('reads the xid prefix between Stream Start and Stream Stop only', () => {
    const state = createPgoutputState();
    assert.deepEqual(decode(bytes('53', '000002e7', '01'), state), { type: 'stream-start', xid: 743, firstSegment: true });
    assert.equal(state.inStream, true);
    assert.deepEqual(decode(bytes('49', '000002e7', '00004001', '4e', '0001', '74', '00000001', '31'), state), {
      type: 'insert',
      xid: 743,
      relationId: 16385,
      newTuple: [{ kind: 'text', text: '1' }],
    });
    assert.deepEqual(decode(bytes('4d', '000002e7', '01', '0000000000000010', 's:p', '00000001', '78'), state), {
      type: 'message',
      xid: 743,
      flags: 1,
      transactional: true,
      lsn: 16n,
      prefix: 'p',
      content: 'x',
    });
    assert.deepEqual(decode(bytes('45'), state), { type: 'stream-stop' });
    assert.equal(state.inStream, false);
    assert.deepEqual(decode(bytes('49', '00004001', '4e', '0001', '6e'), state), {
      type: 'insert',
      xid: undefined,
      relationId: 16385,
      newTuple: [{ kind: 'null' }],
    });
  });

  it('Stream Start of a later segment', () => {
    assert.deepEqual(decode(bytes('53', '000002e7', '00')), { type: 'stream-start', xid: 743, firstSegment: false });
  });

  it('Stream Commit', () => {
    assert.deepEqual(decode(bytes('63', '000002e7', '00', '0000000001000000', '0000000001000030', TS_HEX)), {
      type: 'stream-commit',
      xid: 743,
      flags: 0,
      commitLsn: 0x1000000n,
      endLsn: 0x1000030n,
      commitTime: TS_UNIX,
    });
  });

  it('Stream Abort without (protocol 2/3) and with (protocol 4 parallel) abort LSN and time', () => {
    assert.deepEqual(decode(bytes('41', '000002e7', '000002e9')), { type: 'stream-abort', xid: 743, subxid: 745, abortLsn: undefined, abortTime: undefined });
    assert.deepEqual(decode(bytes('41', '000002e7', '000002e7', '0000000001000000', TS_HEX)), {
      type: 'stream-abort',
      xid: 743,
      subxid: 743,
      abortLsn: 0x1000000n,
      abortTime: TS_UNIX,
    });
  });

  it('rejects a Stream Start inside a block and a Stream Stop outside one', () => {
    const state = createPgoutputState();
    decodePgoutput(bytes('53', '00000001', '01'), state);
    assert.throws(() => decodePgoutput(bytes('53', '00000001', '00'), state), /Stream Start inside a streamed block/);
    decodePgoutput(bytes('45'), state);
    assert.throws(() => decodePgoutput(bytes('45'), state), /Stream Stop outside a streamed block/);
  });
});

describe('decodePgoutput for two-phase transactions (protocol 3+)', () => {
  it('Begin Prepare, Prepare, Commit Prepared, Rollback Prepared, Stream Prepare', () => {
    const gid = 's:tx-1';
    assert.deepEqual(decode(bytes('62', '0000000000000100', '0000000000000200', TS_HEX, '00000010', gid)), {
      type: 'begin-prepare', prepareLsn: 0x100n, endLsn: 0x200n, prepareTime: TS_UNIX, xid: 16, gid: 'tx-1',
    });
    assert.deepEqual(decode(bytes('50', '00', '0000000000000100', '0000000000000200', TS_HEX, '00000010', gid)), {
      type: 'prepare', flags: 0, prepareLsn: 0x100n, endLsn: 0x200n, prepareTime: TS_UNIX, xid: 16, gid: 'tx-1',
    });
    assert.deepEqual(decode(bytes('4b', '00', '0000000000000300', '0000000000000400', TS_HEX, '00000010', gid)), {
      type: 'commit-prepared', flags: 0, commitLsn: 0x300n, endLsn: 0x400n, commitTime: TS_UNIX, xid: 16, gid: 'tx-1',
    });
    assert.deepEqual(decode(bytes('72', '00', '0000000000000200', '0000000000000500', TS_HEX, TS_HEX, '00000010', gid)), {
      type: 'rollback-prepared', flags: 0, prepareEndLsn: 0x200n, rollbackEndLsn: 0x500n, prepareTime: TS_UNIX, rollbackTime: TS_UNIX, xid: 16, gid: 'tx-1',
    });
    assert.deepEqual(decode(bytes('70', '00', '0000000000000100', '0000000000000200', TS_HEX, '00000010', gid)), {
      type: 'stream-prepare', flags: 0, prepareLsn: 0x100n, endLsn: 0x200n, prepareTime: TS_UNIX, xid: 16, gid: 'tx-1',
    });
  });
});

describe('decodePgoutput on malformed input', () => {
  const cases: Array<[string, Buffer, RegExp]> = [
    ['an empty message', bytes(''), /truncated pgoutput message tag/],
    ['an unknown tag', bytes('5a'), /unknown pgoutput message tag 'Z' \(0x5a\)/],
    ['a truncated Begin', bytes('42', '0000'), /truncated Int64/],
    ['trailing bytes', bytes('4f', '0000000000000001', 's:o', 'ff'), /origin message has 1 unexpected trailing byte/],
    ['an unterminated string', bytes('4f', '0000000000000001', '6f'), /unterminated origin name/],
    ['an unknown column kind', bytes('49', '00004001', '4e', '0001', '7a'), /unknown TupleData column kind 0x7a for column 1/],
    ['a missing column', bytes('49', '00004001', '4e', '0002', '6e'), /column 2 of 2 missing/],
    ['a column longer than the message', bytes('49', '00004001', '4e', '0001', '74', '00000005', '6162'), /column 1 needs 5 byte\(s\)/],
    ['an Insert without N', bytes('49', '00004001', '4b', '0000'), /Insert: expected a new tuple \('N'\), got 'K'/],
    ['an Update with a bad kind', bytes('55', '00004001', '58'), /Update: expected a new tuple \('N'\), got 'X'/],
    ['a Delete with N', bytes('44', '00004001', '4e', '0000'), /Delete: expected an old key/],
    ['an unknown replica identity', bytes('52', '00000001', '00', 's:r', '78', '0000'), /unknown replica identity 'x'/],
  ];
  for (const [name, message, error] of cases) {
    it(`throws a ProtocolError for ${name}`, () => {
      assert.throws(() => decodePgoutput(message, createPgoutputState()), (err: unknown) => err instanceof ProtocolError && error.test(err.message));
    });
  }

  it('decodes a sub-range of a larger buffer', () => {
    const inner = bytes('45');
    const outer = Buffer.concat([bytes('ffff'), bytes('53', '00000001', '01'), inner, bytes('ff')]);
    const state = createPgoutputState();
    assert.deepEqual(decodePgoutput(outer, state, 2, 8), { type: 'stream-start', xid: 1, firstSegment: true });
    assert.deepEqual(decodePgoutput(outer, state, 8, 9), { type: 'stream-stop' });
  });
});

const text = (s: string): TupleColumn => ({ kind: 'text', bytes: Buffer.from(s) });

describe('encodePgoutput and decodePgoutput round-trip every message type', () => {
  const specs: PgoutputMessageSpec[] = [
    { type: 'begin', finalLsn: 0xffff_ffff_0000_0001n, commitTime: TS_UNIX, xid: 0xffff_fffe },
    { type: 'commit', flags: 0, commitLsn: 1n, endLsn: 2n, commitTime: -1n },
    { type: 'origin', originLsn: 5n, name: 'ünïcode' },
    {
      type: 'relation', xid: undefined, relationId: 1, namespace: 's', name: 'tåble', replicaIdentity: 'index',
      columns: [{ flags: 1, isKey: true, name: 'k', typeOid: 23, typeMod: -1 }],
    },
    { type: 'type', xid: undefined, typeOid: 99999, namespace: 'public', name: 'mood' },
    { type: 'insert', xid: undefined, relationId: 7, newTuple: [text('a'), { kind: 'binary', bytes: Buffer.alloc(70_000, 1) }] },
    { type: 'update', xid: undefined, relationId: 7, oldKey: [text('1')], oldTuple: undefined, newTuple: [text('2')] },
    { type: 'delete', xid: undefined, relationId: 7, oldKey: undefined, oldTuple: [{ kind: 'null' }, text('')] },
    { type: 'truncate', xid: undefined, flags: 1, cascade: true, restartIdentity: false, relationIds: [] },
    { type: 'message', xid: undefined, flags: 0, transactional: false, lsn: 9n, prefix: '', content: Buffer.from('{}') },
    { type: 'stream-commit', xid: 3, flags: 0, commitLsn: 10n, endLsn: 11n, commitTime: 0n },
    { type: 'stream-abort', xid: 3, subxid: 4, abortLsn: undefined, abortTime: undefined },
    { type: 'begin-prepare', prepareLsn: 1n, endLsn: 2n, prepareTime: 3n, xid: 4, gid: 'g' },
    { type: 'prepare', flags: 0, prepareLsn: 1n, endLsn: 2n, prepareTime: 3n, xid: 4, gid: 'g' },
    { type: 'commit-prepared', flags: 0, commitLsn: 1n, endLsn: 2n, commitTime: 3n, xid: 4, gid: 'g' },
    { type: 'rollback-prepared', flags: 0, prepareEndLsn: 1n, rollbackEndLsn: 2n, prepareTime: 3n, rollbackTime: 4n, xid: 5, gid: 'g' },
    { type: 'stream-prepare', flags: 0, prepareLsn: 1n, endLsn: 2n, prepareTime: 3n, xid: 4, gid: 'g' },
  ];
  for (const spec of specs) {
    it(spec.type, () => {
      const decoded = decodePgoutput(encodePgoutput(spec), createPgoutputState());
      const back: unknown =
        decoded.type === 'insert'
          ? { ...decoded, newTuple: decoded.newTuple.columns() }
          : decoded.type === 'update'
            ? { ...decoded, oldKey: decoded.oldKey?.columns(), oldTuple: decoded.oldTuple?.columns(), newTuple: decoded.newTuple.columns() }
            : decoded.type === 'delete'
              ? { ...decoded, oldKey: decoded.oldKey?.columns(), oldTuple: decoded.oldTuple?.columns() }
              : decoded;
      assert.deepEqual(back, spec);
    });
  }

  it('streamed messages with their xid prefix', () => {
    const state = createPgoutputState();
    const stream: PgoutputMessageSpec[] = [
      { type: 'stream-start', xid: 12, firstSegment: true },
      { type: 'relation', xid: 12, relationId: 1, namespace: 'public', name: 't', replicaIdentity: 'nothing', columns: [] },
      { type: 'type', xid: 12, typeOid: 5, namespace: 'public', name: 'e' },
      { type: 'truncate', xid: 13, flags: 2, cascade: false, restartIdentity: true, relationIds: [1, 2] },
      { type: 'stream-stop' },
    ];
    assert.deepEqual(
      stream.map((m) => decodePgoutput(encodePgoutput(m), state)),
      stream,
    );
  });
});
