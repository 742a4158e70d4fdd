import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas, fieldOf, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import { sinkRecord } from '../../api/record.js';
import { SET_SCHEMA_METADATA_CONFIG, SET_SCHEMA_METADATA_PLUGINS, SetSchemaMetadata } from './set-schema-metadata.js';

function smt(config: Record<string, string>, side: 'key' | 'value' = 'value'): SetSchemaMetadata {
  const transform = new SetSchemaMetadata(side);
  transform.configure(config);
  return transform;
}

const record = (valueSchema: Schema | null, value: unknown) => sinkRecord({ topic: '', kafkaPartition: 0, kafkaOffset: 0, valueSchema, value });

describe('SetSchemaMetadata', () => {
  const rowSchema = SchemaBuilder.struct().name('my.orig.SchemaDefn').field('f1', Schemas.STRING).field('f2', Schemas.INT32).build();

  it('sets the schema name, the version, or both (Kafka’s SetSchemaMetadataTest)', () => {
    const empty = SchemaBuilder.struct().build();
    assert.equal(smt({ 'schema.name': 'foo' }).apply(record(empty, null)).valueSchema?.name, 'foo');
    assert.equal(smt({ 'schema.version': '42' }).apply(record(empty, null)).valueSchema?.version, 42);
    const both = smt({ 'schema.name': 'foo', 'schema.version': '42' }).apply(record(empty, null)).valueSchema;
    assert.deepEqual([both?.name, both?.version], ['foo', 42]);
  });

  it('rebuilds a Struct value against the renamed schema', () => {
    const value = new Struct(rowSchema).put('f1', 'value1').put('f2', 1);
    const output = smt({ 'schema.name': 'foo', 'schema.version': '42' }).apply(record(rowSchema, value));
    const updated = output.valueSchema as Schema;
    assert.deepEqual(updated, { ...rowSchema, name: 'foo', version: 42 });
    const struct = output.value as Struct;
    assert.equal(struct.schema, updated);
    for (const name of ['f1', 'f2']) assert.equal(fieldOf(struct.schema, name)?.schema, fieldOf(rowSchema, name)?.schema);
    assert.deepEqual([struct.get('f1'), struct.get('f2')], ['value1', 1]);
  });

  it('keeps the rest of the schema: optionality, doc, parameters', () => {
    const schema = SchemaBuilder.struct().name('a').doc('d').parameter('p', 'v').optional().field('x', Schemas.INT8).build();
    const updated = smt({ 'schema.version': '3' }).apply(record(schema, null)).valueSchema;
    assert.deepEqual(updated, { ...schema, version: 3 });
  });

  it('copies null fields with or without their default as replace.null.with.default says', () => {
    const schema = SchemaBuilder.struct().field('f', SchemaBuilder.string().optional().defaultValue('dflt').build()).build();
    const value = new Struct(schema);
    assert.equal((smt({ 'schema.name': 'n' }).apply(record(schema, value)).value as Struct).getWithoutDefault('f'), 'dflt');
    assert.equal((smt({ 'schema.name': 'n', 'replace.null.with.default': 'false' }).apply(record(schema, value)).value as Struct).getWithoutDefault('f'), null);
  });

  it('works on the key with the $Key variant and leaves the value alone', () => {
    const input = sinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0, keySchema: rowSchema, key: new Struct(rowSchema).put('f1', 'a').put('f2', 2), value: 'v' });
    const output = smt({ 'schema.name': 'k' }, 'key').apply(input);
    assert.equal(output.keySchema?.name, 'k');
    assert.equal((output.key as Struct).schema, output.keySchema);
    assert.equal(output.value, 'v');
  });

  it('passes a schemaless tombstone through and requires a schema otherwise', () => {
    const tombstone = record(null, null);
    assert.equal(smt({ 'schema.name': 'foo' }).apply(tombstone), tombstone);
    assert.throws(() => smt({ 'schema.name': 'foo' }).apply(record(null, new Map([['a', 1]]))), new DataError('Schema required for [updating schema metadata]'));
  });

  it('fails on non-struct schemas, as Kafka 3.9 does', () => {
    assert.throws(() => smt({ 'schema.name': 'foo' }).apply(record(Schemas.STRING, 'x')), new DataError('Cannot list fields on non-struct type'));
  });

  it('reuses one renamed schema per input schema', () => {
    const transform = smt({ 'schema.name': 'foo' });
    assert.equal(transform.apply(record(rowSchema, null)).valueSchema, transform.apply(record(rowSchema, null)).valueSchema);
  });

  it('requires a name or a version, and an integer version', () => {
    assert.throws(() => smt({}), { name: 'ConfigError', message: 'Neither schema name nor version configured' });
    assert.throws(() => smt({ 'schema.version': 'x' }), { name: 'ConfigError', message: 'Invalid value x for configuration schema.version: Not a number of type INT' });
  });

  it('declares Kafka’s config and plugin names', () => {
    assert.deepEqual(
      SET_SCHEMA_METADATA_CONFIG.keys.map((k) => [k.name, k.type, k.default, k.importance, k.doc]),
      [
        ['schema.name', 'STRING', null, 'HIGH', 'Schema name to set.'],
        ['schema.version', 'INT', null, 'HIGH', 'Schema version to set.'],
        [
          'replace.null.with.default',
          'BOOLEAN',
          true,
          'MEDIUM',
          'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.',
        ],
      ],
    );
    assert.deepEqual(
      SET_SCHEMA_METADATA_PLUGINS.map((p) => p.className),
      ['org.apache.kafka.connect.transforms.SetSchemaMetadata$Key', 'org.apache.kafka.connect.transforms.SetSchemaMetadata$Value'],
    );
  });
});
