import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BigDecimal } from '../../src/api/data/big-decimal.js';
import { Decimal, DateLogical, TimeLogical, TimestampLogical } from '../../src/api/data/logical.js';
import { SchemaBuilder, Schemas, type Schema } from '../../src/api/data/schema.js';
import { Struct } from '../../src/api/data/struct.js';
import { ConfigError, DataError } from '../../src/api/errors.js';
import { JsonConverter } from '../../src/converters/json/json-converter.js';

function converter(config: Record<string, string> = {}, isKey = false): JsonConverter {
  const c = new JsonConverter();
  c.configure(config, isKey);
  return c;
}

function write(schema: Schema | null, value: unknown, config: Record<string, string> = {}): string | null {
  const bytes = converter(config).fromConnectData('topic', null, schema, value);
  return bytes === null ? null : Buffer.from(bytes).toString('utf8');
}

const plain = { 'schemas.enable': 'false' };

describe('JsonConverter configuration', () => {
  it('defaults to schemas, base64 decimals and replacing nulls with defaults', () => {
    assert.equal(write(Decimal.schema(2), new BigDecimal(1234n, 2)), '{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":"BNI="}');
  });

  it('sets converter.type from isKey, and to header when configured as a header converter', () => {
    assert.equal(converter({}, true).converterType, 'key');
    assert.equal(converter({}, false).converterType, 'value');
    const header = new JsonConverter();
    header.configure({});
    assert.equal(header.converterType, 'header');
  });

  it('accepts decimal.format in any case and rejects other values with Kafka wording', () => {
    assert.equal(write(Decimal.schema(1), new BigDecimal(5n, 1), { ...plain, 'decimal.format': 'numeric' }), '0.5');
    assert.throws(() => converter({ 'decimal.format': 'HEX' }), (err: unknown) => err instanceof ConfigError && err.message === 'Invalid value HEX for configuration decimal.format: String must be one of (case insensitive): BASE64, NUMERIC');
    assert.throws(() => converter({ 'schemas.enable': 'maybe' }), (err: unknown) => err instanceof ConfigError && err.message === 'Invalid value maybe for configuration schemas.enable: Expected value to be either true or false');
  });
});

