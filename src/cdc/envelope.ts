/**
 * Debezium's change event envelope (SchemaFactory.datatypeEnvelopeSchema, Envelope): `before`, `after`,
 * `source`, `transaction`, `op`, `ts_ms`, `ts_us`, `ts_ns`, in that order, as Debezium 3.2 writes it.
 */
import { SchemaBuilder, Schemas, type Schema } from '../api/data/schema.js';
import { Struct } from '../api/data/struct.js';

export type Operation = 'c' | 'u' | 'd' | 'r' | 't' | 'm';

/** The envelope schema version Debezium 2.x/3.x declares. */
export const ENVELOPE_SCHEMA_VERSION = 2;

/** The optional `transaction` block of an envelope (Debezium's `event.block`). */
export const TRANSACTION_BLOCK_SCHEMA: Schema = SchemaBuilder.struct()
  .name('event.block')
  .version(1)
  .optional()
  .field('id', Schemas.STRING)
  .field('total_order', Schemas.INT64)
  .field('data_collection_order', Schemas.INT64)
  .build();

export function envelopeSchema(name: string, valueSchema: Schema, sourceSchema: Schema): Schema {
  return SchemaBuilder.struct()
    .name(name)
    .version(ENVELOPE_SCHEMA_VERSION)
    .field('before', valueSchema)
    .field('after', valueSchema)
    .field('source', sourceSchema)
    .field('transaction', TRANSACTION_BLOCK_SCHEMA)
    .field('op', Schemas.STRING)
    .field('ts_ms', Schemas.OPTIONAL_INT64)
    .field('ts_us', Schemas.OPTIONAL_INT64)
    .field('ts_ns', Schemas.OPTIONAL_INT64)
    .build();
}

export interface TransactionBlock {
  readonly id: string;
  readonly totalOrder: number;
  readonly dataCollectionOrder: number;
}

export function transactionBlock(block: TransactionBlock): Struct {
  return new Struct(TRANSACTION_BLOCK_SCHEMA)
    .putUnchecked(0, block.id)
    .putUnchecked(1, block.totalOrder)
    .putUnchecked(2, block.dataCollectionOrder);
}

/**
 * The envelope value. `nowMicros` is when the connector processed the event (Debezium's `ts_ms`/`ts_us`/
 * `ts_ns` of the envelope, as opposed to the source's commit time).
 */
export function envelopeValue(options: {
  schema: Schema;
  op: Operation;
  before: Struct | null;
  after: Struct | null;
  source: Struct;
  transaction: TransactionBlock | null;
  nowMicros: bigint;
}): Struct {
  const { nowMicros } = options;
  return new Struct(options.schema)
    .putUnchecked(0, options.before)
    .putUnchecked(1, options.after)
    .putUnchecked(2, options.source)
    .putUnchecked(3, options.transaction ? transactionBlock(options.transaction) : null)
    .putUnchecked(4, options.op)
    .putUnchecked(5, Number(nowMicros / 1000n))
    .putUnchecked(6, Number(nowMicros))
    .putUnchecked(7, nowMicros * 1000n);
}

/** The current time in microseconds since the epoch (Debezium's clock for envelope timestamps). */
export function nowMicros(): bigint {
  return BigInt(Date.now()) * 1000n + BigInt(Math.floor((performance.now() % 1) * 1000));
}
