/**
 * What the server does around the resources: `GET /`, `GET /health`, Jersey's answers to unmatched
 * requests (404, 405, OPTIONS), media types (406, 415), malformed bodies, the error mapping and secrets.
 * Expected responses are those of real Kafka Connect 3.9.1 unless a test says otherwise.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AlreadyExistsError,
  BadRequestError,
  ConfigError,
  ConnectError,
  DataError,
  IllegalStateError,
  NotFoundError,
  RetriableError,
} from '../../src/api/errors.js';
import { RestError, credentialsIn, scrub, secretsIn, statusOf } from '../../src/rest/errors.js';
import { javaBoolean, javaHashMapOrder, javaInteger, javaTrim } from '../../src/rest/java.js';
import { MalformedJson, describeJsonError, parseJsonBody } from '../../src/rest/json.js';
import { createRestServer, parseListener } from '../../src/rest/server.js';
import { assertObserved, bare, capturingLogger, createFileSource, empty, error, json, jsonRequest, testServer } from './helpers.js';

const IDENTITY = { version: '3.9.1', commit: 'f745dfdcee2b9851', kafka_cluster_id: 'VGlkZXdhdGVyVGVzdHNLQQ' };

describe('GET / and GET /health', () => {
  it('GET / answers the worker identity; HEAD answers its headers', async () => {
    const { app } = testServer();
    assertObserved(await app.inject('/'), json(200, IDENTITY));
    const head = await app.inject({ method: 'HEAD', url: '/' });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-type'], 'application/json');
    assert.equal(head.headers['content-length'], '91');
    assert.equal(head.body, '');
  });

  it('GET /health answers 200, 503 or 500 with the herder status (KIP-1017)', async () => {
    const { app, herder } = testServer();
    assertObserved(await app.inject('/health'), json(200, { status: 'healthy', message: 'Worker has completed startup and is ready to handle requests.' }));
    herder.setHealth({ status: 'starting', message: 'Worker is still starting up.' });
    assertObserved(await app.inject('/health'), json(503, { status: 'starting', message: 'Worker is still starting up.' }));
    const unhealthy = 'Worker was unable to handle this request and may be unable to handle other requests.';
    herder.setHealth({ status: 'unhealthy', message: unhealthy });
    assertObserved(await app.inject('/health'), json(500, { status: 'unhealthy', message: unhealthy }));
  });

  it('without a herder (the demo) serves GET / from identity and no Connect routes', async () => {
    const app = createRestServer({ logger: capturingLogger().logger, identity: () => IDENTITY });
    assertObserved(await app.inject('/'), json(200, IDENTITY));
    assertObserved(await app.inject('/connectors'), bare(404, 'HTTP 404 Not Found'));
  });
});

describe('unmatched requests, as Jersey answers them', () => {
  it('404 for unknown paths, without a Content-Type', async () => {
    const { app } = testServer();
    assertObserved(await app.inject('/no/such'), bare(404, 'HTTP 404 Not Found'));
    assertObserved(await app.inject({ method: 'OPTIONS', url: '/nope' }), bare(404, 'HTTP 404 Not Found'));
    assertObserved(await app.inject({ url: '/nope', headers: { accept: 'text/plain' } }), bare(404, 'HTTP 404 Not Found'));
  });

  it('405 for known paths under another method, without a Content-Type', async () => {
    const { app } = testServer();
    const cases: Array<[string, string]> = [
      ['DELETE', '/'],
      ['POST', '/connectors/nope/status'],
      ['PUT', '/connectors'],
      ['PATCH', '/connectors/nope'],
      ['POST', '/connectors/twp-d/pause'],
      ['GET', '/connector-plugins/FileStreamSource/config/validate'],
    ];
    for (const [method, url] of cases) {
      assertObserved(await app.inject({ method: method as 'GET', url }), bare(405, 'HTTP 405 Method Not Allowed'), `${method} ${url}`);
    }
  });

  it('OPTIONS lists the allowed methods in Jersey order, as text/plain', async () => {
    const { app } = testServer();
    const cases: Array<[string, string]> = [
      ['/', 'HEAD,GET,OPTIONS'],
      ['/connectors', 'HEAD,POST,GET,OPTIONS'],
      ['/connectors/twp-d', 'HEAD,DELETE,GET,OPTIONS'],
      ['/connectors/twp-d/config', 'HEAD,GET,OPTIONS,PUT,PATCH'],
      ['/connectors/twp-d/offsets', 'HEAD,DELETE,GET,OPTIONS,PATCH'],
      ['/admin/loggers/root', 'HEAD,GET,OPTIONS,PUT'],
      ['/connector-plugins/x/config/validate', 'OPTIONS,PUT'],
      ['/health', 'HEAD,GET,OPTIONS'],
    ];
    for (const [url, allow] of cases) {
      const res = await app.inject({ method: 'OPTIONS', url });
      assertObserved(res, { status: 200, type: 'text/plain', body: allow.split(',').join(', ') }, url);
      assert.equal(res.headers.allow, allow);
    }
  });

  it('406 when Accept excludes JSON (q-values are not considered, as in Jersey)', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-d');
    const notAcceptable = bare(406, 'HTTP 406 Not Acceptable');
    assertObserved(await app.inject({ url: '/connectors', headers: { accept: 'text/plain' } }), notAcceptable);
    assertObserved(await app.inject({ method: 'PUT', url: '/connectors/twp-d/pause', headers: { accept: 'text/plain' } }), notAcceptable);
    assert.equal((await app.inject({ url: '/connectors', headers: { accept: 'text/html,*/*' } })).statusCode, 200);
    for (const accept of ['application/*', 'application/json;q=0']) {
      assertObserved(await app.inject({ method: 'PUT', url: '/connectors/twp-d/pause', headers: { accept } }), empty(202), accept);
    }
    assertObserved(await app.inject({ method: 'PUT', url: '/connectors/twp-d/resume', headers: { accept: 'text/plain, application/json;q=0.1' } }), empty(202));
  });

  it('415 for a Content-Type other than JSON, or a body without one, even without a body', async () => {
    const { app } = testServer();
    const unsupported = bare(415, 'HTTP 415 Unsupported Media Type');
    const body = JSON.stringify({ name: 'x', config: {} });
    assertObserved(await app.inject({ method: 'POST', url: '/connectors', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body }), unsupported);
    assertObserved(await app.inject({ method: 'POST', url: '/connectors', headers: { 'content-type': 'text/plain' }, payload: body }), unsupported);
    assertObserved(await app.inject({ method: 'POST', url: '/connectors', payload: Buffer.from(body) }), unsupported, 'no Content-Type');
    assertObserved(await app.inject({ method: 'PUT', url: '/connectors/x/pause', headers: { 'content-type': 'text/plain' } }), unsupported);
    assertObserved(await app.inject({ url: '/connectors', headers: { 'content-type': 'text/plain' } }), unsupported);
    const withCharset = await app.inject({
      method: 'POST',
      url: '/connectors',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload: JSON.stringify({ name: 'c', config: { 'connector.class': 'FileStreamSource', topic: 't' } }),
    });
    assert.equal(withCharset.statusCode, 201);
  });
});

