/**
 * Runs one sink task (Kafka's WorkerSinkTask): a member of consumer group `connect-<name>` reading `topics` or
 * `topics.regex` → converters → SMT chain → `put`; every `offset.flush.interval.ms` (or on requestCommit)
 * `preCommit` (flush by default) and then the consumer offsets are committed, so a record's offset is only
 * committed after the task has made it durable. Failed conversions and transformations are retried,
 * reported (log, dead letter queue with the original bytes) and skipped or fail the task per `errors.*`.
 */
import type { Logger } from 'pino';
import type { RawConfig, SinkTask, SinkTaskContext } from '../api/connector.js';
import { ConnectError, isRetriable } from '../api/errors.js';
import { topicPartitionKey, type SinkOffsets, type TopicPartition } from '../api/offsets.js';
import type { SinkRecord } from '../api/record.js';
import type { ConsumedRecord, Subscription, TopicConsumer } from '../kafka/port.js';
import { FAILED, type RetryWithToleranceOperator } from './errors/retry-with-tolerance.js';
import { toSinkRecord, type RecordConverters } from './record-conversion.js';
import { sleep, TaskLifecycle, within, type TaskStatusListener } from './task-lifecycle.js';
import type { TransformationChain } from './transformation-chain.js';

export interface SinkTaskObserver {
  read?(count: number): void;
  sent?(count: number, putDurationMs: number): void;
  committed?(success: boolean, durationMs: number): void;
  topicUsed?(topic: string): void;
}

export interface SinkTaskRunnerOptions {
  readonly connector: string;
  readonly taskId: number;
  readonly task: SinkTask;
  readonly config: RawConfig;
  readonly logger: Logger;
  readonly chain: TransformationChain<SinkRecord>;
  readonly converters: RecordConverters;
  readonly operator: RetryWithToleranceOperator;
  readonly consumer: TopicConsumer;
  readonly subscription: Subscription;
  readonly listener: TaskStatusListener;
  readonly offsetFlushIntervalMs: number;
  readonly gracefulShutdownMs: number;
  readonly pollTimeoutMs?: number;
  /** Reports a record the task hands back through the errant record reporter (null without tolerance). */
  readonly reportErrant: ((record: SinkRecord, error: Error) => Promise<void>) | null;
  readonly observer?: SinkTaskObserver;
}

export class SinkTaskRunner {
  readonly lifecycle: TaskLifecycle;
  private loop: Promise<void> | undefined;
  /** Offsets (next to read) of everything put successfully, per partition: what preCommit is offered. */
  private readonly current: SinkOffsets = new Map();
  /** Per partition, the offset last committed (or where reading started): where a failed preCommit rewinds to. */
  private readonly lastCommitted: SinkOffsets = new Map();
  private readonly consumedByRecord = new WeakMap<SinkRecord, ConsumedRecord>();
  private lastCommit = Date.now();
  private commitRequested = false;
  private retryTimeoutMs = 0;
  /** Set once the task is closed and stopped: revocations while the consumer closes commit nothing more. */
  private taskStopped = false;

  constructor(private readonly options: SinkTaskRunnerOptions) {
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
    this.options.consumer.pause(this.options.consumer.assignment());
  }

  resume(): void {
    this.options.consumer.resume(this.options.consumer.assignment());
    this.lifecycle.resume();
  }

  async stop(): Promise<void> {
    this.lifecycle.requestStop();
    if (this.loop && !(await within(this.loop, this.options.gracefulShutdownMs))) {
      this.options.logger.error({ task: this.id }, `Graceful stop of task ${this.id} failed.`);
    }
  }

