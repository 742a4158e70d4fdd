/**
 * Cases for the SimpleHeaderConverter and StringConverter differential tests: header values written as
 * text, header text parsed back with an inferred schema (Kafka's Values), and values' Java string forms.
 */
import { BigDecimal } from '../../../src/api/data/big-decimal.js';
import { Decimal, DateLogical, TimeLogical, TimestampLogical } from '../../../src/api/data/logical.js';
import { SchemaBuilder, Schemas, type Schema } from '../../../src/api/data/schema.js';
import { Struct } from '../../../src/api/data/struct.js';

export interface ValueCase {
  readonly name: string;
  readonly schema: Schema | null;
  readonly value: unknown;
  readonly config?: Readonly<Record<string, string>>;
}

const person = SchemaBuilder.struct()
  .field('id', Schemas.INT32)
  .field('name', SchemaBuilder.string().optional().defaultValue('anonymous').build())
  .field('score', Schemas.OPTIONAL_FLOAT64)
  .field('tags', SchemaBuilder.array(Schemas.STRING).optional().build())
  .build();
const alice = new Struct(person).put('id', 1).put('name', 'Alice "A" \\').put('score', 99.5).put('tags', ['x', 'y']);
const nameless = new Struct(person).put('id', 2);

const shared: ValueCase[] = [
  { name: 'a string', schema: Schemas.STRING, value: 'hello, "world"' },
  { name: 'an int8', schema: Schemas.INT8, value: -5 },
  { name: 'an int64', schema: Schemas.INT64, value: 9223372036854775807n },
  { name: 'a float32', schema: Schemas.FLOAT32, value: Math.fround(0.1) },
  { name: 'a float64', schema: Schemas.FLOAT64, value: 1e10 },
  { name: 'a whole float64', schema: Schemas.FLOAT64, value: 3 },
  { name: 'a boolean', schema: Schemas.BOOLEAN, value: true },
  { name: 'a decimal', schema: Decimal.schema(3), value: new BigDecimal(-12345n, 3) },
  { name: 'a tiny decimal', schema: Decimal.schema(9), value: new BigDecimal(5n, 9) },
  { name: 'an array', schema: SchemaBuilder.array(Schemas.OPTIONAL_INT32).build(), value: [1, null, 3] },
  { name: 'an array of strings', schema: SchemaBuilder.array(Schemas.STRING).build(), value: ['a"b', 'c\\d', ''] },
  { name: 'an array of doubles', schema: SchemaBuilder.array(Schemas.FLOAT64).build(), value: [1, 0.5, 1e-7] },
  { name: 'a map', schema: SchemaBuilder.map(Schemas.STRING, Schemas.OPTIONAL_INT64).build(), value: new Map<string, number | null>([['a', 1], ['b', null]]) },
  { name: 'a nested map', schema: SchemaBuilder.map(Schemas.INT32, SchemaBuilder.map(Schemas.STRING, Schemas.BOOLEAN).build()).build(), value: new Map([[1, new Map([['t', true]])]]) },
  { name: 'a struct', schema: person, value: alice },
  { name: 'a struct with defaults', schema: person, value: nameless },
  { name: 'a date', schema: DateLogical.SCHEMA, value: new Date(Date.UTC(2024, 1, 29)) },
  { name: 'a time', schema: TimeLogical.SCHEMA, value: new Date(45296789) },
  { name: 'a timestamp', schema: TimestampLogical.SCHEMA, value: new Date(1700000000123) },
  { name: 'a timestamp before 1970', schema: TimestampLogical.SCHEMA, value: new Date(-1) },
  { name: 'schemaless integer', schema: null, value: 42 },
  { name: 'schemaless double', schema: null, value: 1.5 },
  { name: 'schemaless list', schema: null, value: ['a', 2, 2.5] },
  { name: 'null', schema: Schemas.OPTIONAL_STRING, value: null },
];

export const HEADER_FROM_CASES: ValueCase[] = [...shared, { name: 'bytes', schema: Schemas.BYTES, value: Uint8Array.from([0, 1, 254, 255]) }];

export const STRING_FROM_CASES: ValueCase[] = [
  ...shared,
  { name: 'UTF-16 text', schema: Schemas.STRING, value: 'héllo 😀', config: { 'converter.encoding': 'UTF-16' } },
  { name: 'UTF-16LE text', schema: Schemas.STRING, value: 'héllo', config: { 'converter.encoding': 'utf-16le' } },
  { name: 'ISO-8859-1 text', schema: Schemas.STRING, value: 'héllo € 😀', config: { 'converter.encoding': 'ISO-8859-1' } },
  { name: 'US-ASCII text', schema: Schemas.STRING, value: 'héllo', config: { 'converter.encoding': 'US-ASCII' } },
  { name: 'a lone surrogate in UTF-8', schema: Schemas.STRING, value: 'a\ud800b' },
];

export const HEADER_TEXTS: string[] = [
  '', ' ', 'true', 'false', 'null', 'TRUE', 'true}', '  true  ', 'true false',
  '1', '-1', '+1', '300', '70000', '3000000000', '9223372036854775807', '9223372036854775808', '10000000000000000000', '-10000000000000000000',
  '1.5', '0.1', '1e10', '1E+3', '1.0', '-0', '-0.0', '1e-50', '-1e-50', '1e50', '1e400', '.5', '1.', '007', '1e', '--1',
  'abc', '12abc', 'hello world', 'a,b', '1,2', '12:34', '"quoted"', '\\"',
  '2020-01-01', '2020-13-45', '2020-1-1', '12:34:56.789Z', '2020-01-01T12:34:56.789Z', '1970-01-02T00:00:00.000Z', '12\\:34\\:56.789Z', '99:99:99.999Z',
  '[1,2,3]', '[1, 300, 70000]', '[1, 2.5]', '[1,null]', '[null, null]', '[]', '["a","b"]', '["a", 1]', '[true,false]', '[1, true]',
  '{}', '{"a":1,"b":2}', '{1:"a"}', '{"a":null}', '{"a":1,"a":2}', '{"a":1, "b":"x"}', '{"k":[1,2]}',
  '[1,', '[1 2]', '{"a"}', '{:1}', '[,]', '[1,,2]', '{"a":1,}', '[1,]', '{"a":1 "b":2}', '   [1]   ',
  '[[1,2],[3]]', '[[1],["a"]]', '[{"a":1}]', '["x\\"y"]', '[" "]', '["2020-01-01"]', '[2020-01-01, 2021-02-03]', '[2020-01-01, 5]',
  '[1.5, 1e50]', '[1, 12345678901234567890]', '[12:34:56.789Z]', '{"t":12:00:00.000Z}', '[1,2}', '{[1]:2}', '[[]]', '["a,b"]',
];
