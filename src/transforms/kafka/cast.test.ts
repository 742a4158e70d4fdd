import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BigDecimal } from '../../api/data/big-decimal.js';
import { DateLogical, Decimal, TimeLogical, TimestampLogical } from '../../api/data/logical.js';
import { SchemaBuilder, Schemas, fieldOf, type Schema, type SchemaType } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError, DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import { sourceRecord, type ConnectRecord } from '../../api/record.js';
import { CAST_CONFIG, CAST_PLUGINS, formatConnectDate } from './cast.js';

const [KEY_PLUGIN, VALUE_PLUGIN] = CAST_PLUGINS as [TransformationPlugin, TransformationPlugin];
const MILLIS_PER_HOUR = 3_600_000;
const MILLIS_PER_DAY = 86_400_000;

function configured(plugin: TransformationPlugin, spec: string, extra: Record<string, string> = {}) {
  const transform = plugin.create();
  transform.configure({ spec, ...extra });
  return (record: ConnectRecord) => transform.apply(record) as ConnectRecord;
}

const valueRecord = (valueSchema: Schema | null, value: unknown) => sourceRecord({ topic: 'topic', kafkaPartition: 0, valueSchema, value });
const castValue = (spec: string, schema: Schema | null, value: unknown) => configured(VALUE_PLUGIN, spec)(valueRecord(schema, value));
const fieldType = (schema: Schema | null, name: string) => (schema ? fieldOf(schema, name)?.schema.type : undefined);

describe('Cast configuration', () => {
  it('is published as Cast$Key/$Value with spec and replace.null.with.default', () => {
    assert.deepEqual(
      CAST_PLUGINS.map((p) => p.className),
      ['org.apache.kafka.connect.transforms.Cast$Key', 'org.apache.kafka.connect.transforms.Cast$Value'],
    );
    assert.deepEqual(
      CAST_CONFIG.keys.map((k) => [k.name, k.type, k.default, k.importance, k.validator?.describe]),
      [
        ['spec', 'LIST', undefined, 'HIGH', 'list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>'],
        ['replace.null.with.default', 'BOOLEAN', true, 'MEDIUM', undefined],
      ],
    );
  });

  const invalidSpecs: Array<[string, string, string]> = [
    ['an empty spec', '', 'Must specify at least one field to cast.'],
    ['an unknown field type', 'foo:faketype', 'Invalid type found in casting spec: faketype'],
    ['an unknown whole-value type', 'faketype', 'No enum constant org.apache.kafka.connect.data.Schema.Type.FAKETYPE'],
    [
      'a cast to array',
      'foo:array',
      'Cast transformation does not support casting to ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]',
    ],
    [
      'a cast to bytes',
      'foo:bytes',
      'Cast transformation does not support casting to BYTES; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]',
    ],
    ['too many colons', 'foo:int8:extra', 'Invalid value [foo:int8:extra] for configuration renames: Invalid rename mapping: foo:int8:extra'],
    [
      'a whole-value cast mixed with field casts',
      'foo:int8,int32',
      'Cast transformations that specify a type to cast the entire value to may ony specify a single cast in their spec',
    ],
  ];
  for (const [what, spec, message] of invalidSpecs) {
    it(`rejects ${what} with Kafka's message`, () => {
      assert.throws(
        () => KEY_PLUGIN.create().configure({ spec }),
        (err: unknown) => err instanceof ConfigError && err.message === message,
      );
    });
  }

  it('requires a spec', () => {
    assert.throws(() => KEY_PLUGIN.create().configure({}), /Missing required configuration "spec" which has no default value\./);
  });
});

