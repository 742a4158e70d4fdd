import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError, DataError } from '../../api/errors.js';
import { sinkRecord, type ConnectRecord } from '../../api/record.js';
import { VALUE_TO_KEY_CONFIG, VALUE_TO_KEY_PLUGIN } from './value-to-key.js';

function configured(config: Record<string, string>) {
  const transform = VALUE_TO_KEY_PLUGIN.create();
  transform.configure(config);
  return (record: ConnectRecord) => transform.apply(record) as ConnectRecord;
}

const SCHEMA = SchemaBuilder.struct().field('a', Schemas.INT32).field('b', Schemas.INT32).field('c', Schemas.INT32).build();
const record = (valueSchema: Schema | null, value: unknown) =>
  sinkRecord({ topic: '', kafkaPartition: 0, kafkaOffset: 0, keySchema: Schemas.STRING, key: 'old', valueSchema, value });

describe('ValueToKey', () => {
  it('is one plugin, without $Key/$Value variants, as in Kafka', () => {
    assert.equal(VALUE_TO_KEY_PLUGIN.className, 'org.apache.kafka.connect.transforms.ValueToKey');
    assert.equal(VALUE_TO_KEY_PLUGIN.doc, 'Replace the record key with a new key formed from a subset of fields in the record value.');
    assert.deepEqual(
      VALUE_TO_KEY_CONFIG.keys.map((k) => [k.name, k.type, k.default, k.importance]),
      [
        ['fields', 'LIST', undefined, 'HIGH'],
        ['replace.null.with.default', 'BOOLEAN', true, 'MEDIUM'],
      ],
    );
  });

  it('builds a schemaless key map from value fields (Kafka example)', () => {
    const value = new Map([['a', 1], ['b', 2], ['c', 3]]);
    const out = configured({ fields: 'a,b' })(record(null, value));
    assert.equal(out.keySchema, null);
    assert.deepEqual([...(out.key as Map<string, unknown>)], [['a', 1], ['b', 2]]);
    assert.equal(out.value, value);
  });

  it('builds a key struct from value fields and caches its schema (Kafka example)', () => {
    const apply = configured({ fields: 'a,b' });
    const value = new Struct(SCHEMA).put('a', 1).put('b', 2).put('c', 3);
    const out = apply(record(SCHEMA, value));
    const expectedKeySchema = SchemaBuilder.struct().field('a', Schemas.INT32).field('b', Schemas.INT32).build();
    assert.deepEqual(out.keySchema, expectedKeySchema);
    assert.deepEqual(out.key, new Struct(expectedKeySchema).put('a', 1).put('b', 2));
    assert.equal(out.value, value);
    assert.equal(apply(record(SCHEMA, value)).keySchema, out.keySchema);
  });

  it('fails on a field the value schema does not have', () => {
    const value = new Struct(SCHEMA).put('a', 1).put('b', 2).put('c', 3);
    assert.throws(() => configured({ fields: 'not_exist' })(record(SCHEMA, value)), new DataError('Field does not exist: not_exist'));
  });

  it('puts a null for a field missing from a schemaless value', () => {
    const out = configured({ fields: 'a,z' })(record(null, { a: 1 }));
    assert.deepEqual([...(out.key as Map<string, unknown>)], [['a', 1], ['z', null]]);
  });

  for (const [replaceNullWithDefault, expected] of [
    ['false', null],
    ['true', 42],
  ] as const) {
    it(`copies a null field with a default as ${String(expected)} when replace.null.with.default=${replaceNullWithDefault}`, () => {
      const schema = SchemaBuilder.struct().field('a', SchemaBuilder.int32().optional().defaultValue(42).build()).build();
      const out = configured({ fields: 'a', 'replace.null.with.default': replaceNullWithDefault })(record(schema, new Struct(schema)));
      assert.equal((out.key as Struct).getWithoutDefault('a'), expected);
    });
  }

  it('requires a non-empty field list', () => {
    assert.throws(() => configured({ fields: '' }), ConfigError.invalid('fields', '[]', 'Empty list'));
  });

  it('does not accept tombstones, as Kafka requires a Map or Struct value', () => {
    assert.throws(() => configured({ fields: 'a' })(record(null, null)), DataError);
    assert.throws(() => configured({ fields: 'a' })(record(SCHEMA, null)), DataError);
  });
});
