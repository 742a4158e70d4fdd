import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyInfo, type ConfigKey } from '../../../src/config/spec.js';
import { POSTGRES_CONNECTOR_SPEC, POSTGRES_GROUPS, POSTGRES_PROPERTIES } from './spec.js';
import { validatePostgresConfig } from './validate.js';
import { DEBEZIUM_FACTS } from './test/debezium-facts.js';

const debeziumKeys = POSTGRES_PROPERTIES.filter((p) => p.origin === 'debezium');
const MINIMAL = { 'topic.prefix': 'p', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'd' };

describe('the PostgreSQL connector spec', () => {
  it("declares Debezium's ConfigDef exactly: names in order, types, defaults, importance, groups, order, widths, display names", () => {
    const declared = debeziumKeys.map((p) => {
      const info = keyInfo(p as ConfigKey);
      return {
        name: p.name,
        type: p.type,
        default: p.debeziumDefault ?? info.default_value,
        importance: p.importance,
        group: p.group,
        order: p.orderInGroup,
        width: p.width ?? 'NONE',
        displayName: p.displayName,
        dependents: [...(p.dependents ?? [])],
      };
    });
    assert.deepEqual(declared, DEBEZIUM_FACTS.configDef);
  });

  it('puts every other key after them, in groups Debezium does not have', () => {
    assert.deepEqual(POSTGRES_CONNECTOR_SPEC.groups, [...POSTGRES_GROUPS]);
    assert.deepEqual(
      POSTGRES_CONNECTOR_SPEC.keys.map((k) => k.name),
      POSTGRES_PROPERTIES.map((p) => p.name),
    );
    const debeziumGroups = new Set(['Postgres', 'Connector', 'Events']);
    for (const p of POSTGRES_PROPERTIES) assert.equal(debeziumGroups.has(p.group ?? ''), p.origin === 'debezium', p.name);
  });

  it("declares the properties Debezium's PostgreSQL connector reads outside its ConfigDef", () => {
    assert.deepEqual(
      POSTGRES_PROPERTIES.filter((p) => p.origin === 'debezium-runtime').map((p) => p.name).sort(),
      [
        'database.connection.factory.class',
        'event.converting.failure.handling.mode',
        'field.name.adjustment.mode',
        'incremental.snapshot.allow.schema.changes',
        'money.fraction.digits',
        'read.only',
        'signal.file',
        'signal.kafka.bootstrap.servers',
        'signal.kafka.groupId',
        'signal.kafka.poll.timeout.ms',
        'signal.kafka.topic',
        'skip.messages.without.change',
        'topic.cache.size',
        'topic.delimiter',
        'topic.heartbeat.prefix',
        'topic.transaction',
      ],
    );
  });

  it('declares the Tidewater extensions with their defaults', () => {
    const extensions = POSTGRES_PROPERTIES.filter((p) => p.origin === 'tidewater').map((p) => [p.name, p.type, keyInfo(p as ConfigKey).default_value]);
    assert.deepEqual(extensions, [
      ['slot.lag.warn.bytes', 'LONG', '1073741824'],
      ['slot.lag.max.bytes', 'LONG', '10737418240'],
      ['idle.slot.advance.interval.ms', 'LONG', '60000'],
      ['offset.slot.mismatch.strategy', 'STRING', 'fail'],
    ]);
    for (const p of POSTGRES_PROPERTIES.filter((q) => q.origin === 'tidewater')) assert.match(p.doc, /^Tidewater extension\./);
  });

  it('defaults plugin.name to pgoutput, where Debezium defaults to decoderbufs', () => {
    assert.equal(keyInfo(POSTGRES_CONNECTOR_SPEC.key('plugin.name') as ConfigKey).default_value, 'pgoutput');
  });

  it('has no required key in the REST metadata, as Debezium (topic.prefix and the database keys default to null)', () => {
    for (const name of ['topic.prefix', 'database.hostname', 'database.user', 'database.dbname']) {
      const info = keyInfo(POSTGRES_CONNECTOR_SPEC.key(name) as ConfigKey);
      assert.deepEqual([info.required, info.default_value], [false, null], name);
    }
  });

  it("recommends Debezium's enum values in Debezium's order and hides schema.exclude.list (pgoutput only for plugin.name)", () => {
    const recorded = DEBEZIUM_FACTS.cases.find((c) => c.recommended);
    assert.ok(recorded?.recommended && recorded.invisible);
    const values = POSTGRES_CONNECTOR_SPEC.validate(MINIMAL);
    validatePostgresConfig(MINIMAL, values);
    const recommended = Object.fromEntries(
      values.filter((v) => v.recommendedValues.length && POSTGRES_PROPERTIES.find((p) => p.name === v.name)?.origin === 'debezium').map((v) => [v.name, v.recommendedValues]),
    );
    assert.deepEqual(recommended, { ...recorded.recommended, 'plugin.name': ['pgoutput'] });
    assert.deepEqual(values.filter((v) => !v.visible).map((v) => v.name), recorded.invisible);
  });

  it('documents every property, and states how Tidewater treats those it does not support', () => {
    for (const p of POSTGRES_PROPERTIES) {
      assert.match(p.doc, /\S.*[.)]$/s, p.name);
      if (p.support && p.support.status !== 'supported') assert.ok(p.support.reason.length > 10, p.name);
    }
  });

  it('accepts every default (each passes its own validators)', () => {
    const values = POSTGRES_CONNECTOR_SPEC.validate(MINIMAL);
    validatePostgresConfig(MINIMAL, values);
    assert.deepEqual(values.flatMap((v) => v.errors), []);
  });
});
