import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { Headers } from '../../api/headers.js';
import { sourceRecord } from '../../api/record.js';
import { DROP_HEADERS_CONFIG, DROP_HEADERS_PLUGIN, DropHeaders } from './drop-headers.js';

function drop(headers: string): DropHeaders {
  const smt = new DropHeaders();
  smt.configure({ headers });
  return smt;
}

const withHeaders = (...keys: string[]) => sourceRecord({ topic: 't', headers: new Headers(keys.map((key) => ({ key, value: 'dummy value', schema: Schemas.STRING }))) });
const keysOf = (headers: Headers) => headers.toArray().map((h) => h.key);

describe('DropHeaders', () => {
  it('drops every header with a listed name, keeping the order of the rest', () => {
    assert.deepEqual(keysOf(drop('AAA').apply(withHeaders('AAA')).headers), []);
    assert.deepEqual(keysOf(drop('BBB').apply(withHeaders('AAA', 'BBB')).headers), ['AAA']);
    assert.deepEqual(keysOf(drop('BBB').apply(withHeaders()).headers), []);
    assert.deepEqual(keysOf(drop('AAA').apply(withHeaders('BBB', 'CCC')).headers), ['BBB', 'CCC']);
    assert.deepEqual(keysOf(drop('AAA, BBB').apply(withHeaders('AAA', 'BBB', 'AAA', 'CCC', 'DDD', 'DDD')).headers), ['CCC', 'DDD', 'DDD']);
  });

  it('leaves the input record and its key and value alone', () => {
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    const input = sourceRecord({ topic: 't', valueSchema: schema, value: new Struct(schema).put('id', 1), headers: new Headers().add('AAA', 1) });
    const output = drop('AAA').apply(input);
    assert.equal(input.headers.size, 1);
    assert.deepEqual({ ...output, headers: null }, { ...input, headers: null });
    const map = sourceRecord({ topic: 't', value: new Map([['id', 1]]), headers: new Headers().add('AAA', 1) });
    assert.equal(drop('AAA').apply(map).value, map.value);
  });

  it('requires a non-empty list of names', () => {
    assert.throws(() => drop(''), { name: 'ConfigError', message: 'Invalid value [] for configuration headers: Empty list' });
    assert.throws(() => new DropHeaders().configure({}), { name: 'ConfigError', message: 'Missing required configuration "headers" which has no default value.' });
  });

  it('declares Kafka’s config', () => {
    assert.equal(DROP_HEADERS_PLUGIN.className, 'org.apache.kafka.connect.transforms.DropHeaders');
    assert.deepEqual(
      DROP_HEADERS_CONFIG.keys.map((k) => [k.name, k.type, k.importance, k.validator?.describe, k.doc]),
      [['headers', 'LIST', 'HIGH', 'non-empty list', 'The name of the headers to be removed.']],
    );
  });
});
