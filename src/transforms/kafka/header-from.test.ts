import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import { Headers, type Header } from '../../api/headers.js';
import { sourceRecord, type SourceRecord } from '../../api/record.js';
import { HEADER_FROM_CONFIG, HEADER_FROM_PLUGINS, HeaderFrom } from './header-from.js';

type Side = 'key' | 'value';
type FieldSpec = readonly [name: string, schema: Schema, value: unknown];

/** A record whose key or value holds `fields` (as a Struct, or a Map when schemaless), like Kafka's RecordBuilder. */
function record(side: Side, fields: readonly FieldSpec[], headers: readonly Header[], schemaless: boolean): SourceRecord {
  const builder = SchemaBuilder.struct();
  for (const [name, schema] of fields) builder.field(name, schema);
  const schema = builder.build();
  const struct = new Struct(schema);
  for (const [name, , value] of fields) struct.put(name, value);
  const [operatingSchema, operating] = schemaless ? [null, new Map(fields.map(([name, , value]) => [name, value]))] : [schema, struct];
  return sourceRecord({
    topic: 'topic',
    kafkaPartition: 0,
    sourcePartition: { foo: 'bar' },
    sourceOffset: { baz: 'quxx' },
    timestamp: 0,
    keySchema: side === 'key' ? operatingSchema : null,
    key: side === 'key' ? operating : 'key',
    valueSchema: side === 'value' ? operatingSchema : null,
    value: side === 'value' ? operating : 'value',
    // Schemaless records carry schemaless headers.
    headers: new Headers(headers.map((h) => ({ ...h, schema: schemaless ? null : h.schema }))),
  });
}

function headerFrom(side: Side, fields: string, headers: string, operation: string, extra: Record<string, string> = {}): HeaderFrom {
  const smt = new HeaderFrom(side);
  smt.configure({ fields, headers, operation, ...extra });
  return smt;
}

const S = Schemas.STRING;
const h = (key: string, value: unknown, schema: Schema | null = S): Header => ({ key, value, schema });
const field1: FieldSpec = ['field1', S, 'field1-value'];
const field2: FieldSpec = ['field2', S, 'field2-value'];
const nestedSchema = SchemaBuilder.struct().field('foo', S).build();
const nested = new Struct(nestedSchema).put('foo', 'foo-value');
const structField: FieldSpec = ['field1', nestedSchema, nested];

// Kafka's HeaderFromTest cases: description, fields, headers, operation, input fields/headers, expected fields/headers.
const CASES: Array<[string, string, string, string, FieldSpec[], Header[], FieldSpec[], Header[]]> = [
  ['basic copy', 'field1', 'inserted1', 'copy', [field1, field2], [h('header1', 'existing-value')], [field1, field2], [h('header1', 'existing-value'), h('inserted1', 'field1-value')]],
  ['basic move', 'field1', 'inserted1', 'move', [field1, field2], [h('header1', 'existing-value')], [field2], [h('header1', 'existing-value'), h('inserted1', 'field1-value')]],
  ['copy with preexisting header', 'field1', 'inserted1', 'copy', [field1, field2], [h('inserted1', 'existing-value')], [field1, field2], [h('inserted1', 'existing-value'), h('inserted1', 'field1-value')]],
  ['move with preexisting header', 'field1', 'inserted1', 'move', [field1, field2], [h('inserted1', 'existing-value')], [field2], [h('inserted1', 'existing-value'), h('inserted1', 'field1-value')]],
  ['copy with struct value', 'field1', 'inserted1', 'copy', [structField, field2], [h('header1', 'existing-value')], [structField, field2], [h('header1', 'existing-value'), h('inserted1', nested, nestedSchema)]],
  ['move with struct value', 'field1', 'inserted1', 'move', [structField, field2], [h('header1', 'existing-value')], [field2], [h('header1', 'existing-value'), h('inserted1', nested, nestedSchema)]],
  ['two headers from same field', 'field1,field1', 'inserted1,inserted2', 'move', [field1, field2], [h('header1', 'existing-value')], [field2], [h('header1', 'existing-value'), h('inserted1', 'field1-value'), h('inserted2', 'field1-value')]],
  ['two fields to same header', 'field1,field2', 'inserted1,inserted1', 'move', [field1, field2], [h('header1', 'existing-value')], [], [h('header1', 'existing-value'), h('inserted1', 'field1-value'), h('inserted1', 'field2-value')]],
];

