/**
 * Row changes to source records, with Debezium's rules (RelationalChangeRecordEmitter): creates, reads and
 * updates become one envelope record; a delete becomes its envelope plus a tombstone (with
 * `tombstones.on.delete`); an update that changes the key becomes a delete (header `__debezium.newkey`), its
 * tombstone, and a create (header `__debezium.oldkey`); a truncate becomes an `op: t` record with neither
 * before nor after. `skipped.operations` drops operations before any record is built.
 */
import { Schemas, valueEquals } from '../api/data/schema.js';
import type { Struct } from '../api/data/struct.js';
import { Headers, type Header } from '../api/headers.js';
import { sourceRecord, type SourceOffset, type SourcePartition, type SourceRecord } from '../api/record.js';
import type { CapturedTable } from './captured-table.js';
import { envelopeValue, nowMicros, type Operation, type TransactionBlock } from './envelope.js';
import { tableIdentifier } from './table-id.js';
import type { TransactionTracker } from './transactions.js';

/** The transaction an event belongs to, when transaction metadata is on. */
export interface RowTransaction {
  readonly tracker: TransactionTracker;
  readonly id: string;
  /** ts_ms for a BEGIN record the first event may open. */
  readonly tsMs: number;
}

export interface RowChange {
  readonly op: 'c' | 'u' | 'd' | 'r';
  readonly table: CapturedTable;
  /** Raw rows as the table's column converters expect them; null when the source has no such image. */
  readonly before: readonly unknown[] | null;
  readonly after: readonly unknown[] | null;
  readonly source: Struct;
  readonly partition: SourcePartition;
  readonly offset: SourceOffset;
  readonly transaction: RowTransaction | null;
}

export interface TruncateChange {
  readonly table: CapturedTable;
  readonly source: Struct;
  readonly partition: SourcePartition;
  readonly offset: SourceOffset;
  readonly transaction: RowTransaction | null;
}

/** Debezium's `skipped.operations` values: c, u, d, t (and `none`). */
export type SkippableOperation = 'c' | 'u' | 'd' | 't';

export interface ChangeRecordOptions {
  readonly tombstonesOnDelete: boolean;
  readonly skippedOperations: ReadonlySet<SkippableOperation>;
  /**
   * Debezium's context headers (`extended.headers.enabled`, on by default), appended after a record's own
   * headers on every change record and its tombstone: `__debezium.context.connectorLogicalName`,
   * `__debezium.context.taskId`, `__debezium.context.connectorName`.
   */
  readonly contextHeaders?: readonly Header[];
}

/** Debezium's context headers for a connector (string values, STRING schema). */
export function contextHeaders(logicalName: string, taskId: string, connectorName: string): Header[] {
  return [
    { key: '__debezium.context.connectorLogicalName', value: logicalName, schema: Schemas.STRING },
    { key: '__debezium.context.taskId', value: taskId, schema: Schemas.STRING },
    { key: '__debezium.context.connectorName', value: connectorName, schema: Schemas.STRING },
  ];
}

export const OLD_KEY_HEADER = '__debezium.oldkey';
export const NEW_KEY_HEADER = '__debezium.newkey';

export class ChangeRecordBuilder {
  constructor(private readonly options: ChangeRecordOptions) {}

