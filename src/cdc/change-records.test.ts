import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas, type Schema } from '../api/data/schema.js';
import { Struct } from '../api/data/struct.js';
import type { SourceRecord } from '../api/record.js';
import { JsonConverter } from '../converters/json/json-converter.js';
import { SimpleHeaderConverter } from '../converters/simple-header-converter.js';
import { CapturedTable, type CapturedColumn } from './captured-table.js';
import { TransactionTracker } from './transactions.js';
import { ChangeRecordBuilder, NEW_KEY_HEADER, contextHeaders, OLD_KEY_HEADER, skippedOperations, type RowChange, type SkippableOperation } from './change-records.js';
import { TRANSACTION_BLOCK_SCHEMA } from './envelope.js';
import { SNAPSHOT_SCHEMA } from './source-info.js';
import { tableId } from './table-id.js';

// ---------------------------------------------------------------------------------------------------------
// Recorded Debezium 3.2.7 events and the tables they came from

interface FixtureRecord {
  readonly topic: string;
  readonly offset: number;
  readonly headers: ReadonlyArray<{ readonly key: string; readonly value: unknown }>;
  readonly key: string | null;
  readonly value: string | null;
}

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

/** The source struct of a recorded envelope (already normalised: clocks, txId and lsn are 0). */
function recordedSource(record: FixtureRecord | undefined): Struct {
  assert.ok(record?.value);
  const source = (JSON.parse(record.value) as { payload: { source: Record<string, unknown> } }).payload.source;
  const struct = new Struct(PG_SOURCE_SCHEMA);
  for (const field of PG_SOURCE_SCHEMA.fields ?? []) struct.put(field, source[field.name] ?? null);
  return struct;
}

const column = (name: string, rowIndex: number, schema: Schema): CapturedColumn => ({ name, rowIndex, mapping: { schema, convert: (raw) => raw } });

function table(prefix: string, name: string, columns: CapturedColumn[], keyColumns: CapturedColumn[]): CapturedTable {
  return new CapturedTable({
    id: tableId(prefix, 'public', name),
    topic: `${prefix}.public.${name}`,
    schemaNameStem: `${prefix}.public.${name}`,
    columns,
    keyColumns,
    sourceSchema: PG_SOURCE_SCHEMA,
  });
}

/** `accounts (id integer PRIMARY KEY, name text)`. */
function accounts(prefix = 'cap_pk_update_tombstones'): CapturedTable {
  const id = column('id', 0, Schemas.INT32);
  return table(prefix, 'accounts', [id, column('name', 1, Schemas.OPTIONAL_STRING)], [id]);
}

/** `composite (a integer, b text, v integer, PRIMARY KEY (a, b))`. */
function composite(prefix: string): CapturedTable {
  const a = column('a', 0, Schemas.INT32);
  const b = column('b', 1, Schemas.STRING);
  return table(prefix, 'composite', [a, b, column('v', 2, Schemas.OPTIONAL_INT32)], [a, b]);
}

/** `no_pk_full (a integer, b text)` with REPLICA IDENTITY FULL. */
function keyless(): CapturedTable {
  return table('cap_keyless', 'no_pk_full', [column('a', 0, Schemas.OPTIONAL_INT32), column('b', 1, Schemas.OPTIONAL_STRING)], []);
}

// ---------------------------------------------------------------------------------------------------------
// Serialisation as a Kafka Connect worker with JsonConverter and SimpleHeaderConverter would do it

const keyConverter = new JsonConverter();
keyConverter.configure({}, true);
const valueConverter = new JsonConverter();
valueConverter.configure({}, false);
const headerConverter = new SimpleHeaderConverter();

function text(bytes: Uint8Array | null): string | null {
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

/** The record value as JsonConverter writes it, with the envelope's processing time zeroed as in the fixtures. */
function valueText(record: SourceRecord): string | null {
  const json = text(valueConverter.fromConnectData(record.topic, null, record.valueSchema, record.value));
  return json === null ? null : json.replace(/"ts_ms":\d+,"ts_us":\d+,"ts_ns":\d+\}\}$/, '"ts_ms":0,"ts_us":0,"ts_ns":0}}');
}

