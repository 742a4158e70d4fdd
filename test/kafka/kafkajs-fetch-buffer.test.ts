import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EachBatchPayload } from 'kafkajs';
import { FetchBuffer } from '../../src/kafka/kafkajs/fetch-buffer.js';
import type { ConsumedRecord } from '../../src/kafka/port.js';
import { testLogger } from './kafkajs-support.js';

interface FakeBatch {
  readonly payload: EachBatchPayload;
  readonly resolved: string[];
  heartbeats: number;
  heartbeatError: Error | undefined;
}

function fakeBatch(topic: string, partition: number): FakeBatch {
  const fake: FakeBatch = {
    resolved: [],
    heartbeats: 0,
    heartbeatError: undefined,
    payload: undefined as unknown as EachBatchPayload,
  };
  const payload = {
    batch: { topic, partition },
    resolveOffset: (offset: string) => fake.resolved.push(offset),
    heartbeat: async () => {
      fake.heartbeats += 1;
      if (fake.heartbeatError) throw fake.heartbeatError;
    },
  };
  return Object.assign(fake, { payload: payload as unknown as EachBatchPayload });
}

function records(topic: string, partition: number, offsets: number[]): ConsumedRecord[] {
  return offsets.map((offset) => ({ topic, partition, offset, key: null, value: null, headers: [], timestamp: 0, timestampType: 'CreateTime' as const }));
}

