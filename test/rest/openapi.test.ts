/** `GET /openapi.json`: generated from the declared routes, complete, self-consistent OpenAPI 3.0. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { route } from '../../src/rest/routes.js';
import * as S from '../../src/rest/schemas.js';
import { testServer } from './helpers.js';

interface Operation {
  operationId: string;
  summary: string;
  parameters: Array<{ name: string; in: string; required: boolean }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}
interface Document {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

async function documentOf(app: ReturnType<typeof testServer>['app']): Promise<Document> {
  const res = await app.inject('/openapi.json');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/json');
  return res.json<Document>();
}

/** Every route of Kafka Connect 3.9's public REST API that Tidewater serves, plus its own `/openapi.json`. */
const EXPECTED = [
  'get /',
  'get /health',
  'get /connectors',
  'post /connectors',
  'get /connectors/{connector}',
  'delete /connectors/{connector}',
  'get /connectors/{connector}/config',
  'put /connectors/{connector}/config',
  'patch /connectors/{connector}/config',
  'get /connectors/{connector}/status',
  'get /connectors/{connector}/tasks',
  'get /connectors/{connector}/tasks-config',
  'get /connectors/{connector}/tasks/{task}/status',
  'get /connectors/{connector}/topics',
  'put /connectors/{connector}/topics/reset',
  'post /connectors/{connector}/restart',
  'post /connectors/{connector}/tasks/{task}/restart',
  'put /connectors/{connector}/pause',
  'put /connectors/{connector}/resume',
  'put /connectors/{connector}/stop',
  'get /connectors/{connector}/offsets',
  'patch /connectors/{connector}/offsets',
  'delete /connectors/{connector}/offsets',
  'get /connector-plugins',
  'get /connector-plugins/{plugin}/config',
  'put /connector-plugins/{plugin}/config/validate',
  'get /admin/loggers',
  'get /admin/loggers/{logger}',
  'put /admin/loggers/{logger}',
  'get /openapi.json',
];

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('GET /openapi.json', () => {
  it('describes every route, with unique operation ids, path parameters and responses', async () => {
    const doc = await documentOf(testServer().app);
    assert.equal(doc.openapi, '3.0.3');
    assert.equal(doc.info.version, '3.9.1');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ key: `${m} ${path}`, path, op })));
    assert.deepEqual(operations.map((o) => o.key).sort(), [...EXPECTED].sort());
    assert.equal(new Set(operations.map((o) => o.op.operationId)).size, operations.length);
    for (const { key, path, op } of operations) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      assert.deepEqual(op.parameters.filter((p) => p.in === 'path').map((p) => p.name), inPath, key);
      assert.ok(op.parameters.filter((p) => p.in === 'path').every((p) => p.required), key);
      assert.ok(op.summary, key);
      assert.ok(Object.keys(op.responses).some((s) => s.startsWith('2')), `${key} has a success response`);
      assert.ok(op.responses['500'], `${key} documents 500`);
    }
  });

  it('documents bodies and query parameters, referring to named schemas', async () => {
    const doc = await documentOf(testServer().app);
    const create = doc.paths['/connectors']?.post;
    assert.deepEqual(create?.requestBody?.content['application/json']?.schema, { $ref: '#/components/schemas/CreateConnectorRequest' });
    assert.deepEqual(create?.responses['201']?.content?.['application/json']?.schema, { $ref: '#/components/schemas/ConnectorInfo' });
    const restart = doc.paths['/connectors/{connector}/restart']?.post;
    assert.deepEqual(restart?.parameters.map((p) => `${p.in}:${p.name}`), ['path:connector', 'query:includeTasks', 'query:onlyFailed']);
    assert.equal(restart?.responses['204']?.content, undefined, '204 has no body');
    assert.ok(doc.paths['/admin/loggers/{logger}']?.put?.parameters.some((p) => p.name === 'scope'));
  });

  it('is OpenAPI 3.0: every $ref resolves and no schema uses a type array', async () => {
    const doc = await documentOf(testServer().app);
    for (const ref of refsIn(doc)) {
      const name = ref.replace('#/components/schemas/', '');
      assert.ok(doc.components.schemas[name], `unresolved ${ref}`);
    }
    assert.ok(!JSON.stringify(doc).includes('"type":['), 'type arrays are converted to nullable');
    assert.deepEqual(doc.components.schemas.LoggerLevel, {
      type: 'object',
      properties: { level: { type: 'string' }, last_modified: { type: 'integer', nullable: true, description: 'Milliseconds since the epoch' } },
    });
  });

  it('is generated from the route declarations: a new route appears in it', async () => {
    const { app } = testServer();
    route(app, {
      method: 'GET',
      url: '/extra/:thing',
      doc: { summary: 'Extra', operationId: 'extra', tags: ['x'], params: { thing: S.connectorParam }, responses: { 200: S.ok('ok', S.Message) } },
      handler: async () => ({ message: 'hi' }),
    });
    const doc = await documentOf(app);
    assert.equal(doc.paths['/extra/{thing}']?.get?.operationId, 'extra');
  });

  it("documents schemas that real Kafka Connect 3.9.1's responses satisfy", () => {
    const ajv = new Ajv({ strict: false });
    const observed: Array<[unknown, unknown]> = [
      [S.ConnectorInfo, { name: 'twp-a', config: { 'connector.class': 'FileStreamSource', name: 'twp-a' }, tasks: [{ connector: 'twp-a', task: 0 }], type: 'source' }],
      [S.ConnectorStateInfo, { name: 'twp-a', connector: { state: 'RUNNING', worker_id: '127.0.0.1:18083' }, tasks: [{ id: 0, state: 'RUNNING', worker_id: '127.0.0.1:18083' }], type: 'source' }],
      [S.ConnectorOffsets, { offsets: [{ partition: { filename: '/tmp/twprobe.txt' }, offset: { position: 6 } }] }],
      [S.LoggerLevel, { level: 'DEBUG', last_modified: 1795262160413 }],
      [S.LoggerLevel, { level: 'INFO', last_modified: null }],
      [S.WorkerStatus, { status: 'healthy', message: 'Worker has completed startup and is ready to handle requests.' }],
      [S.PluginInfo, { class: 'io.debezium.connector.postgresql.PostgresConnector', type: 'source', version: '3.2.7.Final' }],
      [S.ErrorMessage, { error_code: 404, message: 'Connector nope not found' }],
      [S.ActiveTopics, { 'twp-a': { topics: ['twp-topic'] } }],
      [S.ServerInfo, { version: '3.9.1', commit: 'f745dfdcee2b9851', kafka_cluster_id: 'VGlkZXdhdGVyVGVzdHNLQQ' }],
    ];
    for (const [schema, body] of observed) {
      const validate = ajv.compile(schema as object);
      assert.ok(validate(body), `${JSON.stringify(body)}: ${ajv.errorsText(validate.errors)}`);
    }
  });
});
