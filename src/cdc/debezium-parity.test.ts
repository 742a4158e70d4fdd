/**
 * Debezium 3.2.7 behaviours src/cdc once missed (each was a difference found by reading Debezium's code and
 * recordings; each test asserts Debezium's behaviour). The comment above each cites the Debezium source
 * (decompiled 3.2.7, `core/io/debezium/…` and the PostgreSQL connector) or the recorded Debezium events in
 * test/fixtures/debezium-3.2/postgres-15. The
 * expected strings marked "oracle" were produced by running the Debezium 3.2.7 jars (and Kafka 3.9.1's
 * JsonConverter) on the same input.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import type { SourceTaskContext } from '../api/connector.js';
import { SchemaBuilder, Schemas, type Schema } from '../api/data/schema.js';
import { Struct } from '../api/data/struct.js';
import { ConnectError, RetriableError } from '../api/errors.js';
import { sourceRecord, type SourceRecord } from '../api/record.js';
import { JsonConverter } from '../converters/json/json-converter.js';
import { CapturedTable, type CapturedColumn } from './captured-table.js';
import { CdcSourceTask } from './cdc-task.js';
import { ChangeQueue } from './change-queue.js';
import { ChangeRecordBuilder, type ChangeRecordOptions, type RowChange, type SkippableOperation } from './change-records.js';
import { envelopeValue } from './envelope.js';
import { TableFilter, regexList } from './filters.js';
import { HeartbeatClock, heartbeatRecord } from './heartbeat.js';
import { SNAPSHOT_SCHEMA, sourceInfoSchema, sourceInfoValue } from './source-info.js';
import { tableId } from './table-id.js';
import { TopicNaming, adjustSchemaName } from './topics.js';
import { TransactionTracker } from './transactions.js';

// ---------------------------------------------------------------------------------------------------------
// Shared helpers

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

const PG_EXTRA: ReadonlyArray<readonly [string, Schema]> = [
  ['schema', Schemas.STRING],
  ['table', Schemas.STRING],
  ['txId', Schemas.OPTIONAL_INT64],
  ['lsn', Schemas.OPTIONAL_INT64],
  ['xmin', Schemas.OPTIONAL_INT64],
];

/** io.debezium.connector.postgresql.Source as Debezium declares it, so other differences stay apart. */
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

const column = (name: string, rowIndex: number, schema: Schema, convert: (raw: unknown) => unknown = (raw) => raw): CapturedColumn => ({
  name,
  rowIndex,
  mapping: { schema, convert },
});

/** `accounts (id integer PRIMARY KEY, name text)` of the pk-update-tombstones scenario. */
function accounts(sourceSchema: Schema = PG_SOURCE_SCHEMA): CapturedTable {
  const id = column('id', 0, Schemas.INT32);
  return new CapturedTable({
    id: tableId('cap_pk_update_tombstones', 'public', 'accounts'),
    topic: 'cap_pk_update_tombstones.public.accounts',
    schemaNameStem: 'cap_pk_update_tombstones.public.accounts',
    columns: [id, column('name', 1, Schemas.OPTIONAL_STRING)],
    keyColumns: [id],
    sourceSchema,
  });
}

function streamingSource(): Struct {
  return new Struct(PG_SOURCE_SCHEMA)
    .put('version', '3.2.7.Final')
    .put('connector', 'postgresql')
    .put('name', 'cap_pk_update_tombstones')
    .put('ts_ms', 0)
    .put('db', 'cap_pk_update_tombstones')
    .put('schema', 'public')
    .put('table', 'accounts');
}

const PARTITION = { server: 'cap_pk_update_tombstones' };
const OFFSET = { lsn: 23456, txId: 571 };

function change(t: CapturedTable, op: RowChange['op'], before: unknown[] | null, after: unknown[] | null, transaction: RowChange['transaction'] = null): RowChange {
  return { op, table: t, before, after, source: streamingSource(), partition: PARTITION, offset: OFFSET, transaction };
}

function emit(options: ChangeRecordOptions, ...changes: RowChange[]): SourceRecord[] {
  const builder = new ChangeRecordBuilder(options);
  const out: SourceRecord[] = [];
  for (const c of changes) builder.rowChange(c, out);
  return out;
}

const skipping = (...ops: SkippableOperation[]): ChangeRecordOptions => ({ tombstonesOnDelete: true, skippedOperations: new Set(ops) });
const op = (record: SourceRecord | undefined) => (record?.value == null ? 'tombstone' : (record.value as Struct).get('op'));

