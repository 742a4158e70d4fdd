import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BigDecimal } from '../../api/data/big-decimal.js';
import { DateLogical, Decimal, TimeLogical, TimestampLogical } from '../../api/data/logical.js';
import { SchemaBuilder, Schemas, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError, DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import { sinkRecord, type ConnectRecord } from '../../api/record.js';
import { MASK_FIELD_CONFIG, MASK_FIELD_PLUGINS } from './mask-field.js';

const [KEY_PLUGIN, VALUE_PLUGIN] = MASK_FIELD_PLUGINS as [TransformationPlugin, TransformationPlugin];

const SCHEMA = SchemaBuilder.struct()
  .field('magic', Schemas.INT32)
  .field('bool', Schemas.BOOLEAN)
  .field('byte', Schemas.INT8)
  .field('short', Schemas.INT16)
  .field('int', Schemas.INT32)
  .field('long', Schemas.INT64)
  .field('float', Schemas.FLOAT32)
  .field('double', Schemas.FLOAT64)
  .field('string', Schemas.STRING)
  .field('date', DateLogical.SCHEMA)
  .field('time', TimeLogical.SCHEMA)
  .field('timestamp', TimestampLogical.SCHEMA)
  .field('decimal', Decimal.schema(0))
  .field('array', SchemaBuilder.array(Schemas.INT32).build())
  .field('map', SchemaBuilder.map(Schemas.STRING, Schemas.STRING).build())
  .field('withDefault', SchemaBuilder.string().optional().defaultValue('default').build())
  .build();

const NOW = new Date(Date.UTC(2024, 4, 17, 10, 30));
const TODAY = new Date(Date.UTC(2024, 4, 17));

function valuesWithSchema(): Struct {
  return new Struct(SCHEMA)
    .put('magic', 42)
    .put('bool', true)
    .put('byte', 42)
    .put('short', 42)
    .put('int', 42)
    .put('long', 42)
    .put('float', 42)
    .put('double', 42)
    .put('string', 'hmm')
    .put('date', TODAY)
    .put('time', new Date(3_600_000))
    .put('timestamp', NOW)
    .put('decimal', new BigDecimal(42n, 0))
    .put('array', [1, 2, 3])
    .put('map', new Map([['what', 'what']]));
}

function schemalessValues(): Map<string, unknown> {
  return new Map<string, unknown>([
    ['magic', 42],
    ['bool', true],
    ['int', 42],
    ['long', 42n],
    ['double', 42.5],
    ['string', '55.121.20.20'],
    ['date', NOW],
    ['bigdec', BigDecimal.parse('42.0')],
    ['list', [42]],
    ['map', new Map([['key', 'value']])],
  ]);
}

function transform(plugin: TransformationPlugin, fields: readonly string[], replacement?: string, extra: Record<string, string> = {}) {
  const xform = plugin.create();
  xform.configure({ fields: fields.join(','), ...(replacement === undefined ? {} : { replacement }), ...extra });
  return (record: ConnectRecord) => xform.apply(record) as ConnectRecord;
}

const record = (schema: Schema | null, value: unknown) => sinkRecord({ topic: '', kafkaPartition: 0, kafkaOffset: 0, valueSchema: schema, value });
const maskedSchemaless = (fields: readonly string[], replacement?: string) =>
  transform(VALUE_PLUGIN, fields, replacement)(record(null, schemalessValues())).value as Map<string, unknown>;
const maskedStruct = (fields: readonly string[], replacement?: string) =>
  transform(VALUE_PLUGIN, fields, replacement, { 'replace.null.with.default': 'false' })(record(SCHEMA, valuesWithSchema())).value as Struct;

describe('MaskField', () => {
  it('is published as MaskField$Key/$Value with Kafka 3.9 config keys', () => {
    assert.deepEqual(
      MASK_FIELD_PLUGINS.map((p) => p.className),
      ['org.apache.kafka.connect.transforms.MaskField$Key', 'org.apache.kafka.connect.transforms.MaskField$Value'],
    );
    assert.deepEqual(
      MASK_FIELD_CONFIG.keys.map((k) => [k.name, k.type, k.default, k.importance, k.validator?.describe]),
      [
        ['fields', 'LIST', undefined, 'HIGH', 'non-empty list'],
        ['replacement', 'STRING', null, 'LOW', 'non-empty string'],
        ['replace.null.with.default', 'BOOLEAN', true, 'MEDIUM', undefined],
      ],
    );
  });

  it('masks schemaless values with the null value of their type (Kafka example)', () => {
    const fields = [...schemalessValues().keys()].filter((f) => f !== 'magic');
    assert.deepEqual(
      maskedSchemaless(fields),
      new Map<string, unknown>([
        ['magic', 42],
        ['bool', false],
        ['int', 0],
        ['long', 0],
        ['double', 0],
        ['string', ''],
        ['date', new Date(0)],
        ['bigdec', new BigDecimal(0n, 0)],
        ['list', []],
        ['map', new Map()],
      ]),
    );
  });

  it('masks struct fields with the null value of their schema type (Kafka example)', () => {
    const fields = (SCHEMA.fields ?? []).map((f) => f.name).filter((f) => f !== 'magic');
    const masked = maskedStruct(fields);
    assert.deepEqual(
      (SCHEMA.fields ?? []).map((f) => masked.getWithoutDefault(f)),
      [42, false, 0, 0, 0, 0, 0, 0, '', new Date(0), new Date(0), new Date(0), new BigDecimal(0n, 0), [], new Map(), null],
    );
  });

  it('converts a replacement to the type of schemaless values (Kafka example)', () => {
    const fields = ['int', 'long', 'double', 'string', 'bigdec'];
    const masked = maskedSchemaless(fields, '123');
    assert.deepEqual(
      fields.map((f) => masked.get(f)),
      [123, 123, 123, '123', new BigDecimal(123n, 0)],
    );
    assert.deepEqual(maskedSchemaless(['bigdec'], '123.0').get('bigdec'), new BigDecimal(1230n, 1));
  });

  it('converts a replacement to the schema type of struct fields, narrowing as Java does', () => {
    const fields = ['byte', 'short', 'int', 'long', 'float', 'double', 'string', 'decimal'];
    const masked = maskedStruct(fields, '123.9');
    assert.deepEqual(
      fields.map((f) => masked.get(f)),
      [123, 123, 123, 123, Math.fround(123.9), 123.9, '123.9', new BigDecimal(1239n, 1)],
    );
    assert.equal(maskedStruct(['byte'], '300').get('byte'), 44);
    assert.equal(maskedStruct(['short'], '40000').get('short'), -25536);
  });

  it('refuses a replacement for booleans, dates, lists and maps', () => {
    const cases: Array<[readonly string[], string]> = [
      [['date'], 'java.util.Date'],
      [['int', 'date'], 'java.util.Date'],
      [['bool'], 'java.lang.Boolean'],
      [['list'], 'java.util.ArrayList'],
      [['map'], 'java.util.HashMap'],
    ];
    for (const [fields, javaClass] of cases) {
      assert.throws(() => maskedSchemaless(fields, '123'), new DataError(`Cannot mask value of type class ${javaClass} with custom replacement.`));
    }
    for (const field of ['time', 'timestamp']) {
      assert.throws(() => maskedStruct([field], '123'), new DataError('Cannot mask value of type class java.util.Date with custom replacement.'));
    }
    assert.throws(() => maskedStruct(['array'], '123'), new DataError('Cannot mask value of type class java.util.ArrayList with custom replacement.'));
  });

  it('fails on a replacement that is not a number for numeric fields, with Connect wording', () => {
    for (const field of ['int', 'long', 'double']) {
      assert.throws(() => maskedSchemaless([field], 'foo'), new DataError('Unable to convert foo (class java.lang.String) to a number'));
    }
    assert.throws(() => maskedSchemaless(['bigdec'], 'foo'), new DataError('Unable to convert foo (class java.lang.String) to number'));
    assert.throws(() => maskedSchemaless(['string', 'int'], 'foo'), DataError);
  });

  it('rejects an empty replacement and an empty field list at configuration', () => {
    assert.throws(() => maskedSchemaless(['int'], ''), ConfigError.invalid('replacement', '', 'String must be non-empty'));
    assert.throws(() => transform(VALUE_PLUGIN, []), ConfigError.invalid('fields', '[]', 'Empty list'));
    assert.throws(() => VALUE_PLUGIN.create().configure({}), /Missing required configuration "fields" which has no default value\./);
  });

  it('masks lists and maps with fresh mutable values', () => {
    const first = maskedStruct(['array', 'map']);
    const second = maskedStruct(['array', 'map']);
    (first.get('array') as number[]).push(0);
    (first.get('map') as Map<string, string>).set('k', 'v');
    assert.deepEqual([second.get('array'), second.get('map')], [[], new Map()]);
  });

  it('cannot mask bytes or nested structs', () => {
    const nested = SchemaBuilder.struct().field('x', Schemas.INT32).build();
    const schema = SchemaBuilder.struct().field('bytes', Schemas.BYTES).field('nested', nested).build();
    const value = new Struct(schema).put('bytes', Uint8Array.of(1)).put('nested', new Struct(nested).put('x', 1));
    const apply = (field: string) => transform(VALUE_PLUGIN, [field])(record(schema, value));
    assert.throws(() => apply('bytes'), new DataError('Cannot mask value of type: class [B'));
    assert.throws(() => apply('nested'), new DataError('Cannot mask value of type: class org.apache.kafka.connect.data.Struct'));
  });

  it('adds a masked field missing from a schemaless map as null, as Kafka does', () => {
    const masked = transform(VALUE_PLUGIN, ['absent'])(record(null, new Map([['a', 1]]))).value as Map<string, unknown>;
    assert.deepEqual([...masked], [['a', 1], ['absent', null]]);
  });

  it('masks the default of a null field only when replace.null.with.default is true', () => {
    const withDefaults = transform(VALUE_PLUGIN, ['withDefault'])(record(SCHEMA, valuesWithSchema())).value as Struct;
    assert.equal(withDefaults.getWithoutDefault('withDefault'), '');
    assert.equal(maskedStruct(['withDefault']).getWithoutDefault('withDefault'), null);
  });

  it('keeps the record schema object and masks keys with MaskField$Key', () => {
    const input = record(SCHEMA, valuesWithSchema());
    assert.equal(transform(VALUE_PLUGIN, ['int'])(input).valueSchema, SCHEMA);
    const keyed = transform(KEY_PLUGIN, ['id'])(sinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0, key: new Map([['id', 'x']]) }));
    assert.deepEqual([...(keyed.key as Map<string, unknown>)], [['id', '']]);
  });

  it('does not pass null values through, as Kafka requires a Map or Struct', () => {
    const apply = transform(VALUE_PLUGIN, ['int']);
    assert.throws(() => apply(record(null, null)), /Only Map objects supported in absence of schema for \[mask fields\], found: null/);
    assert.throws(() => apply(record(SCHEMA, null)), /Only Struct objects supported for \[mask fields\], found: null/);
  });
});
