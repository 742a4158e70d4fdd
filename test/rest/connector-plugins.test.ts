/** `/connector-plugins`. Expected responses are those of real Kafka Connect 3.9.1 for the same requests. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertObserved, bare, error, json, jsonRequest, testServer } from './helpers.js';

const SINK = { class: 'org.apache.kafka.connect.file.FileStreamSinkConnector', type: 'sink', version: '3.9.1' };
const SOURCE = { class: 'org.apache.kafka.connect.file.FileStreamSourceConnector', type: 'source', version: '3.9.1' };
const CAST = { class: 'org.apache.kafka.connect.transforms.Cast$Value', type: 'transformation', version: '3.9.1' };

/** The beginning of `GET /connector-plugins/FileStreamSource/config` on Kafka Connect 3.9.1. */
const OBSERVED_SOURCE_CONFIG_PREFIX =
  '[{"name":"file","type":"STRING","required":false,"default_value":null,"importance":"HIGH","documentation":"Source filename. If not specified, the standard input will be used","group":null,"width":"NONE","display_name":"file","dependents":[],"order":-1},' +
  '{"name":"topic","type":"STRING","required":true,"default_value":null,"importance":"HIGH","documentation":"The topic to publish data to","group":null,"width":"NONE","display_name":"topic","dependents":[],"order":-1},' +
  '{"name":"batch.size","type":"INT","required":false,"default_value":"2000","importance":"LOW","documentation":"The maximum number of records the source task can read from the file each time it is polled","group":null,"width":"NONE","display_name":"batch.size","dependents":[],"order":-1},' +
  '{"name":"name","type":"STRING","required":true,"default_value":null,"importance":"HIGH","documentation":"Globally unique name to use for this connector.","group":"Common","width":"MEDIUM","display_name":"Connector name","dependents":[],"order":1},';

describe('GET /connector-plugins', () => {
  it('lists connectors by default, everything with connectorsOnly=false (Java Boolean parsing)', async () => {
    const { app } = testServer();
    const connectorsOnly = json(200, [SINK, SOURCE]);
    const all = json(200, [SINK, SOURCE, CAST]);
    assertObserved(await app.inject('/connector-plugins'), connectorsOnly);
    assertObserved(await app.inject('/connector-plugins?connectorsOnly='), connectorsOnly, 'empty: the default');
    assertObserved(await app.inject('/connector-plugins?connectorsOnly=true&connectorsOnly=false'), connectorsOnly, 'first value wins');
    for (const value of ['false', 'FALSE', 'no']) assertObserved(await app.inject(`/connector-plugins?connectorsOnly=${value}`), all, value);
  });
});

describe('GET /connector-plugins/{plugin}/config', () => {
  it("describes a plugin's keys in Kafka's field order, by class name, simple name or alias", async () => {
    const { app } = testServer();
    for (const plugin of ['FileStreamSource', 'FileStreamSourceConnector', 'org.apache.kafka.connect.file.FileStreamSourceConnector']) {
      const res = await app.inject(`/connector-plugins/${plugin}/config`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/json');
      assert.ok(res.body.startsWith(OBSERVED_SOURCE_CONFIG_PREFIX), `${plugin}: ${res.body}`);
    }
    const cast = await app.inject('/connector-plugins/org.apache.kafka.connect.transforms.Cast$Value/config');
    assert.deepEqual(cast.json<Array<{ name: string }>>().map((k) => k.name), ['spec', 'replace.null.with.default']);
  });

  it('answers an unknown plugin with 404', async () => {
    const { app } = testServer();
    assertObserved(await app.inject('/connector-plugins/Nope/config'), error(404, 'Unknown plugin Nope.'));
  });
});

describe('PUT /connector-plugins/{plugin}/config/validate', () => {
  it("refuses a connector.class that does not name the path's plugin (400)", async () => {
    const { app } = testServer();
    const res = await app.inject(jsonRequest('PUT', '/connector-plugins/FileStreamSource/config/validate', { 'connector.class': 'FileStreamSink' }));
    assertObserved(res, error(400, 'Included connector type FileStreamSink does not match request type FileStreamSource'));
  });

  it('compares names without their "Connector" suffix, by suffix (as Kafka does)', async () => {
    const { app } = testServer();
    for (const [path, connectorClass] of [
      ['FileStreamSource', 'FileStreamSourceConnector'],
      ['Source', 'FileStreamSource'],
      ['FileStreamSourceConnector', 'org.apache.kafka.connect.file.FileStreamSourceConnector'],
    ]) {
      const res = await app.inject(jsonRequest('PUT', `/connector-plugins/${path}/config/validate`, { 'connector.class': connectorClass }));
      assert.equal(res.statusCode, 200, `${path} ${connectorClass}: ${res.body}`);
    }
    // Passes the check, then the herder finds no such class (Kafka: 500 as well).
    const unknown = await app.inject(
      jsonRequest('PUT', '/connector-plugins/FileStreamSourceConnector/config/validate', { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSource' }),
    );
    assert.equal(unknown.statusCode, 500);
    assert.match(
      unknown.json<{ message: string }>().message,
      /^org\.apache\.kafka\.connect\.errors\.ConnectException: Failed to find any class that implements Connector and which name matches org\.apache\.kafka\.connect\.file\.FileStreamSource,/,
    );
  });

  it('answers ConfigInfos in Kafka field order', async () => {
    const { app } = testServer();
    const res = await app.inject(
      jsonRequest('PUT', '/connector-plugins/FileStreamSource/config/validate', { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', topic: 't' }),
    );
    assert.equal(res.statusCode, 200);
    // Observed on Kafka Connect 3.9.1 (whose `groups` list more groups than this test double's plugin):
    assert.ok(res.body.startsWith('{"name":"org.apache.kafka.connect.file.FileStreamSourceConnector","error_count":1,"groups":['), res.body);
    assert.ok(
      res.body.includes(
        ',"configs":[{"definition":{"name":"name","type":"STRING","required":true,"default_value":null,"importance":"HIGH","documentation":"Globally unique name to use for this connector.","group":"Common","width":"MEDIUM","display_name":"Connector name","dependents":[],"order":1},' +
          '"value":{"name":"name","value":null,"recommended_values":[],"errors":["Missing required configuration \\"name\\" which has no default value."],"visible":true}}',
      ),
      res.body,
    );
  });

  it('answers herder errors with 500 and the Java exception class first, as Kafka 3.9.1 does', async () => {
    const { app } = testServer();
    const res = await app.inject(jsonRequest('PUT', '/connector-plugins/FileStreamSource/config/validate', { topic: 't' }));
    assertObserved(res, error(500, 'org.apache.kafka.connect.runtime.rest.errors.BadRequestException: Connector config {topic=t} contains no connector type'));
  });

  it('answers bodies it cannot map with 500, and other methods with 405', async () => {
    const { app } = testServer();
    assertObserved(
      await app.inject(jsonRequest('PUT', '/connector-plugins/FileStreamSource/config/validate')),
      error(500, 'The request body is empty; expected a connector configuration as a JSON object'),
    );
    assertObserved(
      await app.inject(jsonRequest('PUT', '/connector-plugins/FileStreamSource/config/validate', '{bad')),
      error(500, "Malformed JSON in request body: Expected property name or '}' at line 1, column 2"),
    );
    assertObserved(await app.inject('/connector-plugins/FileStreamSource/config/validate'), bare(405, 'HTTP 405 Method Not Allowed'));
  });
});
