import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '../../api/data/logical.js';
import { BigDecimal } from '../../api/data/big-decimal.js';
import { SchemaBuilder, Schemas, fieldOf, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import { sourceRecord, type ConnectRecord } from '../../api/record.js';
import { FLATTEN_CONFIG, FLATTEN_PLUGINS } from './flatten.js';

const [KEY_PLUGIN, VALUE_PLUGIN] = FLATTEN_PLUGINS as [TransformationPlugin, TransformationPlugin];

function configured(plugin: TransformationPlugin, config: Record<string, string> = {}) {
  const transform = plugin.create();
  transform.configure(config);
  return (record: ConnectRecord) => transform.apply(record) as ConnectRecord;
}

const record = (valueSchema: Schema | null, value: unknown) => sourceRecord({ topic: 'topic', kafkaPartition: 0, valueSchema, value });
const BYTES = new TextEncoder().encode('bytes');

const SUPPORTED_TYPES = SchemaBuilder.struct()
  .field('int8', Schemas.INT8)
  .field('int16', Schemas.INT16)
  .field('int32', Schemas.INT32)
  .field('int64', Schemas.INT64)
  .field('float32', Schemas.FLOAT32)
  .field('float64', Schemas.FLOAT64)
  .field('boolean', Schemas.BOOLEAN)
  .field('string', Schemas.STRING)
  .field('bytes', Schemas.BYTES)
  .build();
const SUPPORTED_VALUES: Array<[string, unknown]> = [
  ['int8', 8],
  ['int16', 16],
  ['int32', 32],
  ['int64', 64],
  ['float32', 32],
  ['float64', 64],
  ['boolean', true],
  ['string', 'stringy'],
  ['bytes', BYTES],
];

describe('Flatten', () => {
  it('is published as Flatten$Key/$Value with a "." delimiter by default', () => {
    assert.deepEqual(
      FLATTEN_PLUGINS.map((p) => p.className),
      ['org.apache.kafka.connect.transforms.Flatten$Key', 'org.apache.kafka.connect.transforms.Flatten$Value'],
    );
    assert.deepEqual(
      FLATTEN_CONFIG.keys.map((k) => [k.name, k.type, k.default, k.importance]),
      [['delimiter', 'STRING', '.', 'MEDIUM']],
    );
  });

  it('requires a struct or map at the top level (Kafka examples)', () => {
    const apply = configured(VALUE_PLUGIN);
    assert.throws(() => apply(record(Schemas.INT32, 42)), DataError);
    assert.throws(() => apply(record(null, 42)), DataError);
  });

  it('flattens two levels of nested structs, caching the derived schema (Kafka example)', () => {
    const apply = configured(VALUE_PLUGIN);
    const oneLevel = SchemaBuilder.struct().field('B', SUPPORTED_TYPES).build();
    const twoLevels = SchemaBuilder.struct().field('A', oneLevel).build();
    const supported = new Struct(SUPPORTED_TYPES);
    for (const [name, value] of SUPPORTED_VALUES) supported.put(name, value);
    const value = new Struct(twoLevels).put('A', new Struct(oneLevel).put('B', supported));

    const out = apply(record(twoLevels, value));
    const schema = out.valueSchema as Schema;
    assert.deepEqual(
      schema.fields?.map((f) => [f.name, f.schema]),
      (SUPPORTED_TYPES.fields ?? []).map((f) => [`A.B.${f.name}`, f.schema]),
    );
    const struct = out.value as Struct;
    assert.deepEqual(
      SUPPORTED_VALUES.map(([name]) => [`A.B.${name}`, struct.get(`A.B.${name}`)]),
      SUPPORTED_VALUES.map(([name, v]) => [`A.B.${name}`, v]),
    );
    assert.equal(apply(record(twoLevels, value)).valueSchema, schema);
  });

  it('flattens nested maps with a custom delimiter (Kafka example)', () => {
    const apply = configured(VALUE_PLUGIN, { delimiter: '#' });
    const nested = new Map([['A', new Map([['B', new Map(SUPPORTED_VALUES)]])]]);
    const out = apply(record(null, nested));
    assert.equal(out.valueSchema, null);
    assert.deepEqual(
      [...(out.value as Map<string, unknown>)],
      SUPPORTED_VALUES.map(([name, v]) => [`A#B#${name}`, v]),
    );
  });

  it('keeps null optional fields, in structs and maps (Kafka examples)', () => {
    const inner = SchemaBuilder.struct().field('opt_int32', Schemas.OPTIONAL_INT32).build();
    const outer = SchemaBuilder.struct().field('B', inner).build();
    const out = configured(VALUE_PLUGIN)(record(outer, new Struct(outer).put('B', new Struct(inner))));
    assert.equal((out.value as Struct).get('B.opt_int32'), null);

    const mapOut = configured(VALUE_PLUGIN)(record(null, new Map([['B', new Map([['opt_int32', null], ['after', 1]])]])));
    assert.deepEqual([...(mapOut.value as Map<string, unknown>)], [['B.opt_int32', null], ['B.after', 1]]);
  });

  it('flattens a null optional nested struct into null fields (Kafka example)', () => {
    const inner = SchemaBuilder.struct().optional().field('opt_int32', Schemas.OPTIONAL_INT32).build();
    const outer = SchemaBuilder.struct().field('B', inner).build();
    const out = configured(VALUE_PLUGIN)(record(outer, new Struct(outer)));
    assert.equal(out.valueSchema?.type, 'struct');
    assert.equal((out.value as Struct).get('B.opt_int32'), null);
  });

  it('flattens keys (Kafka example)', () => {
    const out = configured(KEY_PLUGIN)(sourceRecord({ topic: 'topic', key: new Map([['A', new Map([['B', 12]])]]) }));
    assert.equal(out.keySchema, null);
    assert.deepEqual(out.key, new Map([['A.B', 12]]));
  });

  it('keeps arrays as they are, with and without schema', () => {
    const arraySchema = SchemaBuilder.array(Schemas.STRING).build();
    const inner = SchemaBuilder.struct().field('tags', arraySchema).build();
    const outer = SchemaBuilder.struct().field('A', inner).build();
    const out = configured(VALUE_PLUGIN)(record(outer, new Struct(outer).put('A', new Struct(inner).put('tags', ['x', 'y']))));
    assert.deepEqual(out.valueSchema ? fieldOf(out.valueSchema, 'A.tags')?.schema : null, arraySchema);
    assert.deepEqual((out.value as Struct).get('A.tags'), ['x', 'y']);

    const mapOut = configured(VALUE_PLUGIN)(record(null, new Map([['A', new Map([['tags', ['x']]])]])));
    assert.deepEqual(mapOut.value, new Map([['A.tags', ['x']]]));
  });

  it('keeps logical types of nested fields', () => {
    const inner = SchemaBuilder.struct().field('price', Decimal.schema(2)).build();
    const outer = SchemaBuilder.struct().field('A', inner).build();
    const out = configured(VALUE_PLUGIN)(record(outer, new Struct(outer).put('A', new Struct(inner).put('price', new BigDecimal(1234n, 2)))));
    assert.deepEqual(out.valueSchema ? fieldOf(out.valueSchema, 'A.price')?.schema : null, Decimal.schema(2));
    assert.deepEqual((out.value as Struct).get('A.price'), new BigDecimal(1234n, 2));
  });

  it('rejects values Connect has no schemaless type for, and structs in maps, with Kafka wording', () => {
    const apply = configured(VALUE_PLUGIN);
    assert.throws(
      () => apply(record(null, new Map([['A', new Map([['when', new Date(0)]])]]))),
      new DataError("Flatten transformation was passed a value of type class java.util.Date which is not supported by Connect's data API"),
    );
    const struct = new Struct(SchemaBuilder.struct().field('x', Schemas.INT32).build()).put('x', 1);
    assert.throws(
      () => apply(record(null, new Map([['A', struct]]))),
      new DataError('Flatten transformation does not support class org.apache.kafka.connect.data.Struct for record without schemas (for field A).'),
    );
  });

  it('rejects map fields in structs', () => {
    const schema = SchemaBuilder.struct().field('m', SchemaBuilder.map(Schemas.STRING, Schemas.STRING).build()).build();
    assert.throws(
      () => configured(VALUE_PLUGIN)(record(schema, new Struct(schema).put('m', new Map()))),
      new DataError('Flatten transformation does not support MAP for record with schemas (for field m).'),
    );
  });

  it('makes children of an optional struct optional, with the parent default (Kafka example)', () => {
    const withoutDefault = SchemaBuilder.struct()
      .optional()
      .field('req_field', Schemas.STRING)
      .field('opt_field', SchemaBuilder.string().optional().defaultValue('child_default').build())
      .build();
    const childDefault = new Struct(withoutDefault).put('req_field', 'req_default');
    // A struct schema whose default is a struct of itself cannot be built; a copy carrying it is enough here.
    const schema: Schema = { ...withoutDefault, defaultValue: childDefault };
    const out = configured(VALUE_PLUGIN)(record(schema, new Struct(schema)));
    const flattened = out.valueSchema as Schema;
    assert.deepEqual(
      flattened.fields?.map((f) => [f.name, f.schema]),
      [
        ['req_field', SchemaBuilder.string().optional().defaultValue('req_default').build()],
        ['opt_field', SchemaBuilder.string().optional().defaultValue('child_default').build()],
      ],
    );
  });

  it('passes tombstones through unchanged (Kafka examples)', () => {
    const apply = configured(VALUE_PLUGIN);
    const schema = SchemaBuilder.struct().name('name').version(1).doc('doc').field('magic', Schemas.OPTIONAL_INT64).build();
    const schemaless = record(null, null);
    const withSchema = record(schema, null);
    assert.equal(apply(schemaless), schemaless);
    assert.equal(apply(withSchema), withSchema);
  });
});