describe('HeaderFrom', () => {
  for (const side of ['key', 'value'] as const) {
    for (const schemaless of [false, true]) {
      for (const [description, fields, headers, operation, inFields, inHeaders, outFields, outHeaders] of CASES) {
        it(`${description} (${side}, ${schemaless ? 'schemaless' : 'with schema'})`, () => {
          const input = record(side, inFields, inHeaders, schemaless);
          const output = headerFrom(side, fields, headers, operation).apply(input);
          const expected = record(side, outFields, outHeaders, schemaless);
          assert.deepEqual(output.headers.toArray(), expected.headers.toArray());
          assert.deepEqual({ ...output, headers: null }, { ...expected, headers: null });
          // The input record keeps its headers.
          assert.equal(input.headers.size, inHeaders.length);
        });
      }
    }
  }

  it('copies null fields with or without their default as replace.null.with.default says', () => {
    const optional = SchemaBuilder.string().optional().defaultValue('dflt').build();
    const schema = SchemaBuilder.struct().field('a', optional).field('b', optional).build();
    const input = sourceRecord({ topic: 't', valueSchema: schema, value: new Struct(schema) });
    const replaced = headerFrom('value', 'a', 'ha', 'move').apply(input);
    assert.deepEqual(replaced.headers.toArray(), [h('ha', 'dflt', optional)]);
    assert.equal((replaced.value as Struct).getWithoutDefault('b'), 'dflt');
    const kept = headerFrom('value', 'a', 'ha', 'move', { 'replace.null.with.default': 'false' }).apply(input);
    assert.deepEqual(kept.headers.toArray(), [h('ha', null, optional)]);
    assert.equal((kept.value as Struct).getWithoutDefault('b'), null);
  });

  it('puts a missing schemaless field into the header as null, and fails on a missing struct field', () => {
    const map = sourceRecord({ topic: 't', value: new Map([['a', 1]]) });
    assert.deepEqual(headerFrom('value', 'x', 'hx', 'copy').apply(map).headers.toArray(), [h('hx', null, null)]);
    const schema = SchemaBuilder.struct().field('a', S).build();
    const struct = sourceRecord({ topic: 't', valueSchema: schema, value: new Struct(schema).put('a', 'v') });
    assert.throws(() => headerFrom('value', 'x', 'hx', 'copy').apply(struct), new DataError('x is not a valid field name'));
  });

  it('requires a Struct or a Map, with Kafka’s purpose wording', () => {
    assert.throws(() => headerFrom('value', 'a', 'h', 'copy').apply(sourceRecord({ topic: 't', valueSchema: S, value: 'x' })), new DataError('Only Struct objects supported for [header copy], found: string'));
    assert.throws(() => headerFrom('value', 'a', 'h', 'move').apply(sourceRecord({ topic: 't', value: null })), new DataError('Only Map objects supported in absence of schema for [header move], found: null'));
  });

  it('validates its config with Kafka’s wording', () => {
    const mismatch = { name: 'ConfigError', message: "'fields' config must have the same number of elements as 'headers' config." };
    assert.throws(() => headerFrom('value', 'foo,bar', 'foo', 'copy'), mismatch);
    assert.throws(() => headerFrom('key', 'foo', 'foo,bar', 'copy'), mismatch);
    assert.throws(() => headerFrom('value', '', '', 'copy'), {
      name: 'ConfigError',
      message: 'Invalid value [] for configuration fields: Empty list\nInvalid value [] for configuration headers: Empty list',
    });
    assert.throws(() => headerFrom('value', 'a', 'b', 'steal'), { name: 'ConfigError', message: 'Invalid value steal for configuration operation: String must be one of: move, copy' });
  });

  it('declares Kafka’s config and plugin names', () => {
    assert.deepEqual(
      HEADER_FROM_CONFIG.keys.map((k) => [k.name, k.type, k.default, k.importance]),
      [
        ['fields', 'LIST', undefined, 'HIGH'],
        ['headers', 'LIST', undefined, 'HIGH'],
        ['operation', 'STRING', undefined, 'HIGH'],
        ['replace.null.with.default', 'BOOLEAN', true, 'MEDIUM'],
      ],
    );
    assert.deepEqual(
      HEADER_FROM_PLUGINS.map((p) => p.className),
      ['org.apache.kafka.connect.transforms.HeaderFrom$Key', 'org.apache.kafka.connect.transforms.HeaderFrom$Value'],
    );
  });
});
