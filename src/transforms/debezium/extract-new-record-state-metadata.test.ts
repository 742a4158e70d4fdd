import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { Headers } from '../../api/headers.js';
import { sourceRecord } from '../../api/record.js';
import {
  ALICE,
  ALICE_MOVED,
  DELETED_FIELD_SCHEMA,
  ENVELOPE_SCHEMA,
  EVENT_TS_MS,
  LSN,
  ROW_SCHEMA,
  SOURCE_TS_MS,
  TOPIC,
  TX_ID,
  configured,
  createEvent,
  deleteEvent,
  envelope,
  flatSchema,
  flatValue,
  headerPairs,
  kept,
  readEvent,
  row,
  tombstone,
  transaction,
  updateEvent,
} from './test/envelopes.js';

const OPTIONAL_SNAPSHOT = SchemaBuilder.string()
  .optional()
  .name('io.debezium.data.Enum')
  .version(1)
  .parameter('allowed', 'true,first,first_in_data_collection,last_in_data_collection,last,false,incremental')
  .build();

describe('ExtractNewRecordState add.fields', () => {
  it('adds op and source.ts_ms as optional __op and __source_ts_ms', () => {
    const output = kept(configured({ 'add.fields': 'op,source.ts_ms' }), createEvent());
    const schema = flatSchema(['__op', Schemas.OPTIONAL_STRING], ['__source_ts_ms', Schemas.OPTIONAL_INT64]);
    assert.deepEqual(output.valueSchema, schema);
    assert.deepEqual(output.value, flatValue(schema, ALICE, { __op: 'c', __source_ts_ms: SOURCE_TS_MS }));
  });

  it('looks plain names up in source, except op and ts_ms at the top and transaction ids in transaction', () => {
    const transform = configured({ 'add.fields': 'table, lsn ,ts_ms,db,id,total_order,data_collection_order' });
    const output = kept(transform, updateEvent(ALICE, ALICE_MOVED, { transaction: transaction() }));
    const schema = flatSchema(
      ['__table', Schemas.OPTIONAL_STRING],
      ['__lsn', Schemas.OPTIONAL_INT64],
      ['__ts_ms', Schemas.OPTIONAL_INT64],
      ['__db', Schemas.OPTIONAL_STRING],
      ['__id', Schemas.OPTIONAL_STRING],
      ['__total_order', Schemas.OPTIONAL_INT64],
      ['__data_collection_order', Schemas.OPTIONAL_INT64],
    );
    assert.deepEqual(
      output.value,
      flatValue(schema, ALICE_MOVED, {
        __table: 'customers',
        __lsn: LSN,
        __ts_ms: EVENT_TS_MS,
        __db: 'shop',
        __id: `${TX_ID}:${LSN}`,
        __total_order: 3,
        __data_collection_order: 2,
      }),
    );
  });

  it('adds fields whose struct is absent (no transaction block during a snapshot) with null values', () => {
    const output = kept(configured({ 'add.fields': 'transaction.id,op' }), readEvent());
    const schema = flatSchema(['__transaction_id', Schemas.OPTIONAL_STRING], ['__op', Schemas.OPTIONAL_STRING]);
    assert.deepEqual(output.value, flatValue(schema, ALICE, { __transaction_id: null, __op: 'r' }));
  });

  it('leaves out fields the change event does not have', () => {
    const output = kept(configured({ 'add.fields': 'op,no_such_field,source.nothing' }), createEvent());
    const schema = flatSchema(['__op', Schemas.OPTIONAL_STRING]);
    assert.deepEqual(output.value, flatValue(schema, ALICE, { __op: 'c' }));
  });

  it('keeps the logical name, version and parameters of the copied field but makes it optional without default', () => {
    const output = kept(configured({ 'add.fields': 'snapshot' }), readEvent());
    const schema = flatSchema(['__snapshot', OPTIONAL_SNAPSHOT]);
    assert.deepEqual(output.valueSchema, schema);
    assert.deepEqual(output.value, flatValue(schema, ALICE, { __snapshot: 'true' }));
  });

  it('renames with field:NEW_NAME (case kept) under the prefix, and honours add.fields.prefix', () => {
    const renamed = kept(configured({ 'add.fields': 'op:OPERATION,source.ts_ms:EVENT_TIMESTAMP' }), createEvent());
    const schema = flatSchema(['__OPERATION', Schemas.OPTIONAL_STRING], ['__EVENT_TIMESTAMP', Schemas.OPTIONAL_INT64]);
    assert.deepEqual(renamed.value, flatValue(schema, ALICE, { __OPERATION: 'c', __EVENT_TIMESTAMP: SOURCE_TS_MS }));

    const prefixed = kept(configured({ 'add.fields': 'op,source.ts_ms:ts', 'add.fields.prefix': 'meta_' }), createEvent());
    const prefixedSchema = flatSchema(['meta_op', Schemas.OPTIONAL_STRING], ['meta_ts', Schemas.OPTIONAL_INT64]);
    assert.deepEqual(prefixed.value, flatValue(prefixedSchema, ALICE, { meta_op: 'c', meta_ts: SOURCE_TS_MS }));
  });

  it('finds a field another SMT put at the top of the envelope', () => {
    const extended = SchemaBuilder.struct().name(ENVELOPE_SCHEMA.name).version(2);
    for (const field of ENVELOPE_SCHEMA.fields ?? []) extended.field(field.name, field.schema);
    const changesSchema = SchemaBuilder.array(Schemas.STRING).build();
    const schema = extended.field('changes', changesSchema).build();
    const base = envelope('u', row(ALICE), row(ALICE_MOVED));
    const value = new Struct(schema);
    for (const field of ENVELOPE_SCHEMA.fields ?? []) value.put(field.name, base.get(field.name));
    value.put('changes', ['email', 'region']);
    const output = kept(configured({ 'add.fields': 'changes' }), sourceRecord({ topic: TOPIC, valueSchema: schema, value }));
    const expected = flatSchema(['__changes', SchemaBuilder.array(Schemas.STRING).optional().build()]);
    assert.deepEqual(output.value, flatValue(expected, ALICE_MOVED, { __changes: ['email', 'region'] }));
  });

  it('puts __deleted before the added fields in the rewrite modes, on deletes too', () => {
    const transform = configured({ 'delete.tombstone.handling.mode': 'rewrite', 'add.fields': 'op,source.ts_ms' });
    const schema = flatSchema(['__deleted', DELETED_FIELD_SCHEMA], ['__op', Schemas.OPTIONAL_STRING], ['__source_ts_ms', Schemas.OPTIONAL_INT64]);
    assert.deepEqual(kept(transform, deleteEvent()).value, flatValue(schema, ALICE, { __deleted: 'true', __op: 'd', __source_ts_ms: SOURCE_TS_MS }));
    assert.deepEqual(kept(transform, updateEvent()).value, flatValue(schema, ALICE_MOVED, { __deleted: 'false', __op: 'u', __source_ts_ms: SOURCE_TS_MS }));
  });

  it('adds nothing to a delete that becomes a null value', () => {
    const output = kept(configured({ 'add.fields': 'op' }), deleteEvent());
    assert.equal(output.value, null);
    assert.deepEqual(output.valueSchema, ROW_SCHEMA);
  });

  it('fails when a qualified name points at a struct the envelope does not have', () => {
    assert.throws(() => configured({ 'add.fields': 'updateDescription' }).apply(createEvent()), {
      message: "The change event has no 'updateDescription' struct to read 'updateDescription' from",
    });
  });
});