function buffer(options: { heartbeatIntervalMs?: number; maxPollIntervalMs?: number } = {}): FetchBuffer {
  return new FetchBuffer({ heartbeatIntervalMs: options.heartbeatIntervalMs ?? 3000, maxPollIntervalMs: options.maxPollIntervalMs ?? 300_000, logger: testLogger() });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const all = () => true;

/** Whether the promise has settled, without waiting for it. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await sleep(0);
  return done;
}

describe('kafkajs store: fetch buffer', () => {
  // The buffer's heartbeat timer does not hold the process open (a real consumer's sockets do).
  let keepAlive: NodeJS.Timeout | undefined;
  before(() => {
    keepAlive = setInterval(() => undefined, 1000);
  });
  after(() => clearInterval(keepAlive));

  it('holds a batch (and so kafkajs’s fetching) until poll took every record, then resolves its last offset', async () => {
    const fetched = buffer();
    const batch = fakeBatch('t', 0);
    const held = fetched.hold(records('t', 0, [10, 11, 12, 13, 14]), batch.payload);
    const positions: string[] = [];
    const onTaken = (key: string, next: number) => positions.push(`${key}@${next}`);
    assert.deepEqual(fetched.take(2, all, onTaken).map((r) => r.offset), [10, 11]);
    assert.equal(await settled(held), false, 'still held after a partial take');
    assert.deepEqual(fetched.take(2, all, onTaken).map((r) => r.offset), [12, 13]);
    assert.equal(await settled(held), false);
    assert.deepEqual(fetched.take(2, all, onTaken).map((r) => r.offset), [14]);
    await held;
    assert.deepEqual(batch.resolved, ['14']);
    assert.deepEqual(positions, ['t-0@12', 't-0@14', 't-0@15']);
    assert.equal(fetched.size, 0);
  });

  it('takes from partitions in turn and skips the ones the consumer cannot deliver', async () => {
    const fetched = buffer();
    void fetched.hold(records('t', 0, [0, 1, 2]), fakeBatch('t', 0).payload);
    void fetched.hold(records('t', 1, [0, 1, 2]), fakeBatch('t', 1).payload);
    void fetched.hold(records('t', 2, [0, 1, 2]), fakeBatch('t', 2).payload);
    const notPartition1 = (key: string) => key !== 't-1';
    const taken = (max: number) => fetched.take(max, notPartition1, () => undefined).map((r) => `${r.partition}:${r.offset}`);
    assert.deepEqual(taken(2), ['0:0', '0:1']);
    assert.deepEqual(taken(2), ['2:0', '2:1'], 'the next poll starts with another partition');
    assert.deepEqual(taken(10), ['2:2', '0:2']);
    assert.deepEqual(taken(10), []);
    assert.equal(fetched.size, 1, 'partition 1 is still parked');
  });

  it('releases a partition: keeping the position resolves what was handed out, otherwise nothing', async () => {
    const fetched = buffer();
    const paused = fakeBatch('t', 0);
    const sought = fakeBatch('t', 1);
    const untouched = fakeBatch('t', 2);
    const holds = [
      fetched.hold(records('t', 0, [5, 6, 7]), paused.payload),
      fetched.hold(records('t', 1, [5, 6, 7]), sought.payload),
      fetched.hold(records('t', 2, [5, 6, 7]), untouched.payload),
    ];
    fetched.take(2, (key) => key === 't-0', () => undefined);
    fetched.take(1, (key) => key === 't-1', () => undefined);
    fetched.release('t-0', { keepPosition: true });
    fetched.release('t-1', { keepPosition: false });
    fetched.release('t-2', { keepPosition: true });
    await Promise.all(holds);
    assert.deepEqual(paused.resolved, ['6'], 'kafkajs refetches from 7');
    assert.deepEqual(sought.resolved, [], 'a seek sets the position instead');
    assert.deepEqual(untouched.resolved, [], 'nothing handed out, nothing resolved');
  });

  it('fails every parked batch, and batches of the same fetch round, until the next fetch starts', async () => {
    const fetched = buffer();
    const rebalance = Object.assign(new Error('The group is rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
    const first = fetched.hold(records('t', 0, [0]), fakeBatch('t', 0).payload);
    fetched.failAll(rebalance);
    await assert.rejects(first, rebalance);
    await assert.rejects(fetched.hold(records('t', 1, [0]), fakeBatch('t', 1).payload), rebalance);
    fetched.fetchStarted();
    const later = fetched.hold(records('t', 1, [0]), fakeBatch('t', 1).payload);
    assert.equal(fetched.take(5, all, () => undefined).length, 1);
    await later;
  });

  it('sends heartbeats while batches are parked, and fails them when a heartbeat says the group rebalances', async () => {
    const fetched = buffer({ heartbeatIntervalMs: 40 });
    const batch = fakeBatch('t', 0);
    const held = fetched.hold(records('t', 0, [0]), batch.payload);
    // Ticks every max(50 ms, interval / 2); kafkajs itself drops heartbeats sent early.
    await sleep(240);
    assert.ok(batch.heartbeats >= 3, `${batch.heartbeats} heartbeats`);
    batch.heartbeatError = Object.assign(new Error('The group is rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
    await assert.rejects(held, /The group is rebalancing/);
    const count = batch.heartbeats;
    await sleep(100);
    assert.equal(batch.heartbeats, count, 'no heartbeats without parked batches');
  });

  it('stops heartbeats when poll() is not called for max.poll.interval.ms, and checks membership when it is', async () => {
    const fetched = buffer({ heartbeatIntervalMs: 40, maxPollIntervalMs: 100 });
    fetched.pollStarted();
    fetched.pollEnded();
    const batch = fakeBatch('t', 0);
    const held = fetched.hold(records('t', 0, [0]), batch.payload);
    await sleep(250);
    const beforeLapse = batch.heartbeats;
    await sleep(200);
    assert.equal(batch.heartbeats, beforeLapse, 'heartbeats stopped');
    batch.heartbeatError = Object.assign(new Error('The coordinator is not aware of this member'), { type: 'UNKNOWN_MEMBER_ID' });
    fetched.pollStarted();
    await fetched.confirmMembership();
    assert.equal(batch.heartbeats, beforeLapse + 1);
    await assert.rejects(held, /not aware of this member/);
    assert.deepEqual(fetched.take(5, all, () => undefined), [], 'the stale records are gone');
    fetched.pollEnded();
  });

  it('wakes a waiting poller when a batch arrives or the poll is aborted', async () => {
    const fetched = buffer();
    let started = Date.now();
    const waiting = fetched.waitForActivity(5000);
    void fetched.hold(records('t', 0, [0]), fakeBatch('t', 0).payload);
    await waiting;
    assert.ok(Date.now() - started < 1000);
    const controller = new AbortController();
    started = Date.now();
    const aborted = fetched.waitForActivity(5000, controller.signal);
    controller.abort();
    await aborted;
    assert.ok(Date.now() - started < 1000);
    fetched.releaseAll();
  });
});
