import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas, type Schema } from '../api/data/schema.js';
import { Struct } from '../api/data/struct.js';
import { JsonConverter } from '../converters/json/json-converter.js';
import { CapturedTable, type CapturedColumn } from './captured-table.js';
import { envelopeValue } from './envelope.js';
import { SNAPSHOT_SCHEMA } from './source-info.js';
import { tableId } from './table-id.js';

interface FixtureRecord {
  readonly topic: string;
  readonly key: string | null;
  readonly value: string | null;
}

/** Recorded Debezium 3.2.7 records (JsonConverter, schemas enabled) of one scenario and topic. */
function fixture(scenario: string, topic: string): FixtureRecord[] {
  const text = readFileSync(new URL(`../../test/fixtures/debezium-3.2/postgres-15/${scenario}.jsonl`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FixtureRecord)
    .filter((r) => r.topic === topic);
}

/** io.debezium.connector.postgresql.Source as Debezium 3.2 declares it (PostgresSourceInfoStructMaker). */
const PG_SOURCE_SCHEMA: Schema = SchemaBuilder.struct()
  .name('io.debezium.connector.postgresql.Source')
  .version(1)
  .field('version', Schemas.STRING)
  .field('connector', Schemas.STRING)
  .field('name', Schemas.STRING)
  .field('ts_ms', Schemas.INT64)
  .field('snapshot', SNAPSHOT_SCHEMA)
  .field('db', Schemas.STRING)
  .field('sequence', Schemas.OPTIONAL_STRING)
  .field('ts_us', Schemas.OPTIONAL_INT64)
  .field('ts_ns', Schemas.OPTIONAL_INT64)
  .field('schema', Schemas.STRING)
  .field('table', Schemas.STRING)
  .field('txId', Schemas.OPTIONAL_INT64)
  .field('lsn', Schemas.OPTIONAL_INT64)
  .field('xmin', Schemas.OPTIONAL_INT64)
  .build();

const identity = (raw: unknown) => raw;
const column = (name: string, rowIndex: number, schema: Schema, convert: (raw: unknown) => unknown = identity): CapturedColumn => ({
  name,
  rowIndex,
  mapping: { schema, convert },
});

const ACCOUNTS_ID = column('id', 0, Schemas.INT32);
const ACCOUNTS_NAME = column('name', 1, Schemas.OPTIONAL_STRING);

/** `CREATE TABLE accounts (id integer PRIMARY KEY, name text)` of the pk-update-tombstones scenario. */
function accounts(): CapturedTable {
  return new CapturedTable({
    id: tableId('cap_pk_update_tombstones', 'public', 'accounts'),
    topic: 'cap_pk_update_tombstones.public.accounts',
    schemaNameStem: 'cap_pk_update_tombstones.public.accounts',
    columns: [ACCOUNTS_ID, ACCOUNTS_NAME],
    keyColumns: [ACCOUNTS_ID],
    sourceSchema: PG_SOURCE_SCHEMA,
  });
}

/** `CREATE TABLE composite (a integer, b text, v integer, PRIMARY KEY (a, b))`. */
function composite(): CapturedTable {
  const a = column('a', 0, Schemas.INT32);
  const b = column('b', 1, Schemas.STRING);
  return new CapturedTable({
    id: tableId('cap_pk_update_tombstones', 'public', 'composite'),
    topic: 'cap_pk_update_tombstones.public.composite',
    schemaNameStem: 'cap_pk_update_tombstones.public.composite',
    columns: [a, b, column('v', 2, Schemas.OPTIONAL_INT32)],
    keyColumns: [a, b],
    sourceSchema: PG_SOURCE_SCHEMA,
  });
}

function converter(isKey: boolean, schemasEnable = true): JsonConverter {
  const c = new JsonConverter();
  c.configure({ 'schemas.enable': String(schemasEnable) }, isKey);
  return c;
}

function json(c: JsonConverter, schema: Schema | null, value: unknown): string {
  const bytes = c.fromConnectData('topic', null, schema, value);
  assert.ok(bytes);
  return new TextDecoder().decode(bytes);
}

describe('CapturedTable schemas', () => {
  it('names the key, value and envelope schemas after the stem', () => {
    const table = accounts();
    assert.equal(table.keySchema?.name, 'cap_pk_update_tombstones.public.accounts.Key');
    assert.equal(table.valueSchema.name, 'cap_pk_update_tombstones.public.accounts.Value');
    assert.equal(table.envelopeSchema.name, 'cap_pk_update_tombstones.public.accounts.Envelope');
  });

  it('makes the value schema optional and the key schema required, neither versioned', () => {
    const table = accounts();
    assert.equal(table.valueSchema.optional, true);
    assert.equal(table.valueSchema.version, null);
    assert.equal(table.keySchema?.optional, false);
    assert.equal(table.keySchema?.version, null);
  });

  it('lists the captured columns in table order, with their schemas', () => {
    const table = accounts();
    assert.deepEqual(
      table.valueSchema.fields?.map((f) => [f.name, f.index, f.schema]),
      [
        ['id', 0, Schemas.INT32],
        ['name', 1, Schemas.OPTIONAL_STRING],
      ],
    );
  });

  it('writes the key schema exactly as Debezium does', () => {
    const table = accounts();
    const recorded = fixture('pk-update-tombstones', table.topic)[0];
    assert.ok(recorded);
    assert.equal(json(converter(true), table.keySchema, table.keyOf([1, 'one'])), recorded.key);
  });

  it('writes a composite key in primary key order exactly as Debezium does', () => {
    const table = composite();
    const recorded = fixture('pk-update-tombstones', table.topic)[0];
    assert.ok(recorded);
    assert.equal(json(converter(true), table.keySchema, table.keyOf([1, 'x', 1])), recorded.key);
  });

  it('builds the envelope schema Debezium declares for the table', () => {
    const table = accounts();
    const recorded = fixture('pk-update-tombstones', table.topic)[0];
    assert.ok(recorded?.value);
    const value = envelopeValue({
      schema: table.envelopeSchema,
      op: 'r',
      before: null,
      after: table.valueOf([1, 'one']),
      source: minimalSource(),
      transaction: null,
      nowMicros: 0n,
    });
    // The schema only: the source values are not this test's concern.
    const ours = (JSON.parse(json(converter(false), table.envelopeSchema, value)) as { schema: unknown }).schema;
    const theirs = (JSON.parse(recorded.value) as { schema: unknown }).schema;
    assert.equal(JSON.stringify(ours), JSON.stringify(theirs));
  });

  it('has no key schema for a table without key columns', () => {
    const table = new CapturedTable({
      id: tableId('db', 'public', 'no_pk'),
      topic: 'srv.public.no_pk',
      schemaNameStem: 'srv.public.no_pk',
      columns: [column('a', 0, Schemas.OPTIONAL_INT32), column('b', 1, Schemas.OPTIONAL_STRING)],
      keyColumns: [],
      sourceSchema: PG_SOURCE_SCHEMA,
    });
    assert.equal(table.keySchema, null);
    assert.equal(table.keyOf([1, 'x']), null);
    assert.equal(table.valueOf([1, 'x']).get('b'), 'x');
  });

  it('keeps the key columns in the given key order, which may differ from table order', () => {
    const a = column('a', 0, Schemas.INT32);
    const b = column('b', 1, Schemas.STRING);
    const table = new CapturedTable({
      id: tableId(null, 'public', 't'),
      topic: 'srv.public.t',
      schemaNameStem: 'srv.public.t',
      columns: [a, b],
      keyColumns: [b, a],
      sourceSchema: PG_SOURCE_SCHEMA,
    });
    assert.deepEqual(
      table.keySchema?.fields?.map((f) => f.name),
      ['b', 'a'],
    );
    assert.equal(json(converter(true, false), table.keySchema, table.keyOf([7, 'x'])), '{"b":"x","a":7}');
  });

  it('exposes the table id and topic it was built with', () => {
    const table = accounts();
    assert.deepEqual(table.id, { catalog: 'cap_pk_update_tombstones', schema: 'public', table: 'accounts' });
    assert.equal(table.topic, 'cap_pk_update_tombstones.public.accounts');
  });
});

describe('CapturedTable rows', () => {
  it('converts a row into the value struct Debezium writes', () => {
    const table = accounts();
    const recorded = fixture('pk-update-tombstones', table.topic)[0];
    assert.ok(recorded?.value);
    const after = (JSON.parse(recorded.value) as { payload: { after: unknown } }).payload.after;
    assert.equal(json(converter(false, false), table.valueSchema, table.valueOf([1, 'one'])), JSON.stringify(after));
  });

  it('reads each column from its row index, skipping columns that are not captured', () => {
    // A raw row of (id, secret, name) with `secret` excluded by column.exclude.list.
    const id = column('id', 0, Schemas.INT32);
    const table = new CapturedTable({
      id: tableId(null, 'public', 't'),
      topic: 'srv.public.t',
      schemaNameStem: 'srv.public.t',
      columns: [id, column('name', 2, Schemas.OPTIONAL_STRING)],
      keyColumns: [id],
      sourceSchema: PG_SOURCE_SCHEMA,
    });
    const value = table.valueOf([5, 'hidden', 'visible']);
    assert.deepEqual(
      table.valueSchema.fields?.map((f) => f.name),
      ['id', 'name'],
    );
    assert.equal(value.get('id'), 5);
    assert.equal(value.get('name'), 'visible');
    assert.equal(json(converter(false, false), table.valueSchema, value), '{"id":5,"name":"visible"}');
  });

  it("applies each column's converter to the raw value, in the key and in the value", () => {
    const id = column('id', 0, Schemas.INT64, (raw) => BigInt(raw as string));
    const table = new CapturedTable({
      id: tableId(null, 'public', 't'),
      topic: 'srv.public.t',
      schemaNameStem: 'srv.public.t',
      columns: [id, column('flag', 1, Schemas.OPTIONAL_BOOLEAN, (raw) => raw === 't')],
      keyColumns: [id],
      sourceSchema: PG_SOURCE_SCHEMA,
    });
    assert.equal(json(converter(false, false), table.valueSchema, table.valueOf(['9007199254740993', 't'])), '{"id":9007199254740993,"flag":true}');
    assert.equal(json(converter(true, false), table.keySchema, table.keyOf(['9007199254740993', 't'])), '{"id":9007199254740993}');
  });

  it('gives null for a null value of an optional column', () => {
    const table = accounts();
    const value = table.valueOf([3, null]);
    assert.equal(value.get('name'), null);
    assert.equal(json(converter(false, false), table.valueSchema, value), '{"id":3,"name":null}');
  });

  it('builds a new struct per call', () => {
    const table = accounts();
    const first = table.valueOf([1, 'a']);
    const second = table.valueOf([2, 'b']);
    assert.notEqual(first, second);
    assert.equal(first.get('id'), 1);
    assert.equal(second.get('id'), 2);
    assert.equal(first.schema, table.valueSchema);
    assert.equal(table.keyOf([1, 'a'])?.schema, table.keySchema);
  });

  it('produces structs that validate against their schemas', () => {
    const table = composite();
    table.valueOf([1, 'x', null]).validate();
    table.keyOf([1, 'x', null])?.validate();
  });
});

/** A valid source struct (values are not what these tests look at). */
function minimalSource(): Struct {
  return new Struct(PG_SOURCE_SCHEMA)
    .put('version', '3.2.7.Final')
    .put('connector', 'postgresql')
    .put('name', 'srv')
    .put('ts_ms', 0)
    .put('db', 'db')
    .put('schema', 'public')
    .put('table', 'accounts');
}
