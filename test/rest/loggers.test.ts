/**
 * `/admin/loggers` and the in-memory LoggerControl. Expected responses are those of real Kafka Connect
 * 3.9.1 for the same requests (its log4j configuration sets org.apache.kafka.clients=WARN,
 * org.reflections=ERROR and a few more; the tests configure the first two).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLoggerLevels, pinoLevel } from '../../src/rest/logger-levels.js';
import { assertObserved, bare, empty, error, json, jsonRequest, testServer } from './helpers.js';

const FIRST_CHANGE = 1_795_262_160_413;

describe('GET /admin/loggers', () => {
  it('lists explicitly set loggers and root, sorted by name', async () => {
    const { app } = testServer();
    const expected = json(200, {
      'org.apache.kafka.clients': { level: 'WARN', last_modified: null },
      'org.reflections': { level: 'ERROR', last_modified: null },
      root: { level: 'INFO', last_modified: null },
    });
    assertObserved(await app.inject('/admin/loggers'), expected);
    assertObserved(await app.inject('/admin/loggers/'), expected, 'trailing slash');
  });

  it('reads one logger (root in any case); 404 for a logger that does not exist', async () => {
    const { app } = testServer();
    assertObserved(await app.inject('/admin/loggers/root'), json(200, { level: 'INFO', last_modified: null }));
    assertObserved(await app.inject('/admin/loggers/ROOT'), json(200, { level: 'INFO', last_modified: null }));
    assertObserved(await app.inject('/admin/loggers/org.apache.kafka.clients'), json(200, { level: 'WARN', last_modified: null }));
    assertObserved(await app.inject('/admin/loggers/org.nope'), error(404, 'Logger org.nope not found.'));
  });
});

describe('PUT /admin/loggers/{logger}', () => {
  it('sets a level (any case) and answers the loggers it set; last_modified records when', async () => {
    const { app } = testServer();
    assertObserved(await app.inject(jsonRequest('PUT', '/admin/loggers/org.tidewater.probe', { level: 'debug' })), json(200, ['org.tidewater.probe']));
    assertObserved(await app.inject('/admin/loggers/org.tidewater.probe'), json(200, { level: 'DEBUG', last_modified: FIRST_CHANGE }));
    assertObserved(await app.inject(jsonRequest('PUT', '/admin/loggers/org.tidewater', { level: 'WARN' })), json(200, ['org.tidewater', 'org.tidewater.probe']));
    const all = (await app.inject('/admin/loggers')).json<Record<string, { level: string }>>();
    assert.deepEqual(Object.keys(all), ['org.apache.kafka.clients', 'org.reflections', 'org.tidewater', 'org.tidewater.probe', 'root']);
    assert.equal(all['org.tidewater.probe']?.level, 'WARN');
    assertObserved(await app.inject(jsonRequest('PUT', '/admin/loggers/org.tidewater.probe', { level: 'INFO', x: 'y' })), json(200, ['org.tidewater.probe']), 'other keys ignored');
  });

  it('answers a missing level with 400 and an unknown one with 404, as Kafka does', async () => {
    const { app } = testServer();
    const put = (body: unknown) => app.inject(jsonRequest('PUT', '/admin/loggers/org.tidewater.probe', body));
    assertObserved(await put({ level: 'bogus' }), error(404, "invalid log level 'bogus'."));
    assertObserved(await put({ level: 5 }), error(404, "invalid log level '5'."));
    assertObserved(await put({}), error(400, "Desired 'level' parameter was not specified in request."));
    assertObserved(await put({ level: null }), error(400, "Desired 'level' parameter was not specified in request."));
    assertObserved(
      await put({ level: { x: 1 } }),
      error(500, 'Cannot deserialize a logger level (a JSON object of strings): the value of "level" must be a string, found a JSON object'),
    );
    assertObserved(await put(['x']), error(500, 'Cannot deserialize a logger level (a JSON object of strings): expected a JSON object, found a JSON array'));
    assertObserved(await put(undefined), error(500, 'The request body is empty; expected a logger level (a JSON object of strings) as a JSON object'));
  });

  it('scope=cluster answers 204; worker, unknown or no scope answer the list', async () => {
    const { app } = testServer();
    const put = (q: string) => app.inject(jsonRequest('PUT', `/admin/loggers/org.tidewater.probe${q}`, { level: 'INFO' }));
    assertObserved(await put('?scope=cluster'), empty(204));
    assertObserved(await put('?scope=CLUSTER'), empty(204));
    for (const q of ['', '?scope=worker', '?scope=bogus']) assertObserved(await put(q), json(200, ['org.tidewater.probe']), q);
  });

  it('is not served on /admin/loggers itself (405)', async () => {
    const { app } = testServer();
    assertObserved(await app.inject(jsonRequest('PUT', '/admin/loggers', { level: 'INFO' })), bare(405, 'HTTP 405 Method Not Allowed'));
  });
});

describe('createLoggerLevels (Kafka Loggers semantics)', () => {
  it('registered loggers exist with their inherited level; listing shows only explicit levels', () => {
    const levels = createLoggerLevels({ configured: { 'io.debezium': 'WARN' } });
    levels.register('io.debezium.connector.postgresql');
    levels.register('org.other');
    assert.deepEqual(levels.get('io.debezium.connector.postgresql'), { level: 'WARN', last_modified: null });
    assert.deepEqual(levels.get('org.other'), { level: 'INFO', last_modified: null });
    assert.equal(levels.get('never.created'), undefined);
    assert.deepEqual([...levels.list().keys()], ['io.debezium', 'root']);
  });

  it('setting a namespace sets every existing logger starting with it (plain prefix), root sets all', () => {
    const changes: string[] = [];
    let t = 0;
    const levels = createLoggerLevels({ now: () => ++t, onChange: (name, level) => changes.push(`${name}=${level}`) });
    levels.register('org.foo.bar');
    levels.register('org.foobar');
    levels.register('org.baz');
    assert.deepEqual(levels.set('org.foo', 'DEBUG'), ['org.foo', 'org.foo.bar', 'org.foobar']);
    assert.equal(levels.effectiveLevel('org.foo.bar.child'), 'DEBUG');
    assert.deepEqual(levels.set('Root', 'ERROR'), ['org.baz', 'org.foo', 'org.foo.bar', 'org.foobar', 'root']);
    assert.deepEqual(levels.get('root'), { level: 'ERROR', last_modified: 8 });
    assert.equal(changes.length, 8);
    assert.equal(changes.at(-1), 'root=ERROR');
  });

  it('maps log4j levels to pino levels', () => {
    assert.deepEqual(
      (['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'] as const).map(pinoLevel),
      ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'trace'],
    );
  });
});