describe('ExtractNewRecordState add.headers', () => {
  it('adds the fields as headers after the existing ones, with optional copies of their schemas', () => {
    const input = updateEvent(ALICE, ALICE_MOVED, { transaction: transaction(), headers: new Headers().add('trace', 'abc') });
    const output = kept(configured({ 'add.headers': 'op,source.ts_ms,transaction.id' }), input);
    assert.deepEqual(headerPairs(output), [
      ['trace', 'abc'],
      ['__op', 'u'],
      ['__source_ts_ms', SOURCE_TS_MS],
      ['__transaction_id', `${TX_ID}:${LSN}`],
    ]);
    assert.deepEqual(
      output.headers.toArray().map((h) => h.schema),
      [null, Schemas.OPTIONAL_STRING, Schemas.OPTIONAL_INT64, Schemas.OPTIONAL_STRING],
    );
    assert.deepEqual(headerPairs(input), [['trace', 'abc']]);
    assert.deepEqual(output.value, flatValue(flatSchema(), ALICE_MOVED));
  });

  it('honours add.headers.prefix and renames, adds absent values as null and skips unknown fields', () => {
    const output = kept(configured({ 'add.headers': 'op:OPERATION,transaction.id,nothing', 'add.headers.prefix': 'dbz.' }), createEvent());
    assert.deepEqual(headerPairs(output), [
      ['dbz.OPERATION', 'c'],
      ['dbz.transaction_id', null],
    ]);
  });

  it('adds headers to rewritten deletes', () => {
    const output = kept(configured({ 'delete.tombstone.handling.mode': 'rewrite', 'add.headers': 'op,lsn' }), deleteEvent());
    assert.deepEqual(headerPairs(output), [
      ['__op', 'd'],
      ['__lsn', LSN],
    ]);
  });

  it('gives a kept tombstone only the op header, as "d"', () => {
    const transform = configured({ 'delete.tombstone.handling.mode': 'rewrite-with-tombstone', 'add.headers': 'op,source.ts_ms' });
    const output = kept(transform, tombstone(1, new Headers().add('trace', 'abc')));
    assert.deepEqual(headerPairs(output), [
      ['trace', 'abc'],
      ['__op', 'd'],
    ]);
    assert.deepEqual(output.headers.lastWithName('__op')?.schema, Schemas.STRING);
    assert.equal(output.value, null);
  });
});

