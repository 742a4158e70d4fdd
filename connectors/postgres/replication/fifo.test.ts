import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SizedFifo } from './fifo.js';

describe('SizedFifo', () => {
  it('returns items in order and tracks their total size', () => {
    const fifo = new SizedFifo<string>();
    fifo.push('a', 3);
    fifo.push('b', 5);
    assert.equal(fifo.length, 2);
    assert.equal(fifo.bytes, 8);
    assert.equal(fifo.shift(), 'a');
    assert.equal(fifo.bytes, 5);
    assert.equal(fifo.shift(), 'b');
    assert.equal(fifo.shift(), undefined);
    assert.equal(fifo.length, 0);
    assert.equal(fifo.bytes, 0);
  });

  it('stays in order across compaction of a long-lived queue', () => {
    const fifo = new SizedFifo<number>();
    const out: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      fifo.push(i, 1);
      if (i % 3 === 0) out.push(fifo.shift() ?? -1);
    }
    while (fifo.length > 0) out.push(fifo.shift() ?? -1);
    assert.deepEqual(out, Array.from({ length: 10_000 }, (_, i) => i));
    assert.equal(fifo.bytes, 0);
  });

  it('clears', () => {
    const fifo = new SizedFifo<number>();
    fifo.push(1, 10);
    fifo.clear();
    assert.equal(fifo.length, 0);
    assert.equal(fifo.bytes, 0);
  });
});
