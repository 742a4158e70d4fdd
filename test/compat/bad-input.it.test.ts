/**
 * Bad input, as users' curl scripts send it, to a Tidewater standalone worker (a child process) and to real
 * Kafka Connect 3.9.1 (the `connect` test service): each answer's status and message must be Kafka's.
 * Kafka's answers below were observed on 2026-11-21 and are re-checked against the live service; where
 * Kafka's message is Java-specific (Jackson's parser errors), Tidewater's own message is recorded and must
 * name what Kafka's names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { useService } from '../env/index.js';
import {
  connectorPlugins,
  invalidConfigMessage,
  unknownConnectorClassMessage,
  unknownConnectorClassOnValidateMessage,
  withoutPluginList,
  type PluginInfo,
} from './kafka-messages.js';
import { startStandaloneWorker, type StandaloneProcess } from './standalone-process.js';

interface Probe {
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly body?: string;
}

interface Answer {
  readonly status: number;
  readonly message: string;
}

interface BadInput {
  readonly title: string;
  readonly probe: Probe;
  /** Kafka Connect 3.9.1's answer, given the worker's connector plugins. */
  readonly kafka: (plugins: readonly PluginInfo[]) => Answer;
  /** Tidewater's answer where Kafka's message is Java-specific; Kafka's otherwise. */
  readonly tidewater?: Answer;
  /** What the message must name (the offending key, class or position). */
  readonly names: RegExp;
}

const EXISTING = 'tw-bad-input-existing';
const FILE = '/tmp/tw-bad-input.txt';
const json = (value: unknown) => JSON.stringify(value);
const create = (name: string, config: Record<string, string>): Probe => ({ method: 'POST', path: '/connectors', body: json({ name, config }) });
const validate = (plugin: string, config: Record<string, string>): Probe => ({
  method: 'PUT',
  path: `/connector-plugins/${plugin}/config/validate`,
  body: json(config),
});
const fileSource = (extra: Record<string, string>) => ({ 'connector.class': 'FileStreamSource', file: FILE, ...extra });
const answer = (status: number, message: string) => () => ({ status, message });
const invalid = (...errors: string[]) => answer(400, invalidConfigMessage(errors));
const NOT_AN_INT = (key: string, value: string) => `Invalid value ${value} for configuration ${key}: Not a number of type INT`;

const CASES: readonly BadInput[] = [
  {
    title: 'an unknown connector class on create',
    probe: create('tw-bad-input-class', { 'connector.class': 'com.example.NoSuchConnector', topic: 'orders' }),
    kafka: (plugins) => ({ status: 500, message: unknownConnectorClassMessage('com.example.NoSuchConnector', plugins) }),
    names: /com\.example\.NoSuchConnector/,
  },
  {
    title: 'an unknown connector class on validate',
    probe: validate('NoSuchConnector', { 'connector.class': 'com.example.NoSuchConnector', name: 'tw-bad-input-class' }),
    kafka: (plugins) => ({ status: 500, message: unknownConnectorClassOnValidateMessage('com.example.NoSuchConnector', plugins) }),
    names: /com\.example\.NoSuchConnector/,
  },
  {
    // Kafka prints a java.util.HashMap copy of the config (table size for 3 entries: 8 buckets).
    title: 'no connector.class on create',
    probe: create('tw-bad-input-no-class', { file: '/tmp/in.txt', topic: 'orders' }),
    kafka: answer(400, 'Connector config {name=tw-bad-input-no-class, topic=orders, file=/tmp/in.txt} contains no connector type'),
    names: /connector type/,
  },
  {
    // Kafka's validate resource reports the ExecutionException around the herder's BadRequestException: 500.
    title: 'no connector.class on validate',
    probe: validate('FileStreamSource', { file: '/tmp/in.txt', topic: 'orders' }),
    kafka: answer(
      500,
      'org.apache.kafka.connect.runtime.rest.errors.BadRequestException: Connector config {topic=orders, file=/tmp/in.txt} contains no connector type',
    ),
    names: /connector type/,
  },
  {
    title: 'a missing required key (FileStreamSource without topic)',
    probe: create('tw-bad-input-no-topic', fileSource({})),
    kafka: invalid('Missing required configuration "topic" which has no default value.'),
    names: /"topic"/,
  },
  {
    // Kafka's ConfigDef runs the validator on a missing key's null too: MaskField's NonEmptyListValidator adds one.
    title: "a missing required transformation key (MaskField without fields)",
    probe: create('tw-bad-input-mask', {
      'connector.class': 'FileStreamSource',
      topic: 'orders',
      transforms: 'mask',
      'transforms.mask.type': 'org.apache.kafka.connect.transforms.MaskField$Value',
    }),
    kafka: invalid('Missing required configuration "transforms.mask.fields" which has no default value.', 'Invalid value null for configuration fields: Empty list'),
    names: /transforms\.mask\.fields/,
  },
  {
    // After a value fails to parse, Kafka validates null too: Range's "Value must be non-null".
    title: 'tasks.max=abc',
    probe: create('tw-bad-input-tasks', fileSource({ topic: 'orders', 'tasks.max': 'abc' })),
    kafka: invalid(NOT_AN_INT('tasks.max', 'abc'), 'Invalid value null for configuration tasks.max: Value must be non-null'),
    names: /tasks\.max/,
  },
  {
    title: 'batch.size=zz',
    probe: create('tw-bad-input-batch', fileSource({ topic: 'orders', 'batch.size': 'zz' })),
    kafka: invalid(NOT_AN_INT('batch.size', 'zz')),
    names: /batch\.size/,
  },
  {
    title: 'an unknown transformation class',
    probe: create('tw-bad-input-smt', fileSource({ topic: 'orders', transforms: 'mask', 'transforms.mask.type': 'com.example.NoSuchTransform' })),
    kafka: invalid('Invalid value com.example.NoSuchTransform for configuration transforms.mask.type: Class com.example.NoSuchTransform could not be found.'),
    names: /transforms\.mask\.type.*com\.example\.NoSuchTransform/,
  },
  {
    title: 'a truncated JSON body',
    probe: { method: 'POST', path: '/connectors', body: '{"name":"tw-bad-input-truncated","config":{"connector.class":"FileStreamSource",' },
    kafka: answer(
      500,
      'Unexpected end-of-input within/between Object entries\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ' +
        'line: 1, column: 81] (through reference chain: org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest["config"])',
    ),
    tidewater: { status: 500, message: 'Malformed JSON in request body: Expected double-quoted property name at line 1, column 81' },
    names: /line 1, column 81/,
  },
  {
    // Jackson reports where the bad token ends (column 38), Tidewater where it starts (column 21).
    title: 'an unquoted JSON value',
    probe: { method: 'PUT', path: '/connectors/tw-bad-input-unquoted/config', body: '{"connector.class": FileStreamSource, "topic": "orders"}' },
    kafka: answer(
      500,
      "Unrecognized token 'FileStreamSource': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n" +
        ' at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 38]',
    ),
    tidewater: { status: 500, message: 'Malformed JSON in request body: Unexpected character at line 1, column 21' },
    names: /line 1, column/,
  },
  {
    title: 'a name that is taken',
    probe: create(EXISTING, fileSource({ topic: 'orders' })),
    kafka: answer(409, `Connector ${EXISTING} already exists`),
    names: new RegExp(EXISTING),
  },
  {
    title: 'a restart of a task the connector does not have',
    probe: { method: 'POST', path: `/connectors/${EXISTING}/tasks/7/restart` },
    kafka: answer(404, `Task ${EXISTING}-7 not found`),
    names: new RegExp(`${EXISTING}-7`),
  },
  {
    // Kafka's standalone restartTask goes on after reporting the unknown connector and fails to start it.
    title: 'a restart of a task of an unknown connector',
    probe: { method: 'POST', path: '/connectors/tw-bad-input-unknown/tasks/0/restart' },
    kafka: answer(500, 'Failed to start task tw-bad-input-unknown-0 since it is not a recognizable type (source or sink)'),
    names: /tw-bad-input-unknown-0/,
  },
  {
    // Kafka's standalone herder stops an unknown connector with a plain ConnectException.
    title: 'a stop of an unknown connector',
    probe: { method: 'PUT', path: '/connectors/tw-bad-input-unknown/stop' },
    kafka: answer(500, 'No connector `tw-bad-input-unknown` configured'),
    names: /tw-bad-input-unknown/,
  },
];

