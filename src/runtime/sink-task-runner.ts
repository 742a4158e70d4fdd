/**
 * Runs one sink task (Kafka's WorkerSinkTask): a member of consumer group `connect-<name>` reading `topics` or
 * `topics.regex` → converters → SMT chain → `put`; every `offset.flush.interval.ms` (or on requestCommit)
 * `preCommit` (flush by default) and then the consumer offsets are committed, so a record's offset is only
 * committed after the task has made it durable. Failed conversions and transformations are retried,
 * reported (log, dead letter queue with the original bytes) and skipped or fail the task per `errors.*`.
 */
import type { Logger } from 'pino';
import type { RawConfig, SinkTask, SinkTaskContext } from '../api/connector.js';
import { isRetriable } from '../api/errors.js';
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
  /** Offsets (next to read) of everything handed to put, per partition. */
  private readonly current: SinkOffsets = new Map();
  private readonly consumedByRecord = new WeakMap<SinkRecord, ConsumedRecord>();
  private lastCommit = Date.now();
  private commitRequested = false;
  private retryTimeoutMs = 0;

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
    try {
      await task.start(this.options.config, this.context());
      await consumer.subscribe(this.options.subscription, {
        onAssigned: async (partitions) => {
          await task.open?.(partitions);
        },
        onRevoked: async (partitions) => {
          await this.commitOffsets(partitions);
          await task.close?.(partitions);
          for (const tp of partitions) this.current.delete(topicPartitionKey(tp));
        },
      });
      this.lifecycle.running();
      while (!this.lifecycle.stopping) {
        if (this.lifecycle.isPaused) await this.lifecycle.waitWhilePaused();
        if (this.lifecycle.stopping) break;
        const records = await consumer.poll(this.options.pollTimeoutMs ?? 1000, this.lifecycle.signal);
        if (records.length) await this.deliver(records);
        if (this.commitRequested || Date.now() - this.lastCommit >= this.options.offsetFlushIntervalMs) await this.commitOffsets();
      }
    } catch (err) {
      this.lifecycle.fail(err instanceof Error ? err : new Error(String(err)));
      logger.error({ err, task: this.id }, `Task ${this.id} threw an uncaught and unrecoverable exception. Task is being killed and will not recover until manually restarted`);
    } finally {
      await this.finish();
    }
  }

  /** Converts and transforms a polled batch, puts it, and records the offsets put. */
  private async deliver(records: readonly ConsumedRecord[]): Promise<void> {
    const { chain, converters, operator, observer } = this.options;
    observer?.read?.(records.length);
    const batch: SinkRecord[] = [];
    for (const consumed of records) {
      this.current.set(`${consumed.topic}-${consumed.partition}`, {
        topicPartition: { topic: consumed.topic, partition: consumed.partition },
        offset: consumed.offset + 1,
      });
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
    await this.put(batch);
  }

  /** Kafka's put loop: a RetriableException means "try the same batch again after context.timeout()". */
  private async put(batch: readonly SinkRecord[]): Promise<void> {
    for (;;) {
      const started = performance.now();
      try {
        await this.options.task.put(batch);
        this.options.observer?.sent?.(batch.length, performance.now() - started);
        return;
      } catch (err) {
        if (!isRetriable(err) || this.lifecycle.stopping) throw err;
        this.options.logger.warn({ err, task: this.id }, 'sink task put failed with a retriable error; retrying the batch');
        await sleep(this.retryTimeoutMs || 1000, this.lifecycle.signal);
      }
    }
  }

  /** preCommit (flush by default), then commit the offsets it returns for the given (or all) partitions. */
  private async commitOffsets(only?: readonly TopicPartition[]): Promise<void> {
    this.commitRequested = false;
    this.lastCommit = Date.now();
    const keys = only ? new Set(only.map(topicPartitionKey)) : undefined;
    const current: SinkOffsets = new Map([...this.current].filter(([k]) => !keys || keys.has(k)));
    if (current.size === 0) return;
    const started = performance.now();
    try {
      const { task } = this.options;
      let committable = current;
      if (task.preCommit) committable = await task.preCommit(current);
      else await task.flush?.(current);
      await this.options.consumer.commit([...committable.values()].map((o) => ({ ...o.topicPartition, offset: o.offset })));
      this.options.observer?.committed?.(true, performance.now() - started);
    } catch (err) {
      this.options.observer?.committed?.(false, performance.now() - started);
      this.options.logger.error({ err, task: this.id }, `Commit of offsets threw an unexpected exception for task ${this.id}`);
    }
  }

  private async finish(): Promise<void> {
    const { task, consumer, logger } = this.options;
    if (!this.lifecycle.failedWith) await this.commitOffsets();
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
    await consumer.close().catch((err: unknown) => logger.warn({ err }, 'closing the consumer failed'));
    this.lifecycle.stopped();
  }

  /** The consumed record a SinkRecord came from (for errant record reporting). */
  consumedRecordOf(record: SinkRecord): ConsumedRecord | undefined {
    return this.consumedByRecord.get(record);
  }
}
