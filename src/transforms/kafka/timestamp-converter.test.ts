import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateLogical, TimeLogical, TimestampLogical } from '../../api/data/logical.js';
import { SchemaBuilder, Schemas, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConnectError, DataError } from '../../api/errors.js';
import { sourceRecord, type SourceRecord } from '../../api/record.js';
import { TIMESTAMP_CONVERTER_CONFIG, TIMESTAMP_CONVERTER_PLUGINS, TimestampConverter } from './timestamp-converter.js';

// The instants of Kafka's TimestampConverterTest: 1970-01-02T00:00:01.234Z and its parts.
const DATE_PLUS_TIME = new Date(86_401_234);
const DATE = new Date(86_400_000);
const TIME = new Date(1_234);
const DATE_PLUS_TIME_UNIX = 86_401_234;
const STRING_DATE_FMT = 'yyyy MM dd HH mm ss SSS z';
const DATE_PLUS_TIME_STRING = '1970 01 02 00 00 01 234 UTC';
const OPTIONAL_DATE = DateLogical.builder().optional().build();
const OPTIONAL_TIME = TimeLogical.builder().optional().build();
const OPTIONAL_TIMESTAMP = TimestampLogical.builder().optional().build();

function converter(config: Record<string, string>, side: 'key' | 'value' = 'value'): TimestampConverter {
  const smt = new TimestampConverter(side);
  smt.configure(config);
  return smt;
}

const withSchema = (schema: Schema | null, value: unknown): SourceRecord => sourceRecord({ topic: 'topic', kafkaPartition: 0, valueSchema: schema, value });
const convert = (config: Record<string, string>, schema: Schema | null, value: unknown): SourceRecord => converter(config).apply(withSchema(schema, value));

describe('TimestampConverter configuration', () => {
  it('requires a valid target.type', () => {
    assert.throws(() => converter({}), { name: 'ConfigError', message: 'Missing required configuration "target.type" which has no default value.' });
    assert.throws(() => converter({ 'target.type': 'invalid' }), {
      name: 'ConfigError',
      message: 'Invalid value invalid for configuration target.type: String must be one of: string, unix, Date, Time, Timestamp',
    });
  });

  it('requires a valid unix.precision', () => {
    assert.throws(() => converter({ 'target.type': 'unix', 'unix.precision': 'invalid' }), {
      name: 'ConfigError',
      message: 'Invalid value invalid for configuration unix.precision: String must be one of: nanoseconds, microseconds, milliseconds, seconds',
    });
    assert.doesNotThrow(() => converter({ 'target.type': 'unix', 'unix.precision': 'seconds' }));
  });

  it('requires a SimpleDateFormat pattern for string targets', () => {
    const missing = { name: 'ConfigError', message: 'TimestampConverter requires format option to be specified when using string timestamps' };
    assert.throws(() => converter({ 'target.type': 'string' }), missing);
    assert.throws(() => converter({ 'target.type': 'string', format: '   ' }), missing);
    assert.throws(() => converter({ 'target.type': 'string', format: 'bad-format' }), {
      name: 'ConfigError',
      message: 'TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: bad-format',
    });
  });

  it('declares Kafka’s keys, defaults and importance', () => {
    assert.deepEqual(
      TIMESTAMP_CONVERTER_CONFIG.keys.map((k) => [k.name, k.type, k.default, k.importance]),
      [
        ['field', 'STRING', '', 'HIGH'],
        ['target.type', 'STRING', undefined, 'HIGH'],
        ['format', 'STRING', '', 'MEDIUM'],
        ['unix.precision', 'STRING', 'milliseconds', 'LOW'],
        ['replace.null.with.default', 'BOOLEAN', true, 'MEDIUM'],
      ],
    );
    assert.deepEqual(
      TIMESTAMP_CONVERTER_PLUGINS.map((p) => p.className),
      ['org.apache.kafka.connect.transforms.TimestampConverter$Key', 'org.apache.kafka.connect.transforms.TimestampConverter$Value'],
    );
  });
});

