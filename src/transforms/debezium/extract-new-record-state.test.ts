import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError } from '../../api/errors.js';
import { Headers } from '../../api/headers.js';
import { sourceRecord } from '../../api/record.js';
import { DEBEZIUM_TRANSFORMS } from './index.js';
import {
  ALICE,
  ALICE_MOVED,
  DELETED_FIELD_SCHEMA,
  ENVELOPE_SCHEMA,
  KEY_SCHEMA,
  RECORD_TIMESTAMP,
  ROW_SCHEMA,
  TOPIC,
  configured,
  createEvent,
  deleteEvent,
  flatSchema,
  flatValue,
  key,
  kept,
  readEvent,
  tombstone,
  truncateEvent,
  updateEvent,
} from './test/envelopes.js';

describe('ExtractNewRecordState on create, read and update events', () => {
  it('replaces a create event with its after row under a required copy of the row schema', () => {
    const input = createEvent();
    const output = kept(configured(), input);
    assert.deepEqual(output.valueSchema, flatSchema());
    assert.deepEqual(output.value, flatValue(flatSchema(), ALICE));
    assert.equal(output.topic, TOPIC);
    assert.equal(output.kafkaPartition, 0);
    assert.deepEqual(output.keySchema, KEY_SCHEMA);
    assert.deepEqual(output.key, key(1));
    assert.equal(output.timestamp, RECORD_TIMESTAMP);
    assert.deepEqual(output.kind === 'source' ? output.sourceOffset : null, input.sourceOffset);
    assert.equal(output.headers.size, 0);
  });

  it('flattens snapshot reads like creates', () => {
    const output = kept(configured(), readEvent());
    assert.deepEqual(output.value, flatValue(flatSchema(), ALICE));
  });

  it('keeps the after row of an update, not the before row', () => {
    const output = kept(configured(), updateEvent(ALICE, ALICE_MOVED));
    assert.deepEqual(output.value, flatValue(flatSchema(), ALICE_MOVED));
  });

  it('keeps null columns null (no default substitution) outside the rewrite modes', () => {
    const noTier = { id: 2, email: null, region: null, tier: null };
    const output = kept(configured(), createEvent(noTier));
    assert.deepEqual(output.value, flatValue(flatSchema(), noTier));
  });

  it('adds __deleted "false" as an optional string after the columns in the rewrite modes', () => {
    for (const mode of ['rewrite', 'rewrite-with-tombstone']) {
      const transform = configured({ 'delete.tombstone.handling.mode': mode });
      const schema = flatSchema(['__deleted', DELETED_FIELD_SCHEMA]);
      assert.deepEqual(kept(transform, createEvent()).value, flatValue(schema, ALICE, { __deleted: 'false' }), mode);
      assert.deepEqual(kept(transform, readEvent()).value, flatValue(schema, ALICE, { __deleted: 'false' }), mode);
      assert.deepEqual(kept(transform, updateEvent()).value, flatValue(schema, ALICE_MOVED, { __deleted: 'false' }), mode);
    }
  });

  it('leaves create and update events alone in the other modes', () => {
    for (const mode of ['drop', 'tombstone', 'delete-to-tombstone']) {
      const transform = configured({ 'delete.tombstone.handling.mode': mode });
      assert.deepEqual(kept(transform, updateEvent()).value, flatValue(flatSchema(), ALICE_MOVED), mode);
    }
  });

  it('does not change the input record', () => {
    const input = createEvent(ALICE, { headers: new Headers().add('trace', 'abc') });
    const before = input.value;
    kept(configured({ 'add.headers': 'op', 'delete.tombstone.handling.mode': 'rewrite' }), input);
    assert.equal(input.value, before);
    assert.deepEqual(input.valueSchema, ENVELOPE_SCHEMA);
    assert.deepEqual(
      input.headers.toArray().map((h) => h.key),
      ['trace'],
    );
  });
});