  private context(): SinkTaskContext {
    const consumer = this.options.consumer;
    return {
      logger: this.options.logger,
      config: this.options.config,
      signal: this.lifecycle.signal,
      offset: (offsets) => {
        for (const [tp, offset] of offsets) {
          consumer.seek({ ...tp, offset });
          this.current.set(topicPartitionKey(tp), { topicPartition: tp, offset });
          this.lastCommitted.set(topicPartitionKey(tp), { topicPartition: tp, offset });
        }
      },
      timeout: (ms) => {
        this.retryTimeoutMs = ms;
      },
      assignment: () => consumer.assignment(),
      pause: (...partitions) => consumer.pause(partitions),
      resume: (...partitions) => consumer.resume(partitions),
      requestCommit: () => {
        this.commitRequested = true;
      },
      errantRecordReporter: this.options.reportErrant
        ? (record, error) => (this.options.reportErrant as (r: SinkRecord, e: Error) => Promise<void>)(record, error)
        : null,
    };
  }

  private async execute(): Promise<void> {
    const { task, consumer, logger } = this.options;
    let failure: Error | undefined;
    try {
      await task.start(this.options.config, this.context());
      await consumer.subscribe(this.options.subscription, {
        onAssigned: async (partitions) => {
          await task.open?.(partitions);
        },
        onRevoked: async (partitions) => {
          if (this.taskStopped) return;
          await this.commitOffsets({ only: partitions, closing: true });
          await task.close?.(partitions);
          for (const tp of partitions) {
            this.current.delete(topicPartitionKey(tp));
            this.lastCommitted.delete(topicPartitionKey(tp));
          }
        },
      });
      this.lifecycle.running();
      while (!this.lifecycle.stopping) {
        if (this.lifecycle.isPaused) {
          // Kafka requests a commit when a task is paused.
          await this.commitOffsets();
          await this.lifecycle.waitWhilePaused();
        }
        if (this.lifecycle.stopping) break;
        // As Kafka's WorkerSinkTask, poll no longer than until the next offset commit is due.
        const untilCommit = Math.max(0, this.lastCommit + this.options.offsetFlushIntervalMs - Date.now());
        const records = await consumer.poll(Math.min(this.options.pollTimeoutMs ?? 1000, untilCommit), this.lifecycle.signal);
        if (records.length) await this.deliver(records);
        if (this.commitRequested || Date.now() - this.lastCommit >= this.options.offsetFlushIntervalMs) await this.commitOffsets();
      }
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
      logger.error({ err, task: this.id }, `Task ${this.id} threw an uncaught and unrecoverable exception. Task is being killed and will not recover until manually restarted`);
    } finally {
      await this.finish(failure);
    }
  }

  /**
   * Converts and transforms a polled batch and puts it; only then do its offsets become current (Kafka's
   * WorkerSinkTask), so a batch that was not put is never committed.
   */
  private async deliver(records: readonly ConsumedRecord[]): Promise<void> {
    const { chain, converters, operator, observer } = this.options;
    observer?.read?.(records.length);
    const batch: SinkRecord[] = [];
    const consumedUpTo: SinkOffsets = new Map();
    for (const consumed of records) {
      const key = `${consumed.topic}-${consumed.partition}`;
      const topicPartition = { topic: consumed.topic, partition: consumed.partition };
      if (!this.lastCommitted.has(key)) this.lastCommitted.set(key, { topicPartition, offset: consumed.offset });
      consumedUpTo.set(key, { topicPartition, offset: consumed.offset + 1 });
      let converted = toSinkRecord(consumed, converters, operator);
      if (converted instanceof Promise) converted = await converted;
      if (converted === FAILED) continue;
      let transformed = chain.apply(converted, operator, consumed);
      if (transformed instanceof Promise) transformed = await transformed;
      if (transformed === null || transformed === FAILED) continue;
      this.consumedByRecord.set(transformed, consumed);
      batch.push(transformed);
      observer?.topicUsed?.(consumed.topic);
    }
    if (!(await this.put(batch))) return;
    for (const [key, offset] of consumedUpTo) this.current.set(key, offset);
  }

