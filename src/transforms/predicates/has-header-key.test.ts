import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { Headers } from '../../api/headers.js';
import { sourceRecord } from '../../api/record.js';
import { HAS_HEADER_KEY_CONFIG, HAS_HEADER_KEY_PLUGIN, HasHeaderKey } from './has-header-key.js';

const withHeaders = (...keys: string[]) => sourceRecord({ topic: 't', headers: new Headers(keys.map((key) => ({ key, value: null, schema: null }))) });

describe('HasHeaderKey', () => {
  it('is true when at least one header has the name (Kafka’s HasHeaderKeyTest)', () => {
    const p = new HasHeaderKey();
    p.configure({ name: 'foo' });
    assert.equal(p.test(withHeaders('foo')), true);
    assert.equal(p.test(withHeaders('foo', 'bar')), true);
    assert.equal(p.test(withHeaders('bar', 'foo', 'bar', 'foo')), true);
    assert.equal(p.test(withHeaders('bar')), false);
    assert.equal(p.test(withHeaders('bar', 'bar')), false);
    assert.equal(p.test(withHeaders()), false);
  });

  it('ignores the key and value', () => {
    const p = new HasHeaderKey();
    p.configure({ name: 'foo' });
    const schema = SchemaBuilder.struct().field('foo', Schemas.INT32).build();
    assert.equal(p.test(sourceRecord({ topic: 't', valueSchema: schema, value: new Struct(schema).put('foo', 1) })), false);
    assert.equal(p.test(sourceRecord({ topic: 't', value: new Map([['foo', 1]]) })), false);
  });

  it('requires a non-empty name', () => {
    assert.throws(() => new HasHeaderKey().configure({}), { name: 'ConfigError', message: 'Missing required configuration "name" which has no default value.' });
    assert.deepEqual(HAS_HEADER_KEY_CONFIG.validate({ name: 'foo' })[0]?.errors, []);
    assert.deepEqual(HAS_HEADER_KEY_CONFIG.validate({ name: '' })[0]?.errors, ['Invalid value  for configuration name: String must be non-empty']);
  });

  it('is Kafka’s predicate', () => {
    assert.equal(HAS_HEADER_KEY_PLUGIN.className, 'org.apache.kafka.connect.transforms.predicates.HasHeaderKey');
    assert.equal(HAS_HEADER_KEY_CONFIG.keys[0]?.doc, 'The header name.');
  });
});