describe('malformed bodies', () => {
  it('answer 500 (Kafka: Jackson messages) naming the problem and where, never quoting the body', async () => {
    const { app, logLines } = testServer();
    const cases: Array<[string, string]> = [
      ['{bad json', "Expected property name or '}' at line 1, column 2"],
      ['{"connector.class":"FileStreamSource","database.password":"hunter2"', "Expected ',' or '}' after property value at line 1, column 68"],
      ['{"name": "x",\n "config": {"database.password": hunter2}}', 'Unexpected character at line 2, column 34'],
      ['{"a":1} x', 'Unexpected non-whitespace character after JSON at line 1, column 9'],
      ['{"a":', 'Unexpected end of input at line 1, column 6'],
    ];
    for (const [body, reason] of cases) {
      const res = await app.inject(jsonRequest('POST', '/connectors', body));
      assertObserved(res, error(500, `Malformed JSON in request body: ${reason}`), body);
    }
    assert.ok(!logLines.join('').includes('hunter2'), 'no secret in the logs');
  });

  it('are ignored by routes that take no body, as Jersey ignores them', async () => {
    const { app } = testServer();
    await createFileSource(app, 'twp-a');
    assertObserved(await app.inject(jsonRequest('POST', '/connectors/twp-a/restart', '{bad')), empty(204));
    assertObserved(await app.inject(jsonRequest('PUT', '/connectors/twp-a/pause', '{bad')), empty(202));
  });

  it('answer 413 when larger than the body limit', async () => {
    const { app } = testServer({ bodyLimit: 100 });
    const res = await app.inject(jsonRequest('PUT', '/connectors/x/config', { big: 'x'.repeat(200) }));
    assert.equal(res.statusCode, 413);
    assert.equal(res.json<{ error_code: number }>().error_code, 413);
  });
});

