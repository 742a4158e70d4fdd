import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import { sinkRecord, type ConnectRecord } from '../../api/record.js';
import { HOIST_FIELD_CONFIG, HOIST_FIELD_PLUGINS } from './hoist-field.js';

const [KEY_PLUGIN, VALUE_PLUGIN] = HOIST_FIELD_PLUGINS as [TransformationPlugin, TransformationPlugin];

function configured(plugin: TransformationPlugin, field: string) {
  const transform = plugin.create();
  transform.configure({ field });
  return (record: ConnectRecord) => transform.apply(record) as ConnectRecord;
}

const keyRecord = (keySchema: Schema | null, key: unknown) =>
  sinkRecord({ topic: 'test', kafkaPartition: 0, kafkaOffset: 0, keySchema, key, valueSchema: Schemas.STRING, value: 'v' });

describe('HoistField', () => {
  it('is published as HoistField$Key/$Value with its one required key', () => {
    assert.deepEqual(
      HOIST_FIELD_PLUGINS.map((p) => p.className),
      ['org.apache.kafka.connect.transforms.HoistField$Key', 'org.apache.kafka.connect.transforms.HoistField$Value'],
    );
    assert.deepEqual(
      HOIST_FIELD_CONFIG.keys.map((k) => [k.name, k.type, k.default, k.importance, k.doc]),
      [['field', 'STRING', undefined, 'MEDIUM', 'Field name for the single field that will be created in the resulting Struct or Map.']],
    );
    assert.throws(() => KEY_PLUGIN.create().configure({}), /Missing required configuration "field" which has no default value\./);
  });

  it('wraps a schemaless key in a mutable map (Kafka example)', () => {
    const out = configured(KEY_PLUGIN, 'magic')(keyRecord(null, 42));
    assert.equal(out.keySchema, null);
    assert.deepEqual(out.key, new Map([['magic', 42]]));
    (out.key as Map<string, unknown>).set('k', 'v');
    assert.equal(out.value, 'v');
  });

  it('wraps a schemaful key in a struct whose field has the original schema, cached (Kafka example)', () => {
    const apply = configured(KEY_PLUGIN, 'magic');
    const out = apply(keyRecord(Schemas.INT32, 42));
    const expected = SchemaBuilder.struct().field('magic', Schemas.INT32).build();
    assert.deepEqual(out.keySchema, expected);
    assert.deepEqual(out.key, new Struct(expected).put('magic', 42));
    assert.equal(apply(keyRecord(Schemas.INT32, 7)).keySchema, out.keySchema);
  });

  it('wraps null values too, as Kafka does', () => {
    const apply = configured(VALUE_PLUGIN, 'payload');
    const schemaless = apply(sinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0 }));
    assert.deepEqual(schemaless.value, new Map([['payload', null]]));
    const optional = apply(sinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0, valueSchema: Schemas.OPTIONAL_STRING }));
    assert.equal((optional.value as Struct).get('payload'), null);
    assert.throws(
      () => apply(sinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0, valueSchema: Schemas.STRING })),
      new DataError('Invalid value: null used for required field: "payload", schema type: STRING'),
    );
  });
});
