import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CONNECTOR_PLUGINS } from '../../connectors/index.js';
import { PREDICATE_PLUGINS, TRANSFORMATION_PLUGINS } from '../transforms/index.js';
import { PluginRegistry } from './plugins.js';
import { invalidConfigMessage, validateConnectorConfig } from './validation.js';

const plugins = new PluginRegistry([...CONNECTOR_PLUGINS, ...TRANSFORMATION_PLUGINS, ...PREDICATE_PLUGINS]);

/** Definitions real Kafka Connect 3.9.1 returned for the same request (test/fixtures/connect-3.9.1). */
function fixture(name: string): { groups: string[]; definitions: Array<Record<string, unknown>> } {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/connect-3.9.1/${name}`, import.meta.url), 'utf8')) as {
    groups: string[];
    definitions: Array<Record<string, unknown>>;
  };
}

const withoutDocs = (defs: ReadonlyArray<Record<string, unknown>>) => defs.map(({ documentation: _d, ...rest }) => rest);

describe('connector config validation', () => {
  for (const [kind, file] of [
    ['FileStreamSource', 'validate-FileStreamSource.json'],
    ['FileStreamSink', 'validate-FileStreamSink.json'],
  ] as const) {
    it(`describes ${kind}'s keys exactly as Kafka Connect 3.9.1 does`, async () => {
      const infos = await validateConnectorConfig(plugins, { 'connector.class': kind, name: 'x', topic: 't', topics: 't', file: '/tmp/f' });
      const expected = fixture(file);
      assert.deepEqual(infos.groups, expected.groups);
      assert.deepEqual(withoutDocs(infos.configs.map((c) => c.definition as unknown as Record<string, unknown>)), expected.definitions);
      assert.equal(infos.error_count, 0);
      assert.equal(infos.name, kind);
    });
  }

  it('reports a bad type, an unknown SMT and a missing required key, all at once, in Kafka wording', async () => {
    const infos = await validateConnectorConfig(plugins, {
      'connector.class': 'FileStreamSource',
      'tasks.max': 'abc',
      transforms: 'x',
      'transforms.x.type': 'com.example.Nope',
    });
    const errors = Object.fromEntries(infos.configs.filter((c) => c.value.errors.length).map((c) => [c.definition.name, c.value.errors]));
    assert.deepEqual(errors, {
      name: ['Missing required configuration "name" which has no default value.'],
      'tasks.max': ['Invalid value abc for configuration tasks.max: Not a number of type INT', 'Invalid value null for configuration tasks.max: Value must be non-null'],
      'transforms.x.type': ['Invalid value com.example.Nope for configuration transforms.x.type: Class com.example.Nope could not be found.'],
      topic: ['Missing required configuration "topic" which has no default value.'],
    });
    assert.equal(infos.error_count, 5);
    assert.match(invalidConfigMessage(infos), /^Connector configuration is invalid and contains the following 5 error\(s\):\n/);
  });

  it('embeds a transformation\'s own keys under its alias, with the unprefixed name in validator messages', async () => {
    const infos = await validateConnectorConfig(plugins, {
      'connector.class': 'FileStreamSink',
      name: 's',
      topics: 'a',
      transforms: 'r',
      'transforms.r.type': 'org.apache.kafka.connect.transforms.RegexRouter',
      'transforms.r.regex': '(',
    });
    const r = infos.configs.filter((c) => c.definition.name.startsWith('transforms.r.'));
    assert.deepEqual(
      r.map((c) => [c.definition.name, c.definition.group, c.definition.order, c.definition.display_name]),
      [
        ['transforms.r.type', 'Transforms: r', 0, 'Transformation type for r'],
        ['transforms.r.regex', 'Transforms: r', 1, 'regex'],
        ['transforms.r.replacement', 'Transforms: r', 2, 'replacement'],
        ['transforms.r.negate', 'Transforms: r', 3, 'negate'],
        ['transforms.r.predicate', 'Transforms: r', 4, 'predicate'],
      ],
    );
    assert.match(r[1]?.value.errors[0] ?? '', /^Invalid value \( for configuration regex: /);
    assert.deepEqual(r[2]?.value.errors, ['Missing required configuration "transforms.r.replacement" which has no default value.']);
    assert.deepEqual(infos.groups, ['Common', 'Transforms', 'Predicates', 'Error Handling', 'Transforms: r']);
  });

  it('requires exactly one of topics and topics.regex for sinks', async () => {
    const infos = await validateConnectorConfig(plugins, { 'connector.class': 'FileStreamSink', name: 's' });
    assert.deepEqual(
      infos.configs.filter((c) => c.value.errors.length).map((c) => [c.definition.name, c.value.errors]),
      [
        ['topics', ['Must configure one of topics or topics.regex']],
        ['topics.regex', ['Must configure one of topics or topics.regex']],
      ],
    );
  });

  it('answers an unknown connector class with Kafka\'s message naming it', async () => {
    await assert.rejects(validateConnectorConfig(plugins, { 'connector.class': 'com.example.Nope', name: 'a' }), /^ConnectError: Failed to find any class that implements Connector and which name matches com\.example\.Nope, available connectors are: PluginDesc\{klass=class org\.apache\.kafka\.connect\.file\.FileStreamSinkConnector/);
  });

  it('names the config when connector.class is missing', async () => {
    await assert.rejects(validateConnectorConfig(plugins, { name: 'a', topic: 'x' }), { name: 'BadRequestError', message: 'Connector config {name=a, topic=x} contains no connector type' });
  });
});