describe('TimestampConverter without schemas', () => {
  const cases: Array<[string, string, unknown, unknown]> = [
    ['Timestamp → Timestamp', 'Timestamp', DATE_PLUS_TIME, DATE_PLUS_TIME],
    ['Timestamp → Date', 'Date', DATE_PLUS_TIME, DATE],
    ['Timestamp → Time', 'Time', DATE_PLUS_TIME, TIME],
    ['Timestamp → unix', 'unix', DATE_PLUS_TIME, DATE_PLUS_TIME_UNIX],
    ['Timestamp → string', 'string', DATE_PLUS_TIME, DATE_PLUS_TIME_STRING],
    ['Date → Timestamp', 'Timestamp', DATE, DATE],
    ['Time → Timestamp', 'Timestamp', TIME, TIME],
    ['unix → Timestamp', 'Timestamp', DATE_PLUS_TIME_UNIX, DATE_PLUS_TIME],
    ['string → Timestamp', 'Timestamp', DATE_PLUS_TIME_STRING, DATE_PLUS_TIME],
  ];
  for (const [name, target, input, expected] of cases) {
    it(`converts ${name}`, () => {
      const output = convert({ 'target.type': target, format: STRING_DATE_FMT }, null, input);
      assert.equal(output.valueSchema, null);
      assert.deepEqual(output.value, expected);
    });
  }

  it('passes null values through for every target, with or without a field', () => {
    for (const target of ['string', 'unix', 'Date', 'Time', 'Timestamp']) {
      for (const field of [{}, { field: 'ts' }] as Record<string, string>[]) {
        const output = convert({ 'target.type': target, format: STRING_DATE_FMT, ...field }, null, null);
        assert.equal(output.valueSchema, null);
        assert.equal(output.value, null);
      }
    }
  });

  it('converts one field of a map and keeps the others', () => {
    const output = convert({ 'target.type': 'Date', field: 'ts' }, null, new Map<string, unknown>([['ts', DATE_PLUS_TIME], ['other', 'x']]));
    assert.deepEqual(output.value, new Map<string, unknown>([['ts', DATE], ['other', 'x']]));
  });

  it('adds the field as null when the map lacks it, as Java’s HashMap.put does', () => {
    const output = convert({ 'target.type': 'Date', field: 'ts' }, null, new Map([['other', 'x']]));
    assert.deepEqual(output.value, new Map<string, unknown>([['other', 'x'], ['ts', null]]));
  });

  it('reads and writes unix time at the configured precision, losing sub-milliseconds', () => {
    const precision = (p: string, target: string, input: unknown): unknown => convert({ 'target.type': target, 'unix.precision': p, format: STRING_DATE_FMT }, null, input).value;
    assert.equal(precision('microseconds', 'unix', DATE_PLUS_TIME_STRING), 86_401_234_000);
    assert.equal(precision('nanoseconds', 'unix', DATE_PLUS_TIME_STRING), 86_401_234_000_000);
    assert.equal(precision('seconds', 'unix', DATE_PLUS_TIME_STRING), 86_401);
    assert.deepEqual(precision('microseconds', 'Timestamp', 86_401_234_123), DATE_PLUS_TIME);
    assert.deepEqual(precision('nanoseconds', 'Timestamp', 86_401_234_123_456n), DATE_PLUS_TIME);
    assert.deepEqual(precision('seconds', 'Timestamp', 86_401), new Date(86_401_000));
    // Nanoseconds beyond 2^53 are int64 values kept as bigint.
    assert.equal(precision('nanoseconds', 'unix', new Date(Date.UTC(2024, 0, 1))), 1_704_067_200_000_000_000n);
  });

  it('rejects values that are not timestamps with Kafka’s messages', () => {
    assert.throws(() => convert({ 'target.type': 'unix' }, null, true), new DataError('TimestampConverter does not support class java.lang.Boolean objects as timestamps'));
    assert.throws(() => convert({ 'target.type': 'unix' }, null, 1.5), new DataError('TimestampConverter does not support class java.lang.Double objects as timestamps'));
    assert.throws(
      () => convert({ 'target.type': 'unix', format: 'yyyy-MM-dd' }, null, 'yesterday'),
      new DataError('Could not parse timestamp: value (yesterday) does not match pattern (yyyy-MM-dd)'),
    );
    assert.throws(() => convert({ 'target.type': 'Date', field: 'ts' }, null, 'not a map'), new DataError('Only Map objects supported in absence of schema for [converting timestamp formats], found: string'));
  });

  it('converts the key with the $Key variant', () => {
    const output = converter({ 'target.type': 'Timestamp' }, 'key').apply(sourceRecord({ topic: 'topic', kafkaPartition: 0, key: DATE_PLUS_TIME_UNIX, value: 'v' }));
    assert.equal(output.keySchema, null);
    assert.deepEqual(output.key, DATE_PLUS_TIME);
    assert.equal(output.value, 'v');
  });
});

