import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeInsert } from './pgoutput-probe.js';

describe('the smoke tests pgoutput Insert decoder', () => {
  it('decodes text columns, nulls and unchanged TOAST from captured bytes', () => {
    // I, relid 16385, N, 3 columns: t "1", n, u
    const bytes = Buffer.from([0x49, 0, 0, 0x40, 0x01, 0x4e, 0, 3, 0x74, 0, 0, 0, 1, 0x31, 0x6e, 0x75]);
    assert.deepEqual(decodeInsert(bytes), { relationId: 16385, values: ['1', null, null] });
  });

  it('ignores messages that are not inserts', () => {
    assert.equal(decodeInsert(Buffer.from([0x42, 0, 0])), undefined);
  });
});
