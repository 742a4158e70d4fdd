/**
 * The dead letter queue of sink connectors (errors.deadletterqueue.*) on a real StandaloneWorker (embedded
 * topic log): the failed record's original key, value, headers and timestamp, and with
 * context.headers.enable Kafka's `__connect.errors.*` headers in Kafka's order. The same failure on real
 * Kafka Connect is compared in dead-letter-queue.it.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConsumedRecord, RawHeader, TopicStore } from '../../src/kafka/port.js';
import { FLAKY_TRANSFORM, RECORDING_SINK } from './fixtures/plugins.js';
import { sinkProbe } from './fixtures/probes.js';
import { createConnector, eventually, JSON_CONVERTER, readTopic, removeDir, startTestWorker, text, type TestWorker } from './support/worker.js';

const ORIGINAL_HEADERS: RawHeader[] = [
  { key: 'h1', value: Buffer.from('v1') },
  { key: 'h2', value: Buffer.from([0, 1, 2]) },
];

async function produceKeyed(store: TopicStore, topic: string, records: ReadonlyArray<{ key: string; value: string; headers?: RawHeader[] }>): Promise<void> {
  const producer = store.producer({ clientId: 'test-producer' });
  await producer.send(records.map((r) => ({ topic, partition: null, key: Buffer.from(r.key), value: Buffer.from(r.value), headers: r.headers ?? [], timestamp: null })));
}

/** Headers as `name=value` strings (bytes shown as hex when not printable). */
function headerList(headers: readonly RawHeader[]): string[] {
  return headers.map((h) => {
    const value = h.value === null ? 'null' : Buffer.from(h.value);
    return `${h.key}=${typeof value === 'string' ? value : /^[\x20-\x7e\n\t]*$/.test(value.toString('latin1')) ? value.toString('utf8') : `0x${value.toString('hex')}`}`;
  });
}

const header = (record: ConsumedRecord, key: string): string | null => text(record.headers.find((h) => h.key === key)?.value ?? null);

const dlqSink = (source: string, dlq: string, extra: Record<string, string> = {}) => ({
  'connector.class': RECORDING_SINK,
  topics: source,
  'value.converter': JSON_CONVERTER,
  'value.converter.schemas.enable': 'false',
  'errors.tolerance': 'all',
  'errors.deadletterqueue.topic.name': dlq,
  'errors.deadletterqueue.topic.replication.factor': '1',
  ...extra,
});

