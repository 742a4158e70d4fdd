import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { sinkRecord, sourceRecord } from '../../api/record.js';
import { FILTER_PLUGIN, Filter } from './filter.js';

describe('Filter', () => {
  it('drops every record, schemaful, schemaless or tombstone', () => {
    const filter = new Filter();
    filter.configure();
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    assert.equal(filter.apply(), null);
    for (const record of [
      sourceRecord({ topic: 't', valueSchema: schema, value: new Struct(schema).put('id', 1) }),
      sourceRecord({ topic: 't', value: new Map([['id', 1]]) }),
      sinkRecord({ topic: 't', kafkaPartition: 0, kafkaOffset: 0 }),
    ]) {
      assert.equal(FILTER_PLUGIN.create().apply(record), null);
    }
  });

  it('has no configuration', () => {
    assert.equal(FILTER_PLUGIN.className, 'org.apache.kafka.connect.transforms.Filter');
    assert.deepEqual(FILTER_PLUGIN.config.keys, []);
  });
});
