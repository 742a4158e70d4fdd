/**
 * Transaction metadata (`provide.transaction.metadata`, Debezium's TransactionMonitor): a BEGIN record on
 * `<prefix>.transaction` before a transaction's first captured event, an END record with per-table event
 * counts after its last, and on each data event the `transaction` block (id, total_order,
 * data_collection_order).
 */
import { SchemaBuilder, Schemas, type Schema } from '../api/data/schema.js';
import { Struct } from '../api/data/struct.js';
import { sourceRecord, type SourceOffset, type SourcePartition, type SourceRecord } from '../api/record.js';
import type { TransactionBlock } from './envelope.js';

export const TRANSACTION_KEY_SCHEMA: Schema = SchemaBuilder.struct()
  .name('io.debezium.connector.common.TransactionMetadataKey')
  .field('id', Schemas.STRING)
  .build();

const DATA_COLLECTION_SCHEMA: Schema = SchemaBuilder.struct()
  .name('event.collection')
  .version(1)
  .field('data_collection', Schemas.STRING)
  .field('event_count', Schemas.INT64)
  .build();

export const TRANSACTION_VALUE_SCHEMA: Schema = SchemaBuilder.struct()
  .name('io.debezium.connector.common.TransactionMetadataValue')
  .field('status', Schemas.STRING)
  .field('id', Schemas.STRING)
  .field('event_count', Schemas.OPTIONAL_INT64)
  .field('data_collections', SchemaBuilder.array(DATA_COLLECTION_SCHEMA).optional().build())
  .field('ts_ms', Schemas.INT64)
  .build();

/** Tracks the open transaction and builds its BEGIN/END records and the per-event transaction blocks. */
export class TransactionTracker {
  private id: string | null = null;
  private total = 0;
  private readonly perCollection = new Map<string, number>();

  constructor(private readonly options: { enabled: boolean; topic: string }) {}

  get enabled(): boolean {
    return this.options.enabled;
  }

  /**
   * The block for a data event of `collection` in transaction `id`; emits BEGIN (and the END of a previous
   * transaction left open) into `out` when this is the transaction's first event.
   */
  block(id: string, collection: string, context: { partition: SourcePartition; offset: SourceOffset; tsMs: number }, out: SourceRecord[]): TransactionBlock | null {
    if (!this.options.enabled) return null;
    if (this.id !== id) {
      if (this.id !== null) this.end(context, out);
      this.id = id;
      out.push(this.record('BEGIN', context, null));
    }
    this.total++;
    const order = (this.perCollection.get(collection) ?? 0) + 1;
    this.perCollection.set(collection, order);
    return { id, totalOrder: this.total, dataCollectionOrder: order };
  }

  /** Emits END for the open transaction, if any (call at its commit). */
  end(context: { partition: SourcePartition; offset: SourceOffset; tsMs: number }, out: SourceRecord[]): void {
    if (!this.options.enabled || this.id === null) return;
    out.push(this.record('END', context, this.total));
    this.id = null;
    this.total = 0;
    this.perCollection.clear();
  }

  private record(status: 'BEGIN' | 'END', context: { partition: SourcePartition; offset: SourceOffset; tsMs: number }, eventCount: number | null): SourceRecord {
    const id = this.id as string;
    const value = new Struct(TRANSACTION_VALUE_SCHEMA)
      .putUnchecked(0, status)
      .putUnchecked(1, id)
      .putUnchecked(2, eventCount)
      .putUnchecked(
        3,
        eventCount === null
          ? null
          : [...this.perCollection].map(([collection, count]) => new Struct(DATA_COLLECTION_SCHEMA).putUnchecked(0, collection).putUnchecked(1, count)),
      )
      .putUnchecked(4, context.tsMs);
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
