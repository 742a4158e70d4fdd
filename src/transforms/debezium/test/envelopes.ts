/**
 * Realistic Debezium PostgreSQL change events for the `public.customers` table of a connector with
 * `topic.prefix=cdc`, shaped as the connector emits them: key struct, Envelope value with before/after rows,
 * the PostgreSQL `source` block, `transaction`, `op` and the event timestamps.
 */
import { SchemaBuilder, Schemas, type Schema } from '../../../api/data/schema.js';
import { Struct } from '../../../api/data/struct.js';
import { Headers } from '../../../api/headers.js';
import { sourceRecord, type ConnectRecord, type SourceRecord } from '../../../api/record.js';
import { ExtractNewRecordState } from '../extract-new-record-state.js';

export const TOPIC = 'cdc.public.customers';
export const EVENT_TS_MS = 1_700_000_000_500;
export const SOURCE_TS_MS = 1_700_000_000_123;
export const RECORD_TIMESTAMP = 1_700_000_000_600;
export const LSN = 24_023_128;
export const TX_ID = 767;

export const KEY_SCHEMA = SchemaBuilder.struct().name('cdc.public.customers.Key').field('id', Schemas.INT32).build();

/** `tier` has a column default ('standard'), which Debezium puts in the schema. */
export const TIER_SCHEMA = SchemaBuilder.string().optional().defaultValue('standard').build();

export const ROW_SCHEMA = SchemaBuilder.struct()
  .name('cdc.public.customers.Value')
  .optional()
  .field('id', Schemas.INT32)
  .field('email', Schemas.OPTIONAL_STRING)
  .field('region', Schemas.OPTIONAL_STRING)
  .field('tier', TIER_SCHEMA)
  .build();

const SNAPSHOT_SCHEMA = SchemaBuilder.string()
  .optional()
  .name('io.debezium.data.Enum')
  .version(1)
  .parameter('allowed', 'true,first,first_in_data_collection,last_in_data_collection,last,false,incremental')
  .defaultValue('false')
  .build();

export const SOURCE_SCHEMA = SchemaBuilder.struct()
  .name('io.debezium.connector.postgresql.Source')
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

export const TRANSACTION_SCHEMA = SchemaBuilder.struct()
  .name('event.block')
  .version(1)
  .optional()
  .field('id', Schemas.STRING)
  .field('total_order', Schemas.INT64)
  .field('data_collection_order', Schemas.INT64)
  .build();

export const ENVELOPE_SCHEMA = SchemaBuilder.struct()
  .name('cdc.public.customers.Envelope')
  .version(2)
  .field('before', ROW_SCHEMA)
  .field('after', ROW_SCHEMA)
  .field('source', SOURCE_SCHEMA)
  .field('transaction', TRANSACTION_SCHEMA)
  .field('op', Schemas.STRING)
  .field('ts_ms', Schemas.OPTIONAL_INT64)
  .field('ts_us', Schemas.OPTIONAL_INT64)
  .field('ts_ns', Schemas.OPTIONAL_INT64)
  .build();

export interface Row {
  id: number;
  email: string | null;
  region: string | null;
  tier?: string | null;
}

export const ALICE: Row = { id: 1, email: 'alice@example.com', region: 'eu', tier: 'gold' };
export const ALICE_MOVED: Row = { id: 1, email: 'alice@example.org', region: 'us', tier: 'gold' };

export function row(values: Row): Struct {
  return new Struct(ROW_SCHEMA).put('id', values.id).put('email', values.email).put('region', values.region).put('tier', values.tier ?? null);
}

export function source(snapshot: string = 'false'): Struct {
  return new Struct(SOURCE_SCHEMA)
    .put('version', '3.2.7.Final')
    .put('connector', 'postgresql')
    .put('name', 'cdc')
    .put('ts_ms', SOURCE_TS_MS)
    .put('snapshot', snapshot)
    .put('db', 'shop')
    .put('sequence', '["24023072","24023128"]')
    .put('ts_us', SOURCE_TS_MS * 1000)
    .put('ts_ns', SOURCE_TS_MS * 1_000_000)
    .put('schema', 'public')
    .put('table', 'customers')
    .put('txId', TX_ID)
    .put('lsn', LSN)
    .put('xmin', null);
}

export function transaction(): Struct {
  return new Struct(TRANSACTION_SCHEMA).put('id', `${TX_ID}:${LSN}`).put('total_order', 3).put('data_collection_order', 2);
}