describe('errors', () => {
  it("map to Kafka's status codes (ConnectExceptionMapper and Tidewater's herder errors)", () => {
    assert.equal(statusOf(new NotFoundError('x')), 404);
    assert.equal(statusOf(new AlreadyExistsError('x')), 409);
    assert.equal(statusOf(new BadRequestError('x')), 400);
    assert.equal(statusOf(new ConfigError('x')), 400);
    assert.equal(statusOf(new IllegalStateError('x')), 400);
    assert.equal(statusOf(new RestError(403, 'x')), 403);
    for (const other of [new ConnectError('x'), new RetriableError('x'), new DataError('x'), new Error('x'), new TypeError('x'), 'text']) {
      assert.equal(statusOf(other), 500, String(other));
    }
  });

  it('of any other kind answer 500 with their message, logged without secrets', async () => {
    const { app, herder, logLines } = testServer();
    herder.failNext(new Error('could not connect as postgres with password s3cr3t-pw'));
    const res = await app.inject(jsonRequest('PUT', '/connectors/db/config', { 'connector.class': 'FileStreamSource', 'database.password': 's3cr3t-pw' }));
    assertObserved(res, error(500, 'could not connect as postgres with password [hidden]'));
    const logged = logLines.join('');
    assert.match(logged, /REST request failed/);
    assert.ok(!logged.includes('s3cr3t-pw'), logged);
  });

  it('never carry a configuration secret, even when the herder quotes the configuration', async () => {
    const { app } = testServer();
    const res = await app.inject(jsonRequest('PUT', '/connector-plugins/Any/config/validate', { topic: 't', 'connection.password': 'hunter2' }));
    assertObserved(res, error(500, 'org.apache.kafka.connect.runtime.rest.errors.BadRequestException: Connector config {topic=t, connection.password=[hidden]} contains no connector type'));
  });

  it('secretsIn finds secret-looking values at any depth; scrub hides them', () => {
    const secrets = secretsIn({ name: 'x', config: { 'database.password': 'pw1', 'ssl.keystore.key': 'KEYDATA', topic: 'public', 'sasl.jaas.config': 'jaas' } });
    assert.deepEqual(secrets, ['pw1', 'KEYDATA', 'jaas']);
    assert.equal(scrub('pw1 and KEYDATA and public', secrets), '[hidden] and [hidden] and public');
    const basic = `Basic ${Buffer.from('alice:wonderland').toString('base64')}`;
    assert.ok(credentialsIn(basic).includes('wonderland'));
    assert.ok(credentialsIn('Bearer t0ken-value').includes('t0ken-value'));
    assert.deepEqual(credentialsIn(undefined), []);
  });
});

