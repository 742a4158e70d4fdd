/**
 * The one SourceTask every CDC connector runs: a database adapter fills the bounded change queue (snapshot,
 * then streaming), `poll` drains it, and `commit` hands the offsets the runtime just made durable back to the
 * adapter, which confirms exactly that position to the database (PostgreSQL's flush LSN, MySQL's nothing to
 * confirm, MongoDB's resume token). Reader failures fail the task through the next poll.
 */
import type { Logger } from 'pino';
import type { RawConfig, SourceTask, SourceTaskContext } from '../api/connector.js';
import type { OffsetStorageReader } from '../api/offsets.js';
import type { SourceOffset, SourcePartition, SourceRecord } from '../api/record.js';
import { ChangeQueue } from './change-queue.js';

/** What a running adapter gets from the task. */
export interface CdcContext {
  readonly logger: Logger;
  readonly signal: AbortSignal;
  readonly queue: ChangeQueue;
  readonly offsetStorageReader: OffsetStorageReader;
  /** Progress shown in the task's `/status` entry and logs (null clears it). */
  readonly reportProgress: (progress: Readonly<Record<string, unknown>> | null) => void;
}

/** The one interface a database implements. */
export interface CdcAdapter {
  /** Reads changes into the queue until the signal aborts; rejects on an unrecoverable failure. */
  run(context: CdcContext): Promise<void>;
  /** The offsets the runtime just made durable (latest per partition). Never called with an offset not yet committed. */
  acknowledge(committed: ReadonlyArray<{ readonly partition: SourcePartition; readonly offset: SourceOffset }>): void | Promise<void>;
  /** Releases connections; called after run settled or when the task stops. */
  close(): Promise<void>;
}

export interface CdcTaskOptions {
  readonly createAdapter: (config: RawConfig, logger: Logger) => CdcAdapter;
  /** Debezium's `max.queue.size`, `max.batch.size` and `poll.interval.ms` from the task config. */
  readonly queueSettings: (config: RawConfig) => { maxQueueSize: number; maxBatchSize: number; pollIntervalMs: number };
}

export class CdcSourceTask implements SourceTask {
  private adapter: CdcAdapter | undefined;
  private queue: ChangeQueue | undefined;
  private running: Promise<void> | undefined;
  private readonly stopController = new AbortController();
  private context: SourceTaskContext | undefined;

  constructor(private readonly options: CdcTaskOptions) {}

  start(config: RawConfig, context: SourceTaskContext): void {
    this.context = context;
    const queue = new ChangeQueue(this.options.queueSettings(config));
    this.queue = queue;
    const adapter = this.options.createAdapter(config, context.logger);
    this.adapter = adapter;
    const signal = AbortSignal.any([context.signal, this.stopController.signal]);
    this.running = adapter
      .run({
        logger: context.logger,
        signal,
        queue,
        offsetStorageReader: context.offsetStorageReader,
        reportProgress: (progress) => context.reportProgress?.(progress),
      })
      .catch((err: unknown) => {
        if (!signal.aborted) queue.fail(err instanceof Error ? err : new Error(String(err)));
      });
  }

  async poll(): Promise<SourceRecord[] | null> {
    const records = await (this.queue as ChangeQueue).poll(this.context?.signal);
    return records.length ? records : null;
  }

  async commit(committed?: ReadonlyArray<{ readonly partition: SourcePartition; readonly offset: SourceOffset }>): Promise<void> {
    if (committed?.length) await this.adapter?.acknowledge(committed);
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await this.running;
    await this.adapter?.close();
  }

  /** Records waiting in the queue (Debezium's QueueRemainingCapacity is max.queue.size minus this). */
  get queueRemainingCapacity(): number {
    return this.queue?.remainingCapacity ?? 0;
  }
}