export type Op = 'c' | 'u' | 'd' | 'r' | 't';

export function envelope(op: Op, before: Struct | null, after: Struct | null, options: { transaction?: Struct | null } = {}): Struct {
  return new Struct(ENVELOPE_SCHEMA)
    .put('before', before)
    .put('after', after)
    .put('source', source(op === 'r' ? 'true' : 'false'))
    .put('transaction', options.transaction ?? null)
    .put('op', op)
    .put('ts_ms', EVENT_TS_MS)
    .put('ts_us', EVENT_TS_MS * 1000)
    .put('ts_ns', EVENT_TS_MS * 1_000_000);
}

export function key(id: number): Struct {
  return new Struct(KEY_SCHEMA).put('id', id);
}

function changeRecord(value: Struct, id: number | null, headers?: Headers): SourceRecord {
  return sourceRecord({
    topic: TOPIC,
    kafkaPartition: 0,
    keySchema: id === null ? null : KEY_SCHEMA,
    key: id === null ? null : key(id),
    valueSchema: ENVELOPE_SCHEMA,
    value,
    timestamp: RECORD_TIMESTAMP,
    headers: headers ?? new Headers(),
    sourcePartition: { server: 'cdc' },
    sourceOffset: { lsn: LSN, txId: TX_ID },
  });
}

export interface EventOptions {
  readonly transaction?: Struct | null;
  readonly headers?: Headers;
}

export const createEvent = (values: Row = ALICE, options: EventOptions = {}) =>
  changeRecord(envelope('c', null, row(values), options), values.id, options.headers);
export const readEvent = (values: Row = ALICE, options: EventOptions = {}) =>
  changeRecord(envelope('r', null, row(values), options), values.id, options.headers);
export const updateEvent = (previous: Row = ALICE, next: Row = ALICE_MOVED, options: EventOptions = {}) =>
  changeRecord(envelope('u', row(previous), row(next), options), next.id, options.headers);
export const deleteEvent = (previous: Row = ALICE, options: EventOptions = {}) =>
  changeRecord(envelope('d', row(previous), null, options), previous.id, options.headers);
/** PostgreSQL truncate events have no key and neither row. */
export const truncateEvent = () => changeRecord(envelope('t', null, null), null);

/** The tombstone Debezium emits after each delete event (`tombstones.on.delete=true`). */
export function tombstone(id: number = ALICE.id, headers: Headers = new Headers()): SourceRecord {
  return sourceRecord({
    topic: TOPIC,
    kafkaPartition: 0,
    keySchema: KEY_SCHEMA,
    key: key(id),
    timestamp: RECORD_TIMESTAMP,
    headers,
    sourcePartition: { server: 'cdc' },
    sourceOffset: { lsn: LSN, txId: TX_ID },
  });
}

/**
 * The schema of a flattened row as Debezium emits it: the row schema's name, required, followed by `extra`
 * fields in order.
 */
export function flatSchema(...extra: Array<[string, Schema]>): Schema {
  const builder = SchemaBuilder.struct().name('cdc.public.customers.Value');
  for (const field of ROW_SCHEMA.fields ?? []) builder.field(field.name, field.schema);
  for (const [name, schema] of extra) builder.field(name, schema);
  return builder.build();
}

/** A flattened row value: the row's columns then `extra` values, under `schema`. */
export function flatValue(schema: Schema, values: Row, extra: Record<string, unknown> = {}): Struct {
  const struct = new Struct(schema).put('id', values.id).put('email', values.email).put('region', values.region).put('tier', values.tier ?? null);
  for (const [name, value] of Object.entries(extra)) struct.put(name, value);
  return struct;
}

export const DELETED_FIELD_SCHEMA = Schemas.OPTIONAL_STRING;

export function configured(config: Record<string, string> = {}): ExtractNewRecordState {
  const transform = new ExtractNewRecordState();
  transform.configure(config);
  return transform;
}

/** Applies the transform and fails the test when the record is dropped. */
export function kept(transform: ExtractNewRecordState, record: ConnectRecord): ConnectRecord {
  const result = transform.apply(record);
  if (result === null) throw new Error('expected the record to be kept, but it was dropped');
  return result;
}

/** Headers as [key, value] pairs, for exact comparison. */
export function headerPairs(record: ConnectRecord): Array<[string, unknown]> {
  return record.headers.toArray().map((h) => [h.key, h.value]);
}
