/**
 * Runs one source task (Kafka's WorkerSourceTask): poll → SMT chain → converters → producer. Offsets are
 * committed every `offset.flush.interval.ms`, and only up to the last record whose predecessors in its source
 * partition are all acknowledged (SubmittedRecords). `commitRecord` fires per acknowledged record, in order.
 * In-flight records are bounded, so a slow topic store applies backpressure to polling instead of growing
 * memory. Stopping flushes the producer and commits within `task.shutdown.graceful.timeout.ms`.
 */
import type { Logger } from 'pino';
import { ConnectError, isRetriable } from '../api/errors.js';
import type { RawConfig, RecordMetadata, SourceTask } from '../api/connector.js';
import type { OffsetStorageReader } from '../api/offsets.js';
import type { SourceOffset, SourcePartition, SourceRecord } from '../api/record.js';
import type { ProducedRecord, ProduceResult, TopicProducer } from '../kafka/port.js';
import type { OffsetStore } from '../storage/offset-store.js';
import { FAILED, type RetryWithToleranceOperator } from './errors/retry-with-tolerance.js';
import { toProducedRecord, type RecordConverters } from './record-conversion.js';
import { SubmittedRecords, type SubmittedRecord } from './submitted-records.js';
import { sleep, TaskLifecycle, within, type TaskStatusListener } from './task-lifecycle.js';
import type { TopicCreation } from './topic-creation.js';
import type { TransformationChain } from './transformation-chain.js';

/** Hooks for metrics; every method is optional work on the hot path, so keep them cheap. */
export interface SourceTaskObserver {
  polled?(count: number, durationMs: number): void;
  written?(count: number): void;
  committed?(success: boolean, durationMs: number): void;
  topicUsed?(topic: string): void;
}

export interface SourceTaskRunnerOptions {
  readonly connector: string;
  readonly taskId: number;
  readonly task: SourceTask;
  readonly config: RawConfig;
  readonly logger: Logger;
  readonly chain: TransformationChain<SourceRecord>;
  readonly converters: RecordConverters;
  readonly operator: RetryWithToleranceOperator;
  readonly producer: TopicProducer;
  readonly offsetStore: OffsetStore;
  readonly topicCreation: TopicCreation | null;
  readonly listener: TaskStatusListener;
  readonly offsetFlushIntervalMs: number;
  readonly gracefulShutdownMs: number;
  /** Records sent but not yet acknowledged before polling waits (backpressure). */
  readonly maxInFlightRecords?: number;
  readonly observer?: SourceTaskObserver;
}

export class SourceTaskRunner {
  readonly lifecycle: TaskLifecycle;
  private readonly submitted = new SubmittedRecords();
  private readonly inFlight = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;
  private commitTimer: NodeJS.Timeout | undefined;
  private committing: Promise<void> | undefined;
  private produceFailure: Error | undefined;
  /** When a requested stop must be over (task.shutdown.graceful.timeout.ms after the request). */
  private stopDeadline = Number.POSITIVE_INFINITY;
  private pollingEnded: () => void = () => undefined;
  /** Settles when the poll loop has ended and only the final flush and commit remain. */
  private readonly pollingDone = new Promise<void>((resolve) => (this.pollingEnded = resolve));

  constructor(private readonly options: SourceTaskRunnerOptions) {
    this.lifecycle = new TaskLifecycle(options.listener);
  }

  get id(): string {
    return `${this.options.connector}-${this.options.taskId}`;
  }

  start(): void {
    this.loop = this.execute();
  }

  pause(): void {
    this.lifecycle.pause();
  }

  resume(): void {
    this.lifecycle.resume();
  }

