/**
 * Transaction metadata (`provide.transaction.metadata`, Debezium's TransactionMonitor): a BEGIN record on
 * `<prefix>.transaction` when a transaction starts (at its first captured event, or at once with `begin`),
 * an END record with per-collection event counts at its commit, and on each data event the `transaction`
 * block (id, total_order, data_collection_order). A connector may format the id shown in records per event
 * (PostgreSQL writes `<txId>:<LSN of the record>`).
 */
import { SchemaBuilder, Schemas, type Schema } from '../api/data/schema.js';
import { Struct } from '../api/data/struct.js';
import { sourceRecord, type SourceOffset, type SourcePartition, type SourceRecord } from '../api/record.js';
import type { TransactionBlock } from './envelope.js';
import { javaHashMapOrder } from './java-hash-order.js';

export const TRANSACTION_KEY_SCHEMA: Schema = SchemaBuilder.struct()
  .name('io.debezium.connector.common.TransactionMetadataKey')
  .version(1)
  .field('id', Schemas.STRING)
  .build();

const DATA_COLLECTION_SCHEMA: Schema = SchemaBuilder.struct()
  .name('event.collection')
  .version(1)
  .optional()
  .field('data_collection', Schemas.STRING)
  .field('event_count', Schemas.INT64)
  .build();

export const TRANSACTION_VALUE_SCHEMA: Schema = SchemaBuilder.struct()
  .name('io.debezium.connector.common.TransactionMetadataValue')
  .version(1)
  .field('status', Schemas.STRING)
  .field('id', Schemas.STRING)
  .field('event_count', Schemas.OPTIONAL_INT64)
  .field('data_collections', SchemaBuilder.array(DATA_COLLECTION_SCHEMA).optional().build())
  .field('ts_ms', Schemas.INT64)
  .build();

export interface TransactionEventContext {
  readonly partition: SourcePartition;
  readonly offset: SourceOffset;
  readonly tsMs: number;
}

export interface TransactionTrackerOptions {
  readonly enabled: boolean;
  readonly topic: string;
  /** The id written into a record (default: the transaction id as is). */
  readonly formatId?: (id: string, offset: SourceOffset) => string;
}

/** Tracks the open transaction and builds its BEGIN/END records and the per-event transaction blocks. */
export class TransactionTracker {
  private id: string | null = null;
  private total = 0;
  private readonly perCollection = new Map<string, number>();

  constructor(private readonly options: TransactionTrackerOptions) {}

  get enabled(): boolean {
    return this.options.enabled;
  }

  /** The transaction currently open, if any. */
  get openId(): string | null {
    return this.id;
  }

  /** Opens transaction `id` and emits its BEGIN now, ending one left open first. */
  begin(id: string, context: TransactionEventContext, out: SourceRecord[]): void {
    if (!this.options.enabled) return;
    if (this.id !== null) this.end(context, out);
    this.id = id;
    out.push(this.record('BEGIN', context, null));
  }

  /**
   * The block for one data event of `collection` in transaction `id`; emits BEGIN (and the END of a previous
   * transaction left open) into `out` when the transaction is not open yet.
   */
  block(id: string, collection: string, context: TransactionEventContext, out: SourceRecord[]): TransactionBlock | null {
    if (!this.options.enabled) return null;
    if (this.id !== id) this.begin(id, context, out);
    this.total++;
    const order = (this.perCollection.get(collection) ?? 0) + 1;
    this.perCollection.set(collection, order);
    return { id: this.display(id, context.offset), totalOrder: this.total, dataCollectionOrder: order };
  }

  /** Emits END for the open transaction, if any (call at its commit). */
  end(context: TransactionEventContext, out: SourceRecord[]): void {
    if (!this.options.enabled || this.id === null) return;
    out.push(this.record('END', context, this.total));
    this.id = null;
    this.total = 0;
    this.perCollection.clear();
  }

  /**
   * Debezium's transaction keys in streaming offsets while a transaction is open: `transaction_id` and
   * `transaction_data_collection_order_<collection>` per collection seen so far.
   */
  offsetKeys(): Record<string, unknown> {
    if (!this.options.enabled || this.id === null) return {};
    const keys: Record<string, unknown> = { transaction_id: this.id };
    for (const [collection, count] of this.perCollection) keys[`transaction_data_collection_order_${collection}`] = count;
    return keys;
  }

  private display(id: string, offset: SourceOffset): string {
    return this.options.formatId ? this.options.formatId(id, offset) : id;
  }

  private record(status: 'BEGIN' | 'END', context: TransactionEventContext, eventCount: number | null): SourceRecord {
    const id = this.display(this.id as string, context.offset);
    const collections =
      eventCount === null
        ? null
        : javaHashMapOrder([...this.perCollection.keys()]).map((collection) =>
            new Struct(DATA_COLLECTION_SCHEMA).putUnchecked(0, collection).putUnchecked(1, this.perCollection.get(collection) ?? 0),
          );
    const value = new Struct(TRANSACTION_VALUE_SCHEMA).putUnchecked(0, status).putUnchecked(1, id).putUnchecked(2, eventCount).putUnchecked(3, collections).putUnchecked(4, context.tsMs);
    return sourceRecord({
      topic: this.options.topic,
      keySchema: TRANSACTION_KEY_SCHEMA,
      key: new Struct(TRANSACTION_KEY_SCHEMA).putUnchecked(0, id),
      valueSchema: TRANSACTION_VALUE_SCHEMA,
      value,
      sourcePartition: context.partition,
      sourceOffset: context.offset,
    });
  }
}