function keyText(record: SourceRecord): string | null {
  return text(keyConverter.fromConnectData(record.topic, null, record.keySchema, record.key));
}

function headerTexts(record: SourceRecord): Array<{ key: string; value: string | null }> {
  return [...record.headers].map((h) => ({ key: h.key, value: text(headerConverter.fromConnectHeader(record.topic, h.key, h.schema, h.value)) }));
}

// ---------------------------------------------------------------------------------------------------------

const PARTITION = { server: 'srv' };
const OFFSET = { lsn: 1234, txId: 571 };

function builder(options: { tombstones?: boolean; skipped?: SkippableOperation[] } = {}): ChangeRecordBuilder {
  return new ChangeRecordBuilder({ tombstonesOnDelete: options.tombstones ?? true, skippedOperations: new Set(options.skipped ?? []) });
}

function streamingSource(t: CapturedTable): Struct {
  return new Struct(PG_SOURCE_SCHEMA)
    .put('version', '3.2.7.Final')
    .put('connector', 'postgresql')
    .put('name', 'srv')
    .put('ts_ms', 1_700_000_000_000)
    .put('db', 'db')
    .put('schema', t.id.schema)
    .put('table', t.id.table);
}

function change(t: CapturedTable, op: RowChange['op'], before: unknown[] | null, after: unknown[] | null, transaction: RowChange['transaction'] = null): RowChange {
  return { op, table: t, before, after, source: streamingSource(t), partition: PARTITION, offset: OFFSET, transaction };
}

function emit(b: ChangeRecordBuilder, ...changes: RowChange[]): SourceRecord[] {
  const out: SourceRecord[] = [];
  for (const c of changes) b.rowChange(c, out);
  return out;
}

const envelope = (record: SourceRecord | undefined) => record?.value as Struct;
const op = (record: SourceRecord | undefined) => (record?.value === null ? 'tombstone' : envelope(record).get('op'));

interface Step {
  readonly op: RowChange['op'];
  readonly before: unknown[] | null;
  readonly after: unknown[] | null;
  /** The offset of the recorded event whose source block this change carries. */
  readonly sourceOf: number;
}

/** Debezium's extended headers for a recorded scenario: its topic.prefix, task 0, the postgresql plugin. */
const recordedContext = (t: CapturedTable) => contextHeaders(t.topic.split('.')[0] as string, '0', 'postgresql');

/** Builds the records of `steps` and compares them with the recorded ones, record by record, headers included. */
function assertReplays(scenario: string, t: CapturedTable, steps: Step[], tombstonesOnDelete: boolean): void {
  const recorded = fixture(scenario, t.topic);
  const b = new ChangeRecordBuilder({ tombstonesOnDelete, skippedOperations: new Set(), contextHeaders: recordedContext(t) });
  const ours: SourceRecord[] = [];
  for (const step of steps) {
    b.rowChange({ ...change(t, step.op, step.before, step.after), source: recordedSource(recorded[step.sourceOf]) }, ours);
  }
  assert.equal(ours.length, recorded.length);
  ours.forEach((record, i) => {
    const theirs = recorded[i] as FixtureRecord;
    const where = `${t.topic}@${theirs.offset}`;
    assert.equal(record.topic, theirs.topic, where);
    assert.equal(keyText(record), theirs.key, `key of ${where}`);
    assert.equal(valueText(record), theirs.value, `value of ${where}`);
    assert.deepEqual(headerTexts(record), theirs.headers, `headers of ${where}`);
  });
}

