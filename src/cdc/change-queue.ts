/**
 * The bounded queue between a CDC source's reader and the task's poll (Debezium's ChangeEventQueue):
 * `max.queue.size` records at most, handed out in batches of up to `max.batch.size`. A poll gathers records
 * until it has a full batch or `poll.interval.ms` (at most 5 s, Debezium's RETURN_CONTROL_INTERVAL) passed.
 * A full queue makes the reader wait (backpressure reaches the database connection instead of growing
 * memory). A reader failure is thrown by the next poll, before any queued record is handed out, as
 * Debezium's queue does.
 */

/** Debezium's ConfigurationDefaults.RETURN_CONTROL_INTERVAL: a poll returns to the worker at least this often. */
const RETURN_CONTROL_INTERVAL_MS = 5_000;
import type { SourceRecord } from '../api/record.js';

export interface ChangeQueueOptions {
  readonly maxQueueSize: number;
  readonly maxBatchSize: number;
  readonly pollIntervalMs: number;
}

export class ChangeQueue {
  private items: SourceRecord[] = [];
  private head = 0;
  private failure: Error | undefined;
  private spaceWaiters: Array<() => void> = [];
  private dataWaiters: Array<() => void> = [];

  constructor(private readonly options: ChangeQueueOptions) {}

  get size(): number {
    return this.items.length - this.head;
  }

  get remainingCapacity(): number {
    return Math.max(0, this.options.maxQueueSize - this.size);
  }

  /** Adds records in order, waiting while the queue is full (or until `signal` aborts). */
  async enqueue(records: readonly SourceRecord[], signal?: AbortSignal): Promise<void> {
    for (const record of records) {
      while (this.size >= this.options.maxQueueSize && !signal?.aborted) {
        await new Promise<void>((resolve) => {
          this.spaceWaiters.push(resolve);
          signal?.addEventListener('abort', () => resolve(), { once: true });
        });
      }
      if (signal?.aborted) return;
      this.items.push(record);
      if (this.size >= this.options.maxBatchSize) this.wake('data');
    }
  }

  /** Makes the next poll throw `error`, even while records are still queued. */
  fail(error: Error): void {
    this.failure ??= error;
    this.wake('data');
  }

  /** Up to max.batch.size records, gathered for up to poll.interval.ms; [] when none came or on abort. */
  async poll(signal?: AbortSignal): Promise<SourceRecord[]> {
    if (this.failure) throw this.failure;
    if (this.size < this.options.maxBatchSize && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(this.options.pollIntervalMs, RETURN_CONTROL_INTERVAL_MS));
        this.dataWaiters.push(done);
        signal?.addEventListener('abort', done, { once: true });
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    if (this.failure) throw this.failure;
    const end = Math.min(this.items.length, this.head + this.options.maxBatchSize);
    const batch = this.items.slice(this.head, end);
    this.head = end;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 4096) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.wake('space');
    return batch;
  }

  private wake(kind: 'data' | 'space'): void {
    const waiters = kind === 'data' ? this.dataWaiters : this.spaceWaiters;
    if (kind === 'data') this.dataWaiters = [];
    else this.spaceWaiters = [];
    for (const wake of waiters) wake();
  }
}