  /**
   * Stops polling, flushes what is in flight and commits its offsets, then stops the task. The poll loop must
   * end within task.shutdown.graceful.timeout.ms; the final flush waits at most until that deadline, and the
   * offsets of everything acknowledged by then are committed before stop() resolves.
   */
  async stop(): Promise<void> {
    this.stopDeadline = Date.now() + this.options.gracefulShutdownMs;
    this.lifecycle.requestStop();
    try {
      await this.options.task.stop();
    } catch (err) {
      this.options.logger.warn({ err }, 'source task threw while stopping');
    }
    if (!this.loop) return;
    if (!(await within(this.pollingDone, Math.max(0, this.stopDeadline - Date.now())))) {
      this.options.logger.error({ task: this.id }, `Graceful stop of task ${this.id} failed.`);
      return;
    }
    await this.loop;
  }

  private async execute(): Promise<void> {
    const { task, logger } = this.options;
    let failure: Error | undefined;
    try {
      await task.start(this.options.config, {
        logger,
        config: this.options.config,
        offsetStorageReader: this.offsetReader(),
        reportProgress: (progress) => this.options.listener.onProgress?.(progress),
        signal: this.lifecycle.signal,
      });
      this.lifecycle.running();
      this.commitTimer = setInterval(() => void this.commitOffsets(), this.options.offsetFlushIntervalMs);
      this.commitTimer.unref();
      await this.pollLoop();
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
    } finally {
      clearInterval(this.commitTimer);
      this.pollingEnded();
      await this.finish(failure);
    }
  }

