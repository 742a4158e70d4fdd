import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TimestampLogical } from '../../api/data/logical.js';
import { SchemaBuilder, Schemas, fieldOf, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import { sinkRecord, sourceRecord, type ConnectRecord } from '../../api/record.js';
import { KAFKA_TRANSFORMS_A } from './group-a.js';
import { INSERT_FIELD_CONFIG, INSERT_FIELD_PLUGINS } from './insert-field.js';

const [KEY_PLUGIN, VALUE_PLUGIN] = INSERT_FIELD_PLUGINS as [TransformationPlugin, TransformationPlugin];

function configured(plugin: TransformationPlugin, config: Record<string, string>) {
  const transform = plugin.create();
  transform.configure(config);
  return { apply: (record: ConnectRecord) => transform.apply(record) as ConnectRecord };
}

const ALL_FIELDS = {
  'topic.field': 'topic_field!',
  'partition.field': 'partition_field',
  'timestamp.field': 'timestamp_field?',
  'static.field': 'instance_id',
  'static.value': 'my-instance-id',
};

const fieldSchema = (schema: Schema | null, name: string): Schema | undefined => (schema ? fieldOf(schema, name)?.schema : undefined);

describe('InsertField', () => {
  it('is published as InsertField$Key and InsertField$Value with Kafka 3.9 config keys', () => {
    assert.deepEqual(
      INSERT_FIELD_PLUGINS.map((p) => [p.className, p.version]),
      [
        ['org.apache.kafka.connect.transforms.InsertField$Key', '3.9.1'],
        ['org.apache.kafka.connect.transforms.InsertField$Value', '3.9.1'],
      ],
    );
    assert.deepEqual(
      INSERT_FIELD_CONFIG.keys.map((k) => [k.name, k.type, k.default, k.importance]),
      [
        ['topic.field', 'STRING', null, 'MEDIUM'],
        ['partition.field', 'STRING', null, 'MEDIUM'],
        ['offset.field', 'STRING', null, 'MEDIUM'],
        ['timestamp.field', 'STRING', null, 'MEDIUM'],
        ['static.field', 'STRING', null, 'MEDIUM'],
        ['static.value', 'STRING', null, 'MEDIUM'],
        ['replace.null.with.default', 'BOOLEAN', true, 'MEDIUM'],
      ],
    );
    assert.equal(
      INSERT_FIELD_CONFIG.key('topic.field')?.doc,
      'Field name for Kafka topic. Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).',
    );
  });

  it('copies the struct schema and inserts topic, partition, timestamp and static fields (Kafka example)', () => {
    const xform = configured(VALUE_PLUGIN, ALL_FIELDS);
    const schema = SchemaBuilder.struct().name('name').version(1).doc('doc').field('magic', Schemas.OPTIONAL_INT64).build();
    const value = new Struct(schema).put('magic', 42);
    const out = xform.apply(sourceRecord({ topic: 'test', kafkaPartition: 0, valueSchema: schema, value, timestamp: 789 }));

    const outSchema = out.valueSchema as Schema;
    assert.deepEqual([outSchema.name, outSchema.version, outSchema.doc], ['name', 1, 'doc']);
    assert.deepEqual(
      outSchema.fields?.map((f) => [f.name, f.schema]),
      [
        ['magic', Schemas.OPTIONAL_INT64],
        ['topic_field', Schemas.STRING],
        ['partition_field', Schemas.OPTIONAL_INT32],
        ['timestamp_field', TimestampLogical.builder().optional().build()],
        ['instance_id', Schemas.OPTIONAL_STRING],
      ],
    );
    const struct = out.value as Struct;
    assert.deepEqual(
      outSchema.fields?.map((f) => struct.get(f)),
      [42, 'test', 0, new Date(789), 'my-instance-id'],
    );

    // The same input schema gives the identical derived schema.
    const again = xform.apply(sourceRecord({ topic: 'test', kafkaPartition: 1, valueSchema: schema, value: new Struct(schema) }));
    assert.equal(again.valueSchema, out.valueSchema);
  });

  it('inserts into a schemaless map, with the timestamp as epoch millis (Kafka example)', () => {
    const xform = configured(VALUE_PLUGIN, ALL_FIELDS);
    const out = xform.apply(sourceRecord({ topic: 'test', kafkaPartition: 0, value: new Map([['magic', 42]]), timestamp: 123 }));
    assert.equal(out.valueSchema, null);
    assert.deepEqual(
      [...(out.value as Map<string, unknown>)],
      [
        ['magic', 42],
        ['topic_field', 'test'],
        ['partition_field', 0],
        ['timestamp_field', 123],
        ['instance_id', 'my-instance-id'],
      ],
    );
  });

  it('inserts the static field of the documented example into a plain object value', () => {
    const xform = configured(VALUE_PLUGIN, { 'static.field': 'MessageSource', 'static.value': 'Kafka Connect framework' });
    const out = xform.apply(sourceRecord({ topic: 't', value: { author: 'Philip K. Dick', character: 'Palmer Eldritch' } }));
    assert.deepEqual(
      [...(out.value as Map<string, unknown>)],
      [
        ['author', 'Philip K. Dick'],
        ['character', 'Palmer Eldritch'],
        ['MessageSource', 'Kafka Connect framework'],
      ],
    );
  });

  it('inserts the Kafka offset of sink records, as int64 in structs', () => {
    const xform = configured(VALUE_PLUGIN, { 'offset.field': 'offset!' });
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    const out = xform.apply(sinkRecord({ topic: 't', kafkaPartition: 3, kafkaOffset: 77, valueSchema: schema, value: new Struct(schema).put('id', 1) }));
    assert.equal(fieldSchema(out.valueSchema, 'offset'), Schemas.INT64);
    assert.equal((out.value as Struct).get('offset'), 77);

    const schemaless = xform.apply(sinkRecord({ topic: 't', kafkaPartition: 3, kafkaOffset: 78, value: new Map([['id', 1]]) }));
    assert.deepEqual([...(schemaless.value as Map<string, unknown>)], [['id', 1], ['offset', 78]]);
  });

  it('refuses to insert an offset into source records, as Kafka does', () => {
    const xform = configured(VALUE_PLUGIN, { 'offset.field': 'offset' });
    assert.throws(
      () => xform.apply(sourceRecord({ topic: 't', value: new Map([['id', 1]]) })),
      new DataError('Only SinkRecord supported for [field insertion], found: org.apache.kafka.connect.source.SourceRecord'),
    );
  });

  it('leaves out partition and timestamp when the record has none', () => {
    const xform = configured(VALUE_PLUGIN, ALL_FIELDS);
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    const out = xform.apply(sourceRecord({ topic: 't', valueSchema: schema, value: new Struct(schema).put('id', 1) }));
    const struct = out.value as Struct;
    assert.deepEqual([struct.get('partition_field'), struct.get('timestamp_field')], [null, null]);

    const schemaless = xform.apply(sourceRecord({ topic: 't', value: new Map([['id', 1]]) }));
    assert.deepEqual([...(schemaless.value as Map<string, unknown>).keys()], ['id', 'topic_field', 'instance_id']);
  });

  it('passes tombstones through unchanged, with or without a schema', () => {
    const xform = configured(VALUE_PLUGIN, ALL_FIELDS);
    const schema = SchemaBuilder.struct().field('magic', Schemas.OPTIONAL_INT64).build();
    const schemaless = sourceRecord({ topic: 'test', kafkaPartition: 0 });
    const withSchema = sourceRecord({ topic: 'test', kafkaPartition: 0, valueSchema: schema });
    assert.equal(xform.apply(schemaless), schemaless);
    assert.equal(xform.apply(withSchema), withSchema);
  });

  it('inserts into the key of a tombstone and leaves a null key alone (Kafka examples)', () => {
    const xform = configured(KEY_PLUGIN, ALL_FIELDS);
    const out = xform.apply(sourceRecord({ topic: 'test', kafkaPartition: 0, key: new Map([['magic', 42]]) }));
    assert.deepEqual(
      [...(out.key as Map<string, unknown>)],
      [
        ['magic', 42],
        ['topic_field', 'test'],
        ['partition_field', 0],
        ['instance_id', 'my-instance-id'],
      ],
    );
    assert.equal(out.value, null);

    const nullKey = sourceRecord({ topic: 'test', kafkaPartition: 0, value: new Map([['magic', 42]]) });
    assert.equal(xform.apply(nullKey), nullKey);
  });

  it('requires a struct when there is a schema', () => {
    const xform = configured(VALUE_PLUGIN, { 'topic.field': 'topic_field' });
    assert.throws(
      () => xform.apply(sourceRecord({ topic: '', kafkaPartition: 0, valueSchema: Schemas.INT32, value: 42 })),
      (err: unknown) => err instanceof DataError && err.message.startsWith('Only Struct objects supported for [field insertion], found: '),
    );
    const schemaless = configured(VALUE_PLUGIN, { 'topic.field': 'topic_field' });
    assert.throws(
      () => schemaless.apply(sourceRecord({ topic: '', value: 42 })),
      (err: unknown) => err instanceof DataError && err.message.startsWith('Only Map objects supported in absence of schema for [field insertion]'),
    );
  });

  for (const [replaceNullWithDefault, expected] of [
    ['false', null],
    ['true', 42],
  ] as const) {
    it(`copies a null field with a default as ${String(expected)} when replace.null.with.default=${replaceNullWithDefault}`, () => {
      const xform = configured(VALUE_PLUGIN, { ...ALL_FIELDS, 'replace.null.with.default': replaceNullWithDefault });
      const magic = SchemaBuilder.int64().optional().defaultValue(42).build();
      const schema = SchemaBuilder.struct().name('name').version(1).doc('doc').field('magic_with_default', magic).build();
      const out = xform.apply(sourceRecord({ topic: 'test', kafkaPartition: 0, valueSchema: schema, value: new Struct(schema), timestamp: 789 }));
      assert.equal(fieldSchema(out.valueSchema, 'magic_with_default'), magic);
      assert.equal((out.value as Struct).getWithoutDefault('magic_with_default'), expected);
    });
  }

  it('makes the derived struct schema required, as Kafka copies only the schema basics', () => {
    const xform = configured(VALUE_PLUGIN, { 'topic.field': 'topic' });
    const schema = SchemaBuilder.struct().optional().field('id', Schemas.INT32).build();
    const out = xform.apply(sourceRecord({ topic: 't', valueSchema: schema, value: new Struct(schema).put('id', 1) }));
    assert.equal(out.valueSchema?.optional, false);
  });

  it('adds the static field to the schema even without a static value, leaving it null', () => {
    const xform = configured(VALUE_PLUGIN, { 'static.field': 'origin' });
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    const out = xform.apply(sourceRecord({ topic: 't', valueSchema: schema, value: new Struct(schema).put('id', 1) }));
    assert.equal(fieldSchema(out.valueSchema, 'origin'), Schemas.OPTIONAL_STRING);
    assert.equal((out.value as Struct).get('origin'), null);
  });

  it('fails on a field name the struct already has', () => {
    const xform = configured(VALUE_PLUGIN, { 'topic.field': 'id' });
    const schema = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    assert.throws(
      () => xform.apply(sourceRecord({ topic: 't', valueSchema: schema, value: new Struct(schema).put('id', 1) })),
      new DataError('Cannot create field because of field name duplication id'),
    );
  });
});

describe('KAFKA_TRANSFORMS_A', () => {
  it('lists every SMT of the group once, each creating a working transformation', () => {
    const names = KAFKA_TRANSFORMS_A.map((p) => p.className.replace('org.apache.kafka.connect.transforms.', ''));
    assert.deepEqual(names, [
      'InsertField$Key',
      'InsertField$Value',
      'ReplaceField$Key',
      'ReplaceField$Value',
      'MaskField$Key',
      'MaskField$Value',
      'ValueToKey',
      'ExtractField$Key',
      'ExtractField$Value',
      'HoistField$Key',
      'HoistField$Value',
      'Cast$Key',
      'Cast$Value',
      'Flatten$Key',
      'Flatten$Value',
    ]);
    for (const plugin of KAFKA_TRANSFORMS_A) {
      assert.equal(plugin.kind, 'transformation');
      assert.equal(plugin.version, '3.9.1');
      assert.equal(typeof plugin.create().apply, 'function');
    }
  });
});
