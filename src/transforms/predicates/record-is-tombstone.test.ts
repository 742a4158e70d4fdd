import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { sinkRecord, sourceRecord } from '../../api/record.js';
import { RECORD_IS_TOMBSTONE_PLUGIN, RecordIsTombstone } from './record-is-tombstone.js';

describe('RecordIsTombstone', () => {
  const p = new RecordIsTombstone();
  p.configure();

  it('is true for records with a null value, whatever their key and value schema', () => {
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).optional().build();
    assert.equal(p.test(sourceRecord({ topic: 't', key: 'k' })), true);
    assert.equal(p.test(sourceRecord({ topic: 't', valueSchema: schema, value: null })), true);
    assert.equal(p.test(sinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0 })), true);
  });

  it('is false for Struct, Map and other values', () => {
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    assert.equal(p.test(sourceRecord({ topic: 't', valueSchema: schema, value: new Struct(schema).put('id', 1) })), false);
    assert.equal(p.test(sourceRecord({ topic: 't', value: new Map() })), false);
    assert.equal(p.test(sourceRecord({ topic: 't', value: '' })), false);
  });

  it('has no configuration', () => {
    assert.equal(RECORD_IS_TOMBSTONE_PLUGIN.className, 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone');
    assert.deepEqual(RECORD_IS_TOMBSTONE_PLUGIN.config.keys, []);
  });
});