describe('ExtractNewRecordState on delete events and tombstones, by delete.tombstone.handling.mode', () => {
  const rewritten = flatValue(flatSchema(['__deleted', DELETED_FIELD_SCHEMA]), ALICE, { __deleted: 'true' });

  it('drop: removes both the delete event and the tombstone', () => {
    const transform = configured({ 'delete.tombstone.handling.mode': 'drop' });
    assert.equal(transform.apply(deleteEvent()), null);
    assert.equal(transform.apply(tombstone()), null);
  });

  it('tombstone (default): keeps the delete as a null value with the row schema and removes tombstones', () => {
    for (const transform of [configured(), configured({ 'delete.tombstone.handling.mode': 'tombstone' })]) {
      const output = kept(transform, deleteEvent());
      assert.equal(output.value, null);
      assert.deepEqual(output.valueSchema, ROW_SCHEMA);
      assert.deepEqual(output.key, key(1));
      assert.deepEqual(output.keySchema, KEY_SCHEMA);
      assert.equal(output.topic, TOPIC);
      assert.equal(transform.apply(tombstone()), null);
    }
  });

  it('rewrite: turns the delete into the before row with __deleted "true" and removes tombstones', () => {
    const transform = configured({ 'delete.tombstone.handling.mode': 'rewrite' });
    const output = kept(transform, deleteEvent());
    assert.deepEqual(output.valueSchema, flatSchema(['__deleted', DELETED_FIELD_SCHEMA]));
    assert.deepEqual(output.value, rewritten);
    assert.deepEqual(output.key, key(1));
    assert.equal(transform.apply(tombstone()), null);
  });

  it('rewrite-with-tombstone: rewrites the delete and passes the tombstone through untouched', () => {
    const transform = configured({ 'delete.tombstone.handling.mode': 'rewrite-with-tombstone' });
    assert.deepEqual(kept(transform, deleteEvent()).value, rewritten);
    const input = tombstone();
    assert.equal(transform.apply(input), input);
  });

  it('delete-to-tombstone: turns the delete into a real tombstone (null value and value schema) and removes tombstones', () => {
    const transform = configured({ 'delete.tombstone.handling.mode': 'delete-to-tombstone' });
    const input = deleteEvent(ALICE, { headers: new Headers().add('trace', 'abc') });
    const output = kept(transform, input);
    assert.equal(output.value, null);
    assert.equal(output.valueSchema, null);
    assert.deepEqual(output.key, key(1));
    assert.deepEqual(output.keySchema, KEY_SCHEMA);
    assert.equal(output.topic, TOPIC);
    assert.equal(output.timestamp, RECORD_TIMESTAMP);
    assert.deepEqual(
      output.headers.toArray().map((h) => [h.key, h.value]),
      [['trace', 'abc']],
    );
    assert.equal(transform.apply(tombstone()), null);
  });

  it('reads the mode case-insensitively', () => {
    assert.deepEqual(kept(configured({ 'delete.tombstone.handling.mode': 'REWRITE' }), deleteEvent()).value, rewritten);
  });

  it('drops truncate events (neither before nor after) in every mode', () => {
    for (const mode of ['drop', 'tombstone', 'rewrite', 'rewrite-with-tombstone', 'delete-to-tombstone']) {
      assert.equal(configured({ 'delete.tombstone.handling.mode': mode }).apply(truncateEvent()), null, mode);
    }
  });
});

