/**
 * The bridge between kafkajs's push model and the port's poll model. kafkajs hands fetched batches to
 * `eachBatch`; the adapter parks each one here (`hold`), and `eachBatch` does not return until poll() has
 * taken all of its records, the partition was paused, sought or revoked, or the group is rebalancing.
 * kafkajs fetches again only after every batch of the previous fetch was handled, so a slow poller holds
 * back fetching: the buffer never holds more than one fetch response.
 *
 * While batches are parked, kafkajs's own loop is blocked, so the buffer sends the group heartbeats
 * (through the parked batch's `heartbeat()`), as the Java consumer's heartbeat thread does. A heartbeat
 * failure (a rebalance, or the member being fenced) fails every parked batch with that error, which sends
 * kafkajs back to rejoin the group. If poll() is not called for max.poll.interval.ms, heartbeats stop, so
 * the coordinator expels the member after session.timeout.ms and its partitions move on, as in Kafka.
 */
import type { EachBatchPayload } from 'kafkajs';
import type { Logger } from 'pino';
import { topicPartitionKey } from '../../api/offsets.js';
import type { ConsumedRecord } from '../port.js';

interface ParkedBatch {
  readonly key: string;
  readonly records: readonly ConsumedRecord[];
  readonly payload: EachBatchPayload;
  /** Index of the next record to hand out. */
  next: number;
  readonly settle: (error?: unknown) => void;
}

export interface FetchBufferOptions {
  readonly heartbeatIntervalMs: number;
  readonly maxPollIntervalMs: number;
  readonly logger: Logger;
}

export class FetchBuffer {
  private readonly parked: ParkedBatch[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly heartbeatIntervalMs: number;
  private readonly maxPollIntervalMs: number;
  private readonly logger: Logger;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private lastPollAt = Date.now();
  private pollInProgress = false;
  private lapsed = false;
  /** Where each batch scan starts, rotated so every partition gets its turn under maxPollRecords. */
  private rotation = 0;
  /** Set when parked batches failed; batches of the same fetch round fail fast until the next fetch starts. */
  private failure: { readonly error: unknown } | undefined;

  constructor(options: FetchBufferOptions) {
    this.heartbeatIntervalMs = options.heartbeatIntervalMs;
    this.maxPollIntervalMs = options.maxPollIntervalMs;
    this.logger = options.logger;
  }

  /** Parks a batch until its records are taken or it is released; rejects when the batch fails. */
  hold(records: readonly ConsumedRecord[], payload: EachBatchPayload): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    return new Promise<void>((resolve, reject) => {
      const key = topicPartitionKey(payload.batch);
      this.parked.push({ key, records, payload, next: 0, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      this.startHeartbeats();
      this.wake();
    });
  }

  /**
   * Takes up to `max` records from parked batches of partitions `deliverable` accepts, and reports each
   * record's next offset through `onTaken`. A batch whose records are all taken is resolved up to its last
   * record (so kafkajs fetches on after it) and released.
   */
  take(max: number, deliverable: (key: string) => boolean, onTaken: (key: string, nextOffset: number) => void): ConsumedRecord[] {
    const taken: ConsumedRecord[] = [];
    const count = this.parked.length;
    if (count === 0) return taken;
    const start = this.rotation % count;
    this.rotation = (this.rotation + 1) % Math.max(1, count);
    const drained: ParkedBatch[] = [];
    for (let step = 0; step < count && taken.length < max; step += 1) {
      const batch = this.parked[(start + step) % count];
      if (batch === undefined || !deliverable(batch.key)) continue;
      const end = Math.min(batch.records.length, batch.next + (max - taken.length));
      for (let index = batch.next; index < end; index += 1) {
        const record = batch.records[index];
        if (record !== undefined) taken.push(record);
      }
      batch.next = end;
      const last = batch.records[end - 1];
      if (last !== undefined) onTaken(batch.key, last.offset + 1);
      if (batch.next >= batch.records.length) drained.push(batch);
    }
    for (const batch of drained) this.finish(batch, true);
    return taken;
  }

  /**
   * Lets go of the parked batch of a partition without handing out the rest. With `keepPosition`, kafkajs
   * is told the records handed out so far were consumed, so it fetches again from the first record not
   * handed out (used on pause); without, kafkajs's position is left alone (a seek replaces it).
   */
  release(key: string, options: { keepPosition: boolean }): void {
    for (const batch of this.parked.filter((candidate) => candidate.key === key)) this.finish(batch, options.keepPosition);
  }

  /** Lets go of every parked batch, positions untouched (closing, or restarting the kafkajs consumer). */
  releaseAll(): void {
    for (const batch of [...this.parked]) this.finish(batch, false);
  }

  /** Fails every parked batch; batches of the same fetch round fail too, until `fetchStarted()`. */
  failAll(error: unknown): void {
    this.failure = { error };
    for (const batch of this.parked.splice(0)) batch.settle(error);
    this.stopHeartbeatsIfIdle();
    this.wake();
  }

  /** kafkajs began a new fetch: the failure that ended the previous round is over. */
  fetchStarted(): void {
    this.failure = undefined;
  }

  /** Resolves when something may have changed for a poller: a batch arrived, or `wake()`; or after `ms`. */
  waitForActivity(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The application is in poll(): it is alive, however long poll() waits. */
  pollStarted(): void {
    this.pollInProgress = true;
    this.lastPollAt = Date.now();
  }

  pollEnded(): void {
    this.pollInProgress = false;
    this.lastPollAt = Date.now();
  }

  /**
   * After heartbeats stopped for a late poller, the member may have been expelled. Before handing out
   * records again, one heartbeat tells: if it fails, the parked batches fail and kafkajs rejoins.
   */
  async confirmMembership(): Promise<void> {
    if (!this.lapsed) return;
    this.lapsed = false;
    await this.heartbeat();
  }

  get size(): number {
    return this.parked.length;
  }

  private finish(batch: ParkedBatch, resolvePosition: boolean): void {
    const index = this.parked.indexOf(batch);
    if (index < 0) return;
    this.parked.splice(index, 1);
    const last = batch.records[batch.next - 1];
    if (resolvePosition && last !== undefined) batch.payload.resolveOffset(String(last.offset));
    batch.settle();
    this.stopHeartbeatsIfIdle();
  }

  private startHeartbeats(): void {
    if (this.heartbeatTimer !== undefined) return;
    // kafkajs sends a heartbeat only when heartbeat.interval.ms has passed since the last one; ticking at
    // half the interval keeps the gap between one and one and a half intervals.
    this.heartbeatTimer = setInterval(() => void this.tick(), Math.max(50, Math.floor(this.heartbeatIntervalMs / 2)));
    this.heartbeatTimer.unref();
  }

  private stopHeartbeatsIfIdle(): void {
    if (this.parked.length > 0 || this.heartbeatTimer === undefined) return;
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private async tick(): Promise<void> {
    if (!this.pollInProgress && Date.now() - this.lastPollAt > this.maxPollIntervalMs) {
      if (!this.lapsed) {
        this.logger.warn(
          { maxPollIntervalMs: this.maxPollIntervalMs },
          'poll() was not called within max.poll.interval.ms; heartbeats stop so the group can move this member’s partitions',
        );
      }
      this.lapsed = true;
      return;
    }
    await this.heartbeat();
  }

  private async heartbeat(): Promise<void> {
    const batch = this.parked[0];
    if (batch === undefined) return;
    try {
      await batch.payload.heartbeat();
    } catch (err) {
      this.logger.debug({ err }, 'heartbeat failed while batches were parked; kafkajs will rejoin the group');
      this.failAll(err);
    }
  }
}
