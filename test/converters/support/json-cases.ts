/**
 * Cases for the JsonConverter differential test: every type, schema attribute and logical type, the
 * number formats that matter for byte compatibility, and the errors Kafka raises. Each is converted
 * by Kafka and by Tidewater with schemas.enable=true and false.
 */
import { BigDecimal } from '../../../src/api/data/big-decimal.js';
import { Decimal, DateLogical, TimeLogical, TimestampLogical } from '../../../src/api/data/logical.js';
import { SchemaBuilder, Schemas, type Schema } from '../../../src/api/data/schema.js';
import { Struct } from '../../../src/api/data/struct.js';

export interface FromCase {
  readonly name: string;
  readonly schema: Schema | null;
  readonly value: unknown;
  readonly config?: Readonly<Record<string, string>>;
}

const primitive: Array<[string, Schema, unknown]> = [
  ['int8', Schemas.INT8, -128],
  ['int16', Schemas.INT16, 32767],
  ['int32', Schemas.INT32, -2147483648],
  ['int64 max', Schemas.INT64, 9223372036854775807n],
  ['int64 min', Schemas.INT64, -9223372036854775808n],
  ['int64 2^53+1', Schemas.INT64, 9007199254740993n],
  ['int64 2^53-1', Schemas.INT64, 9007199254740991],
  ['int64 as large number', Schemas.INT64, 2 ** 60],
  ['boolean', Schemas.BOOLEAN, true],
  ['string', Schemas.STRING, 'hello'],
  ['bytes', Schemas.BYTES, Uint8Array.from([0, 1, 2, 250, 255])],
  ['empty bytes', Schemas.BYTES, new Uint8Array(0)],
];

const doubles = [0.1, 100, 1e10, 1e-5, -0, 0, 1e7, 9999999.5, 1e-3, 1e-4, 123456789.123, 3.4028235e38, 5e-324, Number.MAX_VALUE, 1e23, 2 ** 63, 0.5, 1 / 3, -2.5e-300, NaN, Infinity, -Infinity];
const floats = [0.1, 100, 1e10, 1e-5, -0, 3.4028235e38, 1.4e-45, 16777216, 4.5891097e18, 0.3333333432674408, 123.456, 1e-3, 1e7, NaN, -Infinity];

const strings = ['', 'quote " backslash \\ slash /', 'controls \u0000\u0001\u001f \b\f\n\r\t', 'del \u007f é ü 中文', 'emoji 😀 pair', 'lone \ud800 surrogate \udc00', 'separators \u2028\u2029', '<script>&amp;</script>'];

const person = SchemaBuilder.struct()
  .name('com.example.Person')
  .version(3)
  .doc('A person, "quoted"')
  .field('id', Schemas.INT32)
  .field('name', Schemas.OPTIONAL_STRING)
  .field('score', Schemas.OPTIONAL_FLOAT64)
  .build();

const address = SchemaBuilder.struct().name('com.example.Address').optional().field('city', Schemas.STRING).field('zip', Schemas.OPTIONAL_INT32).build();
const withAddress = SchemaBuilder.struct().field('person', person).field('address', address).field('tags', SchemaBuilder.array(Schemas.STRING).optional().build()).build();

const defaults = SchemaBuilder.struct()
  .field('count', SchemaBuilder.int32().defaultValue(42).build())
  .field('label', SchemaBuilder.string().optional().defaultValue('none').build())
  .field('ratio', SchemaBuilder.float64().optional().defaultValue(0.25).build())
  .field('flag', SchemaBuilder.bool().optional().build())
  .build();

const decimal2 = Decimal.schema(2);
const decimalSchemaWithPrecision = Decimal.builder(3).parameter('connect.decimal.precision', '10').optional().build();
const logicals = SchemaBuilder.struct()
  .field('price', decimal2)
  .field('precise', decimalSchemaWithPrecision)
  .field('day', DateLogical.SCHEMA)
  .field('time', TimeLogical.SCHEMA)
  .field('at', TimestampLogical.SCHEMA)
  .build();

const stringMap = SchemaBuilder.map(Schemas.STRING, Schemas.INT64).build();
const intMap = SchemaBuilder.map(Schemas.INT32, Schemas.STRING).build();
const structMap = SchemaBuilder.map(Schemas.STRING, address).optional().build();
const matrix = SchemaBuilder.array(SchemaBuilder.array(Schemas.OPTIONAL_INT16).build()).build();
const parameterized = SchemaBuilder.string()
  .name('io.debezium.data.Enum')
  .version(1)
  .parameter('allowed', 'a,b,c')
  .parameter('__debezium.source.column.type', 'ENUM')
  .parameter('z-last', 'x')
  .build();

function struct(schema: Schema, values: Record<string, unknown>): Struct {
  const s = new Struct(schema);
  for (const [k, v] of Object.entries(values)) s.put(k, v);
  return s;
}

const alice = struct(person, { id: 1, name: 'Alice', score: 99.5 });

