/**
 * `/connectors` routes. Expected responses are the ones real Kafka Connect 3.9.1 gave for the same requests
 * (FileStreamSource connectors `twp-a`, `twp-b`, … on the test environment's worker, 127.0.0.1:18083).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FILE_SOURCE,
  assertObserved,
  createFileSource,
  empty,
  error,
  json,
  jsonRequest,
  testServer,
} from './helpers.js';

const HOST = { host: '127.0.0.1:18083' };
const WORKER = '127.0.0.1:18083';
const INVALID_SUFFIX = '\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`';
const TWP_A_INFO = {
  name: 'twp-a',
  config: { 'connector.class': 'FileStreamSource', file: '/tmp/twprobe.txt', topic: 'twp-topic', name: 'twp-a' },
  tasks: [{ connector: 'twp-a', task: 0 }],
  type: 'source',
};

describe('POST /connectors', () => {
  it('creates: 201, an absolute Location and the ConnectorInfo with name appended to the config', async () => {
    const { app } = testServer();
    const res = await app.inject({ ...jsonRequest('POST', '/connectors', { name: 'twp-a', config: FILE_SOURCE }), headers: { ...HOST, 'content-type': 'application/json' } });
    assertObserved(res, json(201, TWP_A_INFO));
    assert.equal(res.headers.location, 'http://127.0.0.1:18083/connectors/twp-a');
  });

  it('answers 409 for an existing name', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    const res = await app.inject(jsonRequest('POST', '/connectors', { name: 'twp-a', config: FILE_SOURCE }));
    assertObserved(res, error(409, 'Connector twp-a already exists'));
  });

  it('trims the name and honours initial_state in any case (PAUSED: no tasks yet)', async () => {
    const { app } = testServer();
    const res = await app.inject(jsonRequest('POST', '/connectors', { name: ' twp-b ', config: FILE_SOURCE, initial_state: 'paused' }));
    assertObserved(res, json(201, { name: 'twp-b', config: { ...FILE_SOURCE, name: 'twp-b' }, tasks: [], type: 'source' }));
    assert.equal(res.headers.location, 'http://localhost:80/connectors/twp-b');
    const status = await app.inject('/connectors/twp-b/status');
    assertObserved(status, json(200, { name: 'twp-b', connector: { state: 'PAUSED', worker_id: WORKER }, tasks: [], type: 'source' }));
  });

  it('leaves a missing or blank name to the configuration validation (400 with every error)', async () => {
    const { app } = testServer();
    const expected = error(
      400,
      'Connector configuration is invalid and contains the following 2 error(s):\n' +
        'Invalid value  for configuration name: String may not be empty\n' +
        'Missing required configuration "topic" which has no default value.' +
        INVALID_SUFFIX,
    );
    for (const body of [{ config: { 'connector.class': 'FileStreamSource' } }, { name: '  ', config: { 'connector.class': 'FileStreamSource' } }]) {
      assertObserved(await app.inject(jsonRequest('POST', '/connectors', body)), expected, JSON.stringify(body));
    }
  });

  it('accepts slashes and inner spaces in names, as Kafka 3.9.1 does; Location encodes them', async () => {
    const { app } = testServer();
    const invalid = await app.inject(jsonRequest('POST', '/connectors', { name: 'a/b', config: { 'connector.class': 'FileStreamSource' } }));
    assertObserved(
      invalid,
      error(400, 'Connector configuration is invalid and contains the following 1 error(s):\nMissing required configuration "topic" which has no default value.' + INVALID_SUFFIX),
    );
    const created = await app.inject(jsonRequest('POST', '/connectors', { name: 'a b/c', config: FILE_SOURCE }));
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers.location, 'http://localhost:80/connectors/a%20b/c');
    assert.equal((await app.inject('/connectors/a%20b%2Fc')).json<{ name: string }>().name, 'a b/c');
  });

  it('refuses a name in the config that differs from the request name', async () => {
    const { app } = testServer();
    const res = await app.inject(jsonRequest('POST', '/connectors', { name: 'x', config: { name: 'y', 'connector.class': 'FileStreamSource' } }));
    assertObserved(res, error(400, "Connector name configuration (y) doesn't match connector name in the URL (x)"));
  });

  it('refuses null configuration values with the herder validation message Kafka gives', async () => {
    const { app } = testServer();
    const res = await app.inject(jsonRequest('POST', '/connectors', { name: 'twp-e', config: { 'connector.class': 'FileStreamSource', topic: 't', x: null } }));
    assertObserved(
      res,
      error(400, 'Connector configuration is invalid and contains the following 1 error(s):\nNull value can not be supplied as the configuration value.' + INVALID_SUFFIX),
    );
  });

  it('answers bodies Kafka cannot map with 500 (Kafka: Jackson and NullPointerException messages)', async () => {
    const { app } = testServer();
    const cases: Array<[unknown, string]> = [
      [undefined, 'The request body is empty; expected CreateConnectorRequest as a JSON object'],
      ['[]', 'Cannot deserialize CreateConnectorRequest: expected a JSON object, found a JSON array'],
      [{ name: 'x' }, 'CreateConnectorRequest has no "config"; expected a JSON object of configuration properties'],
      [
        { name: 'x', config: FILE_SOURCE, extra: 1 },
        'Unrecognized field "extra" in CreateConnectorRequest (3 known properties: "config", "name", "initial_state")',
      ],
      [{ name: 'x', config: FILE_SOURCE, initial_state: 'BOGUS' }, 'Cannot deserialize CreateConnectorRequest: "initial_state" must be one of RUNNING, PAUSED, STOPPED'],
      [{ name: 'x', config: { topic: { a: 1 } } }, 'Cannot deserialize the "config" of CreateConnectorRequest: the value of "topic" must be a string, found a JSON object'],
    ];
    for (const [body, message] of cases) {
      assertObserved(await app.inject(jsonRequest('POST', '/connectors', body)), error(500, message), JSON.stringify(body));
    }
  });

  it('reads numbers and booleans in a config as strings (Jackson coerces them)', async () => {
    const { app } = testServer();
    const res = await app.inject(jsonRequest('POST', '/connectors', { name: 'n', config: { ...FILE_SOURCE, 'batch.size': 7 } }));
    assert.equal(res.json<{ config: Record<string, string> }>().config['batch.size'], '7');
  });
});

describe('GET /connectors', () => {
  async function threeConnectors() {
    const server = testServer();
    await createFileSource(server.app, 'twp-a');
    await createFileSource(server.app, 'twp-b', { initial_state: 'PAUSED' });
    await createFileSource(server.app, 'twp-c');
    return server;
  }

  it('lists names in the herder order', async () => {
    const { app } = await threeConnectors();
    assertObserved(await app.inject('/connectors'), json(200, ['twp-a', 'twp-b', 'twp-c']));
    assertObserved(await app.inject('/connectors/'), json(200, ['twp-a', 'twp-b', 'twp-c']), 'trailing slash');
  });

  it('expands status and info in java.util.HashMap order, byte for byte as Kafka, ignoring unknown expansions', async () => {
    const { app } = await threeConnectors();
    const res = await app.inject('/connectors?expand=status&expand=info&expand=bogus');
    // Observed on Kafka Connect 3.9.1:
    const observed =
      '{"twp-b":{"status":{"name":"twp-b","connector":{"state":"PAUSED","worker_id":"127.0.0.1:18083"},"tasks":[],"type":"source"},"info":{"name":"twp-b","config":{"connector.class":"FileStreamSource","file":"/tmp/twprobe.txt","topic":"twp-topic","name":"twp-b"},"tasks":[],"type":"source"}},' +
      '"twp-c":{"status":{"name":"twp-c","connector":{"state":"RUNNING","worker_id":"127.0.0.1:18083"},"tasks":[{"id":0,"state":"RUNNING","worker_id":"127.0.0.1:18083"}],"type":"source"},"info":{"name":"twp-c","config":{"connector.class":"FileStreamSource","file":"/tmp/twprobe.txt","topic":"twp-topic","name":"twp-c"},"tasks":[{"connector":"twp-c","task":0}],"type":"source"}},' +
      '"twp-a":{"status":{"name":"twp-a","connector":{"state":"RUNNING","worker_id":"127.0.0.1:18083"},"tasks":[{"id":0,"state":"RUNNING","worker_id":"127.0.0.1:18083"}],"type":"source"},"info":{"name":"twp-a","config":{"connector.class":"FileStreamSource","file":"/tmp/twprobe.txt","topic":"twp-topic","name":"twp-a"},"tasks":[{"connector":"twp-a","task":0}],"type":"source"}}}';
    assertObserved(res, { status: 200, type: 'application/json', body: observed });
    assertObserved(await app.inject('/connectors?expand=bogus'), { status: 200, type: 'application/json', body: '{"twp-b":{},"twp-c":{},"twp-a":{}}' });
    assert.deepEqual(Object.keys((await app.inject('/connectors?expand=info&expand=status')).json<Record<string, object>>()['twp-a'] ?? {}), ['info', 'status']);
  });

  it('answers an empty list and an empty expansion on a fresh worker', async () => {
    const { app } = testServer();
    assertObserved(await app.inject('/connectors'), json(200, []));
    assertObserved(await app.inject('/connectors?expand=status'), json(200, {}));
  });
});

describe('/connectors/{name}', () => {
  it('reads info, config, status, tasks, tasks-config and task status', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    assertObserved(await app.inject('/connectors/twp-a'), json(200, TWP_A_INFO));
    assertObserved(await app.inject('/connectors/twp-a/config'), json(200, TWP_A_INFO.config));
    assertObserved(
      await app.inject('/connectors/twp-a/status'),
      json(200, { name: 'twp-a', connector: { state: 'RUNNING', worker_id: WORKER }, tasks: [{ id: 0, state: 'RUNNING', worker_id: WORKER }], type: 'source' }),
    );
    const taskConfig = { ...TWP_A_INFO.config, 'task.class': 'org.apache.kafka.connect.file.FileStreamSourceTask' };
    assert.deepEqual((await app.inject('/connectors/twp-a/tasks')).json(), [{ id: { connector: 'twp-a', task: 0 }, config: taskConfig }]);
    assert.deepEqual((await app.inject('/connectors/twp-a/tasks-config')).json(), { 'twp-a-0': taskConfig });
    assertObserved(await app.inject('/connectors/twp-a/tasks/0/status'), json(200, { id: 0, state: 'RUNNING', worker_id: WORKER }));
    assertObserved(await app.inject('/connectors/twp-a/tasks/00/status'), json(200, { id: 0, state: 'RUNNING', worker_id: WORKER }));
  });

  it('answers unknown connectors and tasks with the herder messages Kafka uses', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    for (const path of ['', '/config', '/tasks', '/tasks-config', '/offsets']) {
      assertObserved(await app.inject(`/connectors/nope${path}`), error(404, 'Connector nope not found'), path);
    }
    assertObserved(await app.inject('/connectors/nope/status'), error(404, 'No status found for connector nope'));
    assertObserved(await app.inject('/connectors/nope/tasks/0/status'), error(404, 'No status found for task nope-0'));
    assertObserved(await app.inject('/connectors/twp-a/tasks/5/status'), error(404, 'No status found for task twp-a-5'));
    assertObserved(await app.inject('/connectors/twp-a/tasks/-1/status'), error(404, 'No status found for task twp-a--1'));
    assertObserved(await app.inject('/connectors/a%2Fb'), error(404, 'Connector a/b not found'));
  });

  it('answers a task id that is not an Integer with JAX-RS 404 (with a JSON Content-Type)', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    for (const task of ['abc', '99999999999', '1.5']) {
      assertObserved(await app.inject(`/connectors/twp-a/tasks/${task}/status`), error(404, 'HTTP 404 Not Found'), task);
    }
    assertObserved(await app.inject({ method: 'POST', url: '/connectors/twp-a/tasks/x/restart' }), error(404, 'HTTP 404 Not Found'));
  });

  it('deletes: 204 without body or Content-Type, then 404', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    const res = await app.inject({ method: 'DELETE', url: '/connectors/twp-a' });
    assertObserved(res, empty(204));
    assert.equal(res.headers['content-length'], undefined);
    assertObserved(await app.inject({ method: 'DELETE', url: '/connectors/twp-a' }), error(404, 'Connector twp-a not found'));
  });
});

describe('/connectors/{name}/config', () => {
  it('PUT creates (201 + Location), then updates (200)', async () => {
    const { app } = testServer();
    const created = await app.inject({ ...jsonRequest('PUT', '/connectors/twp-d/config', FILE_SOURCE), headers: { ...HOST, 'content-type': 'application/json' } });
    assertObserved(created, json(201, { name: 'twp-d', config: { ...FILE_SOURCE, name: 'twp-d' }, tasks: [{ connector: 'twp-d', task: 0 }], type: 'source' }));
    assert.equal(created.headers.location, 'http://127.0.0.1:18083/connectors/twp-d');
    const updated = await app.inject(jsonRequest('PUT', '/connectors/twp-d/config', { ...FILE_SOURCE, topic: 'twp-topic2' }));
    assertObserved(updated, json(200, { name: 'twp-d', config: { ...FILE_SOURCE, topic: 'twp-topic2', name: 'twp-d' }, tasks: [{ connector: 'twp-d', task: 0 }], type: 'source' }));
    assert.equal(updated.headers.location, undefined);
    const coerced = await app.inject(jsonRequest('PUT', '/connectors/twp-d/config', { ...FILE_SOURCE, topic: 5 }));
    assert.equal(coerced.json<{ config: Record<string, string> }>().config.topic, '5');
  });

  it('PUT refuses a mismatching name (400) and unmappable bodies (500)', async () => {
    const { app } = testServer();
    assertObserved(
      await app.inject(jsonRequest('PUT', '/connectors/twp-d/config', { name: 'other', 'connector.class': 'FileStreamSource' })),
      error(400, "Connector name configuration (other) doesn't match connector name in the URL (twp-d)"),
    );
    assertObserved(
      await app.inject(jsonRequest('PUT', '/connectors/twp-d/config', '"str"')),
      error(500, 'Cannot deserialize a connector configuration: expected a JSON object, found a JSON string'),
    );
    assertObserved(
      await app.inject(jsonRequest('PUT', '/connectors/twp-d/config', { ...FILE_SOURCE, topic: { a: 1 } })),
      error(500, 'Cannot deserialize a connector configuration: the value of "topic" must be a string, found a JSON object'),
    );
  });

  it('PATCH merges, removes null keys, coerces scalars and does not check name (Kafka 3.9)', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-d');
    const patch = async (body: unknown) => app.inject(jsonRequest('PATCH', '/connectors/twp-d/config', body));
    const info = (config: Record<string, string>) => json(200, { name: 'twp-d', config, tasks: [{ connector: 'twp-d', task: 0 }], type: 'source' });
    const base = { ...FILE_SOURCE, name: 'twp-d' };
    assertObserved(await patch({ 'batch.size': '100', topic: 'twp-topic' }), info({ ...base, 'batch.size': '100' }));
    assertObserved(await patch({ 'batch.size': null }), info(base));
    assertObserved(await patch({ name: 'zzz' }), info({ ...base, name: 'zzz' }));
    assertObserved(await patch({ name: 'twp-d' }), info(base));
    assertObserved(await patch({}), info(base));
    assertObserved(await patch({ 'batch.size': 7 }), info({ ...base, 'batch.size': '7' }));
    assertObserved(
      await patch({ name: null }),
      error(400, 'Connector configuration is invalid and contains the following 1 error(s):\nMissing required configuration "name" which has no default value.' + INVALID_SUFFIX),
    );
    assertObserved(
      await patch({ topic: null }),
      error(400, 'Connector configuration is invalid and contains the following 1 error(s):\nMissing required configuration "topic" which has no default value.' + INVALID_SUFFIX),
    );
    assertObserved(await patch(undefined), error(500, 'The request body is empty; expected a connector configuration patch as a JSON object'));
    assertObserved(await app.inject(jsonRequest('PATCH', '/connectors/nope/config', { a: 'b' })), error(404, 'Connector nope not found'));
  });
});

describe('/connectors/{name}/topics', () => {
  it('lists active topics keyed by connector, also for unknown connectors (as Kafka does)', async () => {
    const { app, herder } = testServer();
    await createFileSource(app, 'twp-a');
    herder.useTopic('twp-a', 'twp-topic');
    assertObserved(await app.inject('/connectors/twp-a/topics'), json(200, { 'twp-a': { topics: ['twp-topic'] } }));
    assertObserved(await app.inject('/connectors/nope/topics'), json(200, { nope: { topics: [] } }));
    const reset = await app.inject({ method: 'PUT', url: '/connectors/twp-a/topics/reset' });
    assertObserved(reset, empty(202));
    assert.equal(reset.headers['content-length'], '0');
    assertObserved(await app.inject('/connectors/twp-a/topics'), json(200, { 'twp-a': { topics: [] } }));
    assertObserved(await app.inject({ method: 'PUT', url: '/connectors/nope/topics/reset' }), empty(202));
  });

  it('answers 403 when topic tracking or its reset is disabled', async () => {
    const disabled = testServer({ topicTracking: { enabled: false } }).app;
    assertObserved(await disabled.inject('/connectors/x/topics'), error(403, 'Topic tracking is disabled.'));
    assertObserved(await disabled.inject({ method: 'PUT', url: '/connectors/x/topics/reset' }), error(403, 'Topic tracking is disabled.'));
    const noReset = testServer({ topicTracking: { allowReset: false } }).app;
    assertObserved(await noReset.inject({ method: 'PUT', url: '/connectors/x/topics/reset' }), error(403, 'Topic tracking reset is disabled.'));
  });
});
