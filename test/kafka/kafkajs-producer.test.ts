/** The producer's batching and result mapping, against a stand-in for the kafkajs producer. */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import type { Message, PartitionMetadata, Producer, ProducerBatch, RecordMetadata } from 'kafkajs';
import { ConnectError, RetriableError } from '../../src/api/errors.js';
import { connectionConfig } from '../../src/kafka/kafkajs/client-config.js';
import { NULL_HEADER_VALUE, nullHeaderValuesSupported } from '../../src/kafka/kafkajs/null-header.js';
import { javaCompatiblePartitioner } from '../../src/kafka/kafkajs/partitioner.js';
import { producerTuning } from '../../src/kafka/kafkajs/producer-settings.js';
import { KafkajsTopicProducer } from '../../src/kafka/kafkajs/producer.js';
import { bytes, record, testLogger } from './kafkajs-support.js';

interface FakeOptions {
  readonly partitions?: number;
  readonly failWith?: Error;
  readonly delayMs?: number;
  readonly logAppendTime?: string;
}

/** Partitions each message as kafkajs does (through the given partitioner), and acknowledges per partition. */
class FakeKafkajsProducer {
  readonly batches: ProducerBatch[] = [];
  connects = 0;
  disconnects = 0;
  private readonly nextOffset = new Map<string, number>();
  private readonly partitionMetadata: PartitionMetadata[];

  constructor(
    private readonly choose: (args: { topic: string; partitionMetadata: PartitionMetadata[]; message: Message }) => number,
    private readonly options: FakeOptions = {},
  ) {
    this.partitionMetadata = Array.from({ length: options.partitions ?? 3 }, (_, partitionId) => ({ partitionId, partitionErrorCode: 0, leader: 1, replicas: [1], isr: [1] }));
  }

  async connect(): Promise<void> {
    this.connects += 1;
  }

  async disconnect(): Promise<void> {
    this.disconnects += 1;
  }

