/**
 * Snapshot metrics with Debezium's meanings (SnapshotMeter behind the `context=snapshot` MBean):
 * TotalTableCount, RemainingTableCount, SnapshotRunning/Paused/Completed/Aborted/Skipped,
 * SnapshotDurationInSeconds, SnapshotPausedDurationInSeconds and RowsScanned per table. The incremental
 * snapshot also reports its current chunk. Tidewater adds the estimated total of rows (from table
 * statistics) so progress can show an ETA.
 */
export class SnapshotMeter {
  private readonly captured = new Set<string>();
  private readonly remaining = new Set<string>();
  private readonly rows = new Map<string, number>();
  private readonly estimates = new Map<string, number>();
  running = false;
  paused = false;
  completed = false;
  aborted = false;
  skipped = false;
  private startMs = 0;
  private stopMs = 0;
  private pauseStartMs = 0;
  private pausedMs = 0;
  chunkId: string | null = null;
  chunkFrom: string | null = null;
  chunkTo: string | null = null;

  constructor(private readonly clock: () => number = Date.now) {}

  tablesDetermined(tables: Iterable<string>): void {
    for (const t of tables) {
      this.captured.add(t);
      this.remaining.add(t);
    }
  }

  estimate(table: string, rows: number | null): void {
    if (rows !== null && rows >= 0) this.estimates.set(table, rows);
  }

  started(): void {
    this.set({ running: true });
    this.startMs = this.clock();
    this.stopMs = 0;
    this.pauseStartMs = 0;
    this.pausedMs = 0;
  }

  pausedNow(): void {
    this.set({ paused: true });
    this.pauseStartMs = this.clock();
  }

  resumed(): void {
    this.set({ running: true });
    if (this.pauseStartMs > 0) this.pausedMs += this.clock() - this.pauseStartMs;
    this.pauseStartMs = 0;
  }

  completedNow(): void {
    this.set({ completed: true });
    this.stopMs = this.clock();
  }

  abortedNow(): void {
    this.set({ aborted: true });
    this.stopMs = this.clock();
  }

  skippedNow(): void {
    this.set({ skipped: true });
  }

  rowsScanned(table: string, rows: number): void {
    this.rows.set(table, rows);
  }

  tableCompleted(table: string, rows: number): void {
    this.rows.set(table, rows);
    this.remaining.delete(table);
  }

  get totalTableCount(): number {
    return this.captured.size;
  }

  get remainingTableCount(): number {
    return this.remaining.size;
  }

  get capturedTables(): string[] {
    return [...this.captured];
  }

  get rowsScannedByTable(): ReadonlyMap<string, number> {
    return this.rows;
  }

  get totalRowsScanned(): number {
    let sum = 0;
    for (const n of this.rows.values()) sum += n;
    return sum;
  }

  /** Sum of the tables' row estimates, or null when no table has one. */
  get totalRowsEstimated(): number | null {
    if (this.estimates.size === 0) return null;
    let sum = 0;
    for (const n of this.estimates.values()) sum += n;
    return sum;
  }

  get durationSeconds(): number {
    if (this.startMs <= 0) return 0;
    return Math.floor(((this.stopMs || this.clock()) - this.startMs) / 1000);
  }

  get pausedDurationSeconds(): number {
    const ongoing = this.pauseStartMs > 0 ? this.clock() - this.pauseStartMs : 0;
    return Math.floor((this.pausedMs + ongoing) / 1000);
  }

  /** Seconds left at the current rate, from the row estimates; null while unknown. */
  get etaSeconds(): number | null {
    const estimated = this.totalRowsEstimated;
    const elapsedMs = this.startMs > 0 ? this.clock() - this.startMs - this.pausedMs : 0;
    const scanned = this.totalRowsScanned;
    if (estimated === null || !this.running || elapsedMs <= 0 || scanned === 0) return null;
    return Math.max(0, Math.round(((estimated - scanned) * elapsedMs) / scanned / 1000));
  }

  private set(state: Partial<Record<'running' | 'paused' | 'completed' | 'aborted' | 'skipped', boolean>>): void {
    this.running = state.running ?? false;
    this.paused = state.paused ?? false;
    this.completed = state.completed ?? false;
    this.aborted = state.aborted ?? false;
    this.skipped = state.skipped ?? false;
  }
}
