/**
 * Kafka Connect's error handling for the record-processing stages (Kafka's RetryWithToleranceOperator):
 * retriable errors are retried with exponential backoff until `errors.retry.timeout`; what still fails is
 * reported (log, dead letter queue) and then either skipped (`errors.tolerance=all`) or fails the task
 * (`none`, Kafka's "Tolerance exceeded in error handler").
 *
 * The happy path is synchronous and allocation-free: `execute` runs the operation inline and only falls back
 * to an async slow path (retries, reporting) when it throws.
 */
import { ConnectError, errorClassName, isRetriable } from '../../api/errors.js';
import type { ConsumedRecord } from '../../kafka/port.js';
import type { SourceRecord } from '../../api/record.js';
import { sleep } from '../../api/sleep.js';

export type Stage =
  | 'KEY_CONVERTER'
  | 'VALUE_CONVERTER'
  | 'HEADER_CONVERTER'
  | 'TRANSFORMATION'
  | 'TASK_PUT'
  | 'TASK_POLL'
  | 'KAFKA_PRODUCE'
  | 'KAFKA_CONSUME';

/** Stages whose non-retriable failures may be tolerated; others fail the task regardless. */
const TOLERABLE: ReadonlySet<Stage> = new Set(['KEY_CONVERTER', 'VALUE_CONVERTER', 'HEADER_CONVERTER', 'TRANSFORMATION', 'KAFKA_PRODUCE']);

/** Returned instead of a value when a failure was tolerated: the record is skipped. */
export const FAILED: unique symbol = Symbol('failed');
export type Failed = typeof FAILED;

/** Everything a reporter needs about one failure. */
export interface ProcessingFailure {
  readonly stage: Stage;
  readonly executingClass: string;
  readonly error: Error;
  /** The record as read from the topic (sink side): its original bytes go to the dead letter queue. */
  readonly consumed?: ConsumedRecord;
  /** The record as polled from the task (source side). */
  readonly source?: SourceRecord;
  readonly attempts: number;
}

export interface ErrorReporter {
  report(failure: ProcessingFailure): Promise<void>;
}

export interface ToleranceMetrics {
  recordError(): void;
  recordFailure(): void;
  recordSkipped(): void;
  recordRetry(): void;
  /** An error written to the log (errors.log.enable). */
  recordErrorLogged?(): void;
}

export interface RetryOptions {
  readonly tolerance: 'none' | 'all';
  /** `errors.retry.timeout`: 0 means no retries, -1 forever. */
  readonly retryTimeoutMs: number;
  /** `errors.retry.delay.max.ms`. */
  readonly retryMaxDelayMs: number;
  readonly reporters: readonly ErrorReporter[];
  readonly metrics?: ToleranceMetrics;
  /** Aborted when the task stops: retries give up. */
  readonly signal?: AbortSignal;
  /** For tests: how to wait. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const RETRIES_DELAY_MIN_MS = 300;


export class RetryWithToleranceOperator {
  private failures = 0;

  constructor(private readonly options: RetryOptions) {}

  get tolerance(): 'none' | 'all' {
    return this.options.tolerance;
  }

  /** Failures tolerated so far (records skipped). */
  get toleratedFailures(): number {
    return this.failures;
  }

  /**
   * Runs `operation` (synchronous) for one record. Returns its result directly when it succeeds; otherwise a
   * promise that retries, reports, and resolves to FAILED (tolerated) or rejects with ConnectError.
   */
  execute<T>(
    stage: Stage,
    executingClass: string,
    operation: () => T,
    record: { consumed?: ConsumedRecord; source?: SourceRecord },
  ): T | Promise<T | Failed> {
    try {
      return operation();
    } catch (error) {
      return this.handleFailure(stage, executingClass, async () => operation(), record, error);
    }
  }

  /** The asynchronous form, for operations that are themselves async (task put, producer send). */
  async executeAsync<T>(
    stage: Stage,
    executingClass: string,
    operation: () => Promise<T>,
    record: { consumed?: ConsumedRecord; source?: SourceRecord },
  ): Promise<T | Failed> {
    try {
      return await operation();
    } catch (error) {
      return this.handleFailure(stage, executingClass, operation, record, error);
    }
  }

  private async handleFailure<T>(
    stage: Stage,
    executingClass: string,
    operation: () => Promise<T>,
    record: { consumed?: ConsumedRecord; source?: SourceRecord },
    firstError: unknown,
  ): Promise<T | Failed> {
    const started = Date.now();
    let error = firstError;
    let attempts = 1;
    while (isRetriable(error) && this.mayRetry(started)) {
      this.options.metrics?.recordRetry();
      await (this.options.sleep ?? sleep)(this.backoff(attempts), this.options.signal);
      attempts++;
      try {
        return await operation();
      } catch (next) {
        error = next;
      }
    }
    const err = error instanceof Error ? error : new Error(String(error));
    this.options.metrics?.recordError();
    this.options.metrics?.recordFailure();
    if (!TOLERABLE.has(stage) && !isRetriable(err)) throw err;
    for (const reporter of this.options.reporters) await reporter.report({ stage, executingClass, error: err, attempts, ...record });
    if (this.options.tolerance === 'none' || !TOLERABLE.has(stage)) {
      throw new ConnectError('Tolerance exceeded in error handler', { cause: err });
    }
    this.failures++;
    this.options.metrics?.recordSkipped();
    return FAILED;
  }

  /**
   * Reports a failure the task itself detected (the ErrantRecordReporter of sink tasks): reporters run,
   * and with `errors.tolerance=none` it then fails the task like any other failure.
   */
  async executeFailed(stage: Stage, executingClass: string, error: Error, record: { consumed?: ConsumedRecord; source?: SourceRecord }): Promise<void> {
    this.options.metrics?.recordError();
    this.options.metrics?.recordFailure();
    for (const reporter of this.options.reporters) await reporter.report({ stage, executingClass, error, attempts: 1, ...record });
    if (this.options.tolerance === 'none') throw new ConnectError('Tolerance exceeded in error handler', { cause: error });
    this.failures++;
    this.options.metrics?.recordSkipped();
  }

  private mayRetry(started: number): boolean {
    if (this.options.signal?.aborted) return false;
    const timeout = this.options.retryTimeoutMs;
    return timeout < 0 || Date.now() - started < timeout;
  }

  /** 300 ms doubling per attempt, capped at errors.retry.delay.max.ms with jitter below the cap (as Kafka). */
  private backoff(attempt: number): number {
    const delay = RETRIES_DELAY_MIN_MS * 2 ** (attempt - 1);
    const max = this.options.retryMaxDelayMs;
    return delay > max ? Math.floor(Math.random() * max) : delay;
  }
}

/** The class name Kafka would record for the failure (the error's class, e.g. DataError). */
export function failureClassName(error: Error): string {
  return errorClassName(error);
}