describe('TimestampConverter with schemas', () => {
  const cases: Array<[string, string, Schema, unknown, Schema, unknown]> = [
    ['Timestamp → Timestamp', 'Timestamp', TimestampLogical.SCHEMA, DATE_PLUS_TIME, TimestampLogical.SCHEMA, DATE_PLUS_TIME],
    ['Timestamp → Date', 'Date', TimestampLogical.SCHEMA, DATE_PLUS_TIME, DateLogical.SCHEMA, DATE],
    ['Timestamp → Time', 'Time', TimestampLogical.SCHEMA, DATE_PLUS_TIME, TimeLogical.SCHEMA, TIME],
    ['Timestamp → unix', 'unix', TimestampLogical.SCHEMA, DATE_PLUS_TIME, Schemas.INT64, DATE_PLUS_TIME_UNIX],
    ['Timestamp → string', 'string', TimestampLogical.SCHEMA, DATE_PLUS_TIME, Schemas.STRING, DATE_PLUS_TIME_STRING],
    ['Date → Timestamp', 'Timestamp', DateLogical.SCHEMA, DATE, TimestampLogical.SCHEMA, DATE],
    ['Time → Timestamp', 'Timestamp', TimeLogical.SCHEMA, TIME, TimestampLogical.SCHEMA, TIME],
    ['unix → Timestamp', 'Timestamp', Schemas.INT64, DATE_PLUS_TIME_UNIX, TimestampLogical.SCHEMA, DATE_PLUS_TIME],
    ['string → Timestamp', 'Timestamp', Schemas.STRING, DATE_PLUS_TIME_STRING, TimestampLogical.SCHEMA, DATE_PLUS_TIME],
  ];
  for (const [name, target, schema, input, expectedSchema, expected] of cases) {
    it(`converts ${name}`, () => {
      const output = convert({ 'target.type': target, format: STRING_DATE_FMT }, schema, input);
      assert.deepEqual(output.valueSchema, expectedSchema);
      assert.deepEqual(output.value, expected);
    });
  }

  const optionalSources = [Schemas.OPTIONAL_INT64, OPTIONAL_TIME, OPTIONAL_DATE, Schemas.OPTIONAL_STRING, OPTIONAL_TIMESTAMP];
  const optionalTargets: Array<[string, Schema]> = [
    ['Timestamp', OPTIONAL_TIMESTAMP],
    ['unix', Schemas.OPTIONAL_INT64],
    ['Time', OPTIONAL_TIME],
    ['Date', OPTIONAL_DATE],
    ['string', Schemas.OPTIONAL_STRING],
  ];
  for (const [target, expectedSchema] of optionalTargets) {
    it(`keeps null values and fields null under the optional ${target} schema`, () => {
      const config = { 'target.type': target, format: STRING_DATE_FMT };
      for (const source of optionalSources) {
        const whole = convert(config, source, null);
        assert.deepEqual(whole.valueSchema, expectedSchema);
        assert.equal(whole.value, null);

        const structSchema = SchemaBuilder.struct().field('ts', source).field('other', Schemas.STRING);
        const expectedStruct = SchemaBuilder.struct().field('ts', expectedSchema).field('other', Schemas.STRING);
        const original = new Struct(structSchema.build()).put('ts', null).put('other', 'test');
        const field = convert({ ...config, field: 'ts' }, structSchema.build(), original);
        assert.deepEqual(field.valueSchema, expectedStruct.build());
        assert.equal((field.value as Struct).get('ts'), null);

        const nullStruct = convert({ ...config, field: 'ts' }, structSchema.optional().build(), null);
        assert.deepEqual(nullStruct.valueSchema, expectedStruct.optional().build());
        assert.equal(nullStruct.value, null);
      }
    });
  }

  it('converts one struct field and keeps the others', () => {
    const schema = SchemaBuilder.struct().field('ts', Schemas.INT64).field('other', Schemas.STRING).build();
    const output = convert({ 'target.type': 'Timestamp', field: 'ts' }, schema, new Struct(schema).put('ts', DATE_PLUS_TIME_UNIX).put('other', 'test'));
    const expectedSchema = SchemaBuilder.struct().field('ts', TimestampLogical.SCHEMA).field('other', Schemas.STRING).build();
    assert.deepEqual(output.valueSchema, expectedSchema);
    assert.deepEqual(output.value, new Struct(expectedSchema).put('ts', DATE_PLUS_TIME).put('other', 'test'));
  });

  it('reads unix fields at micro-, nano- and second precision', () => {
    const schema = SchemaBuilder.struct().field('ts', Schemas.INT64).build();
    const expectedSchema = SchemaBuilder.struct().field('ts', TimestampLogical.SCHEMA).build();
    const read = (precision: string, unix: number | bigint): unknown =>
      (convert({ 'target.type': 'Timestamp', field: 'ts', 'unix.precision': precision }, schema, new Struct(schema).put('ts', unix)).value as Struct).get('ts');
    assert.deepEqual(read('microseconds', 86_401_234_123), DATE_PLUS_TIME);
    assert.deepEqual(read('nanoseconds', 86_401_234_123_456), DATE_PLUS_TIME);
    assert.deepEqual(read('seconds', 86_401), new Date(86_401_000));
    assert.deepEqual(convert({ 'target.type': 'Timestamp', field: 'ts' }, schema, new Struct(schema).put('ts', 1)).valueSchema, expectedSchema);
  });

  it('keeps struct metadata and converts the struct’s default value', () => {
    const inner = SchemaBuilder.struct().name('Row').version(2).doc('a row').field('ts', Schemas.INT64).optional().build();
    // SchemaBuilder cannot take a default struct of the schema being built, so the schema is written out.
    const schema: Schema = Object.freeze({ ...inner, defaultValue: new Struct(inner).put('ts', 0) });
    const output = convert({ 'target.type': 'Date', field: 'ts' }, schema, null);
    const updated = output.valueSchema as Schema;
    assert.deepEqual([updated.name, updated.version, updated.doc, updated.optional], ['Row', 2, 'a row', true]);
    assert.deepEqual((updated.defaultValue as Struct).get('ts'), new Date(0));
  });

  it('replaces null fields with their default unless replace.null.with.default is false', () => {
    const schema = SchemaBuilder.struct()
      .field('ts', SchemaBuilder.int64().optional().defaultValue(DATE_PLUS_TIME_UNIX).build())
      .field('other', SchemaBuilder.string().optional().defaultValue('dflt').build())
      .build();
    const value = new Struct(schema);
    const replaced = convert({ 'target.type': 'Timestamp', field: 'ts' }, schema, value).value as Struct;
    assert.deepEqual([replaced.getWithoutDefault('ts'), replaced.getWithoutDefault('other')], [DATE_PLUS_TIME, 'dflt']);
    const kept = convert({ 'target.type': 'Timestamp', field: 'ts', 'replace.null.with.default': 'false' }, schema, value).value as Struct;
    assert.deepEqual([kept.getWithoutDefault('ts'), kept.getWithoutDefault('other')], [null, null]);
  });

  it('rejects schemas that are not timestamps, and non-struct values when a field is set', () => {
    assert.throws(() => convert({ 'target.type': 'unix' }, Schemas.INT32, 5), new ConnectError('Schema Schema{INT32} does not correspond to a known timestamp type format'));
    assert.throws(() => convert({ 'target.type': 'unix' }, Schemas.OPTIONAL_INT32, null), new ConnectError('Schema Schema{INT32} does not correspond to a known timestamp type format'));
    assert.throws(() => convert({ 'target.type': 'unix', field: 'ts' }, Schemas.STRING, 'x'), new DataError('Only Struct objects supported for [converting timestamp formats], found: string'));
    assert.throws(() => convert({ 'target.type': 'string', format: 'yyyy' }, Schemas.INT64, 'x'), new DataError('Expected Unix timestamp to be a Long, but found class java.lang.String'));
    assert.throws(() => convert({ 'target.type': 'string', format: 'yyyy' }, DateLogical.SCHEMA, 5), { name: 'DataError' });
  });
});