async function send(url: string, probe: Probe): Promise<Answer> {
  const response = await fetch(`${url}${probe.path}`, {
    method: probe.method,
    headers: { 'content-type': 'application/json' },
    ...(probe.body === undefined ? {} : { body: probe.body }),
  });
  const body = (await response.json()) as { error_code: number; message: string };
  assert.equal(body.error_code, response.status, 'error_code is the HTTP status');
  return { status: response.status, message: body.message };
}

async function removeExisting(url: string): Promise<void> {
  const response = await fetch(`${url}/connectors/${EXISTING}`, { method: 'DELETE' });
  assert.ok([204, 404].includes(response.status), `DELETE ${EXISTING}: ${response.status}`);
}

async function createExisting(url: string): Promise<void> {
  const response = await fetch(`${url}/connectors`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: json({ name: EXISTING, config: fileSource({ topic: 'tw-bad-input' }) }),
  });
  assert.equal(response.status, 201, await response.text());
}

describe('bad input: Tidewater answers as Kafka Connect 3.9.1 does', () => {
  let tidewater: StandaloneProcess;
  let kafkaUrl: string;
  let tidewaterPlugins: PluginInfo[];

  before(async () => {
    kafkaUrl = (await useService('connect')).url;
    tidewater = await startStandaloneWorker({ host: '127.0.0.1', port: 0 });
    tidewaterPlugins = await connectorPlugins(tidewater.url);
    for (const url of [kafkaUrl, tidewater.url]) {
      await removeExisting(url);
      await createExisting(url);
    }
  });

  after(async () => {
    if (kafkaUrl) await removeExisting(kafkaUrl);
    if (tidewater) assert.equal(await tidewater.stop(), 0, tidewater.output());
  });

  for (const c of CASES) {
    it(`${c.title}: real Kafka Connect answers ${c.kafka([]).status} (oracle)`, async () => {
      const got = await send(kafkaUrl, c.probe);
      const expected = c.kafka([]);
      assert.deepEqual({ ...got, message: withoutPluginList(got.message) }, { ...expected, message: withoutPluginList(expected.message) });
    });

    it(`${c.title}: Tidewater answers ${c.kafka([]).status} with ${c.tidewater ? 'its own message naming the same' : "Kafka's message"}`, async () => {
      const got = await send(tidewater.url, c.probe);
      assert.match(got.message, c.names);
      assert.deepEqual(got, c.tidewater ?? c.kafka(tidewaterPlugins));
    });
  }
});
