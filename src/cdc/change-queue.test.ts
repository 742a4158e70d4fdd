import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sourceRecord, type SourceRecord } from '../api/record.js';
import { ChangeQueue } from './change-queue.js';

const record = (n: number): SourceRecord => sourceRecord({ topic: 'srv.public.t', value: n, sourcePartition: { server: 'srv' }, sourceOffset: { lsn: n } });
const records = (from: number, to: number): SourceRecord[] => Array.from({ length: to - from + 1 }, (_, i) => record(from + i));
const values = (batch: readonly SourceRecord[]) => batch.map((r) => r.value as number);

function queue(options: Partial<{ maxQueueSize: number; maxBatchSize: number; pollIntervalMs: number }> = {}): ChangeQueue {
  return new ChangeQueue({ maxQueueSize: 8192, maxBatchSize: 2048, pollIntervalMs: 500, ...options });
}

/** Whether `promise` has settled after pending I/O and microtasks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await sleep(5);
  return done;
}

describe('ChangeQueue capacity', () => {
  it('reports its size and the remaining capacity (max.queue.size minus queued records)', async () => {
    const q = queue({ maxQueueSize: 10 });
    assert.equal(q.size, 0);
    assert.equal(q.remainingCapacity, 10);
    await q.enqueue(records(1, 4));
    assert.equal(q.size, 4);
    assert.equal(q.remainingCapacity, 6);
    await q.poll();
    assert.equal(q.size, 0);
    assert.equal(q.remainingCapacity, 10);
  });

  it('makes the producer wait while the queue holds max.queue.size records', async () => {
    const q = queue({ maxQueueSize: 2, maxBatchSize: 2 });
    const producing = q.enqueue(records(1, 5));
    assert.equal(await settled(producing), false);
    assert.equal(q.size, 2);
    assert.equal(q.remainingCapacity, 0);

    assert.deepEqual(values(await q.poll()), [1, 2]);
    assert.equal(await settled(producing), false);
    assert.deepEqual(values(await q.poll()), [3, 4]);
    assert.equal(await settled(producing), true);
    assert.deepEqual(values(await q.poll()), [5]);
    await producing;
  });

  it('keeps the order of records across waits, with several producers', async () => {
    const q = queue({ maxQueueSize: 3, maxBatchSize: 100 });
    const first = q.enqueue(records(1, 4));
    const second = q.enqueue(records(5, 6));
    const seen: number[] = [];
    while (seen.length < 6) seen.push(...values(await q.poll()));
    await Promise.all([first, second]);
    // Each producer's own records stay in order; nothing is lost or duplicated.
    assert.deepEqual(
      seen.filter((n) => n <= 4),
      [1, 2, 3, 4],
    );
    assert.deepEqual(
      seen.filter((n) => n > 4),
      [5, 6],
    );
  });

  it('stops a waiting producer when its signal aborts, dropping the records not yet queued', async () => {
    const q = queue({ maxQueueSize: 2 });
    const controller = new AbortController();
    const producing = q.enqueue(records(1, 4), controller.signal);
    assert.equal(await settled(producing), false);
    controller.abort();
    await producing;
    assert.equal(q.size, 2);
    assert.deepEqual(values(await q.poll()), [1, 2]);
    assert.equal(q.size, 0);
  });

  it('queues nothing for an already aborted producer', async () => {
    const q = queue();
    await q.enqueue(records(1, 3), AbortSignal.abort());
    assert.equal(q.size, 0);
  });
});

describe('ChangeQueue.poll', () => {
  it('hands out queued records in order', async () => {
    const q = queue();
    await q.enqueue(records(1, 3));
    await q.enqueue(records(4, 5));
    assert.deepEqual(values(await q.poll()), [1, 2, 3, 4, 5]);
  });

  it('hands out at most max.batch.size records per poll', async () => {
    const q = queue({ maxBatchSize: 3 });
    await q.enqueue(records(1, 7));
    assert.deepEqual(values(await q.poll()), [1, 2, 3]);
    assert.deepEqual(values(await q.poll()), [4, 5, 6]);
    assert.deepEqual(values(await q.poll()), [7]);
  });

  it('returns an empty batch after poll.interval.ms when nothing arrives', async () => {
    const q = queue({ pollIntervalMs: 60 });
    const start = performance.now();
    assert.deepEqual(await q.poll(), []);
    const elapsed = performance.now() - start;
    assert.ok(elapsed >= 55, `returned after ${elapsed} ms`);
  });

  it('returns a full batch as soon as max.batch.size records are queued', async () => {
    const q = queue({ maxBatchSize: 2, pollIntervalMs: 10_000 });
    const start = performance.now();
    const polling = q.poll();
    await sleep(10);
    await q.enqueue(records(1, 2));
    assert.deepEqual(values(await polling), [1, 2]);
    assert.ok(performance.now() - start < 2_000);
  });

  it('returns an empty batch promptly when its signal aborts', async () => {
    const q = queue({ pollIntervalMs: 10_000 });
    const controller = new AbortController();
    const start = performance.now();
    const polling = q.poll(controller.signal);
    await sleep(10);
    controller.abort();
    assert.deepEqual(await polling, []);
    assert.ok(performance.now() - start < 2_000);
  });

  it('lets a waiting producer go on once a poll made room', async () => {
    const q = queue({ maxQueueSize: 1, maxBatchSize: 1 });
    await q.enqueue([record(1)]);
    const producing = q.enqueue([record(2)]);
    assert.equal(await settled(producing), false);
    await q.poll();
    await producing;
    assert.deepEqual(values(await q.poll()), [2]);
  });

  it('moves many records in order through many polls', async () => {
    const q = queue({ maxQueueSize: 20_000, maxBatchSize: 1_000 });
    await q.enqueue(records(1, 12_345));
    const seen: number[] = [];
    for (let batch = await q.poll(); batch.length; batch = q.size ? await q.poll() : []) {
      assert.ok(batch.length <= 1_000);
      seen.push(...values(batch));
    }
    assert.equal(seen.length, 12_345);
    assert.ok(seen.every((n, i) => n === i + 1));
  });

  it('keeps order when producing and consuming interleave', async () => {
    const q = queue({ maxQueueSize: 7, maxBatchSize: 5, pollIntervalMs: 20 });
    const producing = (async () => {
      for (let i = 1; i <= 200; i += 10) await q.enqueue(records(i, i + 9));
    })();
    const seen: number[] = [];
    while (seen.length < 200) seen.push(...values(await q.poll()));
    await producing;
    assert.deepEqual(seen, records(1, 200).map((r) => r.value));
  });
});

describe('ChangeQueue.fail', () => {
  it('makes the next poll throw the producer failure', async () => {
    const q = queue();
    const failure = new Error('replication slot is gone');
    q.fail(failure);
    await assert.rejects(q.poll(), (err) => err === failure);
  });

  it('keeps failing every later poll', async () => {
    const q = queue();
    const failure = new Error('boom');
    q.fail(failure);
    await assert.rejects(q.poll(), (err) => err === failure);
    await assert.rejects(q.poll(), (err) => err === failure);
  });

  it('keeps the first failure (ErrorHandler.setProducerThrowable keeps only the first)', async () => {
    const q = queue();
    const first = new Error('first');
    q.fail(first);
    q.fail(new Error('second'));
    await assert.rejects(q.poll(), (err) => err === first);
  });

  it('reports a failure that happens while a poll waits, at the latest on the next poll', async () => {
    // Debezium's waiting poll notices the failure when it next checks (it may first return what it has);
    // either way the failure must surface without another record arriving.
    const q = queue({ pollIntervalMs: 100 });
    const failure = new Error('boom');
    const polling = q.poll();
    await sleep(10);
    q.fail(failure);
    const first = await polling.then(
      (batch) => ({ batch }),
      (err: unknown) => ({ err }),
    );
    if ('batch' in first) {
      assert.deepEqual(first.batch, []);
      await assert.rejects(q.poll(), (err) => err === failure);
    } else {
      assert.equal(first.err, failure);
    }
  });
});
