import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BigDecimal } from '../../src/api/data/big-decimal.js';
import { SchemaBuilder, Schemas } from '../../src/api/data/schema.js';
import { Struct } from '../../src/api/data/struct.js';
import { ConfigError, DataError } from '../../src/api/errors.js';
import { ByteArrayConverter } from '../../src/converters/byte-array-converter.js';
import { StringConverter } from '../../src/converters/string-converter.js';

function stringConverter(config: Record<string, string> = {}): StringConverter {
  const c = new StringConverter();
  c.configure(config, false);
  return c;
}

const text = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString('utf8'));

describe('StringConverter', () => {
  it("writes the value's Java string form as UTF-8", () => {
    const c = stringConverter();
    const person = SchemaBuilder.struct().field('id', Schemas.INT32).field('score', Schemas.OPTIONAL_FLOAT64).field('note', Schemas.OPTIONAL_STRING).build();
    const cases: Array<[unknown, string]> = [
      ['héllo', 'héllo'],
      [true, 'true'],
      [9223372036854775807n, '9223372036854775807'],
      [new BigDecimal(-12345n, 3), '-12.345'],
      [new Date(0), 'Thu Jan 01 00:00:00 UTC 1970'],
      [new Map<string, unknown>([['a', 1], ['b', null]]), '{a=1, b=null}'],
      [['x', 2], '[x, 2]'],
      [new Struct(person).put('id', 1).put('score', 2), 'Struct{id=1,score=2.0}'],
    ];
    for (const [value, expected] of cases) assert.equal(text(c.fromConnectData('t', null, null, value)), expected);
    assert.equal(text(c.fromConnectData('t', null, Schemas.FLOAT64, 1)), '1.0');
    assert.equal(text(c.fromConnectData('t', null, Schemas.FLOAT32, 0.1)), '0.1');
    assert.equal(text(c.fromConnectData('t', null, SchemaBuilder.array(Schemas.FLOAT64).build(), [1, 1e10])), '[1.0, 1.0E10]');
    assert.equal(c.fromConnectData('t', null, Schemas.OPTIONAL_STRING, null), null);
  });

  it('writes and reads in converter.encoding, replacing what it cannot encode with ?', () => {
    assert.deepEqual([...(stringConverter({ 'converter.encoding': 'UTF-16' }).fromConnectData('t', null, null, 'hé') as Uint8Array)], [0xfe, 0xff, 0, 0x68, 0, 0xe9]);
    assert.deepEqual([...(stringConverter({ 'converter.encoding': 'iso-8859-1' }).fromConnectData('t', null, null, 'é€') as Uint8Array)], [0xe9, 0x3f]);
    assert.deepEqual([...(stringConverter({ 'converter.encoding': 'US-ASCII' }).fromConnectData('t', null, null, 'aé') as Uint8Array)], [0x61, 0x3f]);
    assert.deepEqual([...(stringConverter().fromConnectData('t', null, null, 'a\ud800') as Uint8Array)], [0x61, 0x3f]);
    assert.deepEqual(stringConverter({ 'converter.encoding': 'UTF-16LE' }).toConnectData('t', null, Uint8Array.from([0x68, 0, 0xe9, 0])), { schema: Schemas.OPTIONAL_STRING, value: 'hé' });
    assert.deepEqual(stringConverter({ 'converter.encoding': 'UTF-16' }).toConnectData('t', null, Uint8Array.from([0xff, 0xfe, 0x68, 0])), { schema: Schemas.OPTIONAL_STRING, value: 'h' });
  });

  it('reads bytes as an optional string, and null bytes as a null optional string', () => {
    assert.deepEqual(stringConverter().toConnectData('t', null, Buffer.from('héllo')), { schema: Schemas.OPTIONAL_STRING, value: 'héllo' });
    assert.deepEqual(stringConverter().toConnectData('t', null, null), { schema: Schemas.OPTIONAL_STRING, value: null });
  });

  it('rejects an encoding it does not know as Kafka does', () => {
    assert.throws(() => stringConverter({ 'converter.encoding': 'EBCDIC-XYZ' }), (err: unknown) => err instanceof ConfigError && err.message === 'Unsupported encoding EBCDIC-XYZ');
  });
});

describe('ByteArrayConverter', () => {
  const c = new ByteArrayConverter();
  c.configure({}, true);

  it('passes bytes through both ways', () => {
    const bytes = Uint8Array.from([1, 2, 3]);
    assert.equal(c.fromConnectData('t', null, Schemas.BYTES, bytes), bytes);
    assert.equal(c.fromConnectData('t', null, null, null), null);
    assert.deepEqual(c.toConnectData('t', null, bytes), { schema: Schemas.OPTIONAL_BYTES, value: bytes });
    assert.deepEqual(c.toConnectData('t', null, null), { schema: Schemas.OPTIONAL_BYTES, value: null });
  });

  it('rejects other schemas and values with Kafka\'s messages', () => {
    assert.throws(() => c.fromConnectData('t', null, Schemas.STRING, 'x'), (err: unknown) => err instanceof DataError && err.message === 'Invalid schema type for ByteArrayConverter: STRING');
    assert.throws(() => c.fromConnectData('t', null, null, 'x'), (err: unknown) => err instanceof DataError && err.message === 'ByteArrayConverter is not compatible with objects of type class java.lang.String');
  });
});
