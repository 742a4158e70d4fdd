import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Schemas } from '../../api/data/schema.js';
import { Headers } from '../../api/headers.js';
import type { ConnectRecord } from '../../api/record.js';
import {
  ALICE,
  ALICE_MOVED,
  DELETED_FIELD_SCHEMA,
  ROW_SCHEMA,
  SOURCE_TS_MS,
  configured,
  createEvent,
  deleteEvent,
  flatSchema,
  flatValue,
  kept,
  readEvent,
  tombstone,
  truncateEvent,
  updateEvent,
} from './test/envelopes.js';

/** One of each kind of record a Debezium table topic carries. */
function stream(): ConnectRecord[] {
  return [readEvent(), createEvent(), updateEvent(), deleteEvent(), tombstone(), truncateEvent()];
}

function outputs(config: Record<string, string>): Array<ConnectRecord | null> {
  const transform = configured(config);
  return stream().map((record) => transform.apply(record));
}

describe('ExtractNewRecordState deprecated drop.tombstones and delete.handling.mode', () => {
  const equivalents: Array<[Record<string, string>, string]> = [
    [{ 'delete.handling.mode': 'drop', 'drop.tombstones': 'true' }, 'drop'],
    [{ 'delete.handling.mode': 'none', 'drop.tombstones': 'true' }, 'tombstone'],
    [{ 'delete.handling.mode': 'rewrite', 'drop.tombstones': 'true' }, 'rewrite'],
    [{ 'delete.handling.mode': 'rewrite', 'drop.tombstones': 'false' }, 'rewrite-with-tombstone'],
    [{ 'delete.handling.mode': 'rewrite' }, 'rewrite'],
    [{ 'drop.tombstones': 'true' }, 'drop'],
  ];

  for (const [legacy, mode] of equivalents) {
    it(`${JSON.stringify(legacy)} gives the same records as delete.tombstone.handling.mode=${mode}`, () => {
      const extras = { 'add.fields': 'op,source.ts_ms', 'add.headers': 'op' };
      assert.deepEqual(outputs({ ...legacy, ...extras }), outputs({ 'delete.tombstone.handling.mode': mode, ...extras }));
    });
  }

  it('delete.handling.mode=drop with drop.tombstones=false drops deletes but keeps tombstones', () => {
    const configs: Array<Record<string, string>> = [{ 'delete.handling.mode': 'drop', 'drop.tombstones': 'false' }, { 'drop.tombstones': 'false' }];
    for (const config of configs) {
      const transform = configured(config);
      assert.equal(transform.apply(deleteEvent()), null);
      const input = tombstone();
      assert.equal(transform.apply(input), input);
    }
  });

  it('delete.handling.mode=none with drop.tombstones=false keeps deletes as null values and keeps tombstones', () => {
    const transform = configured({ 'delete.handling.mode': 'none', 'drop.tombstones': 'false' });
    const output = kept(transform, deleteEvent());
    assert.equal(output.value, null);
    assert.deepEqual(output.valueSchema, ROW_SCHEMA);
    const input = tombstone();
    assert.equal(transform.apply(input), input);
  });

  it('reads the deprecated mode case-insensitively', () => {
    assert.deepEqual(outputs({ 'delete.handling.mode': 'REWRITE' }), outputs({ 'delete.tombstone.handling.mode': 'rewrite' }));
  });

  it('lets delete.tombstone.handling.mode win over the deprecated options', () => {
    const config = { 'delete.tombstone.handling.mode': 'drop', 'delete.handling.mode': 'rewrite', 'drop.tombstones': 'false' };
    assert.deepEqual(outputs(config), outputs({ 'delete.tombstone.handling.mode': 'drop' }));
  });

  it('rejects invalid deprecated values', () => {
    assert.throws(() => configured({ 'delete.handling.mode': 'keep' }), {
      name: 'ConfigError',
      message: 'Invalid value keep for configuration delete.handling.mode: String must be one of (case insensitive): none, drop, rewrite',
    });
    assert.throws(() => configured({ 'drop.tombstones': 'maybe' }), {
      name: 'ConfigError',
      message: 'Invalid value maybe for configuration drop.tombstones: Expected value to be either true or false',
    });
  });
});

describe('ExtractNewRecordState with the guide configuration (drop.tombstones=false, delete.handling.mode=rewrite, add.fields=op,source.ts_ms)', () => {
  const guideConfig = { 'drop.tombstones': 'false', 'delete.handling.mode': 'rewrite', 'add.fields': 'op,source.ts_ms' };
  const schema = flatSchema(['__deleted', DELETED_FIELD_SCHEMA], ['__op', Schemas.OPTIONAL_STRING], ['__source_ts_ms', Schemas.OPTIONAL_INT64]);

  it('flattens reads, creates and updates with __deleted "false", __op and __source_ts_ms', () => {
    const transform = configured(guideConfig);
    assert.deepEqual(kept(transform, readEvent()).valueSchema, schema);
    assert.deepEqual(kept(transform, readEvent()).value, flatValue(schema, ALICE, { __deleted: 'false', __op: 'r', __source_ts_ms: SOURCE_TS_MS }));
    assert.deepEqual(kept(transform, createEvent()).value, flatValue(schema, ALICE, { __deleted: 'false', __op: 'c', __source_ts_ms: SOURCE_TS_MS }));
    assert.deepEqual(
      kept(transform, updateEvent(ALICE, ALICE_MOVED)).value,
      flatValue(schema, ALICE_MOVED, { __deleted: 'false', __op: 'u', __source_ts_ms: SOURCE_TS_MS }),
    );
  });

  it('rewrites deletes to the before row with __deleted "true" and __op "d", and keeps the tombstone that follows', () => {
    const transform = configured(guideConfig);
    const deleted = kept(transform, deleteEvent());
    assert.deepEqual(deleted.valueSchema, schema);
    assert.deepEqual(deleted.value, flatValue(schema, ALICE, { __deleted: 'true', __op: 'd', __source_ts_ms: SOURCE_TS_MS }));
    const input = tombstone(1, new Headers());
    assert.equal(transform.apply(input), input);
  });

  it('behaves exactly like delete.tombstone.handling.mode=rewrite-with-tombstone', () => {
    assert.deepEqual(
      outputs(guideConfig),
      outputs({ 'delete.tombstone.handling.mode': 'rewrite-with-tombstone', 'add.fields': 'op,source.ts_ms' }),
    );
  });
});
