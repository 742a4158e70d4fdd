import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BigDecimal } from '../../api/data/big-decimal.js';
import { DateLogical, Decimal, TimeLogical, TimestampLogical } from '../../api/data/logical.js';
import { Schemas } from '../../api/data/schema.js';
import { parseValuesString as parseString } from '../../converters/values/values-parser.js';

describe('parseString (Kafka’s Values.parseString)', () => {
  it('types the examples of Kafka’s InsertHeader documentation', () => {
    assert.deepEqual(parseString('best-app-ever'), { schema: Schemas.STRING, value: 'best-app-ever' });
    assert.deepEqual(parseString('1234'), { schema: Schemas.INT16, value: 1234 });
    assert.deepEqual(parseString('true'), { schema: Schemas.BOOLEAN, value: true });
    assert.deepEqual(parseString('null'), { schema: null, value: null });
    const array = parseString('[-3, 0, 5]');
    assert.equal(array.schema?.type, 'array');
    assert.deepEqual(array.schema?.valueSchema, Schemas.INT8);
    assert.deepEqual(array.value, [-3, 0, 5]);
    const map = parseString('{3.4: 4761, -5.9: -9753186420}');
    assert.equal(map.schema?.type, 'map');
    assert.deepEqual(map.schema?.keySchema, Schemas.FLOAT32);
    assert.deepEqual(map.schema?.valueSchema, Schemas.INT64);
    // FLOAT32 values are Java floats: 3.4f is 3.4000000953674316 as a double (Math.fround).
    assert.deepEqual(map.value, new Map([[Math.fround(3.4), 4761], [Math.fround(-5.9), -9753186420]]));
  });

  it('gives integers the smallest integer type that holds them', () => {
    assert.deepEqual(parseString('1'), { schema: Schemas.INT8, value: 1 });
    assert.deepEqual(parseString('-128'), { schema: Schemas.INT8, value: -128 });
    assert.deepEqual(parseString('18000'), { schema: Schemas.INT16, value: 18000 });
    assert.deepEqual(parseString('50000'), { schema: Schemas.INT32, value: 50000 });
    assert.deepEqual(parseString('87474836647'), { schema: Schemas.INT64, value: 87474836647 });
    assert.deepEqual(parseString('9223372036854775807'), { schema: Schemas.INT64, value: 9223372036854775807n });
    assert.deepEqual(parseString('+5'), { schema: Schemas.INT8, value: 5 });
  });

  it('reads whole decimals and exponents as integers, other numbers as FLOAT32', () => {
    assert.deepEqual(parseString('1.0'), { schema: Schemas.INT8, value: 1 });
    assert.deepEqual(parseString('1e3'), { schema: Schemas.INT16, value: 1000 });
    assert.deepEqual(parseString('3.4'), { schema: Schemas.FLOAT32, value: Math.fround(3.4) });
    assert.deepEqual(parseString('1e39'), { schema: Schemas.FLOAT64, value: 1e39 });
  });

  it('keeps integers beyond int64 as a Decimal', () => {
    assert.deepEqual(parseString('99999999999999999999'), { schema: Decimal.schema(0), value: new BigDecimal(99999999999999999999n, 0) });
  });

  it('reads ISO-8601 dates, times and timestamps, with or without escaped colons', () => {
    assert.deepEqual(parseString('2019-08-23'), { schema: DateLogical.SCHEMA, value: new Date(Date.UTC(2019, 7, 23)) });
    assert.deepEqual(parseString('14\\:34\\:54.346Z'), { schema: TimeLogical.SCHEMA, value: new Date(52_494_346) });
    assert.deepEqual(parseString('2019-08-23T14:34:54.346Z'), { schema: TimestampLogical.SCHEMA, value: new Date(Date.UTC(2019, 7, 23, 14, 34, 54, 346)) });
  });

  it('keeps anything else, and literals followed by more text, as the string itself', () => {
    assert.deepEqual(parseString(''), { schema: Schemas.STRING, value: '' });
    assert.deepEqual(parseString('true}'), { schema: Schemas.STRING, value: 'true}' });
    assert.deepEqual(parseString('True'), { schema: Schemas.STRING, value: 'True' });
    assert.deepEqual(parseString('a,b'), { schema: Schemas.STRING, value: 'a,b' });
    assert.deepEqual(parseString('[1, 2'), { schema: Schemas.STRING, value: '[1, 2' });
    assert.deepEqual(parseString(' 12 '), { schema: Schemas.INT8, value: 12 });
  });

  it('widens array elements to their common numeric schema and quotes strings', () => {
    const mixed = parseString('[1, 2.5]');
    assert.deepEqual(mixed.schema?.valueSchema, Schemas.FLOAT32);
    assert.deepEqual(mixed.value, [1, 2.5]);
    const strings = parseString('["a", "b"]');
    assert.deepEqual(strings.schema?.valueSchema, Schemas.STRING);
    assert.deepEqual(strings.value, ['a', 'b']);
  });
});