function text(bytes: Uint8Array | null): string | null {
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

function json(schema: Schema | null, value: unknown, config: Record<string, string> = {}, isKey = false): string {
  const converter = new JsonConverter();
  converter.configure(config, isKey);
  const out = text(converter.fromConnectData('topic', null, schema, value));
  assert.ok(out !== null);
  return out;
}

// ---------------------------------------------------------------------------------------------------------

describe('source-info.ts', () => {
  // SchemaFactory.sourceInfoSchemaBuilder(): `SchemaBuilder.struct().version(1).field("version", …)…`; every
  // recorded envelope's source schema has `"name":"io.debezium.connector.postgresql.Source","version":1`.
  it('declares version 1 on the source block schema', () => {
    const schema = sourceInfoSchema('io.debezium.connector.postgresql.Source', PG_EXTRA);
    assert.equal(schema.version, 1);

    const table = accounts(schema);
    const recorded = fixture('pk-update-tombstones', table.topic)[0];
    const source = sourceInfoValue(
      schema,
      { version: '3.2.7.Final', connector: 'postgresql', name: 'cap_pk_update_tombstones', db: 'cap_pk_update_tombstones' },
      { commitMicros: 0n, snapshot: 'first', sequence: '[null,"~"]', extra: ['public', 'accounts', 0, 0, null] },
    );
    const value = envelopeValue({ schema: table.envelopeSchema, op: 'r', before: null, after: table.valueOf([1, 'one']), source, transaction: null, nowMicros: 0n });
    assert.equal(json(table.envelopeSchema, value), recorded?.value);
  });

  // AbstractSourceInfoStructMaker.commonStruct calls SnapshotRecord.toSource, which writes the field only
  // `if (this != FALSE)`: a streaming event's `snapshot` stays null and shows as "false" only through the
  // schema default. With JsonConverter replace.null.with.default=false (or Avro) Debezium writes null.
  it('leaves snapshot unset (null, default "false") for events outside snapshots', () => {
    const schema = sourceInfoSchema('io.debezium.connector.postgresql.Source', PG_EXTRA);
    const value = sourceInfoValue(
      schema,
      { version: '3.2.7.Final', connector: 'postgresql', name: 'srv', db: 'db' },
      { commitMicros: 0n, snapshot: 'false', sequence: null, extra: ['public', 'accounts', 0, 0, null] },
    );
    assert.equal(value.getWithoutDefault('snapshot'), null);
    assert.equal(value.get('snapshot'), 'false');
    // oracle: Kafka's JsonConverter, schemas.enable=false, replace.null.with.default=false, on Debezium's struct.
    assert.match(json(schema, value, { 'schemas.enable': 'false', 'replace.null.with.default': 'false' }), /"snapshot":null,/);
  });
});

describe('captured-table.ts', () => {
  // TableSchemaBuilder.createValueGenerator/createKeyGenerator call `converter.convert(value)` for every
  // column, null included: Debezium's converters turn a null of a NOT NULL column into its fallback. Recorded:
  // types-default.jsonl, the delete of row 103 (REPLICA IDENTITY DEFAULT) has `"c_serial":0` in `before`.
  it("passes null raw values to the column's converter", () => {
    const id = column('id', 0, Schemas.INT32);
    const serial = column('c_serial', 1, Schemas.INT32, (raw) => raw ?? 0);
    const table = new CapturedTable({
      id: tableId('db', 'public', 't'),
      topic: 'srv.public.t',
      schemaNameStem: 'srv.public.t',
      columns: [id, serial],
      keyColumns: [id],
      sourceSchema: PG_SOURCE_SCHEMA,
    });
    const value = table.valueOf([103, null]);
    assert.equal(value.get('c_serial'), 0);
    assert.equal(json(table.valueSchema, value, { 'schemas.enable': 'false' }), '{"id":103,"c_serial":0}');
  });
});

describe('change-records.ts', () => {
  // RelationalChangeRecordEmitter.emitUpdateAsPrimaryKeyChangeRecord hands the receiver a DELETE and a CREATE;
  // EventDispatcher.dispatchDataChangeEvent checks `skippedOperations.contains(operation)` for each of them.
  // So a key change is not skipped by `u`, `d` drops the delete (and its tombstone), `c` drops the create.
  it('applies skipped.operations to the delete and the create of a key change, not to the update', () => {
    const keyChange = () => change(accounts(), 'u', [1, 'one'], [10, 'one']);
    assert.deepEqual(emit(skipping('u'), keyChange()).map(op), ['d', 'tombstone', 'c']);
    assert.deepEqual(emit(skipping('d'), keyChange()).map(op), ['c']);
    assert.deepEqual(emit(skipping('c'), keyChange()).map(op), ['d', 'tombstone']);
  });

  // EventDispatcher calls transactionMonitor.dataEvent once per record the emitter hands over, and
  // TransactionContext.event() counts each: the delete and the create of a key change are two events, so
  // they carry consecutive total_order and data_collection_order (and the END's event_count counts both).
  it('counts the delete and the create of a key change as two transaction events', () => {
    const tracker = new TransactionTracker({ enabled: true, topic: 'srv.transaction' });
    tracker.begin('571', { partition: PARTITION, offset: OFFSET, tsMs: 0 }, []);
    const [del, , create] = emit(skipping(), change(accounts(), 'u', [1, 'one'], [10, 'one'], { tracker, id: '571', tsMs: 0 }));
    const block = (r: SourceRecord | undefined) => (r?.value as Struct).get('transaction') as Struct;
    assert.equal(block(create).get('total_order'), (block(del).get('total_order') as number) + 1);
    assert.equal(block(create).get('data_collection_order'), (block(del).get('data_collection_order') as number) + 1);
  });
});

describe('change-queue.ts', () => {
  // ChangeEventQueue.poll loops until `drainRecords(…) >= maxBatchSize` or the poll timeout expired, draining
  // what arrives meanwhile: a poll returns early only with a full batch, otherwise it gathers records for
  // poll.interval.ms.
  it('gathers records until max.batch.size or poll.interval.ms, rather than returning the first one', async () => {
    const q = new ChangeQueue({ maxQueueSize: 100, maxBatchSize: 10, pollIntervalMs: 300 });
    const polling = q.poll();
    await sleep(5);
    await q.enqueue([sourceRecord({ topic: 't', value: 1 })]);
    await sleep(50);
    await q.enqueue([sourceRecord({ topic: 't', value: 2 })]);
    const batch = await polling;
    assert.deepEqual(
      batch.map((r) => r.value),
      [1, 2],
    );
  });

  // ChangeEventQueue.poll: `Threads.timer(Clock.SYSTEM, Temporals.min(pollInterval,
  // ConfigurationDefaults.RETURN_CONTROL_INTERVAL))`, RETURN_CONTROL_INTERVAL = 5 s: an empty poll returns to
  // the worker after at most 5 s whatever poll.interval.ms is.
  it('returns an empty poll after 5 seconds when poll.interval.ms is longer', async () => {
    const q = new ChangeQueue({ maxQueueSize: 100, maxBatchSize: 10, pollIntervalMs: 60_000 });
    const controller = new AbortController();
    const start = performance.now();
    const polling = q.poll(controller.signal);
    const first = await Promise.race([polling.then(() => 'poll'), sleep(6_000).then(() => 'six seconds')]);
    const elapsed = performance.now() - start;
    controller.abort();
    assert.deepEqual(await polling, []);
    assert.equal(first, 'poll');
    assert.ok(elapsed >= 4_900, `returned after ${elapsed} ms`);
  });

  // ChangeEventQueue.poll calls throwProducerExceptionIfPresent() before draining anything: once the
  // producer failed, the queued records are not handed out.
  it('throws the producer failure even while records are still queued', async () => {
    const q = new ChangeQueue({ maxQueueSize: 100, maxBatchSize: 10, pollIntervalMs: 50 });
    await q.enqueue([sourceRecord({ topic: 't', value: 1 }), sourceRecord({ topic: 't', value: 2 })]);
    const failure = new Error('replication slot is gone');
    q.fail(failure);
    await assert.rejects(q.poll(), (err) => err === failure);
  });
});

describe('topics.ts', () => {
  // DefaultTopicNamingStrategy/SchemaTopicNamingStrategy.dataChangeTopic go through
  // AbstractTopicNamingStrategy.sanitizedTopicName: characters outside [A-Za-z0-9._-] become `_` and names
  // longer than 249 characters are cut to 249. (oracle: SchemaTopicNamingStrategy 3.2.7)
  it('sanitises data topic names as Kafka topic names', () => {
    const naming = new TopicNaming({ prefix: 'srv', delimiter: '.', transactionSuffix: 'transaction', heartbeatPrefix: '__debezium-heartbeat' });
    assert.equal(naming.dataTopic(['public', 'my table']), 'srv.public.my_table');
    assert.equal(naming.dataTopic(['public', 't\u00e9st']), 'srv.public.t_st');
    assert.equal(naming.dataTopic(['sch$ema', 'a/b']), 'srv.sch_ema.a_b');
    const long = naming.dataTopic(['public', 'x'.repeat(260)]);
    assert.equal(long.length, 249);
    assert.equal(long, `srv.public.${'x'.repeat(238)}`);
  });

  // AbstractTopicNamingStrategy.mkString drops parts that are `Strings.isNullOrBlank` (null or only
  // whitespace), not only null and empty ones. (oracle: schema " " gives `srv.t`)
  it('leaves out blank name parts', () => {
    const naming = new TopicNaming({ prefix: 'srv', delimiter: '.', transactionSuffix: 'transaction', heartbeatPrefix: '__debezium-heartbeat' });
    assert.equal(naming.dataTopic([' ', 't']), 'srv.t');
  });

  // SchemaNameAdjuster.validFullname: the first character must satisfy isValidFirstCharacter (letters and `_`
  // for avro, letters only for avro_unicode; never `.`); with the underscore replacement an invalid leading
  // digit is replaced AND kept (`sb.append(c)` when Character.isDigit). (oracle: AVRO / AVRO_UNICODE)
  it('adjusts an invalid first character of a schema name as Debezium does', () => {
    assert.equal(adjustSchemaName('1abc', 'avro'), '_1abc');
    assert.equal(adjustSchemaName('9', 'avro'), '_9');
    assert.equal(adjustSchemaName('.abc', 'avro'), '_abc');
    assert.equal(adjustSchemaName('.abc', 'avro_unicode'), '_u002eabc');
  });

  // UnicodeReplacementFunction.isValidFirstCharacter accepts letters only, and ReplacementFunction's default
  // isValidNonFirstCharacter builds on it: under avro_unicode `_` is escaped too, as `_u005f` (the config
  // doc: "replaces the underscore or characters that cannot be used … with corresponding unicode").
  it('escapes underscores under avro_unicode', () => {
    assert.equal(adjustSchemaName('_x', 'avro_unicode'), '_u005fx');
    assert.equal(adjustSchemaName('x_y', 'avro_unicode'), 'x_u005fy');
    assert.equal(adjustSchemaName('srv.public.my_table.Value', 'avro_unicode'), 'srv.public.my_u005ftable.Value');
  });

  // UnicodeReplacementFunction.replace: `Integer.toHexString(c)`, prefixed with "00" only when it has at
  // most 2 digits; 3-digit code units are not padded. (oracle: 'a\u0100b' → 'a_u100b')
  it('writes three-digit code units unpadded under avro_unicode', () => {
    assert.equal(adjustSchemaName('a\u0100b', 'avro_unicode'), 'a_u100b');
    assert.equal(adjustSchemaName('\u0394', 'avro_unicode'), '_u394');
  });
});

describe('heartbeat.ts', () => {
  // SchemaFactory.heartbeatKeySchema/heartbeatValueSchema: `.version(1)` on both. (oracle: JsonConverter output)
  it('declares version 1 on the heartbeat key and value schemas', () => {
    const record = heartbeatRecord({ topic: '__debezium-heartbeat.srv', serverName: 'srv', partition: { server: 'srv' }, offset: { lsn: 1 }, nowMs: 1_700_000_000_000 });
    assert.ok(record);
    assert.equal(
      json(record.keySchema, record.key, {}, true),
      '{"schema":{"type":"struct","fields":[{"type":"string","optional":false,"field":"serverName"}],"optional":false,"name":"io.debezium.connector.common.ServerNameKey","version":1},"payload":{"serverName":"srv"}}',
    );
    assert.equal(
      json(record.valueSchema, record.value),
      '{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"ts_ms"}],"optional":false,"name":"io.debezium.connector.common.Heartbeat","version":1},"payload":{"ts_ms":1700000000000}}',
    );
  });

  // HeartbeatImpl.heartbeatRecord: `Integer partition = 0; new SourceRecord(sourcePartition, sourceOffset,
  // topicName, partition, …)`: heartbeats always go to partition 0.
  it('sends heartbeats to Kafka partition 0', () => {
    const record = heartbeatRecord({ topic: '__debezium-heartbeat.srv', serverName: 'srv', partition: { server: 'srv' }, offset: { lsn: 1 }, nowMs: 1 });
    assert.ok(record);
    assert.equal(record.kafkaPartition, 0);
  });

  // HeartbeatImpl.forcedBeat: `if (offset == null || offset.isEmpty()) return;` — no heartbeat before the
  // connector has an offset.
  it('emits no heartbeat for an empty offset', () => {
    const record: SourceRecord | null = heartbeatRecord({ topic: '__debezium-heartbeat.srv', serverName: 'srv', partition: { server: 'srv' }, offset: {}, nowMs: 1 });
    assert.equal(record, null);
  });

  // HeartbeatImpl.heartbeat fires when `heartbeatTimeout.expired()`, and Threads.timer's expired() is
  // `start.elapsedTime() > time.toMillis()`: strictly more than heartbeat.interval.ms must have passed.
  it('is due only once strictly more than the interval has passed', () => {
    const clock = new HeartbeatClock(1000);
    const t0 = Date.now() + 5_000;
    assert.equal(clock.due(t0), true);
    assert.equal(clock.due(t0 + 1_000), false);
    assert.equal(clock.due(t0 + 1_001), true);
  });
});

describe('transactions.ts', () => {
  // SchemaFactory.transactionKeySchema/transactionValueSchema: `.version(1)`;
  // transactionEventCountPerDataCollectionSchema: `SchemaBuilder.struct().optional().name("event.collection")`.
  // (oracle: JsonConverter output of Debezium's BEGIN key and END value)
  it('declares the transaction metadata schemas as Debezium does', () => {
    const tracker = new TransactionTracker({ enabled: true, topic: 'srv.transaction' });
    const out: SourceRecord[] = [];
    const context = { partition: { server: 'srv' }, offset: { lsn: 1 }, tsMs: 1_700_000_000_000 };
    tracker.block('571', 'public.a', context, out);
    tracker.block('571', 'public.a', context, out);
    tracker.block('571', 'public.b', context, out);
    tracker.end(context, out);
    const [begin, end] = out;
    assert.equal(
      json(begin?.keySchema ?? null, begin?.key, {}, true),
      '{"schema":{"type":"struct","fields":[{"type":"string","optional":false,"field":"id"}],"optional":false,"name":"io.debezium.connector.common.TransactionMetadataKey","version":1},"payload":{"id":"571"}}',
    );
    assert.equal(
      json(end?.valueSchema ?? null, end?.value),
      '{"schema":{"type":"struct","fields":[{"type":"string","optional":false,"field":"status"},{"type":"string","optional":false,"field":"id"},{"type":"int64","optional":true,"field":"event_count"},{"type":"array","items":{"type":"struct","fields":[{"type":"string","optional":false,"field":"data_collection"},{"type":"int64","optional":false,"field":"event_count"}],"optional":true,"name":"event.collection","version":1},"optional":true,"field":"data_collections"},{"type":"int64","optional":false,"field":"ts_ms"}],"optional":false,"name":"io.debezium.connector.common.TransactionMetadataValue","version":1},"payload":{"status":"END","id":"571","event_count":3,"data_collections":[{"data_collection":"public.a","event_count":2},{"data_collection":"public.b","event_count":1}],"ts_ms":1700000000000}}',
    );
  });

  // TransactionContext keeps perTableEventCount in a java.util.HashMap and
  // AbstractTransactionStructMaker.buildEndTransactionValue lists its entrySet(): data_collections come in
  // HashMap iteration order, not in order of first appearance. (oracle: HashMap keySet order)
  it('lists data_collections in the order of Java HashMap iteration', () => {
    const tracker = new TransactionTracker({ enabled: true, topic: 'srv.transaction' });
    const out: SourceRecord[] = [];
    const context = { partition: { server: 'srv' }, offset: { lsn: 1 }, tsMs: 1 };
    for (const collection of ['public.tx_a', 'inventory.orders', 'public.customers', 'public.tx_b']) tracker.block('571', collection, context, out);
    tracker.end(context, out);
    const collections = ((out[1]?.value as Struct).get('data_collections') as Struct[]).map((s) => s.get('data_collection'));
    assert.deepEqual(collections, ['public.tx_b', 'public.customers', 'public.tx_a', 'inventory.orders']);
  });
});

describe('filters.ts', () => {
  const PG_SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema'];

  // RelationalTableFilters ANDs PostgresConnectorConfig.SystemTablesPredicate (table.ignore.builtin, default
  // true) with the whole table predicate, include lists included: naming pg_catalog in schema.include.list
  // does not capture system tables.
  it('never captures system schemas, even when schema.include.list names them', () => {
    const filter = new TableFilter({ schemaInclude: 'public,pg_catalog', systemSchemas: PG_SYSTEM_SCHEMAS });
    assert.equal(filter.includes(tableId('db', 'pg_catalog', 'pg_class')), false);
    assert.equal(filter.includes(tableId('db', 'public', 'orders')), true);
  });

  // Predicates.includes compiles with flag 2 = Pattern.CASE_INSENSITIVE without UNICODE_CASE: case is folded
  // for US-ASCII only. (oracle: `public.TÉST` does not match `public.tést`)
  it('ignores case for ASCII letters only', () => {
    const filter = new TableFilter({ tableInclude: 'public.T\u00c9ST' });
    assert.equal(filter.includes(tableId('db', 'public', 't\u00e9st')), false);
    assert.equal(filter.includes(tableId('db', 'public', 'T\u00c9ST')), true);
  });

  // Include and exclude lists are java.util.regex patterns (Pattern.compile): Java syntax such as `\Q…\E`
  // quoting works. (oracle: `public\.\Qorders$2024\E` matches `public.orders$2024`)
  it('reads the expressions as Java regular expressions', () => {
    const filter = new TableFilter({ tableInclude: 'public\\.\\Qorders$2024\\E' });
    assert.equal(filter.includes(tableId('db', 'public', 'orders$2024')), true);
  });

  // Strings.RegExSplitter.tokenize: a backslash escapes whatever character follows it, so in `a\\,b` the
  // comma after the escaped backslash separates two expressions (`a\\` and `b`); only a `\,` that remains in
  // an item becomes `,`. (oracle: `public\.a\\,public\.b` matches `public.b` and `public.a\`)
  it('splits lists after an escaped backslash', () => {
    const list = regexList('public\\.a\\\\,public\\.b');
    assert.equal(list.length, 2);
    const filter = new TableFilter({ tableInclude: 'public\\.a\\\\,public\\.b' });
    assert.equal(filter.includes(tableId('db', 'public', 'b')), true);
    assert.equal(filter.includes(tableId('db', 'public', 'a\\')), true);
  });
});

describe('cdc-task.ts', () => {
  // ErrorHandler.setProducerThrowable hands the queue `new ConnectException("An exception occurred in the
  // change event producer. This connector will be stopped.", producerThrowable)`, or for a retriable failure
  // (isRetriable: an IOException in the cause chain) with retries left `new RetriableException("An exception
  // occurred in the change event producer. This connector will be restarted.", producerThrowable)`. That is
  // the exception (and trace) the worker reports for the failed task.
  it("wraps the adapter's failure as Debezium's ErrorHandler does", async () => {
    async function failureOf(error: Error): Promise<unknown> {
      const controller = new AbortController();
      const task = new CdcSourceTask({
        createAdapter: () => ({
          run: async () => {
            throw error;
          },
          acknowledge: () => {},
          close: async () => {},
        }),
        queueSettings: () => ({ maxQueueSize: 10, maxBatchSize: 10, pollIntervalMs: 20 }),
      });
      const context: SourceTaskContext = {
        logger: pino({ level: 'silent' }),
        config: {},
        offsetStorageReader: { offset: async () => null, offsets: async () => new Map() },
        signal: controller.signal,
      };
      task.start({}, context);
      let caught: unknown;
      for (let i = 0; i < 5 && caught === undefined; i++) {
        try {
          await task.poll();
        } catch (err) {
          caught = err;
        }
      }
      await task.stop();
      return caught;
    }

    const fatal = new Error('permission denied for table orders');
    const stopped = await failureOf(fatal);
    assert.ok(stopped instanceof ConnectError && !stopped.retriable, `got ${String(stopped)}`);
    assert.equal(stopped.message, 'An exception occurred in the change event producer. This connector will be stopped.');
    assert.equal(stopped.cause, fatal);

    const transient = new RetriableError('Connection reset');
    const restarted = await failureOf(transient);
    assert.ok(restarted instanceof RetriableError, `got ${String(restarted)}`);
    assert.equal(restarted.message, 'An exception occurred in the change event producer. This connector will be restarted.');
    assert.equal(restarted.cause, transient);
  });
});
