import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BigDecimal } from '../../src/api/data/big-decimal.js';
import { Decimal } from '../../src/api/data/logical.js';
import { SchemaBuilder, Schemas } from '../../src/api/data/schema.js';
import { Struct } from '../../src/api/data/struct.js';
import { DataError } from '../../src/api/errors.js';
import { JsonConverter } from '../../src/converters/json/json-converter.js';

function read(text: string | null, config: Record<string, string> = {}) {
  const c = new JsonConverter();
  c.configure(config, false);
  return c.toConnectData('topic', null, text === null ? null : Buffer.from(text, 'utf8'));
}

const plain = { 'schemas.enable': 'false' };
const envelope = (schema: object, payload: string) => `{"schema":${JSON.stringify(schema)},"payload":${payload}}`;

function rejects(text: string, message: string, config: Record<string, string> = {}): void {
  assert.throws(() => read(text, config), (err: unknown) => err instanceof DataError && err.message === message, message);
}

describe('JsonConverter.toConnectData', () => {
  it('reads a tombstone as no schema and no value', () => {
    assert.deepEqual(read(null), { schema: null, value: null });
    assert.deepEqual(read(null, plain), { schema: null, value: null });
  });

  it('requires the envelope when schemas are enabled, with Kafka\'s message', () => {
    const message =
      'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.';
    rejects('{"a":1}', message);
    rejects('{"schema":null,"payload":1,"extra":2}', message);
    rejects('[1]', message);
    rejects('', message);
  });

  it('wraps syntax errors in Kafka\'s serialization message', () => {
    assert.throws(
      () => read('{"a":', plain),
      (err: unknown) => err instanceof DataError && err.message === 'Converting byte[] to Kafka Connect data failed due to serialization error: ' && err.cause instanceof Error,
    );
  });

  it('infers schemaless values: objects as maps, integers as int64 (bigint past 2^53), other numbers as float64', () => {
    const { schema, value } = read('{"s":"x","i":7,"big":9223372036854775807,"f":1.5,"e":1e2,"z":-0.0,"b":true,"n":null,"a":[1,"two"]}', plain);
    assert.equal(schema, null);
    assert.deepEqual(
      value,
      new Map<string, unknown>([['s', 'x'], ['i', 7], ['big', 9223372036854775807n], ['f', 1.5], ['e', 100], ['z', 0], ['b', true], ['n', null], ['a', [1, 'two']]]),
    );
    assert.ok(Object.is((value as Map<string, unknown>).get('z'), 0), 'BigDecimal has no negative zero');
    assert.deepEqual(read('', plain), { schema: null, value: null });
    assert.deepEqual(read('12345678901234567890', plain), { schema: null, value: -6101065172474983726n });
  });

  it('rebuilds the schema and a struct from the envelope', () => {
    const schema = { type: 'struct', name: 'S', version: 2, doc: 'd', fields: [{ type: 'int32', optional: false, field: 'a' }, { type: 'string', optional: true, default: 'x', field: 'b' }] };
    const result = read(envelope(schema, '{"a":1,"ignored":true}'));
    const expected = SchemaBuilder.struct()
      .name('S')
      .version(2)
      .doc('d')
      .field('a', Schemas.INT32)
      .field('b', SchemaBuilder.string().optional().defaultValue('x').build())
      .build();
    assert.deepEqual(result.schema, expected);
    assert.deepEqual(result.value, new Struct(expected).put('a', 1).put('b', 'x'));
  });

  it('returns the cached schema object for a repeated schema', () => {
    const c = new JsonConverter();
    c.configure({}, false);
    const bytes = Buffer.from(envelope({ type: 'map', keys: { type: 'int8' }, values: { type: 'double', optional: true } }, '[[1,2.5],[2,null]]'));
    const first = c.toConnectData('t', null, bytes);
    const second = c.toConnectData('t', null, bytes);
    assert.equal(first.schema, second.schema);
    assert.deepEqual(second.value, new Map([[1, 2.5], [2, null]]));
  });

  it('reads numbers like Jackson\'s accessors: truncating, wrapping, and 0 for text', () => {
    assert.equal(read(envelope({ type: 'int8' }, '300')).value, 44);
    assert.equal(read(envelope({ type: 'int16' }, '-40000')).value, 25536);
    assert.equal(read(envelope({ type: 'int32' }, '2147483648')).value, -2147483648);
    assert.equal(read(envelope({ type: 'int32' }, '-7.9')).value, -7);
    assert.equal(read(envelope({ type: 'int32' }, '"abc"')).value, 0);
    assert.equal(read(envelope({ type: 'int64' }, '-9223372036854775809')).value, 9223372036854775807n);
    assert.equal(read(envelope({ type: 'float' }, '0.1')).value, Math.fround(0.1));
    assert.equal(read(envelope({ type: 'double' }, '"NaN"')).value, 0);
    assert.equal(read(envelope({ type: 'boolean' }, '1')).value, false);
  });

  it('reads decimals from base64 or from JSON numbers, keeping the number\'s own scale', () => {
    const decimal = { type: 'bytes', name: Decimal.LOGICAL_NAME, parameters: { scale: '2' } };
    assert.deepEqual(read(envelope(decimal, '"MDk="')).value, new BigDecimal(12345n, 2));
    assert.deepEqual(read(envelope(decimal, '12.30')).value, new BigDecimal(1230n, 2));
    assert.deepEqual(read(envelope(decimal, '5')).value, new BigDecimal(5n, 0));
    assert.deepEqual(read(envelope(decimal, '1E+3')).value, new BigDecimal(1n, -3));
  });

  it('reads Date, Time and Timestamp', () => {
    assert.deepEqual(read(envelope({ type: 'int32', name: 'org.apache.kafka.connect.data.Date' }, '19782')).value, new Date(Date.UTC(2024, 1, 29)));
    assert.deepEqual(read(envelope({ type: 'int32', name: 'org.apache.kafka.connect.data.Time' }, '86400000')).value, new Date(86400000));
    assert.deepEqual(read(envelope({ type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp' }, '-1')).value, new Date(-1));
  });

  it('fills nulls from defaults unless replace.null.with.default is false', () => {
    const schema = { type: 'int64', optional: true, default: 9 };
    assert.equal(read(envelope(schema, 'null')).value, 9);
    assert.equal(read(envelope(schema, 'null'), { 'replace.null.with.default': 'false' }).value, null);
  });

  it("fails with Kafka's messages", () => {
    const decimal = { type: 'bytes', name: Decimal.LOGICAL_NAME, parameters: { scale: '2' } };
    rejects(envelope({ type: 'int32' }, 'null'), 'Invalid null value for required INT32 field');
    rejects(envelope({ type: 'uint32' }, '1'), 'Unknown schema type: uint32');
    rejects(envelope({ optional: true }, '1'), "Schema must contain 'type' field");
    rejects(envelope({ type: 'array' }, '[]'), 'Array schema did not specify the element type');
    rejects(envelope({ type: 'map', values: { type: 'int8' } }, '{}'), 'Map schema did not specify the key type');
    rejects(envelope({ type: 'map', keys: { type: 'int8' } }, '{}'), 'Map schema did not specify the value type');
    rejects(envelope({ type: 'struct', fields: {} }, '{}'), 'Struct schema\'s "fields" argument is not an array.');
    rejects(envelope({ type: 'struct', fields: [{ type: 'int8' }] }, '{}'), "Struct schema's field name not specified properly");
    rejects(envelope({ type: 'int8', parameters: { a: 1 } }, '1'), 'Schema parameters must have string values.');
    rejects(envelope({ type: 'struct', fields: [] }, '[]'), 'Structs should be encoded as JSON objects, but found ARRAY');
    rejects(envelope({ type: 'map', keys: { type: 'string' }, values: { type: 'int8' } }, '5'), 'Maps with string fields should be encoded as JSON objects, but found NUMBER');
    rejects(envelope({ type: 'map', keys: { type: 'int8' }, values: { type: 'int8' } }, '{}'), 'Maps with non-string fields should be encoded as JSON array of tuples, but found OBJECT');
    rejects(envelope({ type: 'map', keys: { type: 'int8' }, values: { type: 'int8' } }, '[3]'), 'Found invalid map entry instead of array tuple: NUMBER');
    rejects(envelope({ type: 'map', keys: { type: 'int8' }, values: { type: 'int8' } }, '[[1]]'), 'Found invalid map entry, expected length 2 but found :1');
    rejects(envelope({ type: 'bytes' }, '"AAE"'), 'Invalid bytes field');
    rejects(envelope(decimal, '"%%%%"'), 'Invalid bytes for Decimal field');
    rejects(envelope(decimal, 'true'), 'Invalid type for Decimal, underlying representation should be numeric or bytes but was BOOLEAN');
    rejects(envelope({ type: 'int32', name: 'org.apache.kafka.connect.data.Date' }, '3000000000'), 'Invalid type for Date, underlying representation should be integer but was NUMBER');
    rejects(envelope({ type: 'int32', name: 'org.apache.kafka.connect.data.Time' }, '86400001'), 'Time values must use number of milliseconds greater than 0 and less than 86400000');
    rejects(envelope({ type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp' }, '1.5'), 'Invalid type for Timestamp, underlying representation should be integral but was NUMBER');
    rejects(envelope({ type: 'struct', fields: [{ type: 'string', field: 's' }] }, '{"s":5}'), 'Invalid value: null used for required field: "s", schema type: STRING');
  });
});
