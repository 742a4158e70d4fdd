/**
 * Row changes to source records, with Debezium's rules (RelationalChangeRecordEmitter): creates, reads and
 * updates become one envelope record; a delete becomes its envelope plus a tombstone (with
 * `tombstones.on.delete`); an update that changes the key becomes a delete (header `__debezium.newkey`), its
 * tombstone, and a create (header `__debezium.oldkey`); a truncate becomes an `op: t` record with neither
 * before nor after. `skipped.operations` drops operations before any record is built.
 */
import { valueEquals } from '../api/data/schema.js';
import type { Struct } from '../api/data/struct.js';
import { Headers } from '../api/headers.js';
import { sourceRecord, type SourceOffset, type SourcePartition, type SourceRecord } from '../api/record.js';
import type { CapturedTable } from './captured-table.js';
import { envelopeValue, nowMicros, type Operation, type TransactionBlock } from './envelope.js';

export interface RowChange {
  readonly op: 'c' | 'u' | 'd' | 'r';
  readonly table: CapturedTable;
  /** Raw rows as the table's column converters expect them; null when the source has no such image. */
  readonly before: readonly unknown[] | null;
  readonly after: readonly unknown[] | null;
  readonly source: Struct;
  readonly partition: SourcePartition;
  readonly offset: SourceOffset;
  readonly transaction: TransactionBlock | null;
}

export interface TruncateChange {
  readonly table: CapturedTable;
  readonly source: Struct;
  readonly partition: SourcePartition;
  readonly offset: SourceOffset;
  readonly transaction: TransactionBlock | null;
}

/** Debezium's `skipped.operations` values: c, u, d, t (and `none`). */
export type SkippableOperation = 'c' | 'u' | 'd' | 't';

export interface ChangeRecordOptions {
  readonly tombstonesOnDelete: boolean;
  readonly skippedOperations: ReadonlySet<SkippableOperation>;
}

export const OLD_KEY_HEADER = '__debezium.oldkey';
export const NEW_KEY_HEADER = '__debezium.newkey';

export class ChangeRecordBuilder {
  constructor(private readonly options: ChangeRecordOptions) {}

  /** Appends the records of one row change to `out`. */
  rowChange(change: RowChange, out: SourceRecord[]): void {
    const { op, table } = change;
    if (op !== 'r' && this.options.skippedOperations.has(op)) return;
    const before = change.before ? table.valueOf(change.before) : null;
    const after = change.after ? table.valueOf(change.after) : null;
    if (op === 'd') {
      const key = table.keyOf(change.before ?? []);
      out.push(this.envelope(change, 'd', key, before, null));
      if (this.options.tombstonesOnDelete) out.push(this.tombstone(change, key));
      return;
    }
    if (op === 'u' && table.keySchema && change.before) {
      const oldKey = table.keyOf(change.before);
      const newKey = table.keyOf(change.after ?? []);
      if (!valueEquals(oldKey, newKey)) {
        out.push(this.envelope(change, 'd', oldKey, before, null, new Headers().add(NEW_KEY_HEADER, newKey, table.keySchema)));
        if (this.options.tombstonesOnDelete) out.push(this.tombstone(change, oldKey));
        out.push(this.envelope(change, 'c', newKey, null, after, new Headers().add(OLD_KEY_HEADER, oldKey, table.keySchema)));
        return;
      }
    }
    out.push(this.envelope(change, op, table.keyOf(change.after ?? change.before ?? []), before, after));
  }

  /** Appends the `op: t` record of one truncated table. */
  truncate(change: TruncateChange, out: SourceRecord[]): void {
    if (this.options.skippedOperations.has('t')) return;
    const { table } = change;
    out.push(
      sourceRecord({
        topic: table.topic,
        keySchema: null,
        key: null,
        valueSchema: table.envelopeSchema,
        value: envelopeValue({ schema: table.envelopeSchema, op: 't', before: null, after: null, source: change.source, transaction: change.transaction, nowMicros: nowMicros() }),
        sourcePartition: change.partition,
        sourceOffset: change.offset,
      }),
    );
  }

  private envelope(change: RowChange, op: Operation, key: Struct | null, before: Struct | null, after: Struct | null, headers?: Headers): SourceRecord {
    const { table } = change;
    return sourceRecord({
      topic: table.topic,
      keySchema: table.keySchema,
      key,
      valueSchema: table.envelopeSchema,
      value: envelopeValue({ schema: table.envelopeSchema, op, before, after, source: change.source, transaction: change.transaction, nowMicros: nowMicros() }),
      sourcePartition: change.partition,
      sourceOffset: change.offset,
      ...(headers ? { headers } : {}),
    });
  }

  private tombstone(change: RowChange, key: Struct | null): SourceRecord {
    return sourceRecord({
      topic: change.table.topic,
      keySchema: change.table.keySchema,
      key,
      valueSchema: null,
      value: null,
      sourcePartition: change.partition,
      sourceOffset: change.offset,
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