describe('ExtractNewRecordState route.by.field', () => {
  const transform = configured({ 'route.by.field': 'region' });

  it('routes creates and updates to the topic named in the after row', () => {
    assert.equal(kept(transform, createEvent()).topic, 'eu');
    assert.equal(kept(transform, updateEvent(ALICE, ALICE_MOVED)).topic, 'us');
  });

  it('routes deletes by the before row, whatever becomes of them', () => {
    assert.equal(kept(transform, deleteEvent(ALICE_MOVED)).topic, 'us');
    assert.equal(kept(configured({ 'route.by.field': 'region', 'delete.tombstone.handling.mode': 'rewrite' }), deleteEvent(ALICE_MOVED)).topic, 'us');
    const tombstoned = kept(configured({ 'route.by.field': 'region', 'delete.tombstone.handling.mode': 'delete-to-tombstone' }), deleteEvent());
    assert.equal(tombstoned.topic, 'eu');
  });

  it('keeps the topic when the column is null or blank', () => {
    assert.equal(kept(transform, createEvent({ ...ALICE, region: null })).topic, TOPIC);
    assert.equal(kept(transform, createEvent({ ...ALICE, region: ' ' })).topic, TOPIC);
  });

  it('fails on a column the row does not have, or one that is not a string', () => {
    assert.throws(() => configured({ 'route.by.field': 'country' }).apply(createEvent()), { message: 'country is not a valid field name' });
    assert.throws(() => configured({ 'route.by.field': 'id' }).apply(createEvent()), { message: "Field 'id' is not of type STRING" });
  });
});

