/**
 * Kafka Connect's `errors.*` settings on a real StandaloneWorker (embedded topic log): tolerance none and all,
 * retries of retriable errors, error logging, and SMT predicates. The dead letter queue is in
 * dead-letter-queue.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TopicStore } from '../../src/kafka/port.js';
import { FLAKY_TRANSFORM, NUMBERED_SOURCE, RECORDING_SINK } from './fixtures/plugins.js';
import { sinkProbe, transformProbe } from './fixtures/probes.js';
import { allRunning, createConnector, eventually, JSON_CONVERTER, readTopic, removeDir, startTestWorker, type TestWorker } from './support/worker.js';

async function produce(store: TopicStore, topic: string, records: ReadonlyArray<{ value: string; headers?: Array<[string, string]> }>): Promise<void> {
  const producer = store.producer({ clientId: 'test-producer' });
  await producer.send(
    records.map((r) => ({ topic, partition: null, key: null, value: Buffer.from(r.value), headers: (r.headers ?? []).map(([key, v]) => ({ key, value: Buffer.from(v) })), timestamp: null })),
  );
}

/** A task error metric of `GET /metrics` (Kafka's task-error-metrics group). */
async function taskErrorMetric(w: TestWorker, name: string, connector: string): Promise<number | undefined> {
  const text = (await w.request('GET', '/metrics')).text;
  const line = text.split('\n').find((l) => l.startsWith(`kafka_connect_task_error_${name}{connector="${connector}",task="0"} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const jsonSink = (topic: string, extra: Record<string, string> = {}) => ({
  'connector.class': RECORDING_SINK,
  topics: topic,
  'value.converter': JSON_CONVERTER,
  'value.converter.schemas.enable': 'false',
  ...extra,
});

const flakySource = (topic: string, extra: Record<string, string>) => ({
  'connector.class': NUMBERED_SOURCE,
  topic,
  'records.total': '3',
  transforms: 'flaky',
  'transforms.flaky.type': FLAKY_TRANSFORM,
  'transforms.flaky.probe': topic,
  'transforms.flaky.fail.on': 'record 2',
  ...extra,
});

interface LogLine {
  readonly msg: string;
  readonly connector?: string;
  readonly err?: { message: string };
}

const logLines = (w: TestWorker): LogLine[] => w.logs.map((l) => JSON.parse(l) as LogLine);

describe('error handling (errors.*)', () => {
  let w: TestWorker;

  before(async () => {
    w = await startTestWorker();
  });

  after(async () => {
    await w.stop();
    removeDir(w.dir);
  });

  it('fails a sink task on a record the JsonConverter cannot read with tolerance none: "Tolerance exceeded in error handler"', async () => {
    const probe = sinkProbe('errors-none-json');
    await produce(w.store, 'errors-none-json', [{ value: '{"n": 1}' }]);
    await createConnector(w, 'errors-none-json', jsonSink('errors-none-json'));
    await eventually('the good record delivered', () => probe.delivered.length === 1);
    await produce(w.store, 'errors-none-json', [{ value: '{not json' }, { value: '{"n": 3}' }]);

    const status = await w.statusWhen('errors-none-json', 'task failed', (s) => s.tasks[0]?.state === 'FAILED');
    const trace = status.tasks[0]?.trace ?? '';
    assert.match(trace, /^ConnectError: Tolerance exceeded in error handler\n {4}at /);
    assert.match(trace, /\nCaused by: DataError: Converting byte\[\] to Kafka Connect data failed due to serialization error: \n {4}at /);
    assert.equal(probe.delivered.length, 1);
    assert.deepEqual((await w.request('GET', '/connectors/errors-none-json/offsets')).body, {
      offsets: [{ partition: { kafka_partition: 0, kafka_topic: 'errors-none-json' }, offset: { kafka_offset: 1 } }],
    });
  });

  it('fails a source task when an SMT throws with tolerance none, committing the records before it', async () => {
    await createConnector(w, 'errors-none-smt', flakySource('errors-none-smt', {}));
    const status = await w.statusWhen('errors-none-smt', 'task failed', (s) => s.tasks[0]?.state === 'FAILED');
    const trace = status.tasks[0]?.trace ?? '';
    assert.match(trace, /^ConnectError: Tolerance exceeded in error handler\n/);
    assert.match(trace, /\nCaused by: DataError: flaky transform refused record 2\n/);
    assert.deepEqual((await readTopic(w.store, 'errors-none-smt', 1)).map((r) => Buffer.from(r.value ?? []).toString()), ['record 1']);
    assert.deepEqual((await w.request('GET', '/connectors/errors-none-smt/offsets')).body, {
      offsets: [{ partition: { source: 'numbers', task: 0 }, offset: { n: 1 } }],
    });
  });

  it('skips and counts bad records with tolerance all, and logs them with errors.log.enable and include.messages', async () => {
    const probe = sinkProbe('errors-all');
    await produce(w.store, 'errors-all', [{ value: '{"n": 1}' }, { value: '{bad' }, { value: '{"n": 3}' }]);
    await createConnector(w, 'errors-all', jsonSink('errors-all', { 'errors.tolerance': 'all', 'errors.log.enable': 'true', 'errors.log.include.messages': 'true' }));
    await eventually('the good records delivered', () => probe.delivered.length === 2);
    assert.deepEqual(probe.delivered.map((r) => r.kafkaOffset), [0, 2]);
    assert.deepEqual((await w.status('errors-all')).tasks.map((t) => t.state), ['RUNNING']);
    assert.equal(await taskErrorMetric(w, 'total_records_skipped', 'errors-all'), 1);
    assert.equal(await taskErrorMetric(w, 'total_record_failures', 'errors-all'), 1);
    assert.equal(await taskErrorMetric(w, 'total_errors_logged', 'errors-all'), 1);

    const [bad] = (await readTopic(w.store, 'errors-all', 3)).slice(1);
    const logged = logLines(w).filter((l) => l.msg.startsWith('Error encountered in task errors-all-0.'));
    assert.deepEqual(logged.map((l) => l.msg), [
      `Error encountered in task errors-all-0. Executing stage 'VALUE_CONVERTER' with class 'org.apache.kafka.connect.json.JsonConverter', where consumed record is {topic='errors-all', partition=0, offset=1, timestamp=${bad?.timestamp}, timestampType=CreateTime}.`,
    ]);
    // pino's err serializer appends the causes' messages.
    assert.ok(logged[0]?.err?.message.startsWith('Converting byte[] to Kafka Connect data failed due to serialization error: '), logged[0]?.err?.message);
  });

  it('logs tolerated errors without the record when errors.log.include.messages is false, and not at all by default', async () => {
    const logging = sinkProbe('errors-log-plain');
    const silent = sinkProbe('errors-log-off');
    await produce(w.store, 'errors-log', [{ value: '{bad' }, { value: '{"n": 2}' }]);
    await createConnector(w, 'errors-log-plain', jsonSink('errors-log', { 'errors.tolerance': 'all', 'errors.log.enable': 'true' }));
    await createConnector(w, 'errors-log-off', jsonSink('errors-log', { 'errors.tolerance': 'all' }));
    await eventually('both delivered the good record', () => logging.delivered.length === 1 && silent.delivered.length === 1);
    const messages = logLines(w).map((l) => l.msg).filter((m) => m.startsWith('Error encountered in task errors-log-'));
    assert.deepEqual(messages, ["Error encountered in task errors-log-plain-0. Executing stage 'VALUE_CONVERTER' with class 'org.apache.kafka.connect.json.JsonConverter'."]);
  });

  it('retries a retriable SMT error with backoff within errors.retry.timeout, then carries on', async () => {
    const attempts = transformProbe('errors-retry').attempts;
    await createConnector(w, 'errors-retry', flakySource('errors-retry', { 'transforms.flaky.fail.kind': 'retriable', 'transforms.flaky.fail.times': '2', 'errors.retry.timeout': '30000' }));
    const values = (await readTopic(w.store, 'errors-retry', 3)).map((r) => Buffer.from(r.value ?? []).toString());
    assert.deepEqual(values, ['record 1', 'record 2', 'record 3']);
    assert.deepEqual([attempts.get('record 1'), attempts.get('record 2'), attempts.get('record 3')], [1, 3, 1]);
    assert.deepEqual((await w.status('errors-retry')).tasks.map((t) => t.state), ['RUNNING']);
    assert.equal(await taskErrorMetric(w, 'total_retries', 'errors-retry'), 2);
  });

  it('does not retry a retriable SMT error without errors.retry.timeout: the task fails at once', async () => {
    const attempts = transformProbe('errors-no-retry').attempts;
    await createConnector(w, 'errors-no-retry', flakySource('errors-no-retry', { 'transforms.flaky.fail.kind': 'retriable', 'transforms.flaky.fail.times': '2' }));
    const status = await w.statusWhen('errors-no-retry', 'task failed', (s) => s.tasks[0]?.state === 'FAILED');
    assert.match(status.tasks[0]?.trace ?? '', /\nCaused by: RetriableError: flaky transform refused record 2\n/);
    assert.equal(attempts.get('record 2'), 1);
  });

  it('applies an SMT only to records its predicate matches, and only to the others with negate=true', async () => {
    const plain = sinkProbe('errors-predicate');
    const negated = sinkProbe('errors-predicate-negated');
    await produce(w.store, 'errors-predicate', [{ value: 'with', headers: [['x', '1']] }, { value: 'without' }]);
    const config = (negate: string) => ({
      'connector.class': RECORDING_SINK,
      topics: 'errors-predicate',
      transforms: 'tag',
      'transforms.tag.type': 'org.apache.kafka.connect.transforms.InsertHeader',
      'transforms.tag.header': 'tagged',
      'transforms.tag.value.literal': 'yes',
      'transforms.tag.predicate': 'hasX',
      'transforms.tag.negate': negate,
      predicates: 'hasX',
      'predicates.hasX.type': 'org.apache.kafka.connect.transforms.predicates.HasHeaderKey',
      'predicates.hasX.name': 'x',
    });
    await createConnector(w, 'errors-predicate', config('false'));
    await createConnector(w, 'errors-predicate-negated', config('true'));
    await w.statusWhen('errors-predicate-negated', 'running', allRunning(1));
    await eventually('both delivered two records', () => plain.delivered.length === 2 && negated.delivered.length === 2);
    const tagged = (records: typeof plain.delivered) => records.map((r) => `${String(r.value)}:${r.headers.lastWithName('tagged')?.value ?? '-'}`);
    assert.deepEqual(tagged(plain.delivered), ['with:yes', 'without:-']);
    assert.deepEqual(tagged(negated.delivered), ['with:-', 'without:yes']);
  });
});
