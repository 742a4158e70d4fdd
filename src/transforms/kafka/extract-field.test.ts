import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError, DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import { sinkRecord, type ConnectRecord } from '../../api/record.js';
import { EXTRACT_FIELD_CONFIG, EXTRACT_FIELD_PLUGINS, IllegalArgumentError, parseFieldPathV2 } from './extract-field.js';

const [KEY_PLUGIN, VALUE_PLUGIN] = EXTRACT_FIELD_PLUGINS as [TransformationPlugin, TransformationPlugin];

function configured(plugin: TransformationPlugin, config: Record<string, string>) {
  const transform = plugin.create();
  transform.configure(config);
  return (record: ConnectRecord) => transform.apply(record) as ConnectRecord;
}

const keyRecord = (keySchema: Schema | null, key: unknown) => sinkRecord({ topic: 'test', kafkaPartition: 0, kafkaOffset: 0, keySchema, key });
const FOO_SCHEMA = SchemaBuilder.struct().field('foo', Schemas.INT32).build();
const NESTED_SCHEMA = SchemaBuilder.struct().field('magic', FOO_SCHEMA).build();
const nestedKey = () => new Struct(NESTED_SCHEMA).put('magic', new Struct(FOO_SCHEMA).put('foo', 42));

describe('ExtractField', () => {
  it('is published as ExtractField$Key/$Value with field, field.syntax.version and replace.null.with.default', () => {
    assert.deepEqual(
      EXTRACT_FIELD_PLUGINS.map((p) => p.className),
      ['org.apache.kafka.connect.transforms.ExtractField$Key', 'org.apache.kafka.connect.transforms.ExtractField$Value'],
    );
    assert.deepEqual(
      EXTRACT_FIELD_CONFIG.keys.map((k) => [k.name, k.type, k.default, k.importance, k.validator?.describe]),
      [
        ['field', 'STRING', undefined, 'MEDIUM', undefined],
        ['field.syntax.version', 'STRING', 'V1', 'HIGH', '(case insensitive) [V1, V2]'],
        ['replace.null.with.default', 'BOOLEAN', true, 'MEDIUM', undefined],
      ],
    );
  });

  it('extracts a field of a schemaless map (Kafka example)', () => {
    const out = configured(KEY_PLUGIN, { field: 'magic' })(keyRecord(null, new Map([['magic', 42]])));
    assert.deepEqual([out.keySchema, out.key], [null, 42]);
  });

  it('extracts a nested schemaless field with the V2 syntax (Kafka example)', () => {
    const apply = configured(KEY_PLUGIN, { field: 'magic.foo', 'field.syntax.version': 'v2' });
    const out = apply(keyRecord(null, new Map([['magic', new Map([['foo', 42]])]])));
    assert.deepEqual([out.keySchema, out.key], [null, 42]);
  });

  it('extracts a struct field with its schema (Kafka example)', () => {
    const schema = SchemaBuilder.struct().field('magic', Schemas.INT32).build();
    const out = configured(KEY_PLUGIN, { field: 'magic' })(keyRecord(schema, new Struct(schema).put('magic', 42)));
    assert.equal(out.keySchema, Schemas.INT32);
    assert.equal(out.key, 42);
  });

  it('extracts a nested struct field with the V2 syntax (Kafka example)', () => {
    const out = configured(KEY_PLUGIN, { field: 'magic.foo', 'field.syntax.version': 'V2' })(keyRecord(NESTED_SCHEMA, nestedKey()));
    assert.equal(out.keySchema, Schemas.INT32);
    assert.equal(out.key, 42);
  });

  it('passes null values through, with the field schema when schemaful (Kafka examples)', () => {
    const apply = configured(KEY_PLUGIN, { field: 'magic' });
    const schemaless = apply(keyRecord(null, null));
    assert.deepEqual([schemaless.keySchema, schemaless.key], [null, null]);
    const schema = SchemaBuilder.struct().field('magic', Schemas.INT32).optional().build();
    const withSchema = apply(keyRecord(schema, null));
    assert.deepEqual([withSchema.keySchema, withSchema.key], [Schemas.INT32, null]);
  });

  it('gives null for a field missing from a schemaless map, also for a dotted name under V1 (Kafka examples)', () => {
    assert.equal(configured(KEY_PLUGIN, { field: 'nonexistent' })(keyRecord(null, new Map([['magic', 42]]))).key, null);
    const nested = new Map([['magic', new Map([['foo', 42]])]]);
    assert.equal(configured(KEY_PLUGIN, { field: 'magic.nonexistent' })(keyRecord(null, nested)).key, null);
    assert.equal(configured(KEY_PLUGIN, { field: 'magic.nonexistent', 'field.syntax.version': 'V2' })(keyRecord(null, nested)).key, null);
  });

  it('fails on a field the schema does not have, naming the configured path', () => {
    const schema = SchemaBuilder.struct().field('magic', Schemas.INT32).build();
    assert.throws(
      () => configured(KEY_PLUGIN, { field: 'nonexistent' })(keyRecord(schema, new Struct(schema).put('magic', 42))),
      new IllegalArgumentError('Unknown field: nonexistent'),
    );
    assert.throws(
      () => configured(KEY_PLUGIN, { field: 'magic.nonexistent' })(keyRecord(NESTED_SCHEMA, nestedKey())),
      new IllegalArgumentError('Unknown field: magic.nonexistent'),
    );
  });

  it('requires a map or struct, also at nested steps', () => {
    assert.throws(() => configured(KEY_PLUGIN, { field: 'magic' })(keyRecord(null, 42)), DataError);
    const apply = configured(KEY_PLUGIN, { field: 'magic.foo', 'field.syntax.version': 'V2' });
    assert.throws(
      () => apply(keyRecord(null, new Map([['magic', 7]]))),
      (err: unknown) => err instanceof DataError && err.message.startsWith('Only Map objects supported in absence of schema for [nested field access]'),
    );
  });

  for (const [replaceNullWithDefault, expected] of [
    ['false', null],
    ['true', 42],
  ] as const) {
    it(`extracts a null field with a default as ${String(expected)} when replace.null.with.default=${replaceNullWithDefault}`, () => {
      const schema = SchemaBuilder.struct().field('magic', SchemaBuilder.int32().optional().defaultValue(42).build()).build();
      const apply = configured(VALUE_PLUGIN, { field: 'magic', 'replace.null.with.default': replaceNullWithDefault });
      const out = apply(sinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0, valueSchema: schema, value: new Struct(schema) }));
      assert.equal(out.value, expected);
    });
  }

  it('rejects an unknown syntax version and a missing field name', () => {
    assert.throws(
      () => configured(KEY_PLUGIN, { field: 'a', 'field.syntax.version': 'V3' }),
      ConfigError.invalid('field.syntax.version', 'V3', 'String must be one of (case insensitive): V1, V2'),
    );
    assert.throws(() => configured(KEY_PLUGIN, {}), /Missing required configuration "field" which has no default value\./);
  });
});