  private async pollLoop(): Promise<void> {
    const { task, logger, observer } = this.options;
    while (!this.lifecycle.stopping) {
      if (this.produceFailure) throw this.produceFailure;
      if (this.lifecycle.isPaused) {
        await this.lifecycle.waitWhilePaused();
        continue;
      }
      const started = performance.now();
      let records: SourceRecord[] | null;
      try {
        records = await task.poll();
      } catch (err) {
        if (!isRetriable(err) || this.lifecycle.stopping) throw err;
        logger.warn({ err }, 'source task poll failed with a retriable error; polling again');
        await sleep(100, this.lifecycle.signal);
        continue;
      }
      if (!records || records.length === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      observer?.polled?.(records.length, performance.now() - started);
      await this.send(records);
    }
  }

  /** Transforms, converts and sends one polled batch; waits while too much is in flight. */
  private async send(records: readonly SourceRecord[]): Promise<void> {
    const { chain, converters, operator, topicCreation } = this.options;
    const batch: ProducedRecord[] = [];
    const origins: Array<{ record: SourceRecord; handle: SubmittedRecord }> = [];
    for (const record of records) {
      const handle = this.submitted.submit(record.sourcePartition, record.sourceOffset);
      if (record.offsetOnly) {
        await this.recordDone(record, handle, null);
        continue;
      }
      let transformed = chain.apply(record, operator);
      if (transformed instanceof Promise) transformed = await transformed;
      if (transformed === null || transformed === FAILED) {
        await this.recordDone(record, handle, null);
        continue;
      }
      let produced = toProducedRecord(transformed, converters, operator);
      if (produced instanceof Promise) produced = await produced;
      if (produced === FAILED) {
        await this.recordDone(record, handle, null);
        continue;
      }
      if (topicCreation && !topicCreation.isKnown(produced.topic)) await topicCreation.ensure(produced.topic);
      batch.push(produced);
      origins.push({ record, handle });
    }
    if (batch.length === 0) return;
    const sending: Promise<void> = this.options.producer.send(batch).then(
      (results) => this.acknowledged(origins, results),
      (err: unknown) => this.sendFailed(origins, batch, err),
    );
    const tracked = sending.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    const limit = this.options.maxInFlightRecords ?? 20_000;
    while (this.submitted.pending > limit && this.inFlight.size > 0 && !this.lifecycle.stopping) {
      await Promise.race(this.inFlight);
    }
  }

  private async acknowledged(origins: ReadonlyArray<{ record: SourceRecord; handle: SubmittedRecord }>, results: ProduceResult[]): Promise<void> {
    for (let i = 0; i < origins.length; i++) {
      const origin = origins[i] as { record: SourceRecord; handle: SubmittedRecord };
      const result = results[i];
      await this.recordDone(origin.record, origin.handle, result ? { ...result } : null);
      if (result) this.options.observer?.topicUsed?.(result.topic);
    }
    this.options.observer?.written?.(origins.length);
  }

  /** A failed send: tolerated (errors.tolerance=all, KIP-779) records are reported and skipped; else the task fails. */
  private async sendFailed(origins: ReadonlyArray<{ record: SourceRecord; handle: SubmittedRecord }>, batch: readonly ProducedRecord[], err: unknown): Promise<void> {
    const error = err instanceof Error ? err : new Error(String(err));
    for (let i = 0; i < origins.length; i++) {
      const origin = origins[i] as { record: SourceRecord; handle: SubmittedRecord };
      try {
        const retried = await this.options.operator.executeAsync(
          'KAFKA_PRODUCE',
          'TopicProducer',
          async () => {
            if (isRetriable(error)) return this.options.producer.send([batch[i] as ProducedRecord]);
            throw error;
          },
          { source: origin.record },
        );
        await this.recordDone(origin.record, origin.handle, retried === FAILED ? null : ((retried[0] as ProduceResult | undefined) ?? null));
      } catch (failure) {
        this.produceFailure ??= new ConnectError(`Unrecoverable exception from producer send callback: ${error.message}`, { cause: failure });
        return;
      }
    }
  }

  private async recordDone(record: SourceRecord, handle: SubmittedRecord, metadata: RecordMetadata | null): Promise<void> {
    handle.ack();
    try {
      await this.options.task.commitRecord?.(record, metadata);
    } catch (err) {
      this.options.logger.error({ err }, `Exception thrown while calling task.commitRecord()`);
    }
  }

  /** Writes committable offsets to the offset store, then calls task.commit(). One commit at a time. */
  commitOffsets(): Promise<void> {
    this.committing ??= this.doCommit().finally(() => (this.committing = undefined));
    return this.committing;
  }

  private async doCommit(): Promise<void> {
    const started = performance.now();
    const { offsets } = this.submitted.committableOffsets();
    try {
      if (offsets.length) await this.options.offsetStore.set(this.options.connector, offsets);
      this.options.observer?.committed?.(true, performance.now() - started);
    } catch (err) {
      this.options.observer?.committed?.(false, performance.now() - started);
      this.options.logger.error({ err }, `Failed to commit offsets for task ${this.id}`);
      return;
    }
    try {
      await this.options.task.commit?.(offsets);
    } catch (err) {
      this.options.logger.error({ err }, 'Exception thrown while calling task.commit()');
    }
  }

  /**
   * After the loop: wait for in-flight sends (bounded), commit what is acknowledged, and only then report a
   * failure (as Kafka's final offset commit comes before the task is marked FAILED), stop, report stopped.
   */
  private async finish(failure: Error | undefined): Promise<void> {
    const { producer, gracefulShutdownMs, logger } = this.options;
    const budget = this.lifecycle.stopping ? Math.max(0, this.stopDeadline - Date.now()) : gracefulShutdownMs;
    const drained = await within(Promise.allSettled([...this.inFlight]).then(() => producer.flush()), budget);
    if (!drained) logger.warn({ task: this.id, pending: this.submitted.pending }, 'records still in flight at shutdown; their offsets are not committed');
    await this.commitOffsets();
    const cause = failure ?? this.produceFailure;
    if (cause) this.lifecycle.fail(cause);
    if (!this.lifecycle.stopping) {
      try {
        await this.options.task.stop();
      } catch (err) {
        logger.warn({ err }, 'source task threw while stopping');
      }
    }
    this.lifecycle.stopped();
  }

  private offsetReader(): OffsetStorageReader {
    const store = this.options.offsetStore;
    const connector = this.options.connector;
    return {
      offset: async (partition: SourcePartition) => store.get(connector, partition),
      offsets: async (partitions: readonly SourcePartition[]) =>
        new Map<SourcePartition, SourceOffset | null>(partitions.map((p) => [p, store.get(connector, p)])),
    };
  }
}
