/**
 * The REST server over a real socket, driven the way operators' scripts drive Kafka Connect: curl, piped
 * into jq. (If jq is not installed, the jq steps are checked by parsing curl's output instead.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createLoggerLevels } from '../../src/rest/logger-levels.js';
import { startRestServer } from '../../src/rest/server.js';
import { curl, hasCommand, shell } from './curl.js';
import { HerderDouble } from './herder-double.js';
import { capturingLogger } from './helpers.js';

describe('REST over a socket, with curl and jq', () => {
  let app: FastifyInstance;
  let url = '';
  let jq = false;

  before(async () => {
    jq = await hasCommand('jq');
    const running = await startRestServer({
      logger: capturingLogger().logger,
      herder: new HerderDouble(),
      loggers: createLoggerLevels(),
      listeners: 'http://127.0.0.1:0',
    });
    app = running.app;
    url = running.url;
  });
  after(async () => app.close());

  /** `curl … | jq -r <filter>`, or the same filter's value computed from curl's output without jq. */
  async function curlJq(curlArgs: string, filter: string, fallback: (body: unknown) => unknown): Promise<string> {
    if (jq) return (await shell(`curl -sS ${curlArgs} | jq -r '${filter}'`)).trim();
    const body: unknown = JSON.parse(await shell(`curl -sS ${curlArgs}`));
    const value = fallback(body);
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  it('reads the worker, creates a connector, follows its status and deletes it', async (t) => {
    if (!jq) t.diagnostic('jq is not installed: checking the same values from curl output directly');
    assert.equal(await curlJq(`${url}/`, '.version', (b) => (b as { version: string }).version), '3.9.1');
    assert.equal(await curlJq(`${url}/health`, '.status', (b) => (b as { status: string }).status), 'healthy');

    const create = `-X POST -H 'Content-Type: application/json' --data '{"name":"orders","config":{"connector.class":"FileStreamSource","topic":"orders","file":"/tmp/orders.txt"}}' ${url}/connectors`;
    assert.equal(await curlJq(create, '.tasks[0].connector', (b) => (b as { tasks: Array<{ connector: string }> }).tasks[0]?.connector), 'orders');

    const state = () =>
      curlJq(`'${url}/connectors?expand=status&expand=info'`, '.orders.status.connector.state', (b) => (b as Record<string, { status: { connector: { state: string } } }>).orders?.status.connector.state);
    assert.equal(await state(), 'RUNNING');
    assert.equal((await shell(`curl -sS -o /dev/null -w '%{http_code}' -X PUT ${url}/connectors/orders/pause`)).trim(), '202');
    assert.equal(await state(), 'PAUSED');

    const restart = await curl(['-X', 'POST', `${url}/connectors/orders/restart?includeTasks=true`]);
    assert.equal(restart.status, 202);
    assert.equal(restart.headers['content-type'], 'application/json');

    assert.equal((await shell(`curl -sS -o /dev/null -w '%{http_code}' -X DELETE ${url}/connectors/orders`)).trim(), '204');
    assert.equal(await curlJq(`${url}/connectors`, 'length', (b) => (b as unknown[]).length), '0');
  });

  it('writes header names and order as Jetty does (scripts grep for them)', async () => {
    const created = await curl(['-X', 'PUT', '-H', 'Content-Type: application/json', '-d', '{"connector.class":"FileStreamSource","topic":"t"}', `${url}/connectors/heads/config`]);
    const jetty = (lines: readonly string[]) => lines.filter((l) => /^(Location|Content-Type|Allow|Content-Length):/.test(l));
    assert.deepEqual(jetty(created.rawHeaders), [`Location: ${url}/connectors/heads`, 'Content-Type: application/json', `Content-Length: ${created.body.length}`]);
    const options = await curl(['-X', 'OPTIONS', `${url}/connectors`]);
    assert.deepEqual(jetty(options.rawHeaders), ['Content-Type: text/plain', 'Allow: HEAD,POST,GET,OPTIONS', 'Content-Length: 24']);
    await curl(['-X', 'DELETE', `${url}/connectors/heads`]);
  });

  it('answers errors as Kafka Connect does, headers included', async () => {
    const unknown = await curl([`${url}/no/such/route`]);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers['content-type'], undefined);
    assert.equal(unknown.body, '{"error_code":404,"message":"HTTP 404 Not Found"}');

    const missing = await curl([`${url}/connectors/nope`]);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['content-type'], 'application/json');
    assert.equal(missing.body, '{"error_code":404,"message":"Connector nope not found"}');

    // curl -d without -H sends application/x-www-form-urlencoded: Jersey answers 415.
    const form = await curl(['-d', '{"name":"x","config":{}}', `${url}/connectors`]);
    assert.equal(form.status, 415);
    assert.equal(form.body, '{"error_code":415,"message":"HTTP 415 Unsupported Media Type"}');

    const malformed = await curlJq(
      `-X POST -H 'Content-Type: application/json' --data '{"name": "x", "config": {"database.password": hunter2}}' ${url}/connectors`,
      '"\\(.error_code) \\(.message)"',
      (b) => `${(b as { error_code: number }).error_code} ${(b as { message: string }).message}`,
    );
    assert.equal(malformed, '500 Malformed JSON in request body: Unexpected character at line 1, column 47');

    const options = await curl(['-X', 'OPTIONS', `${url}/connectors/x/config`]);
    assert.equal(options.headers.allow, 'HEAD,GET,OPTIONS,PUT,PATCH');
    assert.equal(options.body, 'HEAD, GET, OPTIONS, PUT, PATCH');
  });

  it('sets log levels and serves its OpenAPI document', async () => {
    const set = `-X PUT -H 'Content-Type: application/json' --data '{"level":"debug"}' ${url}/admin/loggers/io.tidewater`;
    assert.equal(await curlJq(set, '.[0]', (b) => (b as string[])[0]), 'io.tidewater');
    assert.equal(await curlJq(`${url}/admin/loggers`, '.["io.tidewater"].level', (b) => (b as Record<string, { level: string }>)['io.tidewater']?.level), 'DEBUG');
    const paths = await curlJq(`${url}/openapi.json`, '.paths | keys | length', (b) => Object.keys((b as { paths: object }).paths).length);
    assert.ok(Number(paths) >= 20, paths);
  });
});