export const FROM_CASES: FromCase[] = [
  ...primitive.map(([name, schema, value]) => ({ name, schema, value })),
  ...primitive.map(([name, schema]) => ({ name: `optional ${name} null`, schema: SchemaBuilder.from(schema).optional().build(), value: null })),
  ...doubles.map((value) => ({ name: `double ${String(value)}`, schema: Schemas.FLOAT64, value })),
  ...floats.map((value) => ({ name: `float ${String(value)}`, schema: Schemas.FLOAT32, value: Math.fround(value) })),
  ...strings.map((value) => ({ name: `string ${JSON.stringify(value)}`, schema: Schemas.STRING, value })),
  { name: 'required null', schema: Schemas.INT32, value: null },
  { name: 'null without schema', schema: null, value: null },
  { name: 'struct', schema: person, value: alice },
  { name: 'struct with null optional fields', schema: person, value: struct(person, { id: 2 }) },
  { name: 'struct missing a required field', schema: person, value: new Struct(person) },
  { name: 'nested structs and arrays', schema: withAddress, value: struct(withAddress, { person: alice, address: struct(address, { city: 'Zürich', zip: 8000 }), tags: ['a', 'b'] }) },
  { name: 'defaults replace nulls', schema: defaults, value: new Struct(defaults) },
  { name: 'defaults kept as null', schema: defaults, value: new Struct(defaults), config: { 'replace.null.with.default': 'false' } },
  { name: 'defaults not needed', schema: defaults, value: struct(defaults, { count: 7, label: 'x', ratio: 1.5, flag: false }) },
  { name: 'top-level default', schema: SchemaBuilder.int64().optional().defaultValue(5).build(), value: null },
  { name: 'logical types', schema: logicals, value: struct(logicals, { price: new BigDecimal(12345n, 2), precise: new BigDecimal(-1n, 3), day: new Date(Date.UTC(2024, 1, 29)), time: new Date(45296789), at: new Date(1700000000123) }) },
  { name: 'logical types numeric decimals', schema: logicals, value: struct(logicals, { price: new BigDecimal(-99999999999999999999n, 2), precise: new BigDecimal(5n, 3), day: new Date(-86400000 * 400), time: new Date(0), at: new Date(-1) }), config: { 'decimal.format': 'numeric' } },
  { name: 'decimal zero numeric', schema: Decimal.schema(10), value: new BigDecimal(0n, 10), config: { 'decimal.format': 'NUMERIC' } },
  { name: 'decimal large scale numeric', schema: Decimal.schema(9), value: new BigDecimal(1n, 9), config: { 'decimal.format': 'NUMERIC' } },
  { name: 'decimal negative scale numeric', schema: Decimal.schema(-3), value: new BigDecimal(12n, -3), config: { 'decimal.format': 'NUMERIC' } },
  { name: 'decimal negative scale base64', schema: Decimal.schema(-3), value: new BigDecimal(12n, -3) },
  { name: 'decimal with default', schema: Decimal.builder(2).optional().defaultValue(new BigDecimal(100n, 2)).build(), value: null },
  { name: 'decimal scale mismatch', schema: decimal2, value: new BigDecimal(1n, 3) },
  { name: 'decimal scale mismatch numeric', schema: decimal2, value: new BigDecimal(1n, 3), config: { 'decimal.format': 'NUMERIC' } },
  { name: 'date with a time part', schema: DateLogical.SCHEMA, value: new Date(1000) },
  { name: 'time beyond a day', schema: TimeLogical.SCHEMA, value: new Date(86400000) },
  { name: 'timestamp extremes', schema: SchemaBuilder.array(TimestampLogical.SCHEMA).build(), value: [new Date(8.64e15), new Date(-8.64e15)] },
  { name: 'string-keyed map', schema: stringMap, value: new Map<string, number | bigint>([['b', 2], ['a', 9007199254740993n], ['', -1]]) },
  { name: 'int-keyed map', schema: intMap, value: new Map([[3, 'three'], [1, 'one']]) },
  { name: 'map of structs', schema: structMap, value: new Map([['home', struct(address, { city: 'Bern' })], ['none', null]]) },
  { name: 'empty map', schema: stringMap, value: new Map() },
  { name: 'nested arrays', schema: matrix, value: [[1, null, -3], [], [32767]] },
  { name: 'parameters, name, version', schema: parameterized, value: 'b' },
  { name: 'doc only', schema: SchemaBuilder.int32().doc('count of things').build(), value: 5 },
  { name: 'struct of everything optional', schema: SchemaBuilder.struct().optional().field('x', Schemas.OPTIONAL_BYTES).build(), value: null },
  { name: 'struct with mismatching schema', schema: person, value: struct(address, { city: 'x' }) },
  { name: 'int32 given a string', schema: Schemas.INT32, value: 'nope' },
  { name: 'string given a number', schema: Schemas.STRING, value: 5 },
  { name: 'bytes given a string', schema: Schemas.BYTES, value: 'abc' },
  { name: 'array given a string', schema: SchemaBuilder.array(Schemas.INT32).build(), value: 'abc' },
  { name: 'decimal given a string', schema: decimal2, value: 'abc' },
  { name: 'date given a number', schema: DateLogical.SCHEMA, value: 5 },
  // Without a schema the JavaScript type decides: integers as Long, other numbers as Double.
  { name: 'schemaless string', schema: null, value: 'text' },
  { name: 'schemaless integer', schema: null, value: 42 },
  { name: 'schemaless double', schema: null, value: 1.5 },
  { name: 'schemaless bigint', schema: null, value: -9223372036854775808n },
  { name: 'schemaless boolean', schema: null, value: false },
  { name: 'schemaless bytes', schema: null, value: Uint8Array.from([104, 105]) },
  { name: 'schemaless array', schema: null, value: ['a', 1, 2.25, null, true, [1e21]] },
  { name: 'schemaless string map', schema: null, value: new Map<string, unknown>([['k', 'v'], ['n', null], ['nested', new Map([['x', 1]])]]) },
  { name: 'schemaless int-keyed map', schema: null, value: new Map<unknown, unknown>([[1, 'a'], ['b', 2]]) },
  { name: 'schemaless struct', schema: null, value: alice },
  { name: 'schemaless decimal', schema: null, value: new BigDecimal(1n, 0) },
  { name: 'schemaless date', schema: null, value: new Date(0) },
];