describe('ChangeRecordBuilder against recorded Debezium events', () => {
  it('replays primary key changes with tombstones (pk-update-tombstones, accounts)', () => {
    assertReplays(
      'pk-update-tombstones',
      accounts(),
      [
        { op: 'r', before: null, after: [1, 'one'], sourceOf: 0 },
        { op: 'c', before: null, after: [2, 'two'], sourceOf: 1 },
        // REPLICA IDENTITY DEFAULT: the old tuple carries only the key columns.
        { op: 'u', before: [1, null], after: [10, 'one'], sourceOf: 2 },
        { op: 'u', before: null, after: [10, 'ten'], sourceOf: 5 },
        { op: 'd', before: [10, null], after: null, sourceOf: 6 },
      ],
      true,
    );
  });

  it('replays composite primary key changes with tombstones (pk-update-tombstones, composite)', () => {
    assertReplays(
      'pk-update-tombstones',
      composite('cap_pk_update_tombstones'),
      [
        { op: 'r', before: null, after: [1, 'x', 1], sourceOf: 0 },
        { op: 'u', before: [1, 'x', null], after: [1, 'y', 1], sourceOf: 1 },
        { op: 'u', before: [1, 'y', null], after: [2, 'y', 2], sourceOf: 4 },
        { op: 'd', before: [2, 'y', null], after: null, sourceOf: 7 },
      ],
      true,
    );
  });

  it('replays primary key changes without tombstones (pk-update-no-tombstones)', () => {
    assertReplays(
      'pk-update-no-tombstones',
      accounts('cap_pk_update_no_tombstones'),
      [
        { op: 'r', before: null, after: [1, 'one'], sourceOf: 0 },
        { op: 'c', before: null, after: [2, 'two'], sourceOf: 1 },
        { op: 'u', before: [1, null], after: [10, 'one'], sourceOf: 2 },
        { op: 'u', before: null, after: [10, 'ten'], sourceOf: 4 },
        { op: 'd', before: [10, null], after: null, sourceOf: 5 },
      ],
      false,
    );
    assertReplays(
      'pk-update-no-tombstones',
      composite('cap_pk_update_no_tombstones'),
      [
        { op: 'r', before: null, after: [1, 'x', 1], sourceOf: 0 },
        { op: 'u', before: [1, 'x', null], after: [1, 'y', 1], sourceOf: 1 },
        { op: 'u', before: [1, 'y', null], after: [2, 'y', 2], sourceOf: 3 },
        { op: 'd', before: [2, 'y', null], after: null, sourceOf: 5 },
      ],
      false,
    );
  });

  it('replays a table without a key, with REPLICA IDENTITY FULL (keyless, no_pk_full)', () => {
    assertReplays(
      'keyless',
      keyless(),
      [
        { op: 'r', before: null, after: [1, 'snap'], sourceOf: 0 },
        { op: 'c', before: null, after: [2, 'two'], sourceOf: 1 },
        { op: 'c', before: null, after: [2, 'two'], sourceOf: 2 },
        { op: 'u', before: [2, 'two'], after: [2, 'changed'], sourceOf: 3 },
        { op: 'u', before: [2, 'two'], after: [2, 'changed'], sourceOf: 4 },
        { op: 'd', before: [2, 'changed'], after: null, sourceOf: 5 },
        { op: 'd', before: [2, 'changed'], after: null, sourceOf: 7 },
      ],
      true,
    );
  });

  it('replays a truncate (truncate-included)', () => {
    const id = column('id', 0, Schemas.INT32);
    const trunc = table('cap_truncate_included', 'trunc_a', [id], [id]);
    const recorded = fixture('truncate-included', trunc.topic).find((r) => r.offset === 2);
    assert.ok(recorded);
    const out: SourceRecord[] = [];
    new ChangeRecordBuilder({ tombstonesOnDelete: true, skippedOperations: new Set(), contextHeaders: recordedContext(trunc) }).truncate(
      { table: trunc, source: recordedSource(recorded), partition: PARTITION, offset: OFFSET, transaction: null },
      out,
    );
    assert.equal(out.length, 1);
    const record = out[0] as SourceRecord;
    assert.equal(record.topic, recorded.topic);
    assert.equal(keyText(record), recorded.key);
    assert.equal(valueText(record), recorded.value);
    assert.deepEqual(headerTexts(record), recorded.headers);
  });
});

