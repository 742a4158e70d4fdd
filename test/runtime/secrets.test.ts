/**
 * Secrets in connector configs on a real StandaloneWorker: `${file:…}` and `${env:…}` references resolved
 * by the worker's config providers, and literal `*.password` values. The resolved secret must never show in
 * the REST API (which returns the unresolved reference, as Kafka does), status traces, the log or dead
 * letter queue headers, even when the connector fails with a message that contains it.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TopicStore } from '../../src/kafka/port.js';
import { FLAKY_TRANSFORM, NUMBERED_SOURCE, RECORDING_SINK } from './fixtures/plugins.js';
import { eventually, readTopic, removeDir, startTestWorker, tempDir, type TestWorker } from './support/worker.js';

const FILE_SECRET = 'file-s3cret-4711';
const ENV_SECRET = 'env-s3cret-0815';
const LITERAL_SECRET = 'literal-pw-9876';
const ENV_VAR = 'TW_RUNTIME_TEST_SECRET';

async function produce(store: TopicStore, topic: string, values: readonly string[]): Promise<void> {
  await store.producer({ clientId: 'test-producer' }).send(values.map((v) => ({ topic, partition: null, key: null, value: Buffer.from(v), headers: [], timestamp: null })));
}

describe('secrets in connector configs', () => {
  let w: TestWorker;
  let secretsFile: string;
  const fileRef = () => `\${file:${secretsFile}:db.password}`;
  const envRef = `\${env:${ENV_VAR}}`;

  before(async () => {
    const dir = tempDir();
    secretsFile = join(dir, 'secrets.properties');
    writeFileSync(secretsFile, `db.password=${FILE_SECRET}\n`);
    process.env[ENV_VAR] = ENV_SECRET;
    w = await startTestWorker({
      dir,
      properties: {
        'config.providers': 'file,env',
        'config.providers.file.class': 'org.apache.kafka.common.config.provider.FileConfigProvider',
        'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
      },
    });
  });

  after(async () => {
    await w.stop();
    removeDir(w.dir);
    delete process.env[ENV_VAR];
  });

  /** Every REST view of a connector, as text. */
  async function restViews(name: string): Promise<string[]> {
    const paths = [`/connectors/${name}`, `/connectors/${name}/config`, `/connectors/${name}/tasks`, `/connectors/${name}/tasks-config`, `/connectors/${name}/status`, '/connectors?expand=info&expand=status'];
    return Promise.all(paths.map(async (p) => `${p}: ${(await w.request('GET', p)).text}`));
  }

  function assertNowhere(secret: string, texts: readonly string[]): void {
    const leaks = texts.filter((t) => t.includes(secret));
    assert.deepEqual(leaks, [], `the secret ${secret} leaked`);
  }

  it('shows ${file:…} references unresolved and hides the resolved secret from a failing task', async () => {
    const config = {
      'connector.class': NUMBERED_SOURCE,
      topic: 'secret-source',
      'connection.password': fileRef(),
      'task.poll.error.at': '1',
      'task.poll.error.message': `login refused with password ${fileRef()}`,
    };
    const created = await w.request('POST', '/connectors', { name: 'secret-source', config });
    assert.equal(created.status, 201);
    const status = await w.statusWhen('secret-source', 'task failed', (s) => s.tasks[0]?.state === 'FAILED');
    assert.match(status.tasks[0]?.trace ?? '', /^ConnectError: login refused with password \[hidden\]\n/);

    assert.deepEqual((await w.request('GET', '/connectors/secret-source/config')).body, { ...config, name: 'secret-source' });
    const tasks = (await w.request('GET', '/connectors/secret-source/tasks')).body as Array<{ config: Record<string, string> }>;
    assert.equal(tasks[0]?.config['connection.password'], fileRef(), 'task configs keep the reference, as Kafka stores them');
    assertNowhere(FILE_SECRET, [...(await restViews('secret-source')), ...w.logs]);
  });

  it('keeps ${env:…} secrets out of dead letter queue headers, error logs and traces of a sink', async () => {
    await produce(w.store, 'secret-sink-src', ['"a"', '"b"']);
    const config = {
      'connector.class': RECORDING_SINK,
      topics: 'secret-sink-src',
      'database.password': envRef,
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable': 'false',
      transforms: 'flaky',
      'transforms.flaky.type': FLAKY_TRANSFORM,
      'transforms.flaky.fail.on': 'b',
      'transforms.flaky.fail.message': `cannot log in as admin:${envRef}`,
      'errors.tolerance': 'all',
      'errors.log.enable': 'true',
      'errors.log.include.messages': 'true',
      'errors.deadletterqueue.topic.name': 'secret-dlq',
      'errors.deadletterqueue.topic.replication.factor': '1',
      'errors.deadletterqueue.context.headers.enable': 'true',
    };
    assert.equal((await w.request('POST', '/connectors', { name: 'secret-sink', config })).status, 201);
    const [dead] = await readTopic(w.store, 'secret-dlq', 1);
    assert.ok(dead);
    const headers = dead.headers.map((h) => `${h.key}=${Buffer.from(h.value ?? []).toString()}`);
    assert.ok(headers.includes('__connect.errors.exception.message=cannot log in as admin:[hidden]'), headers.join('\n'));
    await eventually('the error logged', () => w.logs.some((l) => l.includes('Error encountered in task secret-sink-0.')));

    assert.equal(((await w.request('GET', '/connectors/secret-sink/config')).body as Record<string, string>)['database.password'], envRef);
    assertNowhere(ENV_SECRET, [...(await restViews('secret-sink')), ...w.logs, ...headers]);
  });

  it('hides a literal password from status traces and the log, while GET returns the config as given (as Kafka)', async () => {
    const config = {
      'connector.class': RECORDING_SINK,
      topics: 'secret-literal',
      'database.password': LITERAL_SECRET,
      'connector.start.error': `the database rejected ${LITERAL_SECRET}`,
    };
    const created = await w.request('POST', '/connectors', { name: 'secret-literal', config });
    assert.equal(created.status, 500);
    const status = await w.status('secret-literal');
    assert.match(status.connector.trace ?? '', /^ConnectError: the database rejected \[hidden\]\n/);
    assert.equal(((await w.request('GET', '/connectors/secret-literal/config')).body as Record<string, string>)['database.password'], LITERAL_SECRET);
    assertNowhere(LITERAL_SECRET, [JSON.stringify(status), ...w.logs]);
  });
});
