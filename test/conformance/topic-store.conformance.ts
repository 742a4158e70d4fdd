/**
 * The TopicStore conformance suite: the port's contract (src/kafka/port.ts), exercised the same way for
 * every adapter — the embedded log and Kafka through kafkajs. It asserts only what Kafka itself
 * guarantees, and waits with polling loops (never fixed sleeps) so a real broker's rebalance and
 * metadata delays fit. Every test uses fresh topic and group names, so a shared broker is fine.
 *
 *   describeTopicStore('embedded', async () => ({ store, cleanup }));
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TopicAdmin, TopicConsumer, TopicProducer, TopicStore } from '../../src/kafka/port.js';
import { describeGroupConformance } from './groups.conformance.js';
import { bytes, closeAll, eventually, headersAsHex, hex, pollUntil, pollUntilAssigned, quietListener, record, text, uniqueName } from './helpers.js';

export interface StoreUnderTest {
  readonly store: TopicStore;
  cleanup(): Promise<void>;
}

export interface ConformanceOptions {
  /** How long a wait (assignment, records, metadata) may take before the test fails. Default 60 s. */
  readonly timeoutMs?: number;
}

/** What each part of the suite gets: the store (set up before the tests run) and helpers bound to it. */
export interface ConformanceContext {
  readonly timeoutMs: number;
  store(): TopicStore;
  /** A producer, consumer or admin closed automatically after the test. */
  producer(): TopicProducer;
  consumer(groupId: string, options?: { autoOffsetReset?: 'earliest' | 'latest'; maxPollRecords?: number }): TopicConsumer;
  admin(): TopicAdmin;
  /** Creates a topic with `partitions` partitions and waits until it is usable. */
  createTopic(prefix: string, partitions: number): Promise<string>;
  /** Closes the clients the test opened. */
  closeClients(): Promise<void>;
}

