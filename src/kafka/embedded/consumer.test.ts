import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { IllegalStateError } from '../../api/errors.js';
import type { ConsumerOptions, ProducedRecord, RebalanceListener, TopicConsumer } from '../port.js';
import { CommitFailedError } from './consumer.js';
import { EmbeddedTopicStore, type EmbeddedTopicStoreOptions } from './store.js';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function openStore(options: Partial<EmbeddedTopicStoreOptions> = {}): Promise<EmbeddedTopicStore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tidewater-consumer-'));
  dirs.push(dataDir);
  return EmbeddedTopicStore.open({ dataDir, ...options });
}

const quiet: RebalanceListener = { onAssigned: async () => {}, onRevoked: async () => {} };

function consumerOf(store: EmbeddedTopicStore, groupId: string, options: Partial<ConsumerOptions> = {}): TopicConsumer {
  return store.consumer({ groupId, clientId: 'c', autoOffsetReset: 'earliest', maxPollRecords: 100, ...options });
}

function rec(topic: string, value: string, partition: number | null = 0): ProducedRecord {
  return { topic, partition, key: null, value: Buffer.from(value), headers: [], timestamp: null };
}

describe('embedded consumer', () => {
  test('a waiting poll wakes as soon as a record is appended', async () => {
    const store = await openStore();
    await store.admin().createTopics([{ name: 't' }]);
    const consumer = consumerOf(store, 'g');
    await consumer.subscribe({ topics: ['t'] }, quiet);
    assert.deepEqual(await consumer.poll(0), []);
    const started = Date.now();
    const polling = consumer.poll(30_000);
    setTimeout(() => void store.producer({ clientId: 'p' }).send([rec('t', 'now')]), 20);
    const records = await polling;
    assert.deepEqual(records.map((r) => r.value?.toString()), ['now']);
    assert.ok(Date.now() - started < 1000, `poll took ${Date.now() - started} ms`);
    await store.close();
  });

  test('subscribing by name creates a missing topic; patterns must match the whole topic name', async () => {
    const store = await openStore();
    const byName = consumerOf(store, 'g1');
    await byName.subscribe({ topics: ['fresh'] }, quiet);
    assert.deepEqual(await store.admin().listTopics(), ['fresh']);
    await store.admin().createTopics([{ name: 'orders-eu' }, { name: 'orders' }]);
    const byPattern = consumerOf(store, 'g2');
    await byPattern.subscribe({ pattern: /orders/g }, quiet);
    await byPattern.poll(0);
    assert.deepEqual(byPattern.assignment(), [{ topic: 'orders', partition: 0 }]);
    await store.close();
  });

  test('seek, pause and resume of a partition not assigned are illegal', async () => {
    const store = await openStore();
    const consumer = consumerOf(store, 'g');
    await consumer.subscribe({ topics: ['t'] }, quiet);
    await consumer.poll(0);
    assert.throws(() => consumer.seek({ topic: 't', partition: 1, offset: 0 }), IllegalStateError);
    assert.throws(() => consumer.pause([{ topic: 'other', partition: 0 }]), IllegalStateError);
    assert.throws(() => consumer.resume([{ topic: 'other', partition: 0 }]), IllegalStateError);
    await consumer.close();
    await assert.rejects(consumer.poll(0), IllegalStateError);
    await store.close();
  });

  test('a committed offset removed by retention resets to the log start under earliest', async () => {
    const store = await openStore({ log: { segmentBytes: 50 } });
    await store.admin().createTopics([{ name: 't', config: { 'retention.bytes': '0' } }]);
    await store.producer({ clientId: 'p' }).send([rec('t', 'a')]);
    await store.producer({ clientId: 'p' }).send([rec('t', 'b')]);
    await store.producer({ clientId: 'p' }).send([rec('t', 'c')]);
    await store.admin().alterGroupOffsets('g', [{ topic: 't', partition: 0, offset: 0 }]);
    assert.equal(await store.applyRetention(), 2);
    const consumer = consumerOf(store, 'g');
    await consumer.subscribe({ topics: ['t'] }, quiet);
    let records = await consumer.poll(0);
    for (let i = 0; records.length === 0 && i < 10; i++) records = await consumer.poll(100);
    assert.deepEqual(records.map((r) => [r.offset, r.value?.toString()]), [[2, 'c']]);
    await store.close();
  });

  test('an error thrown by onAssigned surfaces from poll, and the assignment stands', async () => {
    const store = await openStore();
    await store.admin().createTopics([{ name: 't' }]);
    await store.producer({ clientId: 'p' }).send([rec('t', 'x')]);
    const consumer = consumerOf(store, 'g');
    await consumer.subscribe({ topics: ['t'] }, { onAssigned: async () => Promise.reject(new Error('listener broke')), onRevoked: async () => {} });
    await assert.rejects(consumer.poll(0), /listener broke/);
    assert.deepEqual(consumer.assignment(), [{ topic: 't', partition: 0 }]);
    assert.deepEqual((await consumer.poll(0)).map((r) => r.value?.toString()), ['x']);
    await store.close();
  });

  test('a member that stops polling during a rebalance is evicted after max.poll.interval.ms', async () => {
    const store = await openStore();
    await store.admin().createTopics([{ name: 't', partitions: 2 }]);
    const events: string[] = [];
    const stalled = consumerOf(store, 'g', { settings: { 'max.poll.interval.ms': '100' } });
    await stalled.subscribe({ topics: ['t'] }, { onAssigned: async (p) => void events.push(`assigned ${p.length}`), onRevoked: async (p) => void events.push(`revoked ${p.length}`) });
    await stalled.poll(0);
    assert.equal(stalled.assignment().length, 2);

    const active = consumerOf(store, 'g');
    await active.subscribe({ topics: ['t'] }, quiet);
    for (let i = 0; i < 50 && active.assignment().length < 2; i++) await active.poll(50);
    assert.equal(active.assignment().length, 2, 'the active member takes everything once the stalled one is evicted');
    await assert.rejects(stalled.commit([{ topic: 't', partition: 0, offset: 0 }]), CommitFailedError);

    // Back in poll, the evicted member gives its partitions up and rejoins.
    for (let i = 0; i < 50 && (stalled.assignment().length !== 1 || active.assignment().length !== 1); i++) await Promise.all([stalled.poll(20), active.poll(20)]);
    assert.deepEqual([stalled.assignment().length, active.assignment().length], [1, 1]);
    assert.deepEqual(events, ['assigned 2', 'revoked 2', 'assigned 1']);
    await store.close();
  });

  test('closing the store closes its consumers (revoking their partitions) and producers', async () => {
    const store = await openStore();
    await store.admin().createTopics([{ name: 't' }]);
    const revoked: number[] = [];
    const consumer = consumerOf(store, 'g');
    await consumer.subscribe({ topics: ['t'] }, { onAssigned: async () => {}, onRevoked: async (p) => void revoked.push(p.length) });
    await consumer.poll(0);
    const producer = store.producer({ clientId: 'p' });
    await store.close();
    assert.deepEqual(revoked, [1]);
    await assert.rejects(producer.send([rec('t', 'late')]), IllegalStateError);
    await assert.rejects(consumer.poll(0), IllegalStateError);
    assert.throws(() => store.admin(), IllegalStateError);
  });
});