  async sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
    this.batches.push(batch);
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    if (this.options.failWith) throw this.options.failWith;
    const counts = new Map<string, { topic: string; partition: number; count: number }>();
    for (const { topic, messages } of batch.topicMessages ?? []) {
      for (const message of messages) {
        const partition = this.choose({ topic, partitionMetadata: this.partitionMetadata, message });
        const key = `${topic}/${partition}`;
        const entry = counts.get(key) ?? { topic, partition, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
    }
    return [...counts].map(([key, { topic, partition, count }]) => {
      const base = this.nextOffset.get(key) ?? 0;
      this.nextOffset.set(key, base + count);
      return { topicName: topic, partition, errorCode: 0, baseOffset: String(base), logAppendTime: this.options.logAppendTime ?? '-1', logStartOffset: '0' };
    });
  }
}

function setup(settings: Record<string, string> = {}, fake: FakeOptions = {}) {
  const timings = connectionConfig({ 'bootstrap.servers': 'b:9092' }).timings;
  const tuning = producerTuning(settings, timings);
  const choices = new WeakMap<Message, number>();
  const choose = javaCompatiblePartitioner({ choices, stickyBatchBytes: tuning.batchSize, ignoreKeys: false })();
  const kafkajs = new FakeKafkajsProducer(choose, fake);
  const producer = new KafkajsTopicProducer({ producer: kafkajs as unknown as Producer, tuning, choices, logger: testLogger() });
  return { producer, kafkajs };
}

describe('kafkajs store: producer batching', () => {
  it('answers one result per record, in input order, with per-partition offsets', async () => {
    const { producer, kafkajs } = setup();
    const results = await producer.send([
      record('a', 'v0', { partition: 2, timestamp: 1000 }),
      record('b', 'v1', { partition: 0, timestamp: 1001 }),
      record('a', 'v2', { partition: 2, timestamp: 1002 }),
      record('a', 'v3', { partition: 1, timestamp: 1003 }),
      record('a', 'v4', { key: bytes('key-1'), timestamp: 1004 }),
    ]);
    assert.deepEqual(results, [
      { topic: 'a', partition: 2, offset: 0, timestamp: 1000 },
      { topic: 'b', partition: 0, offset: 0, timestamp: 1001 },
      { topic: 'a', partition: 2, offset: 1, timestamp: 1002 },
      { topic: 'a', partition: 1, offset: 0, timestamp: 1003 },
      // murmur2("key-1") % 3 = 0 (Kafka's Java producer agrees)
      { topic: 'a', partition: 0, offset: 0, timestamp: 1004 },
    ]);
    assert.equal(kafkajs.batches.length, 1, 'one kafkajs sendBatch for the whole send');
    assert.deepEqual(kafkajs.batches[0]?.topicMessages?.map((t) => [t.topic, t.messages.length]), [['a', 4], ['b', 1]]);
    assert.equal(kafkajs.batches[0]?.acks, -1);
    assert.equal(kafkajs.connects, 1);
  });

  it('reports the broker’s append time when the topic uses LogAppendTime, and stamps null timestamps', async () => {
    const before = Date.now();
    const { producer: appendTime } = setup({}, { logAppendTime: '4242' });
    assert.equal((await appendTime.send([record('t', 'x', { partition: 0, timestamp: 7 })]))[0]?.timestamp, 4242);
    const { producer, kafkajs } = setup();
    const [result] = await producer.send([record('t', 'x', { partition: 0 })]);
    assert.ok(result && result.timestamp >= before && result.timestamp <= Date.now());
    assert.equal(kafkajs.batches[0]?.topicMessages?.[0]?.messages[0]?.timestamp, String(result?.timestamp));
  });

  it('merges concurrent sends into one request while an idempotent request is in flight', async () => {
    const { producer, kafkajs } = setup({}, { delayMs: 30 });
    const first = producer.send([record('t', 'a', { partition: 0 })]);
    const rest = [1, 2, 3].map((n) => producer.send([record('t', `b${n}`, { partition: 0 }), record('t', `c${n}`, { partition: 0 })]));
    const results = await Promise.all([first, ...rest]);
    assert.deepEqual(results.map((r) => r.map((x) => x.offset)), [[0], [1, 2], [3, 4], [5, 6]]);
    assert.deepEqual(kafkajs.batches.map((b) => b.topicMessages?.[0]?.messages.length), [1, 6]);
  });

  it('waits linger.ms for more records, unless batch.size bytes are already queued', async () => {
    const { producer, kafkajs } = setup({ 'linger.ms': '50' });
    const started = Date.now();
    const sends = [producer.send([record('t', 'a', { partition: 0 })]), producer.send([record('t', 'b', { partition: 0 })])];
    await Promise.all(sends);
    assert.ok(Date.now() - started >= 45, 'lingered');
    assert.equal(kafkajs.batches.length, 1);
    const { producer: full, kafkajs: fullKafkajs } = setup({ 'linger.ms': '60000', 'batch.size': '100' });
    await full.send([record('t', 'x'.repeat(200), { partition: 0 })]);
    assert.equal(fullKafkajs.batches.length, 1, 'a full batch goes out at once');
  });

  it('flush() sends lingering records at once', async () => {
    const { producer, kafkajs } = setup({ 'linger.ms': '60000' });
    const sent = producer.send([record('t', 'a', { partition: 0 })]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(kafkajs.batches.length, 0);
    await producer.flush();
    assert.equal(kafkajs.batches.length, 1);
    assert.deepEqual(await sent, [{ topic: 't', partition: 0, offset: 0, timestamp: (await sent)[0]?.timestamp }]);
  });

  it('splits what exceeds max.request.size over several requests and still answers in order', async () => {
    const { producer, kafkajs } = setup({ 'max.request.size': '1000' });
    const records = Array.from({ length: 10 }, (_, n) => record('t', `${n}`.padEnd(300, '.'), { partition: 0 }));
    const results = await producer.send(records);
    assert.deepEqual(results.map((r) => r.offset), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(kafkajs.batches.map((b) => b.topicMessages?.[0]?.messages.length), [3, 3, 3, 1]);
  });

  it('rejects a record larger than max.request.size', async () => {
    const { producer, kafkajs } = setup({ 'max.request.size': '100' });
    await assert.rejects(producer.send([record('t', 'x'.repeat(200))]), (err) => {
      assert.ok(err instanceof ConnectError);
      assert.match(err.message, /^The message is 224 bytes when serialized which is larger than 100, which is the value of the max.request.size configuration.$/);
      return true;
    });
    assert.equal(kafkajs.batches.length, 0);
  });

  it('sends repeated header keys as kafkajs arrays', async () => {
    const { producer, kafkajs } = setup();
    await producer.send([record('t', 'x', { partition: 0, headers: [{ key: 'a', value: bytes('1') }, { key: 'b', value: bytes('2') }, { key: 'a', value: bytes('3') }] })]);
    const headers = kafkajs.batches[0]?.topicMessages?.[0]?.messages[0]?.headers ?? {};
    assert.deepEqual(Object.entries(headers).map(([key, value]) => [key, Array.isArray(value) ? value.map(String) : String(value)]), [['a', ['1', '3']], ['b', '2']]);
  });

  it('maps kafkajs failures to RetriableError when kafkajs says retrying may help', async () => {
    const retriable = Object.assign(new Error('Number of retries exceeded'), { name: 'KafkaJSNumberOfRetriesExceeded', retriable: false });
    const { producer } = setup({}, { failWith: retriable });
    await assert.rejects(producer.send([record('t', 'x', { partition: 0 })]), (err) => err instanceof RetriableError && /^Producing records failed: Number of retries exceeded$/.test(err.message));
    const fatal = Object.assign(new Error('The request included a message larger than the max message size'), { name: 'KafkaJSProtocolError', retriable: false, type: 'MESSAGE_TOO_LARGE' });
    const { producer: other } = setup({}, { failWith: fatal });
    await assert.rejects(other.send([record('t', 'x', { partition: 0 })]), (err) => err instanceof ConnectError && !err.retriable && /\(MESSAGE_TOO_LARGE\)$/.test(err.message));
  });

  it('close() flushes, disconnects once and refuses later sends', async () => {
    const { producer, kafkajs } = setup({ 'linger.ms': '60000' });
    const sent = producer.send([record('t', 'a', { partition: 0 })]);
    await producer.close();
    assert.equal((await sent).length, 1);
    await producer.close();
    assert.equal(kafkajs.disconnects, 1);
    await assert.rejects(producer.send([record('t', 'b')]), /the producer is closed/);
  });
});

describe('kafkajs store: null header values', () => {
  it('encodes a null header value as Kafka’s null (length -1) through kafkajs’s record encoder', async () => {
    assert.equal(nullHeaderValuesSupported(), true);
    const require = createRequire(import.meta.url);
    const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (record: object) => { buffer: Buffer };
    const Decoder = require('kafkajs/src/protocol/decoder.js') as new (buffer: Buffer) => object;
    const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder.js') as (decoder: object, context: object) => { headers: Record<string, unknown> };
    const encoded = encodeRecord({ key: null, value: Buffer.from('v'), headers: { gone: NULL_HEADER_VALUE, empty: Buffer.alloc(0) } }).buffer;
    const decoded = decodeRecord(new Decoder(encoded.subarray(1)), { firstOffset: '0', firstTimestamp: '0' });
    assert.deepEqual(decoded.headers, { gone: null, empty: Buffer.alloc(0) });
  });
});
