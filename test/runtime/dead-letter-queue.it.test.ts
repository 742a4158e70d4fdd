/**
 * The dead letter queue against the oracle: real Kafka Connect 3.9.1 and Tidewater, both running
 * FileStreamSink with JsonConverter, errors.tolerance=all and a DLQ with context headers, read the same
 * topic from real Kafka, where one record is malformed JSON. Both DLQ records must carry the original key,
 * value, headers and timestamp, and the same `__connect.errors.*` headers in the same order with the same
 * values, except where Java shows through:
 *   - __connect.errors.exception.stacktrace: Java frames and causes vs JavaScript frames and causes; both
 *     start with "<exception class>: <message>", where Tidewater names its own error class (DataError for
 *     Kafka's org.apache.kafka.connect.errors.DataException; the class.name header uses Kafka's name).
 *   - __connect.errors.connector.name: each its own connector.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { KafkajsTopicStore } from '../../src/kafka/kafkajs/index.js';
import type { ConsumedRecord, RawHeader } from '../../src/kafka/port.js';
import { useService } from '../env/index.js';
import { JSON_CONVERTER, readTopic, removeDir, startTestWorker, STRING_CONVERTER, text, type TestWorker } from './support/worker.js';

const id = `${process.pid}-${Date.now().toString(36)}`;
const SOURCE = `tw-dlq-oracle-src-${id}`;
const JAVA_CLASSES: Readonly<Record<string, string>> = { DataError: 'org.apache.kafka.connect.errors.DataException' };

function sinkConfig(dlq: string, file: string): Record<string, string> {
  return {
    'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
    topics: SOURCE,
    file,
    'key.converter': STRING_CONVERTER,
    'value.converter': JSON_CONVERTER,
    'value.converter.schemas.enable': 'false',
    'errors.tolerance': 'all',
    'errors.deadletterqueue.topic.name': dlq,
    'errors.deadletterqueue.topic.replication.factor': '1',
    'errors.deadletterqueue.context.headers.enable': 'true',
  };
}

const headerText = (h: RawHeader): string => `${h.key}=${h.value === null ? 'null' : Buffer.from(h.value).toString('latin1')}`;

describe('dead letter queue records, Tidewater vs real Kafka Connect 3.9.1', () => {
  let store: KafkajsTopicStore;
  let connectUrl: string;
  let w: TestWorker;

  before(async () => {
    const connect = await useService('connect');
    connectUrl = connect.url;
    store = new KafkajsTopicStore({ settings: { 'bootstrap.servers': connect.bootstrapServers }, logger: pino({ level: 'silent' }) });
    await store.admin().createTopics([{ name: SOURCE, partitions: 1, replicationFactor: 1 }]);
    const producer = store.producer({ clientId: 'tw-dlq-oracle' });
    await producer.send([
      { topic: SOURCE, partition: 0, key: Buffer.from('k1'), value: Buffer.from('{"ok": 1}'), headers: [], timestamp: null },
      { topic: SOURCE, partition: 0, key: Buffer.from('k2'), value: Buffer.from('{not json'), headers: [{ key: 'h1', value: Buffer.from('v1') }, { key: 'h2', value: Buffer.from([0, 1, 2]) }], timestamp: null },
      { topic: SOURCE, partition: 0, key: Buffer.from('k3'), value: Buffer.from('{"ok": 3}'), headers: [], timestamp: null },
    ]);
    w = await startTestWorker({ properties: { 'bootstrap.servers': connect.bootstrapServers } });
  });

  after(async () => {
    await fetch(`${connectUrl}/connectors/tw-dlq-oracle-kafka-${id}`, { method: 'DELETE' }).catch(() => undefined);
    await w?.stop();
    if (w) removeDir(w.dir);
    await store?.close();
  });

  it('writes the same DLQ record, context headers included, as Kafka Connect does', async () => {
    const kafkaName = `tw-dlq-oracle-kafka-${id}`;
    const ourName = `tw-dlq-oracle-tidewater-${id}`;
    const created = await fetch(`${connectUrl}/connectors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: kafkaName, config: sinkConfig(`tw-dlq-oracle-kafka-dlq-${id}`, `/tmp/${kafkaName}.txt`) }),
    });
    assert.equal(created.status, 201, await created.text());
    const ours = await w.request('POST', '/connectors', { name: ourName, config: sinkConfig(`tw-dlq-oracle-tidewater-dlq-${id}`, `${w.dir}/${ourName}.txt`) });
    assert.equal(ours.status, 201, ours.text);

    const [kafkaRecord] = await readTopic(store, `tw-dlq-oracle-kafka-dlq-${id}`, 1, 90_000);
    const [ourRecord] = await readTopic(store, `tw-dlq-oracle-tidewater-dlq-${id}`, 1, 60_000);
    assert.ok(kafkaRecord && ourRecord);
    const fields = (r: ConsumedRecord) => [text(r.key), text(r.value), r.timestamp, r.partition];
    assert.deepEqual(fields(ourRecord), fields(kafkaRecord), 'key, value, timestamp and partition');
    assert.deepEqual(ourRecord.headers.map((h) => h.key), kafkaRecord.headers.map((h) => h.key), 'header names, in order');

    const comparable = (headers: readonly RawHeader[], connector: string) =>
      headers
        .map(headerText)
        .map((h) => h.replace(`__connect.errors.connector.name=${connector}`, '__connect.errors.connector.name=<connector>'))
        .map((h) => h.replace(/^(__connect\.errors\.exception\.stacktrace=)([^:\n]*)(: [^\n]*)\n[\s\S]*$/, (_, k: string, v: string, m: string) => `${k}${JAVA_CLASSES[v] ?? v}${m}`));
    assert.deepEqual(comparable(ourRecord.headers, ourName), comparable(kafkaRecord.headers, kafkaName));
  });
});