describe('ExtractNewRecordState drop.fields.header.name', () => {
  const dropHeader = (names: unknown) => new Headers().add('drop-fields', names, SchemaBuilder.array(Schemas.STRING).build());

  it('drops the listed optional fields only, by default keeping schemas compatible', () => {
    const output = kept(configured({ 'drop.fields.header.name': 'drop-fields' }), createEvent(ALICE, { headers: dropHeader(['id', 'email']) }));
    const schema = SchemaBuilder.struct()
      .name('cdc.public.customers.Value')
      .field('id', Schemas.INT32)
      .field('region', Schemas.OPTIONAL_STRING)
      .field('tier', ROW_SCHEMA.fields?.[3]?.schema ?? Schemas.OPTIONAL_STRING)
      .build();
    assert.deepEqual(output.valueSchema, schema);
    assert.deepEqual(output.value, new Struct(schema).put('id', 1).put('region', 'eu').put('tier', 'gold'));
  });

  it('drops required fields too when drop.fields.keep.schema.compatible is false', () => {
    const config = { 'drop.fields.header.name': 'drop-fields', 'drop.fields.keep.schema.compatible': 'false' };
    const output = kept(configured(config), createEvent(ALICE, { headers: dropHeader(['id', 'email', 'tier']) }));
    const schema = SchemaBuilder.struct().name('cdc.public.customers.Value').field('region', Schemas.OPTIONAL_STRING).build();
    assert.deepEqual(output.value, new Struct(schema).put('region', 'eu'));
  });

  it('drops from the key as well with drop.fields.from.key, within the same compatibility rule', () => {
    const compatible = kept(
      configured({ 'drop.fields.header.name': 'drop-fields', 'drop.fields.from.key': 'true' }),
      createEvent(ALICE, { headers: dropHeader(['id']) }),
    );
    assert.deepEqual(compatible.key, createEvent().key);
    const incompatible = kept(
      configured({ 'drop.fields.header.name': 'drop-fields', 'drop.fields.from.key': 'true', 'drop.fields.keep.schema.compatible': 'false' }),
      createEvent(ALICE, { headers: dropHeader(['id']) }),
    );
    const emptyKeySchema = SchemaBuilder.struct().name('cdc.public.customers.Key').build();
    assert.deepEqual(incompatible.keySchema, emptyKeySchema);
    assert.deepEqual(incompatible.key, new Struct(emptyKeySchema));
  });

  it('can drop fields that add.fields added', () => {
    const output = kept(
      configured({ 'drop.fields.header.name': 'drop-fields', 'add.fields': 'op,lsn' }),
      createEvent(ALICE, { headers: dropHeader(['__lsn']) }),
    );
    const schema = flatSchema(['__op', Schemas.OPTIONAL_STRING]);
    assert.deepEqual(output.value, flatValue(schema, ALICE, { __op: 'c' }));
  });

  it('changes nothing when the header is missing, null or empty', () => {
    const transform = configured({ 'drop.fields.header.name': 'drop-fields' });
    for (const headers of [new Headers(), dropHeader(null), dropHeader([])]) {
      assert.deepEqual(kept(transform, createEvent(ALICE, { headers })).value, flatValue(flatSchema(), ALICE));
    }
  });
});

describe('ExtractNewRecordState replace.null.with.default', () => {
  const noTier = { ...ALICE, tier: null };
  const rewrittenSchema = flatSchema(['__deleted', DELETED_FIELD_SCHEMA]);

  it('fills null columns with their schema default when rewriting (the default)', () => {
    const output = kept(configured({ 'delete.tombstone.handling.mode': 'rewrite' }), createEvent(noTier));
    assert.deepEqual(output.value, flatValue(rewrittenSchema, { ...ALICE, tier: 'standard' }, { __deleted: 'false' }));
  });

  it('keeps null columns null when rewriting with replace.null.with.default=false', () => {
    const transform = configured({ 'delete.tombstone.handling.mode': 'rewrite', 'replace.null.with.default': 'false' });
    assert.deepEqual(kept(transform, deleteEvent(noTier)).value, flatValue(rewrittenSchema, noTier, { __deleted: 'true' }));
  });
});