describe('ChangeRecordBuilder.rowChange', () => {
  it('turns a create into one record on the table topic, keyed by the new row', () => {
    const t = accounts();
    const [record, ...rest] = emit(builder(), change(t, 'c', null, [1, 'one']));
    assert.equal(rest.length, 0);
    assert.ok(record);
    assert.equal(record.kind, 'source');
    assert.equal(record.topic, 'cap_pk_update_tombstones.public.accounts');
    assert.equal(record.kafkaPartition, null);
    assert.equal(record.timestamp, null);
    assert.equal(record.keySchema, t.keySchema);
    assert.equal(record.valueSchema, t.envelopeSchema);
    assert.equal(keyText(record)?.endsWith('"payload":{"id":1}}'), true);
    assert.deepEqual(record.sourcePartition, PARTITION);
    assert.deepEqual(record.sourceOffset, OFFSET);
    assert.equal(record.headers.size, 0);
    const value = envelope(record);
    assert.equal(value.get('op'), 'c');
    assert.equal(value.get('before'), null);
    assert.equal((value.get('after') as Struct).get('name'), 'one');
  });

  it('passes the source struct through unchanged', () => {
    const t = accounts();
    const c = change(t, 'c', null, [1, 'one']);
    const [record] = emit(builder(), c);
    assert.equal(envelope(record).get('source'), c.source);
  });

  it('turns a snapshot read into an op r record with the row as after', () => {
    const [record, ...rest] = emit(builder(), change(accounts(), 'r', null, [1, 'one']));
    assert.equal(rest.length, 0);
    assert.equal(op(record), 'r');
    assert.equal(envelope(record).get('before'), null);
    assert.equal((envelope(record).get('after') as Struct).get('id'), 1);
  });

  it('turns an update that keeps the key into one op u record with before and after', () => {
    const [record, ...rest] = emit(builder(), change(accounts(), 'u', [1, 'one'], [1, 'uno']));
    assert.equal(rest.length, 0);
    assert.equal(op(record), 'u');
    assert.equal((envelope(record).get('before') as Struct).get('name'), 'one');
    assert.equal((envelope(record).get('after') as Struct).get('name'), 'uno');
    assert.equal(record?.headers.size, 0);
    assert.equal(keyText(record as SourceRecord)?.endsWith('"payload":{"id":1}}'), true);
  });

  it('leaves before null for an update without an old row image', () => {
    const [record] = emit(builder(), change(accounts(), 'u', null, [1, 'uno']));
    assert.equal(op(record), 'u');
    assert.equal(envelope(record).get('before'), null);
  });

  it('turns a delete into an op d record and a tombstone with the same key', () => {
    const t = accounts();
    const [del, tombstone, ...rest] = emit(builder(), change(t, 'd', [1, 'one'], null));
    assert.equal(rest.length, 0);
    assert.ok(del && tombstone);
    assert.equal(op(del), 'd');
    assert.equal((envelope(del).get('before') as Struct).get('id'), 1);
    assert.equal(envelope(del).get('after'), null);
    assert.equal(tombstone.topic, del.topic);
    assert.equal(tombstone.keySchema, t.keySchema);
    assert.equal(keyText(tombstone), keyText(del));
    assert.equal(tombstone.value, null);
    assert.equal(tombstone.valueSchema, null);
    assert.equal(tombstone.kafkaPartition, null);
    assert.deepEqual(tombstone.sourcePartition, PARTITION);
    assert.deepEqual(tombstone.sourceOffset, OFFSET);
  });

  it('emits no tombstone when tombstones.on.delete is false', () => {
    const records = emit(builder({ tombstones: false }), change(accounts(), 'd', [1, 'one'], null));
    assert.deepEqual(records.map(op), ['d']);
  });

  it('emits a tombstone with a null key for a table without a key', () => {
    const [del, tombstone] = emit(builder(), change(keyless(), 'd', [2, 'x'], null));
    assert.equal(op(del), 'd');
    assert.equal(del?.key, null);
    assert.equal(del?.keySchema, null);
    assert.equal(tombstone?.value, null);
    assert.equal(tombstone?.key, null);
    assert.equal(tombstone?.keySchema, null);
  });

  it('treats an update of a table without a key as a plain update', () => {
    const records = emit(builder(), change(keyless(), 'u', [2, 'x'], [3, 'y']));
    assert.deepEqual(records.map(op), ['u']);
    assert.equal(records[0]?.key, null);
  });

  it('turns an update that changes the key into delete, tombstone and create', () => {
    const t = accounts();
    const [del, tombstone, create, ...rest] = emit(builder(), change(t, 'u', [1, 'one'], [10, 'one']));
    assert.equal(rest.length, 0);
    assert.deepEqual([del, tombstone, create].map(op), ['d', 'tombstone', 'c']);
    assert.ok(del && tombstone && create);

    assert.equal(keyText(del)?.endsWith('"payload":{"id":1}}'), true);
    assert.equal((envelope(del).get('before') as Struct).get('id'), 1);
    assert.equal(envelope(del).get('after'), null);
    const newKey = del.headers.lastWithName(NEW_KEY_HEADER);
    assert.equal(NEW_KEY_HEADER, '__debezium.newkey');
    assert.equal(newKey?.schema, t.keySchema);
    assert.equal((newKey?.value as Struct).get('id'), 10);
    assert.equal(del.headers.lastWithName(OLD_KEY_HEADER), undefined);

    assert.equal(keyText(tombstone), keyText(del));
    assert.equal(tombstone.value, null);

    assert.equal(keyText(create)?.endsWith('"payload":{"id":10}}'), true);
    assert.equal(envelope(create).get('before'), null);
    assert.equal((envelope(create).get('after') as Struct).get('id'), 10);
    const oldKey = create.headers.lastWithName(OLD_KEY_HEADER);
    assert.equal(OLD_KEY_HEADER, '__debezium.oldkey');
    assert.equal(oldKey?.schema, t.keySchema);
    assert.equal((oldKey?.value as Struct).get('id'), 1);
    assert.equal(create.headers.lastWithName(NEW_KEY_HEADER), undefined);
  });

  it('writes the key headers as SimpleHeaderConverter JSON, as Debezium does', () => {
    const [del, , create] = emit(builder(), change(composite('srv'), 'u', [1, 'x', null], [1, 'y', 1]));
    assert.deepEqual(headerTexts(del as SourceRecord), [{ key: '__debezium.newkey', value: '{"a":1,"b":"y"}' }]);
    assert.deepEqual(headerTexts(create as SourceRecord), [{ key: '__debezium.oldkey', value: '{"a":1,"b":"x"}' }]);
  });

  it('turns a key change into delete and create only when tombstones.on.delete is false', () => {
    const records = emit(builder({ tombstones: false }), change(accounts(), 'u', [1, 'one'], [10, 'one']));
    assert.deepEqual(records.map(op), ['d', 'c']);
  });

  it('does not treat an update whose key is unchanged (but other columns differ) as a key change', () => {
    const records = emit(builder(), change(composite('srv'), 'u', [1, 'x', 1], [1, 'x', 2]));
    assert.deepEqual(records.map(op), ['u']);
  });

  it('gives every record of a key change the source position of the change', () => {
    const records = emit(builder(), change(accounts(), 'u', [1, 'one'], [10, 'one']));
    for (const record of records) {
      assert.deepEqual(record.sourcePartition, PARTITION);
      assert.deepEqual(record.sourceOffset, OFFSET);
    }
  });

  it('appends to the output in order, after what is already there', () => {
    const t = accounts();
    const records = emit(builder(), change(t, 'c', null, [1, 'a']), change(t, 'd', [1, 'a'], null), change(t, 'c', null, [2, 'b']));
    assert.deepEqual(records.map(op), ['c', 'd', 'tombstone', 'c']);
  });

  it('puts the transaction block on the envelope', () => {
    const tracker = new TransactionTracker({ enabled: true, topic: 'srv.transaction', formatId: (id, offset) => `${id}:${String(offset.lsn)}` });
    tracker.block('571', 'public.other', { partition: PARTITION, offset: OFFSET, tsMs: 0 }, []);
    const [record] = emit(builder(), change(accounts(), 'c', null, [1, 'one'], { tracker, id: '571', tsMs: 0 }));
    const block = envelope(record).get('transaction') as Struct;
    assert.equal(block.schema, TRANSACTION_BLOCK_SCHEMA);
    assert.equal(block.get('id'), `571:${String(OFFSET.lsn)}`);
    assert.equal(block.get('total_order'), 2);
    assert.equal(block.get('data_collection_order'), 1);
  });

  it('stamps the envelope with the time of processing', () => {
    const before = Date.now();
    const [record] = emit(builder(), change(accounts(), 'c', null, [1, 'one']));
    const after = Date.now();
    const value = envelope(record);
    const tsMs = value.get('ts_ms') as number;
    assert.ok(tsMs >= before && tsMs <= after, `${tsMs} not within [${before}, ${after}]`);
    assert.equal(Math.floor((value.get('ts_us') as number) / 1000), tsMs);
    assert.equal(value.get('ts_ns'), BigInt(value.get('ts_us') as number) * 1000n);
  });

  it('produces envelopes that validate against the envelope schema', () => {
    const t = accounts();
    for (const record of emit(builder(), change(t, 'c', null, [1, 'a']), change(t, 'u', [1, 'a'], [2, 'b']), change(t, 'd', [2, 'b'], null))) {
      if (record.value !== null) envelope(record).validate();
    }
  });
});

