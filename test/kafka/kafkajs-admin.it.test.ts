import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
// kafkajs is CommonJS; Node sees only some of its named exports, so the enum comes from the default export.
import kafkajs, { type Admin } from 'kafkajs';
import { ConnectError } from '../../src/api/errors.js';
import type { KafkajsTopicStore } from '../../src/kafka/kafkajs/index.js';
import type { TopicAdmin, TopicProducer } from '../../src/kafka/port.js';
import { useService } from '../env/index.js';
import { kafkaClient } from '../env/services/kafka.js';
import { brokerStore, pollUntil, record, RecordingListener, text, uniqueName } from './kafkajs-support.js';

describe('kafkajs store against Kafka: admin', () => {
  let store: KafkajsTopicStore;
  let admin: TopicAdmin;
  let producer: TopicProducer;
  /** A plain kafkajs admin, to check what the store did from the outside. */
  let observer: Admin;

  before(async () => {
    store = await brokerStore();
    admin = store.admin();
    producer = store.producer({ clientId: 'admin-tests' });
    observer = kafkaClient('admin-observer').admin();
    await observer.connect();
  });

  after(async () => {
    await store.close();
    await observer.disconnect();
  });

  it('reports the broker’s cluster id', async () => {
    const kafka = await useService('kafka');
    assert.equal(await admin.clusterId(), kafka.clusterId);
  });

  it('creates only missing topics, with their partitions and settings, and says which it created', async () => {
    const existing = uniqueName('admin-existing');
    const fresh = uniqueName('admin-fresh');
    const defaults = uniqueName('admin-defaults');
    assert.deepEqual(await admin.createTopics([{ name: existing, partitions: 2 }]), [existing]);
    const created = await admin.createTopics([
      { name: existing, partitions: 5 },
      { name: fresh, partitions: 3, replicationFactor: 1, config: { 'cleanup.policy': 'compact', 'retention.ms': '3600000' } },
      { name: defaults },
    ]);
    assert.deepEqual(created.sort(), [defaults, fresh].sort());
    assert.deepEqual(await admin.describeTopics([fresh, existing, defaults, 'admin-no-such-topic']), [
      { name: fresh, partitions: 3 },
      { name: existing, partitions: 2 },
      { name: defaults, partitions: 1 },
    ]);
    const { resources } = await observer.describeConfigs({ resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: fresh, configNames: ['cleanup.policy', 'retention.ms'] }], includeSynonyms: false });
    assert.deepEqual(resources[0]?.configEntries.map((e) => [e.configName, e.configValue]).sort(), [['cleanup.policy', 'compact'], ['retention.ms', '3600000']]);
  });

  it('lists topics without Kafka’s internal ones', async () => {
    const topic = uniqueName('admin-list');
    await admin.createTopics([{ name: topic, partitions: 1 }]);
    const listed = await admin.listTopics();
    assert.ok(listed.includes(topic));
    assert.ok((await observer.listTopics()).includes('__consumer_offsets'), 'the broker has the internal topic');
    assert.equal(listed.includes('__consumer_offsets'), false);
    assert.deepEqual(listed, [...listed].sort());
  });

  it('reports beginning offsets after records were deleted, and end offsets after appends', async () => {
    const topic = uniqueName('admin-offsets');
    await admin.createTopics([{ name: topic, partitions: 2 }]);
    await producer.send(Array.from({ length: 6 }, (_, n) => record(topic, `v${n}`, { partition: 0 })));
    // kafkajs's deleteTopicRecords looks up leaders in metadata it has already loaded.
    await observer.fetchTopicMetadata({ topics: [topic] });
    await observer.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '4' }] });
    const partitions = [{ topic, partition: 1 }, { topic, partition: 0 }];
    assert.deepEqual(await admin.beginningOffsets(partitions), [{ topic, partition: 1, offset: 0 }, { topic, partition: 0, offset: 4 }]);
    assert.deepEqual(await admin.endOffsets(partitions), [{ topic, partition: 1, offset: 0 }, { topic, partition: 0, offset: 6 }]);
    await assert.rejects(admin.endOffsets([{ topic, partition: 9 }]), (err) => err instanceof ConnectError && err.message === `Unknown partition ${topic}-9`);
  });

  it('deletes topics, skipping ones that do not exist, and they are gone when it resolves', async () => {
    const topic = uniqueName('admin-delete');
    await admin.createTopics([{ name: topic, partitions: 1 }]);
    await admin.deleteTopics([topic, uniqueName('admin-never-existed')]);
    assert.equal((await admin.listTopics()).includes(topic), false);
    assert.deepEqual(await admin.createTopics([{ name: topic, partitions: 1 }]), [topic], 'the name can be used again at once');
  });

  it('sets and removes group offsets across topics; a removed offset falls back to the reset policy', async () => {
    const first = uniqueName('admin-group-a');
    const second = uniqueName('admin-group-b');
    await admin.createTopics([{ name: first, partitions: 2 }, { name: second, partitions: 1 }]);
    await producer.send([
      ...['a0', 'a1', 'a2'].map((v) => record(first, v, { partition: 0 })),
      record(first, 'a-p1', { partition: 1 }),
      ...['b0', 'b1'].map((v) => record(second, v, { partition: 0 })),
    ]);
    const groupId = uniqueName('admin-group');
    await admin.alterGroupOffsets(groupId, [
      { topic: first, partition: 0, offset: 2 },
      { topic: first, partition: 1, offset: 1 },
      { topic: second, partition: 0, offset: 1 },
    ]);
    assert.deepEqual(await admin.listGroupOffsets(groupId), [
      { topic: first, partition: 0, offset: 2 },
      { topic: first, partition: 1, offset: 1 },
      { topic: second, partition: 0, offset: 1 },
    ].sort((x, y) => (x.topic === y.topic ? x.partition - y.partition : x.topic < y.topic ? -1 : 1)));
    await admin.alterGroupOffsets(groupId, [{ topic: second, partition: 0, offset: null }]);
    assert.deepEqual((await admin.listGroupOffsets(groupId)).map((o) => `${o.topic}-${o.partition}@${o.offset}`).sort(), [`${first}-0@2`, `${first}-1@1`]);

    const consumer = store.consumer({ groupId, clientId: groupId, autoOffsetReset: 'earliest', maxPollRecords: 100 });
    await consumer.subscribe({ topics: [first, second] }, new RecordingListener());
    const received = await pollUntil(consumer, 3);
    assert.deepEqual(received.map((r) => text(r.value)).sort(), ['a2', 'b0', 'b1'], 'first-0 from 2, first-1 at its end, second from the start');
    await consumer.close();
  });

  it('deletes a group only when it has no members; deleting a missing group is a no-op', async () => {
    await admin.deleteGroup(uniqueName('admin-no-such-group'));
    const topic = uniqueName('admin-busy');
    await admin.createTopics([{ name: topic, partitions: 1 }]);
    const groupId = uniqueName('admin-busy-group');
    const consumer = store.consumer({ groupId, clientId: groupId, autoOffsetReset: 'earliest', maxPollRecords: 10 });
    await consumer.subscribe({ topics: [topic] }, new RecordingListener());
    await assert.rejects(admin.deleteGroup(groupId), (err) => err instanceof ConnectError && /^Deleting group .* failed: .*\(NON_EMPTY_GROUP\)$/.test(err.message));
    await assert.rejects(admin.alterGroupOffsets(groupId, [{ topic, partition: 0, offset: 0 }]), /must have no running instances, current state: Stable/);
    await consumer.close();
    await admin.deleteGroup(groupId);
  });
});