describe('JsonConverter.fromConnectData', () => {
  it('writes nothing for a null value without a schema, a tombstone', () => {
    assert.equal(write(null, null), null);
    assert.equal(write(null, null, plain), null);
  });

  it('writes a null payload for an optional schema', () => {
    assert.equal(write(Schemas.OPTIONAL_STRING, null), '{"schema":{"type":"string","optional":true},"payload":null}');
    assert.equal(write(Schemas.OPTIONAL_STRING, null, plain), 'null');
  });

  it('writes a struct with its schema: type first, then fields, optional, name, version, doc, parameters, default', () => {
    const schema = SchemaBuilder.struct()
      .name('com.example.Row')
      .version(2)
      .doc('a row')
      .field('id', Schemas.INT64)
      .field('tags', SchemaBuilder.array(Schemas.STRING).optional().build())
      .field('attrs', SchemaBuilder.map(Schemas.STRING, Schemas.OPTIONAL_INT32).build())
      .field('state', SchemaBuilder.string().name('io.debezium.data.Enum').version(1).parameter('allowed', 'on,off').defaultValue('on').build())
      .build();
    const row = new Struct(schema).put('id', 9007199254740993n).put('tags', ['a', 'b']).put('attrs', new Map([['x', 1], ['y', null]]));
    assert.equal(
      write(schema, row),
      '{"schema":{"type":"struct","fields":[' +
        '{"type":"int64","optional":false,"field":"id"},' +
        '{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},' +
        '{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":true},"optional":false,"field":"attrs"},' +
        '{"type":"string","optional":false,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"on,off"},"default":"on","field":"state"}' +
        '],"optional":false,"name":"com.example.Row","version":2,"doc":"a row"},' +
        '"payload":{"id":9007199254740993,"tags":["a","b"],"attrs":{"x":1,"y":null},"state":"on"}}',
    );
    assert.equal(write(schema, row, plain), '{"id":9007199254740993,"tags":["a","b"],"attrs":{"x":1,"y":null},"state":"on"}');
  });

  it('writes maps with non-string keys as arrays of [key, value] pairs', () => {
    const schema = SchemaBuilder.map(Schemas.INT32, Schemas.STRING).build();
    assert.equal(write(schema, new Map([[2, 'b'], [1, 'a']]), plain), '[[2,"b"],[1,"a"]]');
    assert.equal(write(null, new Map<unknown, unknown>([[1, 'a'], ['k', true]]), plain), '[[1,"a"],["k",true]]');
    assert.equal(write(null, new Map([['k', 1]]), plain), '{"k":1}');
  });

  it('writes float32 and float64 as Java prints them, and NaN and infinities as strings', () => {
    const schema = SchemaBuilder.array(Schemas.FLOAT64).build();
    assert.equal(write(schema, [100, 0.1, 1e10, 1e-5, -0, 3.4028235e38, 1e23, NaN, Infinity, -Infinity], plain), '[100.0,0.1,1.0E10,1.0E-5,-0.0,3.4028235E38,9.999999999999999E22,"NaN","Infinity","-Infinity"]');
    const floats = SchemaBuilder.array(Schemas.FLOAT32).build();
    assert.equal(write(floats, [0.1, 1 / 3, 4.5891097e18, 16777216], plain), '[0.1,0.33333334,4.58910975E18,1.6777216E7]');
  });

  it('writes doubles as Java 19+ does when asked to', () => {
    const bytes = new JsonConverter({ floatingPointStyle: 'shortest' });
    bytes.configure(plain, false);
    assert.equal(Buffer.from(bytes.fromConnectData('t', null, Schemas.FLOAT64, 1e23) as Uint8Array).toString(), '1.0E23');
  });

  it('writes int64 extremes exactly', () => {
    const schema = SchemaBuilder.array(Schemas.INT64).build();
    assert.equal(write(schema, [9223372036854775807n, -9223372036854775808n, 2 ** 60, -1], plain), '[9223372036854775807,-9223372036854775808,1152921504606846976,-1]');
    assert.throws(() => write(Schemas.INT64, 2n ** 63n, plain), DataError);
  });

  it('writes bytes and base64 decimals as padded base64, numeric decimals as Java BigDecimal.toString', () => {
    assert.equal(write(Schemas.BYTES, Uint8Array.from([0, 1, 2, 255]), plain), '"AAEC/w=="');
    const decimals = SchemaBuilder.array(Decimal.schema(2)).build();
    const values = [new BigDecimal(12345n, 2), new BigDecimal(-1n, 2), new BigDecimal(0n, 2)];
    assert.equal(write(decimals, values, plain), '["MDk=","/w==","AA=="]');
    assert.equal(write(decimals, values, { ...plain, 'decimal.format': 'NUMERIC' }), '[123.45,-0.01,0.00]');
    assert.equal(write(Decimal.schema(-3), new BigDecimal(12n, -3), { ...plain, 'decimal.format': 'NUMERIC' }), '1.2E+4');
    assert.equal(write(Decimal.schema(9), new BigDecimal(1n, 9), { ...plain, 'decimal.format': 'NUMERIC' }), '1E-9');
  });

  it('writes Date as days, Time as milliseconds of the day, Timestamp as epoch milliseconds', () => {
    const schema = SchemaBuilder.struct().field('d', DateLogical.SCHEMA).field('t', TimeLogical.SCHEMA).field('ts', TimestampLogical.SCHEMA).build();
    const value = new Struct(schema).put('d', new Date(Date.UTC(2024, 1, 29))).put('t', new Date(45296789)).put('ts', new Date(-1));
    assert.equal(write(schema, value, plain), '{"d":19782,"t":45296789,"ts":-1}');
    assert.equal(write(TimeLogical.SCHEMA, new Date(86400000), plain), '86400000');
  });

  it('escapes strings as Jackson does: short escapes, \\u00XX controls, surrogates as \\uXXXX', () => {
    assert.equal(write(Schemas.STRING, 'a"b\\c/d\b\f\n\r\t\u0001\u001f\u007fé😀\ud800', plain), '"a\\"b\\\\c/d\\b\\f\\n\\r\\t\\u0001\\u001F\u007fé\\uD83D\\uDE00\\uD800"');
  });

  it('replaces nulls with field defaults unless replace.null.with.default is false', () => {
    const schema = SchemaBuilder.struct().field('n', SchemaBuilder.int32().optional().defaultValue(7).build()).build();
    const value = new Struct(schema);
    assert.equal(write(schema, value, plain), '{"n":7}');
    assert.equal(write(schema, value, { ...plain, 'replace.null.with.default': 'false' }), '{"n":null}');
  });

  it('writes schemaless values by their JavaScript type', () => {
    assert.equal(write(null, ['a', 1, 1.5, 2 ** 60, 5n, true, null, Uint8Array.from([104, 105])]), '{"schema":null,"payload":["a",1,1.5,1.15292150460684698E18,5,true,null,"aGk="]}');
  });

  it("fails with Kafka's messages", () => {
    const person = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    const other = SchemaBuilder.struct().field('id', Schemas.INT64).build();
    const cases: Array<[Schema | null, unknown, string]> = [
      [Schemas.INT32, null, 'Conversion error: null value for field that is required and has no default value'],
      [person, new Struct(person), 'Conversion error: null value for field that is required and has no default value'],
      [person, new Struct(other).put('id', 1), 'Mismatching schema.'],
      [Schemas.INT32, 'x', 'Invalid type for INT32: class java.lang.String'],
      [Schemas.STRING, 5, 'Invalid type for STRING: class java.lang.Integer'],
      [Schemas.INT32, 1.5, 'Invalid type for INT32: class java.lang.Double'],
      [Schemas.BYTES, 'x', 'Invalid type for bytes type: class java.lang.String'],
      [Decimal.schema(2), 1, 'Invalid type for Decimal, expected BigDecimal but was class java.lang.Integer'],
      [Decimal.schema(2), new BigDecimal(1n, 3), 'Decimal value has mismatching scale for given Decimal schema. Schema has scale 2, value has scale 3.'],
      [DateLogical.SCHEMA, new Date(1), 'Kafka Connect Date type should not have any time fields set to non-zero values.'],
      [TimeLogical.SCHEMA, new Date(86400001), 'Kafka Connect Time type should not have any date fields set to non-zero values.'],
      [null, new BigDecimal(1n, 0), 'Java class class java.math.BigDecimal does not have corresponding schema type.'],
      [null, new Struct(person).put('id', 1), 'Mismatching schema.'],
    ];
    for (const [schema, value, message] of cases) {
      assert.throws(() => write(schema, value), (err: unknown) => err instanceof DataError && err.message === message, message);
    }
  });

  it('serves the same schema JSON from its cache and honours schemas.cache.size', () => {
    const schema = SchemaBuilder.struct().field('a', Schemas.INT8).build();
    const c = converter({ 'schemas.cache.size': '0' });
    const first = Buffer.from(c.fromConnectData('t', null, schema, new Struct(schema).put('a', 1)) as Uint8Array).toString();
    const second = Buffer.from(c.fromConnectData('t', null, schema, new Struct(schema).put('a', 2)) as Uint8Array).toString();
    assert.equal(first, '{"schema":{"type":"struct","fields":[{"type":"int8","optional":false,"field":"a"}],"optional":false},"payload":{"a":1}}');
    assert.equal(second, '{"schema":{"type":"struct","fields":[{"type":"int8","optional":false,"field":"a"}],"optional":false},"payload":{"a":2}}');
  });

  it('converts headers like values', () => {
    const c = converter();
    assert.equal(Buffer.from(c.fromConnectHeader('t', 'h', Schemas.INT32, 5) as Uint8Array).toString(), '{"schema":{"type":"int32","optional":false},"payload":5}');
    assert.deepEqual(c.toConnectHeader('t', 'h', Buffer.from('{"schema":{"type":"int32","optional":false},"payload":5}')), { schema: Schemas.INT32, value: 5 });
  });
});