describe('Debezium headers', () => {
  // EventDispatcher.StreamingChangeRecordReceiver: the tombstone is `record.newRecord(…, record.headers())`.
  it("repeats the delete's __debezium.newkey header on the tombstone of a key change", () => {
    const [del, tombstone] = emit(builder(), change(accounts(), 'u', [1, 'one'], [10, 'one']));
    assert.equal(tombstone?.value, null);
    assert.deepEqual(headerTexts(tombstone as SourceRecord), [{ key: '__debezium.newkey', value: '{"id":10}' }]);
    assert.deepEqual(headerTexts(tombstone as SourceRecord), headerTexts(del as SourceRecord));
  });

  it('builds the three context headers with STRING schemas (DebeziumHeaderProducer.contextHeaders)', () => {
    assert.deepEqual(contextHeaders('srv', '0', 'postgresql'), [
      { key: '__debezium.context.connectorLogicalName', value: 'srv', schema: Schemas.STRING },
      { key: '__debezium.context.taskId', value: '0', schema: Schemas.STRING },
      { key: '__debezium.context.connectorName', value: 'postgresql', schema: Schemas.STRING },
    ]);
  });

  it("appends the context headers after a record's own headers, on every kind of record", () => {
    const t = accounts();
    const b = new ChangeRecordBuilder({ tombstonesOnDelete: true, skippedOperations: new Set(), contextHeaders: contextHeaders('srv', '2', 'postgresql') });
    const out = emit(b, change(t, 'r', null, [1, 'a']), change(t, 'u', [1, 'a'], [2, 'a']), change(t, 'd', [2, 'a'], null));
    b.truncate({ table: t, source: streamingSource(t), partition: PARTITION, offset: OFFSET, transaction: null }, out);
    const context = ['__debezium.context.connectorLogicalName', '__debezium.context.taskId', '__debezium.context.connectorName'];
    assert.deepEqual(
      out.map((r) => [op(r), [...r.headers].map((h) => h.key)]),
      [
        ['r', context],
        ['d', ['__debezium.newkey', ...context]],
        ['tombstone', ['__debezium.newkey', ...context]],
        ['c', ['__debezium.oldkey', ...context]],
        ['d', context],
        ['tombstone', context],
        ['t', context],
      ],
    );
    assert.deepEqual(headerTexts(out[0] as SourceRecord).map((h) => h.value), ['srv', '2', 'postgresql']);
  });

  it('adds no context headers when none are configured (extended.headers.enabled=false)', () => {
    const records = emit(builder(), change(accounts(), 'c', null, [1, 'a']), change(accounts(), 'd', [1, 'a'], null));
    assert.deepEqual(
      records.map((r) => r.headers.size),
      [0, 0, 0],
    );
  });
});