describe('Cast', () => {
  it('passes null keys and values through unchanged, with or without schema (Kafka examples)', () => {
    const records = [
      sourceRecord({ topic: 'topic', kafkaPartition: 0, keySchema: Schemas.STRING, key: 'key', valueSchema: Schemas.STRING }),
      sourceRecord({ topic: 'topic', kafkaPartition: 0, keySchema: Schemas.STRING, key: 'key' }),
    ];
    for (const record of records) assert.equal(configured(VALUE_PLUGIN, 'foo:int64')(record), record);
    const nullKeys = [
      sourceRecord({ topic: 'topic', kafkaPartition: 0, keySchema: Schemas.STRING, valueSchema: Schemas.STRING, value: 'value' }),
      sourceRecord({ topic: 'topic', kafkaPartition: 0, valueSchema: Schemas.STRING, value: 'value' }),
    ];
    for (const record of nullKeys) assert.equal(configured(KEY_PLUGIN, 'foo:int64')(record), record);
  });

  it('casts a whole key with schema (Kafka example)', () => {
    const out = configured(KEY_PLUGIN, 'int8')(sourceRecord({ topic: 't', keySchema: Schemas.INT32, key: 42, valueSchema: Schemas.STRING, value: 'bogus' }));
    assert.deepEqual([out.keySchema?.type, out.key, out.value], ['int8', 42, 'bogus']);
  });

  const wholeValueCasts: Array<[SchemaType, unknown, unknown]> = [
    ['int8', 42, 42],
    ['int16', 42, 42],
    ['int32', 42, 42],
    ['int64', 42, 42],
    ['float32', 42, 42],
    ['float64', 42, 42],
    ['boolean', 42, true],
    ['boolean', 0, false],
    ['string', 42, '42'],
  ];
  for (const [type, input, expected] of wholeValueCasts) {
    it(`casts a whole int32 ${String(input)} to ${type}, with and without schema (Kafka examples)`, () => {
      const withSchema = castValue(type, Schemas.INT32, input);
      assert.deepEqual([withSchema.valueSchema?.type, withSchema.value], [type, expected]);
      const schemaless = castValue(type, null, input);
      assert.deepEqual([schemaless.valueSchema, schemaless.value], [null, expected]);
    });
  }

  it('casts a whole Decimal and a whole Timestamp to strings (Kafka examples)', () => {
    const decimal = castValue('string', Decimal.schema(0), new BigDecimal(42n, 0));
    assert.deepEqual([decimal.valueSchema?.type, decimal.value], ['string', '42']);
    const timestamp = castValue('string', TimestampLogical.SCHEMA, new Date(MILLIS_PER_DAY + 1));
    assert.deepEqual([timestamp.valueSchema?.type, timestamp.value], ['string', '1970-01-02T00:00:00.001Z']);
  });

  it('casts the default value of the schema too (Kafka example)', () => {
    const out = castValue('int32', SchemaBuilder.float32().defaultValue(-42.125).build(), 42.125);
    assert.deepEqual([out.valueSchema?.type, out.value, out.valueSchema?.defaultValue], ['int32', 42, -42]);
  });

  it('refuses a whole schemaless value of an unsupported type (Kafka example)', () => {
    assert.throws(
      () => castValue('int8', null, ['foo']),
      new DataError(
        'Cast transformation does not support casting from ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]',
      ),
    );
    assert.throws(
      () => castValue('string', null, new Date(0)),
      new DataError("Cast transformation was passed a value of type class java.util.Date which is not supported by Connect's data API"),
    );
    const struct = SchemaBuilder.struct().field('a', Schemas.INT32).build();
    assert.throws(() => castValue('string', struct, new Struct(struct).put('a', 1)), /does not support casting from STRUCT/);
  });

  it('casts logical types to primitives through their encoding (Kafka example)', () => {
    const spec = 'date_to_int32:int32,timestamp_to_int64:int64,time_to_int64:int64,decimal_to_int32:int32,timestamp_to_float64:float64,null_timestamp_to_int32:int32';
    const schema = SchemaBuilder.struct()
      .field('date_to_int32', DateLogical.SCHEMA)
      .field('timestamp_to_int64', TimestampLogical.SCHEMA)
      .field('time_to_int64', TimeLogical.SCHEMA)
      .field('decimal_to_int32', Decimal.schema(0))
      .field('timestamp_to_float64', TimestampLogical.SCHEMA)
      .field('null_timestamp_to_int32', TimestampLogical.builder().optional().build())
      .build();
    const value = new Struct(schema)
      .put('date_to_int32', new Date(MILLIS_PER_DAY))
      .put('timestamp_to_int64', new Date(0))
      .put('time_to_int64', new Date(1))
      .put('decimal_to_int32', new BigDecimal(2n ** 31n, 0))
      .put('timestamp_to_float64', new Date(8.64e15));
    const out = castValue(spec, schema, value);
    const struct = out.value as Struct;
    const names = (schema.fields ?? []).map((f) => f.name);
    assert.deepEqual(
      names.map((n) => struct.get(n)),
      [1, 0, 1, -2147483648, 8.64e15, null],
    );
    assert.deepEqual(
      names.map((n) => fieldType(out.valueSchema, n)),
      ['int32', 'int64', 'int64', 'int32', 'float64', 'int32'],
    );
  });

  it('casts logical types to strings in Connect ISO formats (Kafka example)', () => {
    const schema = SchemaBuilder.struct()
      .field('date', DateLogical.SCHEMA)
      .field('decimal', Decimal.schema(0))
      .field('time', TimeLogical.SCHEMA)
      .field('timestamp', TimestampLogical.SCHEMA)
      .build();
    const timestamp = new Date(Date.UTC(2024, 4, 17, 10, 30, 5, 42));
    const value = new Struct(schema)
      .put('date', new Date(MILLIS_PER_DAY))
      .put('decimal', new BigDecimal(1982n, 0))
      .put('time', new Date(MILLIS_PER_HOUR))
      .put('timestamp', timestamp);
    const out = castValue('date:string,decimal:string,time:string,timestamp:string', schema, value);
    const struct = out.value as Struct;
    assert.deepEqual(
      ['date', 'decimal', 'time', 'timestamp'].map((n) => [struct.get(n), fieldType(out.valueSchema, n)]),
      [
        ['1970-01-02', 'string'],
        ['1982', 'string'],
        ['01:00:00.000Z', 'string'],
        ['2024-05-17T10:30:05.042Z', 'string'],
      ],
    );
  });

  it('casts struct fields, keeping optionality and casting defaults, and caches the schema (Kafka example)', () => {
    const spec =
      'int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32,bigdecimal:string,date:string,optional:int32,bytes:string';
    const schema = SchemaBuilder.struct()
      .field('int8', Schemas.INT8)
      .field('int16', Schemas.OPTIONAL_INT16)
      .field('int32', SchemaBuilder.int32().defaultValue(2).build())
      .field('int64', Schemas.INT64)
      .field('float32', Schemas.FLOAT32)
      .field('float64', SchemaBuilder.float64().defaultValue(-1.125).build())
      .field('boolean', Schemas.BOOLEAN)
      .field('string', Schemas.STRING)
      .field('bigdecimal', Decimal.schema(0))
      .field('date', DateLogical.SCHEMA)
      .field('optional', Schemas.OPTIONAL_FLOAT32)
      .field('timestamp', TimestampLogical.SCHEMA)
      .field('bytes', Schemas.BYTES)
      .build();
    const value = new Struct(schema)
      .put('int8', 8)
      .put('int16', 16)
      .put('int32', 32)
      .put('int64', 64)
      .put('float32', 32)
      .put('float64', -64)
      .put('boolean', true)
      .put('string', '42')
      .put('bigdecimal', new BigDecimal(42n, 0))
      .put('date', new Date(MILLIS_PER_DAY))
      .put('timestamp', new Date(0))
      .put('bytes', Uint8Array.of(0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10));
    const apply = configured(VALUE_PLUGIN, spec);
    const out = apply(valueRecord(schema, value));
    const struct = out.value as Struct;
    const names = (schema.fields ?? []).map((f) => f.name);
    assert.deepEqual(
      names.map((n) => [n, struct.get(n), fieldType(out.valueSchema, n)]),
      [
        ['int8', 8, 'int16'],
        ['int16', 16, 'int32'],
        ['int32', 32, 'int64'],
        ['int64', true, 'boolean'],
        ['float32', 32, 'float64'],
        ['float64', true, 'boolean'],
        ['boolean', 1, 'int8'],
        ['string', 42, 'int32'],
        ['bigdecimal', '42', 'string'],
        ['date', '1970-01-02', 'string'],
        ['optional', null, 'int32'],
        ['timestamp', new Date(0), 'int64'],
        ['bytes', '/ty6mHZUMhA=', 'string'],
      ],
    );
    const outSchema = out.valueSchema as Schema;
    assert.equal(fieldOf(outSchema, 'int16')?.schema.optional, true);
    assert.equal(fieldOf(outSchema, 'int32')?.schema.defaultValue, 2);
    assert.equal(fieldOf(outSchema, 'float64')?.schema.defaultValue, true);
    assert.equal(fieldOf(outSchema, 'timestamp')?.schema, TimestampLogical.SCHEMA);
    assert.equal(apply(valueRecord(schema, value)).valueSchema, outSchema);
  });

  it('casts fields of a schemaless map, adding missing ones as null (Kafka example)', () => {
    const spec = 'int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32,missing:string';
    const value = new Map<string, unknown>([
      ['int8', 8],
      ['int16', 16],
      ['int32', 32],
      ['int64', 64],
      ['float32', 32.5],
      ['float64', -64],
      ['boolean', true],
      ['string', '42'],
    ]);
    const out = castValue(spec, null, value);
    assert.equal(out.valueSchema, null);
    assert.deepEqual(
      [...(out.value as Map<string, unknown>)],
      [
        ['int8', 8],
        ['int16', 16],
        ['int32', 32],
        ['int64', true],
        ['float32', 32.5],
        ['float64', true],
        ['boolean', 1],
        ['string', 42],
        ['missing', null],
      ],
    );
  });

  it('narrows numbers as Java does: wrapping integers, saturating floating values', () => {
    assert.equal(castValue('int8', Schemas.INT32, 300).value, 44);
    assert.equal(castValue('int16', Schemas.INT64, 2n ** 40n + 5n).value, 5);
    assert.equal(castValue('int32', Schemas.FLOAT64, 1e20).value, 2147483647);
    assert.equal(castValue('int8', Schemas.FLOAT64, 1e20).value, -1);
    assert.equal(castValue('int64', Schemas.FLOAT64, Number.NaN).value, 0);
    assert.equal(castValue('int64', Schemas.FLOAT64, -1e30).value, -(2n ** 63n));
    assert.equal(castValue('int32', Schemas.FLOAT64, -7.9).value, -7);
    assert.equal(castValue('float32', Schemas.FLOAT64, 0.1).value, Math.fround(0.1));
    assert.equal(castValue('boolean', Schemas.FLOAT64, 0.5).value, false);
  });

  it('parses strings as Java does, failing with Kafka wording on bad or out-of-range numbers', () => {
    assert.equal(castValue('int64', Schemas.STRING, '9223372036854775807').value, 2n ** 63n - 1n);
    assert.equal(castValue('int32', Schemas.STRING, '+12').value, 12);
    assert.equal(castValue('float64', Schemas.STRING, ' 1.5e3d ').value, 1500);
    assert.equal(castValue('boolean', Schemas.STRING, 'TRUE').value, true);
    assert.equal(castValue('boolean', Schemas.STRING, 'yes').value, false);
    for (const [type, text] of [
      ['int8', '128'],
      ['int32', '1.5'],
      ['int32', ' 1'],
      ['float64', 'abc'],
    ] as const) {
      assert.throws(() => castValue(type, Schemas.STRING, text), new DataError(`Value (${text}) was out of range for requested data type`));
    }
  });

  it('prints floating values as Java Float/Double.toString', () => {
    const asString = (schema: Schema, value: number) => castValue('string', schema, value).value;
    assert.deepEqual(
      [
        asString(Schemas.FLOAT64, 42),
        asString(Schemas.FLOAT64, -0.5),
        asString(Schemas.FLOAT64, 1e7),
        asString(Schemas.FLOAT64, 1.5e-4),
        asString(Schemas.FLOAT64, 0.001),
        asString(Schemas.FLOAT64, 123456.789),
        asString(Schemas.FLOAT64, 5e-324),
        asString(Schemas.FLOAT32, Math.fround(0.1)),
        asString(Schemas.FLOAT32, Math.fround(3.4e38)),
        asString(Schemas.INT64, 42),
      ],
      ['42.0', '-0.5', '1.0E7', '1.5E-4', '0.001', '123456.789', '4.9E-324', '0.1', '3.4E38', '42'],
    );
  });

  it('casts bytes only to string', () => {
    assert.equal(castValue('string', Schemas.BYTES, Uint8Array.of(1, 2, 3)).value, 'AQID');
    assert.throws(() => castValue('int8', Schemas.BYTES, Uint8Array.of(1)), new DataError('Unexpected type in Cast transformation: class [B'));
  });

  for (const [replaceNullWithDefault, expected] of [
    ['false', null],
    ['true', 42],
  ] as const) {
    it(`casts a null field with a default as ${String(expected)} when replace.null.with.default=${replaceNullWithDefault}`, () => {
      const schema = SchemaBuilder.struct().field('a', SchemaBuilder.int32().optional().defaultValue(42).build()).build();
      const out = configured(VALUE_PLUGIN, 'a:int64', { 'replace.null.with.default': replaceNullWithDefault })(valueRecord(schema, new Struct(schema)));
      assert.equal((out.value as Struct).getWithoutDefault('a'), expected);
      assert.equal(fieldOf(out.valueSchema as Schema, 'a')?.schema.defaultValue, 42);
    });
  }
});

describe('Connect date formats', () => {
  it('prints times before day one, dates at midnight and timestamps otherwise, in UTC', () => {
    assert.deepEqual(
      [new Date(0), new Date(-1), new Date(MILLIS_PER_DAY * 19860), new Date(MILLIS_PER_DAY * 19860 + 1)].map(formatConnectDate),
      ['00:00:00.000Z', '23:59:59.999Z', '2024-05-17', '2024-05-17T00:00:00.001Z'],
    );
  });
});
