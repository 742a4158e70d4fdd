import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BigDecimal } from '../../src/api/data/big-decimal.js';
import { Decimal, DateLogical, TimeLogical, TimestampLogical } from '../../src/api/data/logical.js';
import { SchemaBuilder, Schemas, type Schema } from '../../src/api/data/schema.js';
import { Struct } from '../../src/api/data/struct.js';
import { SimpleHeaderConverter } from '../../src/converters/simple-header-converter.js';

const converter = new SimpleHeaderConverter();

function write(schema: Schema | null, value: unknown): string | null {
  const bytes = converter.fromConnectHeader('topic', 'h', schema, value);
  return bytes === null ? null : Buffer.from(bytes).toString('utf8');
}

function parse(text: string) {
  return converter.toConnectHeader('topic', 'h', Buffer.from(text, 'utf8'));
}

describe('SimpleHeaderConverter.fromConnectHeader', () => {
  it('writes scalars in their string form', () => {
    assert.equal(write(Schemas.STRING, 'a "b"'), 'a "b"');
    assert.equal(write(Schemas.INT64, 9223372036854775807n), '9223372036854775807');
    assert.equal(write(Schemas.FLOAT64, 1e10), '1.0E10');
    assert.equal(write(Schemas.FLOAT32, Math.fround(0.1)), '0.1');
    assert.equal(write(Schemas.BOOLEAN, false), 'false');
    assert.equal(write(Schemas.BYTES, Uint8Array.from([0, 255])), 'AP8=');
    assert.equal(write(Decimal.schema(3), new BigDecimal(-12345n, 3)), '-12.345');
    assert.equal(write(Schemas.OPTIONAL_STRING, null), null);
  });

  it('writes dates as ISO 8601 time, date or timestamp in UTC', () => {
    assert.equal(write(TimeLogical.SCHEMA, new Date(45296789)), '12:34:56.789Z');
    assert.equal(write(DateLogical.SCHEMA, new Date(Date.UTC(2024, 1, 29))), '2024-02-29');
    assert.equal(write(TimestampLogical.SCHEMA, new Date(1700000000123)), '2023-11-14T22:13:20.123Z');
  });

  it('writes lists, maps and structs with quoted, escaped strings inside', () => {
    assert.equal(write(SchemaBuilder.array(Schemas.STRING).build(), ['a"b', 'c\\d']), '["a\\"b","c\\\\d"]');
    assert.equal(write(SchemaBuilder.map(Schemas.STRING, Schemas.OPTIONAL_INT32).build(), new Map([['a', 1], ['b', null]])), '{"a":1,"b":null}');
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).field('name', SchemaBuilder.string().optional().defaultValue('anon').build()).build();
    assert.equal(write(schema, new Struct(schema).put('id', 7)), '{"id":7,"name":"anon"}');
  });
});

describe('SimpleHeaderConverter.toConnectHeader', () => {
  it('infers booleans, the narrowest integer type, floats and decimals', () => {
    assert.deepEqual(parse('true'), { schema: Schemas.BOOLEAN, value: true });
    assert.deepEqual(parse('100'), { schema: Schemas.INT8, value: 100 });
    assert.deepEqual(parse('300'), { schema: Schemas.INT16, value: 300 });
    assert.deepEqual(parse('70000'), { schema: Schemas.INT32, value: 70000 });
    assert.deepEqual(parse('9223372036854775807'), { schema: Schemas.INT64, value: 9223372036854775807n });
    assert.deepEqual(parse('1.5'), { schema: Schemas.FLOAT32, value: 1.5 });
    assert.deepEqual(parse('1e50'), { schema: Schemas.FLOAT64, value: 1e50 });
    assert.deepEqual(parse('1.0'), { schema: Schemas.INT8, value: 1 });
    assert.deepEqual(parse('10000000000000000000'), { schema: Decimal.schema(0), value: new BigDecimal(10000000000000000000n, 0) });
  });

  it('infers dates, times and timestamps', () => {
    assert.deepEqual(parse('2024-02-29'), { schema: DateLogical.SCHEMA, value: new Date(Date.UTC(2024, 1, 29)) });
    assert.deepEqual(parse('12:34:56.789Z'), { schema: TimeLogical.SCHEMA, value: new Date(45296789) });
    assert.deepEqual(parse('2023-11-14T22:13:20.123Z'), { schema: TimestampLogical.SCHEMA, value: new Date(1700000000123) });
  });

  it('infers arrays and maps, widening numbers to a common type', () => {
    assert.deepEqual(parse('[1, 300, 70000]'), { schema: SchemaBuilder.array(Schemas.INT32).build(), value: [1, 300, 70000] });
    assert.deepEqual(parse('[1, 2.5]'), { schema: SchemaBuilder.array(Schemas.FLOAT32).build(), value: [1, 2.5] });
    assert.deepEqual(parse('{"a":1,"b":2}'), { schema: SchemaBuilder.map(Schemas.STRING, Schemas.INT8).build(), value: new Map([['a', 1], ['b', 2]]) });
  });

  it('leaves the element schema unknown (null) when elements have no common type', () => {
    const { schema, value } = parse('["a", 1]');
    assert.equal(schema?.type, 'array');
    assert.equal(schema?.valueSchema, null);
    assert.deepEqual(value, ['a', 1]);
  });

  it('falls back to the whole text as a string', () => {
    assert.deepEqual(parse('hello world'), { schema: Schemas.STRING, value: 'hello world' });
    assert.deepEqual(parse('[1,'), { schema: Schemas.STRING, value: '[1,' });
    assert.deepEqual(parse('[1 2]'), { schema: Schemas.STRING, value: '[1 2]' });
    assert.deepEqual(parse(''), { schema: Schemas.STRING, value: '' });
  });

  it('reads null text and null bytes as no schema and no value', () => {
    assert.deepEqual(parse('null'), { schema: null, value: null });
    assert.deepEqual(converter.toConnectHeader('t', 'h', null), { schema: null, value: null });
  });
});