  /**
   * Kafka's put loop: a RetriableException means "try the same batch again after context.timeout()"; any
   * other error kills the task. Resolves false when the task was stopped before the batch was put.
   */
  private async put(batch: readonly SinkRecord[]): Promise<boolean> {
    for (;;) {
      const started = performance.now();
      try {
        await this.options.task.put(batch);
        this.options.observer?.sent?.(batch.length, performance.now() - started);
        return true;
      } catch (err) {
        if (!isRetriable(err)) throw new ConnectError('Exiting WorkerSinkTask due to unrecoverable exception.', { cause: err });
        if (this.lifecycle.stopping) return false;
        this.options.logger.warn({ err, task: this.id }, 'sink task put failed with a retriable error; retrying the batch');
        await sleep(this.retryTimeoutMs || 1000, this.lifecycle.signal);
        if (this.lifecycle.stopping) return false;
      }
    }
  }

  /**
   * preCommit (flush by default), then commit the offsets it returns for the given (or all) partitions. As in
   * Kafka, offsets the task returns beyond what it was given are ignored, and a failed preCommit rewinds
   * consumption to the last committed offsets (unless closing) so nothing unflushed is skipped.
   */
  private async commitOffsets(options: { only?: readonly TopicPartition[]; closing?: boolean } = {}): Promise<void> {
    this.commitRequested = false;
    this.lastCommit = Date.now();
    const keys = options.only ? new Set(options.only.map(topicPartitionKey)) : undefined;
    const current: SinkOffsets = new Map([...this.current].filter(([k]) => !keys || keys.has(k)));
    if (current.size === 0) return;
    const started = performance.now();
    const { task, consumer, logger } = this.options;
    let provided: SinkOffsets;
    try {
      if (task.preCommit) provided = await task.preCommit(new Map(current));
      else {
        await task.flush?.(new Map(current));
        provided = current;
      }
    } catch (err) {
      this.options.observer?.committed?.(false, performance.now() - started);
      logger.error({ err, task: this.id }, `Offset commit failed${options.closing ? ' during close' : ', rewinding to last committed offsets'} for task ${this.id}`);
      if (!options.closing) this.rewind(current);
      return;
    }
    const committable = [...provided].filter(([key, o]) => o.offset <= (current.get(key)?.offset ?? -1)).map(([, o]) => o);
    if (committable.length === 0) return;
    try {
      await consumer.commit(committable.map((o) => ({ ...o.topicPartition, offset: o.offset })));
      for (const o of committable) this.lastCommitted.set(topicPartitionKey(o.topicPartition), o);
      this.options.observer?.committed?.(true, performance.now() - started);
    } catch (err) {
      this.options.observer?.committed?.(false, performance.now() - started);
      logger.error({ err, task: this.id }, `Commit of offsets threw an unexpected exception for task ${this.id}`);
    }
  }

  /** Seeks the given partitions back to their last committed offsets: what was put since is delivered again. */
  private rewind(partitions: SinkOffsets): void {
    for (const key of partitions.keys()) {
      const committed = this.lastCommitted.get(key);
      if (!committed) continue;
      this.options.consumer.seek({ ...committed.topicPartition, offset: committed.offset });
      this.current.set(key, committed);
    }
  }

  /** Kafka's order: commit what was put (a failed batch never became current), then report FAILED, then close. */
  private async finish(failure: Error | undefined): Promise<void> {
    const { task, consumer, logger } = this.options;
    await this.commitOffsets({ closing: true });
    if (failure) this.lifecycle.fail(failure);
    try {
      await task.close?.(consumer.assignment());
    } catch (err) {
      logger.warn({ err }, 'sink task threw while closing partitions');
    }
    try {
      await task.stop();
    } catch (err) {
      logger.warn({ err }, 'sink task threw while stopping');
    }
    this.taskStopped = true;
    await consumer.close().catch((err: unknown) => logger.warn({ err }, 'closing the consumer failed'));
    this.lifecycle.stopped();
  }

  /** The consumed record a SinkRecord came from (for errant record reporting). */
  consumedRecordOf(record: SinkRecord): ConsumedRecord | undefined {
    return this.consumedByRecord.get(record);
  }
}
