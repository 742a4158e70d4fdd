import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConnectError, RetriableError } from '../../src/api/errors.js';
import type { KafkajsTopicStore } from '../../src/kafka/kafkajs/index.js';
import type { TopicAdmin } from '../../src/kafka/port.js';
import { brokerStore, bytes, pollUntil, record, RecordingListener, text, uniqueName } from './kafkajs-support.js';

describe('kafkajs store against Kafka: producing', () => {
  let store: KafkajsTopicStore;
  let admin: TopicAdmin;

  before(async () => {
    store = await brokerStore();
    admin = store.admin();
  });

  after(async () => {
    await store.close();
  });

  async function readBack(topic: string, count: number, settings: Record<string, string> = {}) {
    const consumer = store.consumer({ groupId: uniqueName('read-back'), clientId: 'read-back', autoOffsetReset: 'earliest', maxPollRecords: 500, settings });
    try {
      await consumer.subscribe({ topics: [topic] }, new RecordingListener());
      return await pollUntil(consumer, count);
    } finally {
      await consumer.close();
    }
  }

  it('acknowledges records where Kafka’s Java producer would put them, and they read back unchanged', async () => {
    const topic = uniqueName('produce-keys');
    await admin.createTopics([{ name: topic, partitions: 7 }]);
    const producer = store.producer({ clientId: 'produce-keys' });
    const keys = ['a', 'key-1', 'tidewater', 'order:42', 'été', '0123456789abcdef0123', 'a'];
    const results = await producer.send(
      keys.map((key, n) => record(topic, `value-${n}`, { key: bytes(key), timestamp: 1_700_000_000_000 + n, headers: [{ key: 'n', value: bytes(String(n)) }] })),
    );
    // Partitions from Kafka 3.9.1's Utils.toPositive(Utils.murmur2(key)) % 7.
    assert.deepEqual(
      results.map((r) => [r.partition, r.offset]),
      [
        [5, 0],
        [5, 1],
        [4, 0],
        [5, 2],
        [4, 1],
        [5, 3],
        [5, 4],
      ],
    );
    assert.deepEqual(results.map((r) => r.timestamp), keys.map((_, n) => 1_700_000_000_000 + n));
    const consumed = await readBack(topic, keys.length);
    const byOffset = consumed.map((r) => ({ partition: r.partition, offset: r.offset, key: text(r.key), value: text(r.value), n: text(r.headers[0]?.value ?? null), timestamp: r.timestamp, type: r.timestampType }));
    byOffset.sort((x, y) => x.partition - y.partition || x.offset - y.offset);
    assert.deepEqual(byOffset, [
      { partition: 4, offset: 0, key: 'tidewater', value: 'value-2', n: '2', timestamp: 1_700_000_000_002, type: 'CreateTime' },
      { partition: 4, offset: 1, key: 'été', value: 'value-4', n: '4', timestamp: 1_700_000_000_004, type: 'CreateTime' },
      { partition: 5, offset: 0, key: 'a', value: 'value-0', n: '0', timestamp: 1_700_000_000_000, type: 'CreateTime' },
      { partition: 5, offset: 1, key: 'key-1', value: 'value-1', n: '1', timestamp: 1_700_000_000_001, type: 'CreateTime' },
      { partition: 5, offset: 2, key: 'order:42', value: 'value-3', n: '3', timestamp: 1_700_000_000_003, type: 'CreateTime' },
      { partition: 5, offset: 3, key: '0123456789abcdef0123', value: 'value-5', n: '5', timestamp: 1_700_000_000_005, type: 'CreateTime' },
      { partition: 5, offset: 4, key: 'a', value: 'value-6', n: '6', timestamp: 1_700_000_000_006, type: 'CreateTime' },
    ]);
    await producer.close();
  });

  it('keeps null keys and values, binary bytes and repeated headers', async () => {
    const topic = uniqueName('produce-bytes');
    await admin.createTopics([{ name: topic, partitions: 1 }]);
    const producer = store.producer({ clientId: 'produce-bytes', settings: { 'compression.type': 'gzip' } });
    const binary = Uint8Array.from([0, 255, 1, 254]);
    await producer.send([
      { topic, partition: null, key: null, value: null, headers: [], timestamp: null },
      { topic, partition: 0, key: binary, value: binary.subarray(1, 3), headers: [{ key: 'h', value: bytes('1') }, { key: 'h', value: bytes('2') }, { key: 'e', value: new Uint8Array(0) }], timestamp: 5 },
    ]);
    const [tombstone, binaryRecord] = await readBack(topic, 2);
    assert.equal(tombstone?.key, null);
    assert.equal(tombstone?.value, null);
    assert.deepEqual(Array.from(binaryRecord?.key ?? []), [0, 255, 1, 254]);
    assert.deepEqual(Array.from(binaryRecord?.value ?? []), [255, 1]);
    assert.deepEqual(binaryRecord?.headers.map((h) => [h.key, text(h.value)]), [['h', '1'], ['h', '2'], ['e', '']]);
    await producer.close();
  });

  it('reports the broker’s time for LogAppendTime topics', async () => {
    const topic = uniqueName('produce-append-time');
    await admin.createTopics([{ name: topic, partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } }]);
    const producer = store.producer({ clientId: 'produce-append-time' });
    const before = Date.now();
    const [result] = await producer.send([record(topic, 'x', { timestamp: 1000 })]);
    assert.ok(result && result.timestamp >= before - 1000 && result.timestamp <= Date.now() + 1000, `append time ${result?.timestamp}`);
    const [consumed] = await readBack(topic, 1);
    assert.equal(consumed?.timestampType, 'LogAppendTime');
    assert.equal(consumed?.timestamp, result?.timestamp);
    await producer.close();
  });

  it('keeps keyless records of one send on one partition (sticky) and in order', async () => {
    const topic = uniqueName('produce-sticky');
    await admin.createTopics([{ name: topic, partitions: 4 }]);
    const producer = store.producer({ clientId: 'produce-sticky' });
    const results = await producer.send(Array.from({ length: 50 }, (_, n) => record(topic, `v${n}`)));
    assert.equal(new Set(results.map((r) => r.partition)).size, 1);
    assert.deepEqual(results.map((r) => r.offset), Array.from({ length: 50 }, (_, n) => n));
    await producer.close();
  });

  it('with acks=0 resolves without offsets, as Kafka does', async () => {
    const topic = uniqueName('produce-acks0');
    await admin.createTopics([{ name: topic, partitions: 1 }]);
    const producer = store.producer({ clientId: 'produce-acks0', settings: { acks: '0' } });
    const results = await producer.send([record(topic, 'a', { timestamp: 9 })]);
    assert.deepEqual(results, [{ topic, partition: 0, offset: -1, timestamp: 9 }]);
    await producer.close();
    assert.equal((await readBack(topic, 1)).length, 1);
  });

  it('rejects a record for a partition the topic lacks, not retriable', async () => {
    const topic = uniqueName('produce-bad-partition');
    await admin.createTopics([{ name: topic, partitions: 2 }]);
    const producer = store.producer({ clientId: 'produce-bad-partition' });
    await assert.rejects(producer.send([record(topic, 'x', { partition: 5 })]), (err) => {
      assert.ok(err instanceof ConnectError);
      assert.equal(err.retriable, false);
      assert.equal(err.message, `Invalid partition given with record: 5 is not in the range [0...2) of topic ${topic}`);
      return true;
    });
    await producer.close();
  });

  it('fails with a RetriableError when the broker cannot be reached', async () => {
    const unreachable = await brokerStore({ 'bootstrap.servers': '127.0.0.1:1', 'socket.connection.setup.timeout.ms': '200', 'max.block.ms': '1000' });
    const producer = unreachable.producer({ clientId: 'unreachable' });
    const started = Date.now();
    await assert.rejects(producer.send([record('nowhere', 'x')]), (err) => {
      assert.ok(err instanceof RetriableError, String(err));
      assert.match(err.message, /^Producing records failed: /);
      return true;
    });
    assert.ok(Date.now() - started < 10_000, 'gave up after about max.block.ms');
    await unreachable.close().catch(() => undefined);
  });
});
