/**
 * The one SourceTask every CDC connector runs: a database adapter fills the bounded change queue (snapshot,
 * then streaming), `poll` drains it, and `commit` hands the offsets the runtime just made durable back to the
 * adapter, which confirms exactly that position to the database (PostgreSQL's flush LSN, MySQL's nothing to
 * confirm, MongoDB's resume token).
 *
 * Reader failures surface as Debezium's ErrorHandler reports them: a retriable one (a lost connection) while
 * retries remain (`errors.max.retries`, default -1 = always) as a RetriableError "…This connector will be
 * restarted.", after which the adapter is started again `retriable.restart.connector.wait.ms` later (default
 * 10 s) from the committed offsets; any other as a ConnectError "…This connector will be stopped.", which
 * fails the task. The retry count resets once change events flow again.
 */
import type { Logger } from 'pino';
import type { RawConfig, SourceTask, SourceTaskContext } from '../api/connector.js';
import { ConnectError, isRetriable, RetriableError } from '../api/errors.js';
import type { OffsetStorageReader } from '../api/offsets.js';
import type { SourceOffset, SourcePartition, SourceRecord } from '../api/record.js';
import { sleep } from '../api/sleep.js';
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

export const PRODUCER_FAILURE_STOPPED = 'An exception occurred in the change event producer. This connector will be stopped.';
export const PRODUCER_FAILURE_RESTARTED = 'An exception occurred in the change event producer. This connector will be restarted.';

const numberOr = (value: string | undefined, fallback: number): number => {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) ? n : fallback;
};

/** Retriable when any error in the cause chain is. */
function retriableChain(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 16; e = e.cause, depth++) if (isRetriable(e)) return true;
  return false;
}

export class CdcSourceTask implements SourceTask {
  private adapter: CdcAdapter | undefined;
  private queue: ChangeQueue | undefined;
  private running: Promise<void> | undefined;
  private runController: AbortController | undefined;
  private readonly stopController = new AbortController();
  private context: SourceTaskContext | undefined;
  private config: RawConfig = {};
  private retries = 0;
  /** When set, the adapter failed retriably and is started again at this time. */
  private restartAt: number | null = null;

  constructor(private readonly options: CdcTaskOptions) {}

  start(config: RawConfig, context: SourceTaskContext): void {
    this.context = context;
    this.config = config;
    this.startAdapter();
  }

  private startAdapter(): void {
    const context = this.context as SourceTaskContext;
    const queue = new ChangeQueue(this.options.queueSettings(this.config));
    this.queue = queue;
    const adapter = this.options.createAdapter(this.config, context.logger);
    this.adapter = adapter;
    const runController = new AbortController();
    this.runController = runController;
    const signal = AbortSignal.any([context.signal, this.stopController.signal, runController.signal]);
    this.running = adapter
      .run({ logger: context.logger, signal, queue, offsetStorageReader: context.offsetStorageReader, reportProgress: (progress) => context.reportProgress?.(progress) })
      .catch((err: unknown) => {
        if (!signal.aborted) queue.fail(this.producerFailure(err));
      });
  }

  private producerFailure(err: unknown): Error {
    const cause = err instanceof Error ? err : new Error(String(err));
    const maxRetries = numberOr(this.config['errors.max.retries'], -1);
    if (retriableChain(cause) && (maxRetries < 0 || this.retries < maxRetries)) {
      this.retries++;
      return new RetriableError(PRODUCER_FAILURE_RESTARTED, { cause });
    }
    return new ConnectError(PRODUCER_FAILURE_STOPPED, { cause });
  }

  async poll(): Promise<SourceRecord[] | null> {
    if (this.restartAt !== null) {
      const wait = this.restartAt - Date.now();
      if (wait > 0) {
        await sleep(Math.min(wait, 1000), this.context?.signal);
        return null;
      }
      this.restartAt = null;
      this.context?.logger.info('Attempting to restart task.');
      this.startAdapter();
    }
    let records: SourceRecord[];
    try {
      records = await (this.queue as ChangeQueue).poll(this.context?.signal);
    } catch (err) {
      if (err instanceof RetriableError) await this.scheduleRestart();
      throw err;
    }
    if (records.length && this.retries > 0 && records.some((r) => r.valueSchema?.name?.endsWith('.Envelope'))) this.retries = 0;
    return records.length ? records : null;
  }

  private async scheduleRestart(): Promise<void> {
    this.runController?.abort();
    await this.running;
    await this.adapter?.close();
    this.adapter = undefined;
    this.restartAt = Date.now() + numberOr(this.config['retriable.restart.connector.wait.ms'], 10_000);
  }

  async commit(committed?: ReadonlyArray<{ readonly partition: SourcePartition; readonly offset: SourceOffset }>): Promise<void> {
    if (committed?.length && this.restartAt === null) await this.adapter?.acknowledge(committed);
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
