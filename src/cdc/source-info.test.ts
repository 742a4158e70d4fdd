import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Schemas, type Schema } from '../api/data/schema.js';
import { JsonConverter } from '../converters/json/json-converter.js';
import { SNAPSHOT_MARKERS, SNAPSHOT_SCHEMA, sourceInfoSchema, sourceInfoValue, type SnapshotMarker } from './source-info.js';

interface FixtureRecord {
  readonly topic: string;
  readonly offset: number;
  readonly value: string | null;
}

interface RecordedSource {
  readonly schema: { readonly fields: ReadonlyArray<{ readonly field: string }> };
  readonly payload: Readonly<Record<string, unknown>>;
}

/** The `source` field schema and payload of one recorded Debezium 3.2.7 envelope. */
function recordedSource(scenario: string, topic: string, offset: number): RecordedSource {
  const text = readFileSync(new URL(`../../test/fixtures/debezium-3.2/postgres-15/${scenario}.jsonl`, import.meta.url), 'utf8');
  const record = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FixtureRecord)
    .find((r) => r.topic === topic && r.offset === offset);
  assert.ok(record?.value);
  const envelope = JSON.parse(record.value) as {
    schema: { fields: Array<{ field: string } & RecordedSource['schema']> };
    payload: { source: Readonly<Record<string, unknown>> };
  };
  const schema = envelope.schema.fields.find((f) => f.field === 'source');
  assert.ok(schema);
  return { schema, payload: envelope.payload.source };
}

const PG_EXTRA: ReadonlyArray<readonly [string, Schema]> = [
  ['schema', Schemas.STRING],
  ['table', Schemas.STRING],
  ['txId', Schemas.OPTIONAL_INT64],
  ['lsn', Schemas.OPTIONAL_INT64],
  ['xmin', Schemas.OPTIONAL_INT64],
];
const PG_SOURCE = sourceInfoSchema('io.debezium.connector.postgresql.Source', PG_EXTRA);
const COMMON = { version: '3.2.7.Final', connector: 'postgresql', name: 'cap_pk_update_tombstones', db: 'cap_pk_update_tombstones' };

function json(schema: Schema, value: unknown, schemasEnable: boolean): string {
  const converter = new JsonConverter();
  converter.configure({ 'schemas.enable': String(schemasEnable) }, false);
  const bytes = converter.fromConnectData('topic', null, schema, value);
  assert.ok(bytes);
  return new TextDecoder().decode(bytes);
}

describe('SNAPSHOT_MARKERS and SNAPSHOT_SCHEMA', () => {
  it("lists SnapshotRecord's values in Debezium's enum order", () => {
    assert.deepEqual(SNAPSHOT_MARKERS, ['true', 'first', 'first_in_data_collection', 'last_in_data_collection', 'last', 'false', 'incremental']);
  });

  it('is the optional io.debezium.data.Enum, version 1, defaulting to "false"', () => {
    assert.equal(SNAPSHOT_SCHEMA.type, 'string');
    assert.equal(SNAPSHOT_SCHEMA.name, 'io.debezium.data.Enum');
    assert.equal(SNAPSHOT_SCHEMA.version, 1);
    assert.equal(SNAPSHOT_SCHEMA.optional, true);
    assert.equal(SNAPSHOT_SCHEMA.defaultValue, 'false');
    assert.deepEqual(SNAPSHOT_SCHEMA.parameters, { allowed: 'true,first,first_in_data_collection,last_in_data_collection,last,false,incremental' });
  });

  it('is written as in the recorded source blocks', () => {
    const theirs = recordedSource('pk-update-tombstones', 'cap_pk_update_tombstones.public.accounts', 0).schema.fields.find((f) => f.field === 'snapshot');
    const ours = JSON.parse(json(SNAPSHOT_SCHEMA, 'first', true)) as { schema: Record<string, unknown> };
    assert.equal(JSON.stringify({ ...ours.schema, field: 'snapshot' }), JSON.stringify(theirs));
  });
});