describe('skipped.operations', () => {
  it('drops creates with c', () => {
    const t = accounts();
    const records = emit(builder({ skipped: ['c'] }), change(t, 'c', null, [1, 'a']), change(t, 'u', [1, 'a'], [1, 'b']));
    assert.deepEqual(records.map(op), ['u']);
  });

  it('drops updates with u', () => {
    const t = accounts();
    const records = emit(builder({ skipped: ['u'] }), change(t, 'u', [1, 'a'], [1, 'b']), change(t, 'c', null, [2, 'a']));
    assert.deepEqual(records.map(op), ['c']);
  });

  it('drops deletes and their tombstones with d', () => {
    const t = accounts();
    const records = emit(builder({ skipped: ['d'] }), change(t, 'd', [1, 'a'], null), change(t, 'c', null, [2, 'a']));
    assert.deepEqual(records.map(op), ['c']);
  });

  it('never drops snapshot reads', () => {
    const records = emit(builder({ skipped: ['c', 'u', 'd', 't'] }), change(accounts(), 'r', null, [1, 'a']));
    assert.deepEqual(records.map(op), ['r']);
  });

  it('drops truncates with t', () => {
    const out: SourceRecord[] = [];
    const t = accounts();
    builder({ skipped: ['t'] }).truncate({ table: t, source: streamingSource(t), partition: PARTITION, offset: OFFSET, transaction: null }, out);
    assert.equal(out.length, 0);
  });
});

