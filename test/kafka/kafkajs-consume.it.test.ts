import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IllegalStateError } from '../../src/api/errors.js';
import type { KafkajsTopicStore } from '../../src/kafka/kafkajs/index.js';
import type { ConsumedRecord, ConsumerOptions, TopicAdmin, TopicProducer } from '../../src/kafka/port.js';
import { brokerStore, names, pollFor, pollUntil, pollUntilTrue, record, RecordingListener, text, uniqueName } from './kafkajs-support.js';

const values = (records: readonly ConsumedRecord[]): Array<string | null> => records.map((r) => text(r.value));

describe('kafkajs store against Kafka: consuming', () => {
  let store: KafkajsTopicStore;
  let admin: TopicAdmin;
  let producer: TopicProducer;

  before(async () => {
    store = await brokerStore();
    admin = store.admin();
    producer = store.producer({ clientId: 'consume-tests' });
  });

  after(async () => {
    await store.close();
  });

  async function topicWith(partitions: number, perPartition: number, prefix = 'consume'): Promise<string> {
    const topic = uniqueName(prefix);
    await admin.createTopics([{ name: topic, partitions }]);
    const records = [];
    for (let p = 0; p < partitions; p += 1) for (let n = 0; n < perPartition; n += 1) records.push(record(topic, `p${p}-${n}`, { partition: p }));
    if (records.length > 0) await producer.send(records);
    return topic;
  }

  function consumer(groupId: string, overrides: Partial<ConsumerOptions> = {}) {
    return store.consumer({ groupId, clientId: groupId, autoOffsetReset: 'earliest', maxPollRecords: 500, ...overrides });
  }

  it('polls records in partition order, at most maxPollRecords at a time, with the listener run first', async () => {
    const topic = await topicWith(1, 25);
    const member = consumer(uniqueName('group'), { maxPollRecords: 10 });
    const listener = new RecordingListener();
    await member.subscribe({ topics: [topic] }, listener);
    assert.deepEqual(member.assignment(), [], 'the assignment is reported by poll()');
    const sizes: number[] = [];
    const received: ConsumedRecord[] = [];
    while (received.length < 25) {
      const batch = await member.poll(5000);
      sizes.push(batch.length);
      received.push(...batch);
    }
    assert.deepEqual(listener.calls, [`assigned ${topic}-0`]);
    assert.deepEqual(member.assignment(), [{ topic, partition: 0 }]);
    assert.ok(sizes.every((size) => size <= 10), `poll sizes ${sizes.join(',')}`);
    assert.deepEqual(values(received), Array.from({ length: 25 }, (_, n) => `p0-${n}`));
    assert.deepEqual(received.map((r) => r.offset), Array.from({ length: 25 }, (_, n) => n));
    assert.deepEqual(await member.poll(200), []);
    await member.close();
  });

  it('commits only when asked; a new member of the group resumes after the committed offset', async () => {
    const topic = await topicWith(2, 5);
    const groupId = uniqueName('group');
    const first = consumer(groupId);
    await first.subscribe({ topics: [topic] }, new RecordingListener());
    const received = await pollUntil(first, 10);
    assert.equal(received.length, 10);
    assert.deepEqual(await first.committed([{ topic, partition: 0 }, { topic, partition: 1 }]), []);
    await first.commit([{ topic, partition: 0, offset: 3 }]);
    assert.deepEqual(await first.committed([{ topic, partition: 0 }, { topic, partition: 1 }]), [{ topic, partition: 0, offset: 3 }]);
    await first.close();

    const second = consumer(groupId);
    await second.subscribe({ topics: [topic] }, new RecordingListener());
    const resumed = await pollUntil(second, 7);
    assert.deepEqual(values(resumed).sort(), ['p0-3', 'p0-4', 'p1-0', 'p1-1', 'p1-2', 'p1-3', 'p1-4']);
    await second.close();
  });

  it('starts at the end with autoOffsetReset latest', async () => {
    const topic = await topicWith(1, 3);
    const member = consumer(uniqueName('group'), { autoOffsetReset: 'latest' });
    await member.subscribe({ topics: [topic] }, new RecordingListener());
    assert.deepEqual(await member.poll(1000), []);
    await producer.send([record(topic, 'after-join', { partition: 0 })]);
    const received = await pollUntil(member, 1);
    assert.deepEqual(received.map((r) => [r.offset, text(r.value)]), [[3, 'after-join']]);
    await member.close();
  });

  it('seeks backwards and forwards within an assigned partition', async () => {
    const topic = await topicWith(1, 10);
    const member = consumer(uniqueName('group'), { maxPollRecords: 4 });
    await member.subscribe({ topics: [topic] }, new RecordingListener());
    const firstBatch = await pollUntil(member, 1);
    assert.deepEqual(firstBatch.map((r) => r.offset), [0, 1, 2, 3]);
    member.seek({ topic, partition: 0, offset: 1 });
    assert.deepEqual((await pollUntil(member, 1)).map((r) => r.offset), [1, 2, 3, 4]);
    member.seek({ topic, partition: 0, offset: 8 });
    assert.deepEqual((await pollUntil(member, 2)).map((r) => r.offset), [8, 9]);
    assert.throws(() => member.seek({ topic, partition: 7, offset: 0 }), (err) => err instanceof IllegalStateError && err.message === `No current assignment for partition ${topic}-7`);
    await member.close();
  });

  it('returns nothing from paused partitions and resumes where it stopped', async () => {
    const topic = await topicWith(2, 0);
    const member = consumer(uniqueName('group'), { maxPollRecords: 3 });
    await member.subscribe({ topics: [topic] }, new RecordingListener());
    await pollUntilTrue(member, () => member.assignment().length === 2, 30_000, 'the assignment');
    await producer.send([0, 1, 2, 3, 4, 5].flatMap((n) => [record(topic, `p0-${n}`, { partition: 0 }), record(topic, `p1-${n}`, { partition: 1 })]));
    const before: ConsumedRecord[] = [];
    while (!before.some((r) => r.partition === 0)) before.push(...(await member.poll(1000)));
    member.pause([{ topic, partition: 0 }]);
    const whilePaused = await pollFor(member, 1500);
    assert.ok(whilePaused.every((r) => r.partition === 1), 'nothing from the paused partition');
    member.resume([{ topic, partition: 0 }]);
    const rest = await pollUntil(member, 12 - before.length - whilePaused.length, 10_000);
    const all = [...before, ...whilePaused, ...rest];
    for (const partition of [0, 1]) {
      assert.deepEqual(values(all.filter((r) => r.partition === partition)), [0, 1, 2, 3, 4, 5].map((n) => `p${partition}-${n}`), `partition ${partition}: no gap, no repeat`);
    }
    await member.close();
  });

  it('rebalances between members: onRevoked for lost partitions only, read positions kept for the rest', async () => {
    const topic = await topicWith(4, 0);
    const groupId = uniqueName('group');
    const first = consumer(groupId);
    const firstListener = new RecordingListener();
    await first.subscribe({ topics: [topic] }, firstListener);
    await pollUntilTrue(first, () => first.assignment().length === 4, 30_000, 'all four partitions');
    await producer.send([0, 1, 2, 3].map((p) => record(topic, `early-${p}`, { partition: p })));
    assert.equal((await pollUntil(first, 4)).length, 4);

    const second = consumer(groupId);
    const secondListener = new RecordingListener();
    await second.subscribe({ topics: [topic] }, secondListener);
    const firstDuring = await pollUntilTrue(first, () => first.assignment().length === 2, 30_000, 'the first member to give up two partitions');
    const secondEarly = await pollUntilTrue(second, () => second.assignment().length === 2, 30_000, 'the second member to get two partitions');
    assert.deepEqual(firstDuring, []);
    assert.deepEqual(firstListener.calls.slice(1), [`revoked ${names(second.assignment())}`]);
    assert.deepEqual(secondListener.calls, [`assigned ${names(second.assignment())}`]);
    assert.equal(names([...first.assignment(), ...second.assignment()]), names([0, 1, 2, 3].map((partition) => ({ topic, partition }))));

    await producer.send([0, 1, 2, 3].map((p) => record(topic, `late-${p}`, { partition: p })));
    const firstLate = await pollFor(first, 1500);
    // Nothing was committed: the first member keeps its place in the partitions it kept, the second
    // starts its new partitions from the beginning.
    assert.deepEqual(values(firstLate).sort(), first.assignment().map((tp) => `late-${tp.partition}`).sort());
    const secondAll = [...secondEarly, ...(await pollUntil(second, 4 - secondEarly.length))];
    assert.deepEqual(values(secondAll).sort(), second.assignment().flatMap((tp) => [`early-${tp.partition}`, `late-${tp.partition}`]).sort());

    const leaving = second.assignment();
    await second.close();
    assert.deepEqual(secondListener.calls.slice(1), [`revoked ${names(leaving)}`]);
    await pollUntilTrue(first, () => first.assignment().length === 4, 30_000, 'the partitions to come back');
    assert.deepEqual(firstListener.calls.slice(2), [`assigned ${names(leaving)}`]);
    await first.close();
  });

  it('picks up topics created later that match a pattern subscription', async () => {
    const prefix = uniqueName('pattern');
    await admin.createTopics([{ name: `${prefix}-a`, partitions: 1 }, { name: `${prefix}-x-not`, partitions: 1 }]);
    const member = consumer(uniqueName('group'), { settings: { 'metadata.max.age.ms': '500' } });
    const listener = new RecordingListener();
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    await member.subscribe({ pattern: new RegExp(`${escaped}-[a-z]`) }, listener);
    await pollUntilTrue(member, () => member.assignment().length === 1, 30_000, 'the first matching topic');
    await producer.send([record(`${prefix}-a`, 'before-new-topic')]);
    assert.deepEqual(values(await pollUntil(member, 1)), ['before-new-topic']);
    await admin.createTopics([{ name: `${prefix}-b`, partitions: 1 }]);
    await producer.send([record(`${prefix}-b`, 'in-new-topic'), record(`${prefix}-x-not`, 'not-matching')]);
    const received = await pollUntilTrue(member, () => member.assignment().length === 2, 30_000, 'the new topic').then(async (early) => [...early, ...(await pollUntil(member, 1 - early.length, 10_000))]);
    assert.deepEqual(names(member.assignment()), `${prefix}-a-0,${prefix}-b-0`);
    // Not committed, yet not delivered again: the rejoin kept the read position of the partition it kept.
    assert.deepEqual(received.map((r) => [r.topic, text(r.value)]), [[`${prefix}-b`, 'in-new-topic']]);
    assert.deepEqual(listener.calls, [`assigned ${prefix}-a-0`, `assigned ${prefix}-b-0`]);
    await member.close();
  });

  it('close() runs onRevoked, where offsets can still be committed, then leaves the group', async () => {
    const topic = await topicWith(1, 3);
    const groupId = uniqueName('group');
    const member = consumer(groupId);
    const listener = new RecordingListener();
    listener.onRevokedHook = async () => member.commit([{ topic, partition: 0, offset: 3 }]);
    await member.subscribe({ topics: [topic] }, listener);
    assert.equal((await pollUntil(member, 3)).length, 3);
    await member.close();
    assert.deepEqual(listener.calls, [`assigned ${topic}-0`, `revoked ${topic}-0`]);
    assert.deepEqual(member.assignment(), []);
    assert.deepEqual(await admin.listGroupOffsets(groupId), [{ topic, partition: 0, offset: 3 }]);
    // The group is empty at once (a member that had not left would block this with NON_EMPTY_GROUP).
    await admin.deleteGroup(groupId);
    assert.throws(() => member.assignment() && member.seek({ topic, partition: 0, offset: 0 }), IllegalStateError);
  });

  it('refuses poll and commit before subscribe', async () => {
    const member = consumer(uniqueName('group'));
    await assert.rejects(member.poll(10), (err) => err instanceof IllegalStateError && err.message === 'Consumer is not subscribed to any topics');
    await assert.rejects(member.commit([{ topic: 't', partition: 0, offset: 1 }]), IllegalStateError);
    await member.close();
  });

  it('gives up the partitions of a member that stops polling for max.poll.interval.ms', async () => {
    const topic = await topicWith(1, 20);
    const groupId = uniqueName('group');
    const timing = { 'max.poll.interval.ms': '1500', 'session.timeout.ms': '6000', 'heartbeat.interval.ms': '500' };
    const stalled = consumer(groupId, { maxPollRecords: 1, settings: timing });
    const stalledListener = new RecordingListener();
    await stalled.subscribe({ topics: [topic] }, stalledListener);
    assert.deepEqual(values(await pollUntil(stalled, 1)), ['p0-0']);
    // The stalled member holds records it has not handed out, and stops polling.
    const other = consumer(groupId, { settings: timing });
    await other.subscribe({ topics: [topic] }, new RecordingListener());
    const taken = await pollUntilTrue(other, () => other.assignment().length === 1, 40_000, 'the partition to move to the polling member');
    const rest = [...taken, ...(await pollUntil(other, 20 - taken.length, 10_000))];
    assert.deepEqual(values(rest), Array.from({ length: 20 }, (_, n) => `p0-${n}`), 'nothing was committed: the other member reads from the start');
    await other.commit([{ topic, partition: 0, offset: 20 }]);
    // Back to polling, the stalled member learns it lost the partition before it could hand out a stale
    // record; the rejoin may give the partition back, from the committed offset.
    const afterReturn = await pollFor(stalled, 3000);
    assert.deepEqual(afterReturn, []);
    assert.deepEqual(stalledListener.calls.slice(0, 2), [`assigned ${topic}-0`, `revoked ${topic}-0`]);
    await Promise.all([stalled.close(), other.close()]);
  });
});
