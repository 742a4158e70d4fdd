/**
 * Throughput of the Kafka store against the test broker (a measurement, not a test):
 *
 *   node --import tsx test/kafka/kafkajs-throughput.ts [records=1000000] [partitions=4]
 *
 * Produces `records` 200-byte keyless records through TopicProducer.send() in batches of 1000 — once
 * awaiting each send, once with 8 sends outstanding — then consumes them through TopicConsumer.poll().
 * For scale, the same work is timed on bare kafkajs (sendBatch of 1000, and eachBatch).
 */
import { Kafka, logLevel } from 'kafkajs';
import type { ProducedRecord } from '../../src/kafka/port.js';
import { useService } from '../env/index.js';
import { brokerStore, RecordingListener, uniqueName } from './kafkajs-support.js';

const total = Number(process.argv[2] ?? 1_000_000);
const partitions = Number(process.argv[3] ?? 4);
const BATCH = 1000;
const VALUE = new Uint8Array(200).fill(120);

function rate(count: number, startedAt: number): string {
  const seconds = (performance.now() - startedAt) / 1000;
  return `${Math.round(count / seconds).toLocaleString('en-US')} records/s (${((count * VALUE.length) / seconds / 1_048_576).toFixed(1)} MiB/s of values, ${seconds.toFixed(1)} s)`;
}

const kafka = await useService('kafka');
const store = await brokerStore();
const admin = store.admin();

async function produceThroughStore(topic: string, outstanding: number): Promise<string> {
  const producer = store.producer({ clientId: 'throughput' });
  const batch: ProducedRecord[] = Array.from({ length: BATCH }, () => ({ topic, partition: null, key: null, value: VALUE, headers: [], timestamp: null }));
  const started = performance.now();
  const inFlight = new Set<Promise<unknown>>();
  for (let sent = 0; sent < total; sent += BATCH) {
    const sending = producer.send(batch);
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
    if (inFlight.size >= outstanding) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const result = rate(total, started);
  await producer.close();
  return result;
}

async function consumeThroughStore(topic: string): Promise<string> {
  const consumer = store.consumer({ groupId: uniqueName('throughput'), clientId: 'throughput', autoOffsetReset: 'earliest', maxPollRecords: 1000 });
  await consumer.subscribe({ topics: [topic] }, new RecordingListener());
  const started = performance.now();
  let received = 0;
  while (received < total) received += (await consumer.poll(1000)).length;
  const result = rate(received, started);
  await consumer.close();
  return result;
}

async function produceBare(topic: string): Promise<string> {
  const client = new Kafka({ brokers: [kafka.bootstrapServers], clientId: 'bare', logLevel: logLevel.NOTHING });
  const producer = client.producer({ idempotent: true });
  await producer.connect();
  const messages = Array.from({ length: BATCH }, () => ({ value: Buffer.from(VALUE) }));
  const started = performance.now();
  for (let sent = 0; sent < total; sent += BATCH) await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] });
  const result = rate(total, started);
  await producer.disconnect();
  return result;
}

async function consumeBare(topic: string): Promise<string> {
  const client = new Kafka({ brokers: [kafka.bootstrapServers], clientId: 'bare', logLevel: logLevel.NOTHING });
  const consumer = client.consumer({ groupId: uniqueName('bare'), maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let received = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        received += batch.messages.length;
        if (received >= total) resolve();
      },
    });
  });
  const result = rate(received, started);
  await consumer.disconnect();
  return result;
}

const topics = { sequential: uniqueName('throughput-seq'), pipelined: uniqueName('throughput-pipe'), bare: uniqueName('throughput-bare') };
await admin.createTopics(Object.values(topics).map((name) => ({ name, partitions })));
try {
  console.log(`${total.toLocaleString('en-US')} records of ${VALUE.length} bytes, ${partitions} partitions, batches of ${BATCH}`);
  console.log(`store send(), one at a time:      ${await produceThroughStore(topics.sequential, 1)}`);
  console.log(`store send(), 8 outstanding:      ${await produceThroughStore(topics.pipelined, 8)}`);
  console.log(`bare kafkajs sendBatch:           ${await produceBare(topics.bare)}`);
  console.log(`store poll(), maxPollRecords 1000: ${await consumeThroughStore(topics.sequential)}`);
  console.log(`bare kafkajs eachBatch:           ${await consumeBare(topics.bare)}`);
} finally {
  await admin.deleteTopics(Object.values(topics));
  await store.close();
}
