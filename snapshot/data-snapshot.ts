/**
 * Step "snapshotting data" of an initial (or blocking) snapshot, database-neutral: reads every planned table
 * through a pool of scanners (Debezium's `snapshot.max.threads` connections sharing one consistent view),
 * turns each row into `op: r` records with Debezium's `source.snapshot` markers, and feeds the bounded change
 * queue, so a slow Kafka slows the scan instead of filling memory.
 *
 * Like Debezium, the record emitted last is held back until the snapshot completes; it is then built as the
 * final record (marker `last`, offset saying the snapshot completed). Progress (tables done, rows so far,
 * estimated total and time left) goes to the log every `logIntervalMs`, to the meter, and to `onProgress`.
 */
import type { Logger } from 'pino';
import type { SourceRecord } from '../src/api/record.js';
import type { ChangeQueue } from '../src/cdc/change-queue.js';
import type { SnapshotMarker } from '../src/cdc/source-info.js';
import { formatDuration } from './duration.js';
import { snapshotMarker } from './markers.js';
import type { SnapshotMeter } from './snapshot-meter.js';

export interface SnapshotTablePlan<T> {
  /** The table's identifier as Debezium prints it (`schema.table`). */
  readonly name: string;
  readonly select: string;
  /** Row estimate from the database's statistics, null if unknown. */
  readonly estimatedRows: number | null;
  /** The adapter's handle for the table (its captured schema). */
  readonly table: T;
}

/** One reading connection inside the consistent snapshot. */
export interface SnapshotScanner {
  /** `source.ts_ms` of rows read by this scanner, in epoch microseconds (Debezium: CURRENT_TIMESTAMP). */
  timestampMicros(): Promise<number>;
  /** Streams the statement's rows in batches (the dialect's fetch size); each batch is awaited. */
  scan(select: string, onRows: (rows: readonly (readonly unknown[])[]) => Promise<void>, signal: AbortSignal): Promise<void>;
}

/** Builds the records for one row; `completed` only for the snapshot's final record. */
export type SnapshotRecordFactory<T> = (table: T, row: readonly unknown[], marker: SnapshotMarker, tsMicros: number, completed: boolean) => SourceRecord[];

export interface DataSnapshotOptions<T> {
  readonly logger: Logger;
  readonly signal: AbortSignal;
  readonly queue: ChangeQueue;
  readonly tables: readonly SnapshotTablePlan<T>[];
  readonly scanners: readonly SnapshotScanner[];
  readonly records: SnapshotRecordFactory<T>;
  readonly meter: SnapshotMeter;
  readonly onProgress?: () => void;
  readonly logIntervalMs?: number;
  readonly clock?: () => number;
}

interface Pending<T> {
  readonly table: T;
  readonly row: readonly unknown[];
  readonly marker: SnapshotMarker;
  readonly tsMicros: number;
}

/** Reads all tables; resolves with the number of rows read once the final record is queued. */
export async function snapshotData<T>(options: DataSnapshotOptions<T>): Promise<number> {
  const { tables, scanners, logger, meter } = options;
  const failed = new AbortController();
  const signal = AbortSignal.any([options.signal, failed.signal]);
  const clock = options.clock ?? Date.now;
  const logIntervalMs = options.logIntervalMs ?? 10_000;
  const single = scanners.length === 1;
  logger.info(`Creating snapshot worker pool with ${scanners.length} worker thread(s)`);
  for (const t of tables) {
    logger.info(`For table '${t.name}' using select statement: '${t.select}'`);
    meter.estimate(t.name, t.estimatedRows);
  }

  let held: Pending<T> | null = null;
  let totalRows = 0;
  /** Holds `next` back and returns the records of the one it replaces. */
  const hold = (next: Pending<T>, out: SourceRecord[]): void => {
    if (held) out.push(...options.records(held.table, held.row, held.marker, held.tsMicros, false));
    held = next;
  };

  const scanTable = async (scanner: SnapshotScanner, plan: SnapshotTablePlan<T>, order: number): Promise<void> => {
    const started = clock();
    logger.info(`Exporting data from table '${plan.name}' (${order} of ${tables.length} tables)`);
    const tsMicros = await scanner.timestampMicros();
    const firstTable = single && order === 1;
    const lastTable = single && order === tables.length;
    let rows = 0;
    let previous: readonly unknown[] | null = null;
    let nextLog = started + logIntervalMs;
    const place = (row: readonly unknown[], lastInTable: boolean, out: SourceRecord[]): void => {
      const marker = snapshotMarker({ firstTable, lastTable, firstInTable: rows === 1, lastInTable });
      hold({ table: plan.table, row, marker, tsMicros }, out);
    };
    await scanner.scan(
      plan.select,
      async (batch) => {
        if (signal.aborted) throw new Error(`Interrupted while snapshotting table ${plan.name}`);
        const out: SourceRecord[] = [];
        for (const row of batch) {
          if (previous) place(previous, false, out);
          previous = row;
          rows++;
        }
        totalRows += batch.length;
        meter.rowsScanned(plan.name, rows);
        const now = clock();
        if (now >= nextLog) {
          const of = plan.estimatedRows !== null ? ` of ${plan.estimatedRows}` : '';
          logger.info(`\t Exported ${rows}${of} records for table '${plan.name}' after ${formatDuration(now - started)}`);
          nextLog = now + logIntervalMs;
          options.onProgress?.();
        }
        if (out.length) await options.queue.enqueue(out, signal);
      },
      signal,
    );
    if (previous) {
      const out: SourceRecord[] = [];
      place(previous, true, out);
      if (out.length) await options.queue.enqueue(out, signal);
    }
    meter.tableCompleted(plan.name, rows);
    logger.info(`\t Finished exporting ${rows} records for table '${plan.name}' (${order} of ${tables.length} tables); total duration '${formatDuration(clock() - started)}'`);
    options.onProgress?.();
  };

  let next = 0;
  const worker = async (scanner: SnapshotScanner): Promise<void> => {
    while (next < tables.length && !signal.aborted) {
      const index = next++;
      const plan = tables[index] as SnapshotTablePlan<T>;
      try {
        await scanTable(scanner, plan, index + 1);
      } catch (err) {
        if (!signal.aborted) {
          firstError = new Error(`Snapshotting of table ${plan.name} failed: ${(err as Error).message}`, { cause: err });
          failed.abort();
        }
        return;
      }
    }
  };
  let firstError: Error | null = null;
  await Promise.all(scanners.map(worker));
  if (firstError) throw firstError;
  if (signal.aborted) throw new Error('Interrupted while snapshotting data');

  const last = held as Pending<T> | null;
  if (last) await options.queue.enqueue(options.records(last.table, last.row, 'last', last.tsMicros, true), options.signal);
  return totalRows;
}
