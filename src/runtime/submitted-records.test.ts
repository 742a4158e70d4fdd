import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SubmittedRecords } from './submitted-records.js';

const A = { table: 'a' };
const B = { table: 'b' };
const offsetsOf = (s: SubmittedRecords) => s.committableOffsets().offsets.map((o) => [o.partition, o.offset]);

describe('SubmittedRecords', () => {
  it('commits nothing until the first record of a partition is acknowledged', () => {
    const s = new SubmittedRecords();
    s.submit(A, { pos: 1 });
    const second = s.submit(A, { pos: 2 });
    second.ack();
    assert.deepEqual(offsetsOf(s), []);
    assert.equal(s.pending, 1);
  });

  it('commits up to the last record whose predecessors are all acknowledged', () => {
    const s = new SubmittedRecords();
    const r = [1, 2, 3, 4].map((pos) => s.submit(A, { pos }));
    r[1]?.ack();
    r[0]?.ack();
    r[3]?.ack();
    assert.deepEqual(offsetsOf(s), [[A, { pos: 2 }]]);
    r[2]?.ack();
    assert.deepEqual(offsetsOf(s), [[A, { pos: 4 }]]);
    assert.deepEqual(offsetsOf(s), [], 'nothing new to commit');
    assert.equal(s.pending, 0);
  });

  it('keeps partitions independent: a stuck record in one does not hold back another', () => {
    const s = new SubmittedRecords();
    s.submit(A, { pos: 1 });
    const b1 = s.submit(B, { pos: 10 });
    const b2 = s.submit(B, { pos: 11 });
    b2.ack();
    b1.ack();
    assert.deepEqual(offsetsOf(s), [[B, { pos: 11 }]]);
  });

  it('treats equal partitions with differently ordered keys as one partition', () => {
    const s = new SubmittedRecords();
    const first = s.submit({ db: 'x', table: 't' }, { pos: 1 });
    const second = s.submit({ table: 't', db: 'x' }, { pos: 2 });
    second.ack();
    assert.deepEqual(offsetsOf(s), []);
    first.ack();
    assert.deepEqual(offsetsOf(s), [[{ db: 'x', table: 't' }, { pos: 2 }]]);
  });

  it('ignores duplicate acks and records without a source position', () => {
    const s = new SubmittedRecords();
    const r = s.submit(A, { pos: 1 });
    r.ack();
    r.ack();
    s.submit(null, null).ack();
    assert.equal(s.pending, 0);
    assert.deepEqual(offsetsOf(s), [[A, { pos: 1 }]]);
  });

  it('stays correct across many records acknowledged in reverse order', () => {
    const s = new SubmittedRecords();
    const handles = Array.from({ length: 5000 }, (_, pos) => s.submit(A, { pos }));
    for (let i = handles.length - 1; i > 0; i--) handles[i]?.ack();
    assert.deepEqual(offsetsOf(s), []);
    handles[0]?.ack();
    assert.deepEqual(offsetsOf(s), [[A, { pos: 4999 }]]);
  });
});