describe('ExtractNewRecordState on records that are not change events', () => {
  const transform = configured({ 'delete.tombstone.handling.mode': 'rewrite', 'add.headers': 'op', 'add.fields': 'op' });

  it('passes heartbeats, schema changes and transaction metadata through unchanged', () => {
    const heartbeatSchema = SchemaBuilder.struct().name('io.debezium.connector.common.Heartbeat').field('ts_ms', Schemas.INT64).build();
    const schemaChangeSchema = SchemaBuilder.struct()
      .name('io.debezium.connector.mysql.SchemaChangeValue')
      .field('databaseName', Schemas.OPTIONAL_STRING)
      .field('ddl', Schemas.OPTIONAL_STRING)
      .build();
    const transactionSchema = SchemaBuilder.struct()
      .name('io.debezium.connector.common.TransactionMetadataValue')
      .field('status', Schemas.STRING)
      .field('id', Schemas.STRING)
      .build();
    const records = [
      sourceRecord({ topic: '__debezium-heartbeat.cdc', valueSchema: heartbeatSchema, value: new Struct(heartbeatSchema).put('ts_ms', 1) }),
      sourceRecord({
        topic: 'cdc',
        valueSchema: schemaChangeSchema,
        value: new Struct(schemaChangeSchema).put('databaseName', 'shop').put('ddl', 'CREATE TABLE t (id INT)'),
      }),
      sourceRecord({ topic: 'cdc.transaction', valueSchema: transactionSchema, value: new Struct(transactionSchema).put('status', 'BEGIN').put('id', '767') }),
    ];
    for (const record of records) assert.equal(transform.apply(record), record);
  });

  it('passes schemaless values through unchanged, even envelope-shaped ones (Debezium needs the Envelope schema)', () => {
    const envelopeLike = new Map<string, unknown>([
      ['before', null],
      ['after', new Map<string, unknown>([['id', 1]])],
      ['op', 'c'],
    ]);
    const record = sourceRecord({ topic: TOPIC, value: envelopeLike });
    assert.equal(transform.apply(record), record);
  });

  it('treats schemaless tombstones like any tombstone', () => {
    const schemaless = sourceRecord({ topic: TOPIC, key: new Map([['id', 1]]) });
    assert.equal(transform.apply(schemaless), null);
    const keeping = configured({ 'delete.tombstone.handling.mode': 'rewrite-with-tombstone' });
    assert.equal(keeping.apply(schemaless), schemaless);
  });

  it('fails on an Envelope-named value that is not a Struct', () => {
    const record = sourceRecord({ topic: TOPIC, valueSchema: ENVELOPE_SCHEMA, value: new Map() });
    assert.throws(() => transform.apply(record), { message: 'Only Struct objects supported for [field extraction], found: map' });
  });
});

describe('ExtractNewRecordState plugin and configuration', () => {
  it('is registered under Debezium class name and version', () => {
    assert.equal(DEBEZIUM_TRANSFORMS.length, 1);
    const [plugin] = DEBEZIUM_TRANSFORMS;
    assert.equal(plugin?.kind, 'transformation');
    assert.equal(plugin?.className, 'io.debezium.transforms.ExtractNewRecordState');
    assert.equal(plugin?.version, '3.2.7.Final');
    assert.ok(plugin?.create().apply);
  });

  it('declares the Debezium 3.2 keys with their defaults, and hides the removed ones', () => {
    const config = DEBEZIUM_TRANSFORMS[0]?.config;
    assert.ok(config);
    const visible = config.keys.filter((k) => !k.internal).map((k) => [k.name, k.type, k.default]);
    assert.deepEqual(visible, [
      ['delete.tombstone.handling.mode', 'STRING', 'tombstone'],
      ['route.by.field', 'STRING', ''],
      ['add.fields.prefix', 'STRING', '__'],
      ['add.fields', 'LIST', []],
      ['add.headers.prefix', 'STRING', '__'],
      ['add.headers', 'LIST', []],
      ['drop.fields.header.name', 'STRING', null],
      ['drop.fields.from.key', 'BOOLEAN', false],
      ['drop.fields.keep.schema.compatible', 'BOOLEAN', true],
      ['replace.null.with.default', 'BOOLEAN', true],
    ]);
    assert.deepEqual(
      config.keys.filter((k) => k.internal).map((k) => k.name),
      ['drop.tombstones', 'delete.handling.mode'],
    );
  });

  it('rejects an unknown mode with Kafka config wording', () => {
    assert.throws(() => configured({ 'delete.tombstone.handling.mode': 'keep' }), {
      name: 'ConfigError',
      message:
        'Invalid value keep for configuration delete.tombstone.handling.mode: String must be one of (case insensitive): ' +
        'drop, tombstone, rewrite, rewrite-with-tombstone, delete-to-tombstone',
    });
  });

  it('rejects an add.fields entry with more than one rename', () => {
    assert.throws(() => configured({ 'add.fields': 'op:A:B' }), (err: unknown) => err instanceof ConfigError && err.message === 'Unexpected field name: op:A:B');
  });

  it('refuses to run before configure()', () => {
    const transform = DEBEZIUM_TRANSFORMS[0]?.create();
    assert.throws(() => transform?.apply(createEvent()), { message: 'ExtractNewRecordState used before configure()' });
  });
});