  /**
   * Appends the records of one row change to `out`. `skipped.operations` applies to each record Debezium
   * would dispatch: a key change is a delete and a create, so `u` does not skip it, `d` and `c` each drop
   * their half.
   */
  rowChange(change: RowChange, out: SourceRecord[]): void {
    const { op, table } = change;
    const skipped = this.options.skippedOperations;
    if (op === 'u' && table.keySchema && change.before) {
      const oldKey = table.keyOf(change.before);
      const newKey = table.keyOf(change.after ?? []);
      if (!valueEquals(oldKey, newKey)) {
        if (!skipped.has('d')) {
          const before = table.valueOf(change.before);
          const deleted = this.envelope(change, 'd', oldKey, before, null, out, new Headers().add(NEW_KEY_HEADER, newKey, table.keySchema));
          out.push(deleted);
          if (this.options.tombstonesOnDelete) out.push(this.tombstone(change, oldKey, deleted));
        }
        if (!skipped.has('c')) {
          const after = change.after ? table.valueOf(change.after) : null;
          out.push(this.envelope(change, 'c', newKey, null, after, out, new Headers().add(OLD_KEY_HEADER, oldKey, table.keySchema)));
        }
        return;
      }
    }
    if (op !== 'r' && skipped.has(op)) return;
    const before = change.before ? table.valueOf(change.before) : null;
    const after = change.after ? table.valueOf(change.after) : null;
    if (op === 'd') {
      const key = table.keyOf(change.before ?? []);
      const deleted = this.envelope(change, 'd', key, before, null, out);
      out.push(deleted);
      if (this.options.tombstonesOnDelete) out.push(this.tombstone(change, key, deleted));
      return;
    }
    out.push(this.envelope(change, op, table.keyOf(change.after ?? change.before ?? []), before, after, out));
  }

  /** Appends the `op: t` record of one truncated table. */
  truncate(change: TruncateChange, out: SourceRecord[]): void {
    if (this.options.skippedOperations.has('t')) return;
    const { table } = change;
    const transaction = this.block(change, out);
    out.push(
      sourceRecord({
        topic: table.topic,
        keySchema: null,
        key: null,
        valueSchema: table.envelopeSchema,
        value: envelopeValue({ schema: table.envelopeSchema, op: 't', before: null, after: null, source: change.source, transaction, nowMicros: nowMicros() }),
        sourcePartition: change.partition,
        sourceOffset: change.offset,
        headers: this.headers(),
      }),
    );
  }

  /** The transaction block of one dispatched record (each counts as one transaction event). */
  private block(change: RowChange | TruncateChange, out: SourceRecord[]): TransactionBlock | null {
    const t = change.transaction;
    if (!t) return null;
    return t.tracker.block(t.id, tableIdentifier(change.table.id), { partition: change.partition, offset: change.offset, tsMs: t.tsMs }, out);
  }

  private envelope(change: RowChange, op: Operation, key: Struct | null, before: Struct | null, after: Struct | null, out: SourceRecord[], headers?: Headers): SourceRecord {
    const { table } = change;
    const transaction = this.block(change, out);
    return sourceRecord({
      topic: table.topic,
      keySchema: table.keySchema,
      key,
      valueSchema: table.envelopeSchema,
      value: envelopeValue({ schema: table.envelopeSchema, op, before, after, source: change.source, transaction, nowMicros: nowMicros() }),
      sourcePartition: change.partition,
      sourceOffset: change.offset,
      headers: this.headers(headers),
    });
  }

  private headers(own?: Headers): Headers {
    const context = this.options.contextHeaders;
    if (!context?.length) return own ?? new Headers();
    const all = new Headers(own);
    for (const h of context) all.addHeader(h);
    return all;
  }

  /** Debezium's tombstone repeats its delete's key and headers. */
  private tombstone(change: RowChange, key: Struct | null, deleted: SourceRecord): SourceRecord {
    return sourceRecord({
      topic: change.table.topic,
      keySchema: change.table.keySchema,
      key,
      valueSchema: null,
      value: null,
      sourcePartition: change.partition,
      sourceOffset: change.offset,
      headers: new Headers(deleted.headers),
    });
  }
}

/** Parses `skipped.operations` (default `t`; `none` skips nothing). */
export function skippedOperations(value: string | null | undefined): Set<SkippableOperation> {
  const items = (value ?? 't')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.includes('none')) return new Set();
  return new Set(items.filter((i): i is SkippableOperation => ['c', 'u', 'd', 't'].includes(i)));
}