describe('skippedOperations', () => {
  it('skips truncates by default', () => {
    assert.deepEqual([...skippedOperations(undefined)], ['t']);
    assert.deepEqual([...skippedOperations(null)], ['t']);
  });

  it('skips nothing with none', () => {
    assert.equal(skippedOperations('none').size, 0);
    assert.equal(skippedOperations(' none ').size, 0);
    assert.equal(skippedOperations('NONE').size, 0);
  });

  it('reads a comma-separated list, trimming each item', () => {
    assert.deepEqual([...skippedOperations('c,d')].sort(), ['c', 'd']);
    assert.deepEqual([...skippedOperations(' c , u ')].sort(), ['c', 'u']);
    assert.deepEqual([...skippedOperations('c,u,d,t')].sort(), ['c', 'd', 't', 'u']);
  });

  it('does not skip truncates when the list does not name t', () => {
    assert.equal(skippedOperations('c').has('t'), false);
  });
});

describe('ChangeRecordBuilder.truncate', () => {
  it('emits one op t record with a null key and key schema, and no tombstone', () => {
    const t = accounts();
    const out: SourceRecord[] = [];
    builder({ skipped: [] }).truncate({ table: t, source: streamingSource(t), partition: PARTITION, offset: OFFSET, transaction: null }, out);
    assert.equal(out.length, 1);
    const [record] = out;
    assert.equal(record?.topic, t.topic);
    assert.equal(record?.key, null);
    assert.equal(record?.keySchema, null);
    assert.equal(record?.valueSchema, t.envelopeSchema);
    assert.deepEqual(record?.sourcePartition, PARTITION);
    assert.deepEqual(record?.sourceOffset, OFFSET);
    assert.equal(op(record), 't');
    assert.equal(envelope(record).get('before'), null);
    assert.equal(envelope(record).get('after'), null);
    envelope(record).validate();
  });

  it('is skipped with the default skipped.operations', () => {
    const t = accounts();
    const out: SourceRecord[] = [];
    new ChangeRecordBuilder({ tombstonesOnDelete: true, skippedOperations: skippedOperations(undefined) }).truncate(
      { table: t, source: streamingSource(t), partition: PARTITION, offset: OFFSET, transaction: null },
      out,
    );
    assert.equal(out.length, 0);
  });

  it('carries the transaction block', () => {
    const t = accounts();
    const out: SourceRecord[] = [];
    const tracker = new TransactionTracker({ enabled: true, topic: 'srv.transaction', formatId: (id) => `${id}:1` });
    tracker.begin('9', { partition: PARTITION, offset: OFFSET, tsMs: 0 }, []);
    builder().truncate({ table: t, source: streamingSource(t), partition: PARTITION, offset: OFFSET, transaction: { tracker, id: '9', tsMs: 0 } }, out);
    assert.equal((envelope(out[0]).get('transaction') as Struct).get('id'), '9:1');
  });
});
