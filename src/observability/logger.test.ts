import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createRootLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, logger: createRootLogger({ destination, level: 'info' }) };
}

describe('root logger', () => {
  it('hides passwords in connector configs and top-level fields', () => {
    const { lines, logger } = capture();
    logger.info({ password: 'p1', config: { 'database.password': 'p2', 'database.user': 'cdc' } }, 'starting');
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    assert.equal(entry.password, '[hidden]');
    assert.deepEqual(entry.config, { 'database.password': '[hidden]', 'database.user': 'cdc' });
    assert.doesNotMatch(lines.join(''), /p1|p2/);
  });
});