describe('TimestampConverter$Value in the seed pipeline (field created_at, target.type string)', () => {
  const seed = { field: 'created_at', 'target.type': 'string', format: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" };
  const rowSchema = (createdAt: Schema): Schema =>
    SchemaBuilder.struct().name('inventory.public.orders.Value').field('id', Schemas.INT32).field('created_at', createdAt).build();
  const outputSchema = SchemaBuilder.struct().name('inventory.public.orders.Value').field('id', Schemas.INT32).field('created_at', Schemas.STRING).build();

  it('formats a Connect Timestamp field as ISO-8601 with milliseconds', () => {
    const schema = rowSchema(TimestampLogical.SCHEMA);
    const output = convert(seed, schema, new Struct(schema).put('id', 1).put('created_at', new Date(Date.UTC(2024, 0, 15, 10, 30, 45, 123))));
    assert.deepEqual(output.valueSchema, outputSchema);
    assert.deepEqual(output.value, new Struct(outputSchema).put('id', 1).put('created_at', '2024-01-15T10:30:45.123Z'));
  });

  it('re-parses a Debezium ZonedTimestamp string leniently: microseconds become milliseconds, as in Kafka', () => {
    const zoned = SchemaBuilder.string().name('io.debezium.time.ZonedTimestamp').version(1).build();
    const schema = rowSchema(zoned);
    const output = convert(seed, schema, new Struct(schema).put('id', 1).put('created_at', '2024-01-15T10:30:45.123456Z'));
    assert.deepEqual(output.value, new Struct(outputSchema).put('id', 1).put('created_at', '2024-01-15T10:32:48.456Z'));
    // A value with exactly milliseconds round-trips.
    const exact = convert(seed, schema, new Struct(schema).put('id', 2).put('created_at', '2024-01-15T10:30:45.123Z'));
    assert.equal((exact.value as Struct).get('created_at'), '2024-01-15T10:30:45.123Z');
  });

  it('reads a Debezium MicroTimestamp (int64) as milliseconds, as Kafka does without unix.precision', () => {
    const micro = SchemaBuilder.int64().name('io.debezium.time.MicroTimestamp').version(1).build();
    const schema = rowSchema(micro);
    const output = convert(seed, schema, new Struct(schema).put('id', 1).put('created_at', 1_705_314_645_123_456));
    assert.equal((output.value as Struct).get('created_at'), '56009-04-09T00:32:03.456Z');
    const precise = convert({ ...seed, 'unix.precision': 'microseconds' }, schema, new Struct(schema).put('id', 1).put('created_at', 1_705_314_645_123_456));
    assert.equal((precise.value as Struct).get('created_at'), '2024-01-15T10:30:45.123Z');
  });

  it('leaves tombstones alone', () => {
    const schema = SchemaBuilder.struct().field('created_at', TimestampLogical.SCHEMA).optional().build();
    const output = convert(seed, schema, null);
    assert.equal(output.value, null);
  });
});