export function describeTopicStore(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
  options: ConformanceOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let underTest: StoreUnderTest | null = null;
  let clients: Array<{ close(): Promise<void> }> = [];
  const track = <T extends { close(): Promise<void> }>(client: T): T => {
    clients.push(client);
    return client;
  };
  const context: ConformanceContext = {
    timeoutMs,
    store: () => {
      if (!underTest) throw new Error('the store is not set up');
      return underTest.store;
    },
    producer: () => track(context.store().producer({ clientId: uniqueName('conformance-producer') })),
    consumer: (groupId, consumerOptions = {}) =>
      track(
        context.store().consumer({
          groupId,
          clientId: uniqueName('conformance-consumer'),
          autoOffsetReset: consumerOptions.autoOffsetReset ?? 'earliest',
          maxPollRecords: consumerOptions.maxPollRecords ?? 500,
        }),
      ),
    admin: () => track(context.store().admin()),
    createTopic: async (prefix, partitions) => {
      const topic = uniqueName(prefix);
      const admin = context.admin();
      assert.deepEqual(await admin.createTopics([{ name: topic, partitions, replicationFactor: 1 }]), [topic]);
      await eventually(async () => (await admin.listTopics()).includes(topic), timeoutMs, `topic ${topic} to be listed`);
      return topic;
    },
    closeClients: async () => {
      const open = clients;
      clients = [];
      await closeAll([...open].reverse());
    },
  };

  describe(`TopicStore conformance: ${name}`, () => {
    before(async () => {
      underTest = await makeStore();
    });
    after(async () => {
      await context.closeClients();
      await underTest?.cleanup();
    });

    describe('producing and consuming', () => {
      test('appends records at dense offsets from 0 and reads them back in order with their timestamps', async (t) => {
        t.after(context.closeClients);
        const topic = await context.createTopic('order', 1);
        const producer = context.producer();
        const base = 1_700_000_000_000;
        const first = await producer.send([0, 1, 2, 3, 4].map((i) => record(topic, { partition: 0, value: bytes(`m${i}`), timestamp: base + i })));
        const second = await producer.send([5, 6, 7].map((i) => record(topic, { partition: 0, value: bytes(`m${i}`), timestamp: base + i })));
        assert.deepEqual(
          [...first, ...second].map((r) => [r.topic, r.partition, r.offset, r.timestamp]),
          [0, 1, 2, 3, 4, 5, 6, 7].map((i) => [topic, 0, i, base + i]),
        );
        const consumer = context.consumer(uniqueName('order-group'));
        await consumer.subscribe({ topics: [topic] }, quietListener);
        const received = await pollUntil(consumer, (r) => r.length >= 8, timeoutMs, '8 records');
        assert.deepEqual(
          received.map((r) => [r.topic, r.partition, r.offset, text(r.value), r.timestamp, r.timestampType]),
          [0, 1, 2, 3, 4, 5, 6, 7].map((i) => [topic, 0, i, `m${i}`, base + i, 'CreateTime']),
        );
      });

      test('keeps keys, values and headers byte for byte, telling null from empty', async (t) => {
        t.after(context.closeClients);
        const topic = await context.createTopic('fields', 1);
        const binary = Buffer.from([0x00, 0xff, 0x01, 0x80]);
        const sent = [
          record(topic, { partition: 0, key: bytes('k1'), value: bytes('v1'), headers: [{ key: 'a', value: bytes('1') }, { key: 'b', value: null }] }),
          record(topic, { partition: 0, key: bytes('tombstone'), value: null }),
          record(topic, { partition: 0, key: null, value: binary, headers: [{ key: 'bin', value: binary }] }),
          record(topic, { partition: 0, key: Buffer.alloc(0), value: Buffer.alloc(0), headers: [{ key: 'empty', value: Buffer.alloc(0) }] }),
        ];
        await context.producer().send(sent);
        const consumer = context.consumer(uniqueName('fields-group'));
        await consumer.subscribe({ topics: [topic] }, quietListener);
        const received = await pollUntil(consumer, (r) => r.length >= sent.length, timeoutMs, `${sent.length} records`);
        assert.deepEqual(
          received.map((r) => ({ key: hex(r.key), value: hex(r.value), headers: headersAsHex(r.headers) })),
          sent.map((r) => ({ key: hex(r.key), value: hex(r.value), headers: headersAsHex(r.headers) })),
        );
      });

      test('sends records with the same key to the same partition and honours an explicit partition', async (t) => {
        t.after(context.closeClients);
        const topic = await context.createTopic('keyed', 3);
        const producer = context.producer();
        const keys = Array.from({ length: 20 }, (_, i) => `key-${i}`);
        const firstRound = await producer.send(keys.map((k) => record(topic, { key: bytes(k), value: bytes('1') })));
        const secondRound = await producer.send(keys.map((k) => record(topic, { key: bytes(k), value: bytes('2') })));
        assert.deepEqual(secondRound.map((r) => r.partition), firstRound.map((r) => r.partition));
        assert.ok(firstRound.every((r) => r.partition >= 0 && r.partition < 3));
        assert.ok(new Set(firstRound.map((r) => r.partition)).size > 1, 'twenty keys should not all hash to one partition');
        const [explicit] = await producer.send([record(topic, { partition: 2, key: bytes('key-0'), value: bytes('explicit') })]);
        assert.equal(explicit?.partition, 2);

        const consumer = context.consumer(uniqueName('keyed-group'));
        await consumer.subscribe({ topics: [topic] }, quietListener);
        const received = await pollUntil(consumer, (r) => r.length >= 41, timeoutMs, '41 records');
        const where = (r: { partition: number; offset: number }) => `${r.partition}@${r.offset}`;
        assert.deepEqual(received.map(where).sort(), [...firstRound, ...secondRound, explicit!].map(where).sort());
      });

      test('returns at most maxPollRecords records per poll', async (t) => {
        t.after(context.closeClients);
        const topic = await context.createTopic('max-poll', 1);
        await context.producer().send(Array.from({ length: 25 }, (_, i) => record(topic, { partition: 0, value: bytes(`r${i}`) })));
        const consumer = context.consumer(uniqueName('max-poll-group'), { maxPollRecords: 7 });
        await consumer.subscribe({ topics: [topic] }, quietListener);
        const received = [];
        const deadline = Date.now() + timeoutMs;
        while (received.length < 25 && Date.now() < deadline) {
          const batch = await consumer.poll(250);
          assert.ok(batch.length <= 7, `a poll returned ${batch.length} records`);
          received.push(...batch);
        }
        assert.deepEqual(received.map((r) => r.offset), Array.from({ length: 25 }, (_, i) => i));
      });

      test('a waiting poll returns a record appended meanwhile, long before its timeout', async (t) => {
        t.after(context.closeClients);
        const topic = await context.createTopic('wakeup', 1);
        const consumer = context.consumer(uniqueName('wakeup-group'));
        await consumer.subscribe({ topics: [topic] }, quietListener);
        await pollUntilAssigned(consumer, 1, timeoutMs);
        // Let the first fetch position settle on the empty partition before producing.
        await consumer.poll(100);
        const started = Date.now();
        const polling = consumer.poll(timeoutMs);
        await context.producer().send([record(topic, { partition: 0, value: bytes('late') })]);
        const received = await polling;
        const rest = received.length === 0 ? await pollUntil(consumer, (r) => r.length >= 1, timeoutMs, 'the late record') : received;
        assert.deepEqual(rest.map((r) => text(r.value)), ['late']);
        assert.ok(Date.now() - started < timeoutMs, 'poll waited out its whole timeout');
      });

      test('an aborted poll returns no records', async (t) => {
        t.after(context.closeClients);
        const topic = await context.createTopic('abort', 1);
        const consumer = context.consumer(uniqueName('abort-group'));
        await consumer.subscribe({ topics: [topic] }, quietListener);
        await pollUntilAssigned(consumer, 1, timeoutMs);
        const controller = new AbortController();
        const started = Date.now();
        const polling = consumer.poll(timeoutMs, controller.signal);
        setImmediate(() => controller.abort());
        assert.deepEqual(await polling, []);
        assert.ok(Date.now() - started < timeoutMs, 'the aborted poll waited out its whole timeout');
      });

      test('auto.offset.reset latest skips records that were there before the group first read', async (t) => {
        t.after(context.closeClients);
        const topic = await context.createTopic('latest', 1);
        const producer = context.producer();
        await producer.send([0, 1, 2].map((i) => record(topic, { partition: 0, value: bytes(`old${i}`) })));
        const consumer = context.consumer(uniqueName('latest-group'), { autoOffsetReset: 'latest' });
        await consumer.subscribe({ topics: [topic] }, quietListener);
        const early = await pollUntilAssigned(consumer, 1, timeoutMs);
        assert.deepEqual(early, []);
        await consumer.poll(100);
        await producer.send([3, 4].map((i) => record(topic, { partition: 0, value: bytes(`new${i}`) })));
        const received = await pollUntil(consumer, (r) => r.length >= 2, timeoutMs, 'the 2 new records');
        assert.deepEqual(received.map((r) => [r.offset, text(r.value)]), [[3, 'new3'], [4, 'new4']]);
      });
    });

    describeGroupConformance(context);

    describe('admin', () => {
      test('reports a stable, non-empty cluster id', async (t) => {
        t.after(context.closeClients);
        const admin = context.admin();
        const id = await admin.clusterId();
        assert.equal(typeof id, 'string');
        assert.ok(id.length > 0);
        assert.equal(await admin.clusterId(), id);
      });

      test('creates topics once, lists and describes them, and deletes them', async (t) => {
        t.after(context.closeClients);
        const admin = context.admin();
        const topic = uniqueName('admin');
        assert.deepEqual(await admin.createTopics([{ name: topic, partitions: 3, replicationFactor: 1 }]), [topic]);
        await eventually(async () => (await admin.listTopics()).includes(topic), timeoutMs, 'the new topic to be listed');
        assert.deepEqual(await admin.createTopics([{ name: topic, partitions: 3, replicationFactor: 1 }]), []);
        assert.deepEqual(await admin.describeTopics([topic]), [{ name: topic, partitions: 3 }]);
        await admin.deleteTopics([topic]);
        await eventually(async () => !(await admin.listTopics()).includes(topic), timeoutMs, 'the deleted topic to disappear');
      });

      test('end offsets follow appends and beginning offsets start at 0', async (t) => {
        t.after(context.closeClients);
        const admin = context.admin();
        const topic = await context.createTopic('offsets', 2);
        const partitions = [{ topic, partition: 0 }, { topic, partition: 1 }];
        assert.deepEqual(await admin.endOffsets(partitions), partitions.map((p) => ({ ...p, offset: 0 })));
        assert.deepEqual(await admin.beginningOffsets(partitions), partitions.map((p) => ({ ...p, offset: 0 })));
        const producer = context.producer();
        await producer.send([
          ...[0, 1, 2, 3, 4].map(() => record(topic, { partition: 0, value: bytes('a') })),
          ...[0, 1].map(() => record(topic, { partition: 1, value: bytes('b') })),
        ]);
        assert.deepEqual(await admin.endOffsets(partitions), [{ topic, partition: 0, offset: 5 }, { topic, partition: 1, offset: 2 }]);
        assert.deepEqual(await admin.beginningOffsets(partitions), partitions.map((p) => ({ ...p, offset: 0 })));
      });
    });
  });
}