describe('GET /metrics (Tidewater only)', () => {
  it('serves the rendered metrics as Prometheus text, and is absent without a renderer', async () => {
    const text = '# TYPE kafka_connect_worker_connector_count gauge\nkafka_connect_worker_connector_count 1\n';
    const { app } = testServer({ metrics: () => text });
    const res = await app.inject('/metrics');
    assertObserved(res, { status: 200, type: 'text/plain; version=0.0.4; charset=utf-8', body: text });
    const scrape = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
    assert.equal((await app.inject({ url: '/metrics', headers: { accept: scrape } })).statusCode, 200);
    assert.equal((await app.inject({ url: '/metrics', headers: { accept: 'text/plain' } })).statusCode, 200);
    assertObserved(await app.inject({ url: '/metrics', headers: { accept: 'application/json' } }), bare(406, 'HTTP 406 Not Acceptable'));
    const doc = (await app.inject('/openapi.json')).json<{ paths: Record<string, { get: { responses: Record<string, { content: object }> } }> }>();
    assert.deepEqual(Object.keys(doc.paths['/metrics']?.get.responses['200']?.content ?? {}), ['text/plain; version=0.0.4; charset=utf-8']);
    assertObserved(await testServer().app.inject('/metrics'), bare(404, 'HTTP 404 Not Found'));
  });
});

describe('helpers', () => {
  it("javaHashMapOrder reproduces java.util.HashMap's iteration order", () => {
    assert.deepEqual(javaHashMapOrder(['twp-a', 'twp-b', 'twp-c']), ['twp-b', 'twp-c', 'twp-a']);
    assert.deepEqual(javaHashMapOrder(['status', 'info']), ['status', 'info']);
    assert.deepEqual(javaHashMapOrder(['info', 'status']), ['info', 'status']);
    const many = Array.from({ length: 40 }, (_, i) => `c${i}`);
    assert.equal(new Set(javaHashMapOrder(many)).size, 40);
  });

  it('javaTrim, javaInteger and javaBoolean read values as Java and JAX-RS do', () => {
    assert.equal(javaTrim(' \t\u0001name\n '), 'name');
    assert.equal(javaTrim('\u00a0x\u00a0'), '\u00a0x\u00a0');
    assert.deepEqual(['0', '00', '+5', '-1', 'abc', '1.5', '2147483648', '-2147483648'].map(javaInteger), [0, 0, 5, -1, undefined, undefined, undefined, -2147483648]);
    assert.deepEqual([undefined, '', 'true', 'TRUE', 'yes', ['true', 'false']].map((v) => javaBoolean(v, false)), [false, false, true, true, false, true]);
    assert.equal(javaBoolean('', true), true);
  });

  it('parseJsonBody: empty is undefined; errors locate the problem', () => {
    assert.equal(parseJsonBody(' \n'), undefined);
    assert.deepEqual(parseJsonBody('{"a":[1]}'), { a: [1] });
    const malformed = parseJsonBody('nul');
    assert.ok(malformed instanceof MalformedJson);
    assert.match(malformed.error.message, /Unexpected end of input at line 1, column 4/);
    assert.equal(describeJsonError('["x", tru]', "Unexpected token ']', \"[\"x\", tru]\" is not valid JSON"), 'Unexpected character at line 1, column 10');
  });

  it("parseListener reads Kafka's listeners setting (one listener)", () => {
    assert.deepEqual(parseListener('http://:8083'), { protocol: 'http', host: '0.0.0.0', port: 8083 });
    assert.deepEqual(parseListener('HTTPS://127.0.0.1:8443/'), { protocol: 'https', host: '127.0.0.1', port: 8443 });
    assert.deepEqual(parseListener('http://[::1]:0'), { protocol: 'http', host: '::1', port: 0 });
    assert.deepEqual(parseListener('http://::1:8083'), { protocol: 'http', host: '::1', port: 8083 });
    assert.throws(() => parseListener('http://a:1,https://b:2'), /exactly one listener is supported/);
    assert.throws(() => parseListener('ftp://x:1'), /expected http:\/\/host:port/);
  });
});
