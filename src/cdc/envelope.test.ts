import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas, type Schema } from '../api/data/schema.js';
import { Struct } from '../api/data/struct.js';
import { JsonConverter } from '../converters/json/json-converter.js';
import { ENVELOPE_SCHEMA_VERSION, TRANSACTION_BLOCK_SCHEMA, envelopeSchema, envelopeValue, nowMicros, transactionBlock } from './envelope.js';
import { SNAPSHOT_SCHEMA } from './source-info.js';

interface FixtureRecord {
  readonly topic: string;
  readonly offset: number;
  readonly key: string | null;
  readonly value: string | null;
}

function fixture(scenario: string): FixtureRecord[] {
  const text = readFileSync(new URL(`../../test/fixtures/debezium-3.2/postgres-15/${scenario}.jsonl`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FixtureRecord);
}

function recorded(scenario: string, topic: string, offset: number): string {
  const record = fixture(scenario).find((r) => r.topic === topic && r.offset === offset);
  assert.ok(record?.value, `${scenario} ${topic}@${offset}`);
  return record.value;
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

const ACCOUNTS_VALUE: Schema = SchemaBuilder.struct()
  .name('cap_pk_update_tombstones.public.accounts.Value')
  .optional()
  .field('id', Schemas.INT32)
  .field('name', Schemas.OPTIONAL_STRING)
  .build();

const ACCOUNTS_ENVELOPE = envelopeSchema('cap_pk_update_tombstones.public.accounts.Envelope', ACCOUNTS_VALUE, PG_SOURCE_SCHEMA);

/** The normalised source block of the recorded events (clock readings, txId and lsn zeroed). */
function source(snapshot: string, sequence: string): Struct {
  return new Struct(PG_SOURCE_SCHEMA)
    .put('version', '3.2.7.Final')
    .put('connector', 'postgresql')
    .put('name', 'cap_pk_update_tombstones')
    .put('ts_ms', 0)
    .put('snapshot', snapshot)
    .put('db', 'cap_pk_update_tombstones')
    .put('sequence', sequence)
    .put('ts_us', 0)
    .put('ts_ns', 0)
    .put('schema', 'public')
    .put('table', 'accounts')
    .put('txId', 0)
    .put('lsn', 0)
    .put('xmin', null);
}

const row = (id: number, name: string | null) => new Struct(ACCOUNTS_VALUE).put('id', id).put('name', name);

function valueJson(schema: Schema, value: unknown, schemasEnable = true): string {
  const converter = new JsonConverter();
  converter.configure({ 'schemas.enable': String(schemasEnable) }, false);
  const bytes = converter.fromConnectData('topic', null, schema, value);
  assert.ok(bytes);
  return new TextDecoder().decode(bytes);
}

describe('envelopeSchema', () => {
  it('declares schema version 2', () => {
    assert.equal(ENVELOPE_SCHEMA_VERSION, 2);
    assert.equal(ACCOUNTS_ENVELOPE.version, 2);
  });

  it('is a required struct named as given', () => {
    assert.equal(ACCOUNTS_ENVELOPE.type, 'struct');
    assert.equal(ACCOUNTS_ENVELOPE.optional, false);
    assert.equal(ACCOUNTS_ENVELOPE.name, 'cap_pk_update_tombstones.public.accounts.Envelope');
    assert.equal(ACCOUNTS_ENVELOPE.doc, null);
  });

  it('has before, after, source, transaction, op, ts_ms, ts_us, ts_ns in that order', () => {
    assert.deepEqual(
      ACCOUNTS_ENVELOPE.fields?.map((f) => f.name),
      ['before', 'after', 'source', 'transaction', 'op', 'ts_ms', 'ts_us', 'ts_ns'],
    );
  });

  it('uses the row schema for before and after, and the given source schema', () => {
    const [before, after, src] = ACCOUNTS_ENVELOPE.fields ?? [];
    assert.equal(before?.schema, ACCOUNTS_VALUE);
    assert.equal(after?.schema, ACCOUNTS_VALUE);
    assert.equal(src?.schema, PG_SOURCE_SCHEMA);
  });

  it('makes op a required string and the timestamps optional int64', () => {
    const byName = new Map(ACCOUNTS_ENVELOPE.fields?.map((f) => [f.name, f.schema]));
    assert.equal(byName.get('op'), Schemas.STRING);
    assert.equal(byName.get('ts_ms'), Schemas.OPTIONAL_INT64);
    assert.equal(byName.get('ts_us'), Schemas.OPTIONAL_INT64);
    assert.equal(byName.get('ts_ns'), Schemas.OPTIONAL_INT64);
    assert.equal(byName.get('transaction'), TRANSACTION_BLOCK_SCHEMA);
  });

  it('writes the schema Debezium 3.2 writes', () => {
    const value = envelopeValue({
      schema: ACCOUNTS_ENVELOPE,
      op: 'r',
      before: null,
      after: row(1, 'one'),
      source: source('first', '[null,"~"]'),
      transaction: null,
      nowMicros: 0n,
    });
    const ours = (JSON.parse(valueJson(ACCOUNTS_ENVELOPE, value)) as { schema: unknown }).schema;
    const theirs = (JSON.parse(recorded('pk-update-tombstones', 'cap_pk_update_tombstones.public.accounts', 0)) as { schema: unknown }).schema;
    assert.equal(JSON.stringify(ours), JSON.stringify(theirs));
  });
});

describe('TRANSACTION_BLOCK_SCHEMA', () => {
  it('is the optional event.block struct, version 1, with id, total_order, data_collection_order', () => {
    assert.equal(TRANSACTION_BLOCK_SCHEMA.name, 'event.block');
    assert.equal(TRANSACTION_BLOCK_SCHEMA.version, 1);
    assert.equal(TRANSACTION_BLOCK_SCHEMA.optional, true);
    assert.deepEqual(
      TRANSACTION_BLOCK_SCHEMA.fields?.map((f) => [f.name, f.schema]),
      [
        ['id', Schemas.STRING],
        ['total_order', Schemas.INT64],
        ['data_collection_order', Schemas.INT64],
      ],
    );
  });

  it('is written as in the recorded envelopes', () => {
    const value = JSON.parse(recorded('pk-update-tombstones', 'cap_pk_update_tombstones.public.accounts', 0)) as {
      schema: { fields: Array<{ field: string }> };
    };
    const theirs = value.schema.fields.find((f) => f.field === 'transaction');
    const block = transactionBlock({ id: '571:23456', totalOrder: 1, dataCollectionOrder: 1 });
    const ours = JSON.parse(valueJson(TRANSACTION_BLOCK_SCHEMA, block)) as { schema: Record<string, unknown> };
    assert.equal(JSON.stringify({ ...ours.schema, field: 'transaction' }), JSON.stringify(theirs));
  });
});

describe('transactionBlock', () => {
  it('fills id, total_order and data_collection_order', () => {
    const block = transactionBlock({ id: '571:23456', totalOrder: 3, dataCollectionOrder: 2 });
    assert.equal(block.schema, TRANSACTION_BLOCK_SCHEMA);
    block.validate();
    assert.equal(valueJson(TRANSACTION_BLOCK_SCHEMA, block, false), '{"id":"571:23456","total_order":3,"data_collection_order":2}');
  });
});

describe('envelopeValue', () => {
  it('writes a snapshot read exactly as Debezium 3.2 does', () => {
    const value = envelopeValue({
      schema: ACCOUNTS_ENVELOPE,
      op: 'r',
      before: null,
      after: row(1, 'one'),
      source: source('first', '[null,"~"]'),
      transaction: null,
      nowMicros: 0n,
    });
    assert.equal(valueJson(ACCOUNTS_ENVELOPE, value), recorded('pk-update-tombstones', 'cap_pk_update_tombstones.public.accounts', 0));
  });

  it('writes an update (before and after) exactly as Debezium 3.2 does', () => {
    const theirs = recorded('pk-update-tombstones', 'cap_pk_update_tombstones.public.accounts', 5);
    const src = (JSON.parse(theirs) as { payload: { source: { sequence: string } } }).payload.source;
    const value = envelopeValue({
      schema: ACCOUNTS_ENVELOPE,
      op: 'u',
      before: null,
      after: row(10, 'ten'),
      source: source('false', src.sequence),
      transaction: null,
      nowMicros: 0n,
    });
    assert.equal(valueJson(ACCOUNTS_ENVELOPE, value), theirs);
  });

  it('writes a delete (before only) exactly as Debezium 3.2 does', () => {
    const theirs = recorded('pk-update-tombstones', 'cap_pk_update_tombstones.public.accounts', 6);
    const src = (JSON.parse(theirs) as { payload: { source: { sequence: string } } }).payload.source;
    const value = envelopeValue({
      schema: ACCOUNTS_ENVELOPE,
      op: 'd',
      before: row(10, null),
      after: null,
      source: source('false', src.sequence),
      transaction: null,
      nowMicros: 0n,
    });
    assert.equal(valueJson(ACCOUNTS_ENVELOPE, value), theirs);
  });

  it('derives ts_ms, ts_us and ts_ns from one clock reading in microseconds', () => {
    const value = envelopeValue({
      schema: ACCOUNTS_ENVELOPE,
      op: 'c',
      before: null,
      after: row(1, 'one'),
      source: source('false', '[null,"1"]'),
      transaction: null,
      nowMicros: 1_700_000_000_123_456n,
    });
    const payload = valueJson(ACCOUNTS_ENVELOPE, value, false);
    assert.match(payload, /"op":"c","ts_ms":1700000000123,"ts_us":1700000000123456,"ts_ns":1700000000123456000}$/);
    value.validate();
  });

  it('puts the transaction block when the event belongs to a transaction', () => {
    const value = envelopeValue({
      schema: ACCOUNTS_ENVELOPE,
      op: 'c',
      before: null,
      after: row(1, 'one'),
      source: source('false', '[null,"1"]'),
      transaction: { id: '571:23456', totalOrder: 2, dataCollectionOrder: 1 },
      nowMicros: 0n,
    });
    const block = value.get('transaction') as Struct;
    assert.equal(block.schema, TRANSACTION_BLOCK_SCHEMA);
    assert.match(valueJson(ACCOUNTS_ENVELOPE, value, false), /"transaction":\{"id":"571:23456","total_order":2,"data_collection_order":1\},"op":"c"/);
  });

  it('writes a truncate with neither before nor after', () => {
    const value = envelopeValue({
      schema: ACCOUNTS_ENVELOPE,
      op: 't',
      before: null,
      after: null,
      source: source('false', '[null,"1"]'),
      transaction: null,
      nowMicros: 0n,
    });
    assert.equal(value.get('before'), null);
    assert.equal(value.get('after'), null);
    assert.equal(value.get('op'), 't');
    value.validate();
  });
});

describe('nowMicros', () => {
  it('reads the wall clock in microseconds', () => {
    const before = BigInt(Date.now()) * 1000n;
    const now = nowMicros();
    const after = (BigInt(Date.now()) + 1n) * 1000n;
    assert.equal(typeof now, 'bigint');
    assert.ok(now >= before && now < after, `${now} not within [${before}, ${after})`);
  });
});