describe('KIP-821 field paths (V2)', () => {
  const cases: Array<[string, string[]]> = [
    ['..', ['', '', '']],
    ['foo..', ['foo', '', '']],
    ['.bar.', ['', 'bar', '']],
    ['..baz', ['', '', 'baz']],
    ['', []],
    ['foobarbaz', ['foobarbaz']],
    ['foo.bar.baz', ['foo', 'bar', 'baz']],
    ['foo`bar`baz', ['foo`bar`baz']],
    ['`foo.bar.baz`', ['foo.bar.baz']],
    ['foo.`bar.baz`', ['foo', 'bar.baz']],
    ['`foo.bar`.baz', ['foo.bar', 'baz']],
    ['foo.`bar`.baz', ['foo', 'bar', 'baz']],
    ['foo.``bar.baz`', ['foo', '`bar.baz']],
    ['foo.`bar.baz``', ['foo', 'bar.baz`']],
    ['foo.`ba`r.baz`', ['foo', 'ba`r.baz']],
    ['foo.ba`r.baz', ['foo', 'ba`r', 'baz']],
    ['foo.``bar``.baz', ['foo', '`bar`', 'baz']],
    ['``foo.bar.baz``', ['`foo.bar.baz`']],
    ['foo.`bar\\`.baz`', ['foo', 'bar`.baz']],
    ['foo.`bar.`baz`', ['foo', 'bar.`baz']],
    ['foo.`bar\\`.`baz`', ['foo', 'bar`.`baz']],
    ['foo.`bar\\\\`.\\`baz`', ['foo', 'bar\\`.\\`baz']],
  ];
  for (const [path, steps] of cases) {
    it(`parses ${JSON.stringify(path)} into ${JSON.stringify(steps)}`, () => {
      assert.deepEqual(parseFieldPathV2(path), steps);
    });
  }

  for (const [path, position] of [
    ['`foo.bar.baz', 0],
    ['foo.`bar.baz', 4],
    ['foo.bar.`baz', 8],
    ['foo.bar.`baz\\`', 8],
  ] as const) {
    it(`rejects the incomplete backtick pair in ${JSON.stringify(path)}`, () => {
      assert.throws(
        () => parseFieldPathV2(path),
        new ConfigError(`Incomplete backtick pair in path: [${path}], consider adding a backslash before backtick at position ${position} to escape it`),
      );
    });
  }
});