describe('sourceInfoSchema', () => {
  it('is a required struct with the given name', () => {
    assert.equal(PG_SOURCE.type, 'struct');
    assert.equal(PG_SOURCE.optional, false);
    assert.equal(PG_SOURCE.name, 'io.debezium.connector.postgresql.Source');
  });

  it("has the common fields of SchemaFactory.sourceInfoSchemaBuilder, then the connector's own", () => {
    assert.deepEqual(
      PG_SOURCE.fields?.map((f) => [f.name, f.schema]),
      [
        ['version', Schemas.STRING],
        ['connector', Schemas.STRING],
        ['name', Schemas.STRING],
        ['ts_ms', Schemas.INT64],
        ['snapshot', SNAPSHOT_SCHEMA],
        ['db', Schemas.STRING],
        ['sequence', Schemas.OPTIONAL_STRING],
        ['ts_us', Schemas.OPTIONAL_INT64],
        ['ts_ns', Schemas.OPTIONAL_INT64],
        ['schema', Schemas.STRING],
        ['table', Schemas.STRING],
        ['txId', Schemas.OPTIONAL_INT64],
        ['lsn', Schemas.OPTIONAL_INT64],
        ['xmin', Schemas.OPTIONAL_INT64],
      ],
    );
  });

  it("writes the fields of PostgreSQL's source block exactly as Debezium does", () => {
    const value = sourceInfoValue(PG_SOURCE, COMMON, { commitMicros: 0n, snapshot: 'first', sequence: null, extra: ['public', 'accounts', 0, 0, null] });
    const ours = (JSON.parse(json(PG_SOURCE, value, true)) as { schema: { fields: unknown } }).schema.fields;
    const theirs = recordedSource('pk-update-tombstones', 'cap_pk_update_tombstones.public.accounts', 0).schema.fields;
    assert.equal(JSON.stringify(ours), JSON.stringify(theirs));
  });

  it('has only the common fields without connector extras', () => {
    const schema = sourceInfoSchema('io.debezium.connector.test.Source', []);
    assert.equal(schema.fields?.length, 9);
    assert.equal(schema.fields?.at(-1)?.name, 'ts_ns');
  });

  it("appends another connector's extras in the order given (MySQL)", () => {
    const schema = sourceInfoSchema('io.debezium.connector.mysql.Source', [
      ['table', Schemas.OPTIONAL_STRING],
      ['server_id', Schemas.INT64],
      ['gtid', Schemas.OPTIONAL_STRING],
      ['file', Schemas.STRING],
      ['pos', Schemas.INT64],
    ]);
    assert.deepEqual(
      schema.fields?.slice(9).map((f) => f.name),
      ['table', 'server_id', 'gtid', 'file', 'pos'],
    );
    assert.deepEqual(
      schema.fields?.slice(9).map((f) => f.index),
      [9, 10, 11, 12, 13],
    );
  });
});

describe('sourceInfoValue', () => {
  it('writes a snapshot event source block exactly as Debezium does', () => {
    const value = sourceInfoValue(PG_SOURCE, COMMON, { commitMicros: 0n, snapshot: 'first', sequence: '[null,"~"]', extra: ['public', 'accounts', 0, 0, null] });
    const theirs = recordedSource('pk-update-tombstones', 'cap_pk_update_tombstones.public.accounts', 0).payload;
    assert.equal(json(PG_SOURCE, value, false), JSON.stringify(theirs));
  });

  it('writes a streaming event source block exactly as Debezium does (JsonConverter defaults)', () => {
    const theirs = recordedSource('pk-update-tombstones', 'cap_pk_update_tombstones.public.accounts', 1).payload;
    assert.equal(theirs['snapshot'], 'false');
    const value = sourceInfoValue(PG_SOURCE, COMMON, { commitMicros: 0n, snapshot: 'false', sequence: theirs['sequence'] as string, extra: ['public', 'accounts', 0, 0, null] });
    assert.equal(json(PG_SOURCE, value, false), JSON.stringify(theirs));
  });

  it('derives ts_ms, ts_us and ts_ns from the source time in microseconds', () => {
    const value = sourceInfoValue(PG_SOURCE, COMMON, { commitMicros: 1_700_000_000_123_456n, snapshot: 'false', sequence: null, extra: ['public', 'accounts', 571, 23456, null] });
    assert.equal(value.get('ts_ms'), 1_700_000_000_123);
    assert.equal(value.get('ts_us'), 1_700_000_000_123_456);
    assert.equal(value.get('ts_ns'), 1_700_000_000_123_456_000n);
    assert.match(json(PG_SOURCE, value, false), /"ts_ms":1700000000123,.*"ts_us":1700000000123456,"ts_ns":1700000000123456000,/);
  });

  it('fills the common fields and the extras in schema order', () => {
    const value = sourceInfoValue(PG_SOURCE, COMMON, { commitMicros: 0n, snapshot: 'last', sequence: '["1","2"]', extra: ['inventory', 'orders', 571, 23456, 12] });
    assert.equal(value.get('version'), '3.2.7.Final');
    assert.equal(value.get('connector'), 'postgresql');
    assert.equal(value.get('name'), 'cap_pk_update_tombstones');
    assert.equal(value.get('db'), 'cap_pk_update_tombstones');
    assert.equal(value.get('snapshot'), 'last');
    assert.equal(value.get('sequence'), '["1","2"]');
    assert.equal(value.get('schema'), 'inventory');
    assert.equal(value.get('table'), 'orders');
    assert.equal(value.get('txId'), 571);
    assert.equal(value.get('lsn'), 23456);
    assert.equal(value.get('xmin'), 12);
    value.validate();
  });

  it('accepts every snapshot marker', () => {
    for (const marker of SNAPSHOT_MARKERS) {
      const value = sourceInfoValue(PG_SOURCE, COMMON, { commitMicros: 0n, snapshot: marker satisfies SnapshotMarker, sequence: null, extra: ['public', 't', null, null, null] });
      value.validate();
      assert.match(json(PG_SOURCE, value, false), new RegExp(`"snapshot":"${marker}"`));
    }
  });

  it('leaves sequence and the optional extras null when not known', () => {
    const value = sourceInfoValue(PG_SOURCE, COMMON, { commitMicros: 0n, snapshot: 'incremental', sequence: null, extra: ['public', 't', null, null, null] });
    assert.equal(value.get('sequence'), null);
    assert.equal(value.get('txId'), null);
    assert.equal(value.get('lsn'), null);
    assert.equal(value.get('xmin'), null);
  });
});