describe('dead letter queue', () => {
  let w: TestWorker;

  before(async () => {
    w = await startTestWorker();
  });

  after(async () => {
    await w.stop();
    removeDir(w.dir);
  });

  it("gets the original key, value, headers and timestamp, then Kafka's context headers in Kafka's order", async () => {
    await produceKeyed(w.store, 'dlq-src', [
      { key: 'k1', value: '{"ok": 1}' },
      { key: 'k2', value: '{not json', headers: ORIGINAL_HEADERS },
      { key: 'k3', value: '{"ok": 3}' },
    ]);
    const probe = sinkProbe('dlq-json');
    await createConnector(w, 'dlq-json', dlqSink('dlq-src', 'dlq-out', { 'errors.deadletterqueue.context.headers.enable': 'true' }));
    await eventually('the good records delivered', () => probe.delivered.length === 2);

    const [original] = (await readTopic(w.store, 'dlq-src', 3)).slice(1);
    const [dead] = await readTopic(w.store, 'dlq-out', 1);
    assert.ok(original && dead);
    assert.deepEqual([text(dead.key), text(dead.value), dead.timestamp], ['k2', '{not json', original.timestamp]);
    const headers = headerList(dead.headers);
    const stacktrace = headers.pop() ?? '';
    assert.deepEqual(headers, [
      'h1=v1',
      'h2=0x000102',
      '__connect.errors.topic=dlq-src',
      '__connect.errors.partition=0',
      '__connect.errors.offset=1',
      '__connect.errors.connector.name=dlq-json',
      '__connect.errors.task.id=0',
      '__connect.errors.stage=VALUE_CONVERTER',
      '__connect.errors.class.name=org.apache.kafka.connect.json.JsonConverter',
      '__connect.errors.exception.class.name=org.apache.kafka.connect.errors.DataException',
      '__connect.errors.exception.message=Converting byte[] to Kafka Connect data failed due to serialization error: ',
    ]);
    // Java's stack frames differ, of course; the shape is Kafka's: the error, its frames, then each cause.
    assert.match(stacktrace, /^__connect\.errors\.exception\.stacktrace=DataError: Converting byte\[\] to Kafka Connect data failed due to serialization error: \n {4}at /);
    assert.match(stacktrace, /\nCaused by: JsonSyntaxError: Unexpected character: was expecting double-quote to start field name at offset 1\n/);
  });

  it('gets only the original headers without context.headers.enable', async () => {
    await produceKeyed(w.store, 'dlq-plain-src', [{ key: 'k', value: '{nope', headers: ORIGINAL_HEADERS }]);
    await createConnector(w, 'dlq-plain', dlqSink('dlq-plain-src', 'dlq-plain-out'));
    const [dead] = await readTopic(w.store, 'dlq-plain-out', 1);
    assert.ok(dead);
    assert.deepEqual([text(dead.key), text(dead.value), headerList(dead.headers)], ['k', '{nope', ['h1=v1', 'h2=0x000102']]);
  });

  it('names the SMT as the executing class of a TRANSFORMATION failure', async () => {
    await produceKeyed(w.store, 'dlq-smt-src', [{ key: 'a', value: '"keep"' }, { key: 'b', value: '"drop me"' }]);
    await createConnector(
      w,
      'dlq-smt',
      dlqSink('dlq-smt-src', 'dlq-smt-out', {
        'errors.deadletterqueue.context.headers.enable': 'true',
        transforms: 'flaky',
        'transforms.flaky.type': FLAKY_TRANSFORM,
        'transforms.flaky.probe': 'dlq-smt',
        'transforms.flaky.fail.on': 'drop',
      }),
    );
    const [dead] = await readTopic(w.store, 'dlq-smt-out', 1);
    assert.ok(dead);
    assert.deepEqual(
      ['stage', 'class.name', 'exception.class.name', 'exception.message', 'offset'].map((k) => header(dead, `__connect.errors.${k}`)),
      ['TRANSFORMATION', FLAKY_TRANSFORM, 'org.apache.kafka.connect.errors.DataException', 'flaky transform refused drop me', '1'],
    );
    assert.equal(text(dead.value), '"drop me"');
  });

  it('receives records a sink task hands to the errant record reporter, as stage TASK_PUT of class SinkTask', async () => {
    await produceKeyed(w.store, 'dlq-errant-src', [{ key: 'a', value: '"fine"' }, { key: 'b', value: '"errant"' }]);
    const probe = sinkProbe('dlq-errant');
    await createConnector(w, 'dlq-errant', dlqSink('dlq-errant-src', 'dlq-errant-out', { 'errors.deadletterqueue.context.headers.enable': 'true', 'errant.value': 'errant' }));
    const [dead] = await readTopic(w.store, 'dlq-errant-out', 1);
    assert.ok(dead);
    assert.deepEqual(
      ['stage', 'class.name', 'exception.class.name', 'exception.message', 'offset'].map((k) => header(dead, `__connect.errors.${k}`)),
      ['TASK_PUT', 'org.apache.kafka.connect.sink.SinkTask', 'org.apache.kafka.connect.errors.ConnectException', 'errant record dlq-errant-src-0@1', '1'],
    );
    assert.deepEqual([text(dead.key), text(dead.value)], ['b', '"errant"']);
    assert.deepEqual(probe.delivered.map((r) => r.value), ['fine']);
  });
});
