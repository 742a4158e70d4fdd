/**
 * Per-task handles: Kafka's `connector-task-metrics` and `task-error-metrics` for every task, plus
 * `source-task-metrics` or `sink-task-metrics`. A handle is created once when the task starts and its
 * methods are called on the hot path: each reads the clock once and updates a few numbers. `close()` removes
 * all the task's series; a restarted task gets a fresh handle, so totals count "since the task started" as in
 * Kafka.
 */
import { SINK_TASK_METRICS, SOURCE_TASK_METRICS, TASK_ERROR_METRICS, TASK_METRICS } from './catalog.js';
import { StartupOutcome, StateTimer, statusLabel, type LifecycleState, type MetricsContext } from './lifecycle.js';
import { MetricGroup, type Counter, type Gauge, type Labels } from './registry.js';
import { SampledStat } from './sampled-stat.js';

export type TaskKind = 'source' | 'sink' | 'generic';

export interface TaskHandleHooks {
  readonly onStartupOutcome: (succeeded: boolean) => void;
  readonly onClose: (handle: TaskMetrics) => void;
}

/** Kafka's `ErrorHandlingMetrics` (group `task-error-metrics`). */
export class TaskErrorMetrics {
  private readonly failures: Counter;
  private readonly errors: Counter;
  private readonly skipped: Counter;
  private readonly retries: Counter;
  private readonly logged: Counter;
  private readonly deadLetterQueueRequests: Counter;
  private readonly deadLetterQueueFailures: Counter;
  private readonly lastErrorTimestamp: Gauge;

  constructor(
    group: MetricGroup,
    private readonly clock: () => number,
  ) {
    this.failures = group.counter(TASK_ERROR_METRICS.recordFailures);
    this.errors = group.counter(TASK_ERROR_METRICS.recordErrors);
    this.skipped = group.counter(TASK_ERROR_METRICS.recordsSkipped);
    this.retries = group.counter(TASK_ERROR_METRICS.retries);
    this.logged = group.counter(TASK_ERROR_METRICS.errorsLogged);
    this.deadLetterQueueRequests = group.counter(TASK_ERROR_METRICS.deadLetterQueueRequests);
    this.deadLetterQueueFailures = group.counter(TASK_ERROR_METRICS.deadLetterQueueFailures);
    this.lastErrorTimestamp = group.gauge(TASK_ERROR_METRICS.lastErrorTimestamp);
  }

  /** A failed attempt of an operation, retriable or not. */
  recordFailure(): void {
    this.failures.inc();
  }

  /** An operation that could not be completed (after its retries). */
  recordError(): void {
    this.errors.inc();
  }

  recordSkipped(): void {
    this.skipped.inc();
  }

  recordRetry(): void {
    this.retries.inc();
  }

  recordErrorLogged(): void {
    this.logged.inc();
  }

  recordDeadLetterQueueProduceRequest(): void {
    this.deadLetterQueueRequests.inc();
  }

  recordDeadLetterQueueProduceFailure(): void {
    this.deadLetterQueueFailures.inc();
  }

  /** Stamps `last-error-timestamp` with the current time. */
  recordErrorTimestamp(): void {
    this.lastErrorTimestamp.set(this.clock());
  }
}

/** Kafka's `WorkerTask.TaskMetricsGroup` (group `connector-task-metrics`) and the task's error metrics. */
export class TaskMetrics {
  readonly errors: TaskErrorMetrics;
  protected readonly group: MetricGroup;
  protected readonly clock: () => number;
  private currentStatus: LifecycleState = 'UNASSIGNED';
  private closed = false;
  private readonly stateTimer = new StateTimer();
  private readonly startup: StartupOutcome;
  private readonly commitTime: SampledStat;
  private readonly commitOutcomes: SampledStat;
  private readonly batchSize: SampledStat;

  constructor(
    context: MetricsContext,
    readonly connector: string,
    readonly task: number,
    readonly kind: TaskKind,
    private readonly hooks: TaskHandleHooks,
  ) {
    this.clock = context.clock;
    const labels: Labels = { connector, task: String(task) };
    this.group = new MetricGroup(context.registry, labels);
    this.startup = new StartupOutcome(hooks.onStartupOutcome);
    this.commitTime = new SampledStat(context.window);
    this.commitOutcomes = new SampledStat(context.window);
    this.batchSize = new SampledStat(context.window);

    const group = this.group;
    group.collect((_nowMs, emit) => emit(TASK_METRICS.status, { ...labels, status: statusLabel(this.currentStatus) }, 1));
    group.computed(TASK_METRICS.runningRatio, (nowMs) => this.stateTimer.ratio('RUNNING', nowMs));
    group.computed(TASK_METRICS.pauseRatio, (nowMs) => this.stateTimer.ratio('PAUSED', nowMs));
    group.computed(TASK_METRICS.commitMaxTime, (nowMs) => this.commitTime.max(nowMs));
    group.computed(TASK_METRICS.commitAvgTime, (nowMs) => this.commitTime.average(nowMs));
    group.computed(TASK_METRICS.commitSuccessFraction, (nowMs) => this.commitOutcomes.booleanFrequency(true, nowMs));
    group.computed(TASK_METRICS.commitFailureFraction, (nowMs) => this.commitOutcomes.booleanFrequency(false, nowMs));
    group.computed(TASK_METRICS.batchSizeMax, (nowMs) => this.batchSize.max(nowMs));
    group.computed(TASK_METRICS.batchSizeAvg, (nowMs) => this.batchSize.average(nowMs));
    this.errors = new TaskErrorMetrics(group, context.clock);
  }

  get status(): LifecycleState {
    return this.currentStatus;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Reports a state change; the first RUNNING (or a FAILED before it) also counts as the task's startup outcome. */
  setStatus(state: LifecycleState): void {
    this.currentStatus = state;
    this.stateTimer.change(state, this.clock());
    this.startup.observe(state);
  }

  /** An offset commit attempt; only successful commits feed the commit-time max and average (as in Kafka). */
  recordCommit(succeeded: boolean, durationMs: number): void {
    const nowMs = this.clock();
    if (succeeded) this.commitTime.record(durationMs, nowMs);
    this.commitOutcomes.record(succeeded ? 1 : 0, nowMs);
  }

  /** A batch of records handled by the task (polled for a source, put for a sink). */
  recordBatchSize(records: number): void {
    this.batchSize.record(records, this.clock());
  }

  /** Removes every series of this task. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.group.close();
    this.hooks.onClose(this);
  }
}

/** Kafka's `SourceTaskMetricsGroup` (group `source-task-metrics`). */
export class SourceTaskMetrics extends TaskMetrics {
  private readonly polled: SampledStat;
  private readonly pollTotal: Counter;
  private readonly written: SampledStat;
  private readonly writeTotal: Counter;
  private readonly pollTime: SampledStat;
  private readonly activeSamples: SampledStat;
  private activeCount = 0;

  constructor(context: MetricsContext, connector: string, task: number, hooks: TaskHandleHooks) {
    super(context, connector, task, 'source', hooks);
    this.polled = new SampledStat(context.window);
    this.written = new SampledStat(context.window);
    this.pollTime = new SampledStat(context.window);
    this.activeSamples = new SampledStat(context.window);
    const group = this.group;
    group.computed(SOURCE_TASK_METRICS.pollRate, (nowMs) => this.polled.ratePerSecond(nowMs));
    this.pollTotal = group.counter(SOURCE_TASK_METRICS.pollTotal);
    group.computed(SOURCE_TASK_METRICS.writeRate, (nowMs) => this.written.ratePerSecond(nowMs));
    this.writeTotal = group.counter(SOURCE_TASK_METRICS.writeTotal);
    group.computed(SOURCE_TASK_METRICS.pollBatchMaxTime, (nowMs) => this.pollTime.max(nowMs));
    group.computed(SOURCE_TASK_METRICS.pollBatchAvgTime, (nowMs) => this.pollTime.average(nowMs));
    group.computed(SOURCE_TASK_METRICS.activeCount, () => this.activeCount);
    group.computed(SOURCE_TASK_METRICS.activeCountMax, (nowMs) => this.activeSamples.max(nowMs));
    group.computed(SOURCE_TASK_METRICS.activeCountAvg, (nowMs) => this.activeSamples.average(nowMs));
  }

  /** `poll()` returned `batchSize` records after `durationMs`; they count as active until written. */
  recordPoll(batchSize: number, durationMs: number): void {
    const nowMs = this.clock();
    this.polled.record(batchSize, nowMs);
    this.pollTotal.inc(batchSize);
    this.pollTime.record(durationMs, nowMs);
    this.activeCount += batchSize;
    this.activeSamples.record(this.activeCount, nowMs);
  }

  /**
   * `completedRecords` records of a batch are done: written to Kafka, or `skippedRecords` of them dropped
   * (filtered by a transformation or failed and tolerated). Only the written ones count as writes.
   */
  recordWrite(completedRecords: number, skippedRecords = 0): void {
    const nowMs = this.clock();
    const writtenRecords = completedRecords - skippedRecords;
    this.written.record(writtenRecords, nowMs);
    this.writeTotal.inc(writtenRecords);
    this.activeCount = Math.max(0, this.activeCount - completedRecords);
    this.activeSamples.record(this.activeCount, nowMs);
  }

  /** Sets the active record count outright, for a runtime that tracks in-flight records itself. */
  recordActive(count: number): void {
    this.activeCount = Math.max(0, count);
    this.activeSamples.record(this.activeCount, this.clock());
  }
}

/** Kafka's `SinkTaskMetricsGroup` (group `sink-task-metrics`). */
export class SinkTaskMetrics extends TaskMetrics {
  private readonly read: SampledStat;
  private readonly readTotal: Counter;
  private readonly sent: SampledStat;
  private readonly sendTotal: Counter;
  private readonly putTime: SampledStat;
  private readonly lag: SampledStat;
  private readonly partitionCount: Gauge;
  private readonly commitSequenceNumber: Gauge;
  private readonly commitCompletions: SampledStat;
  private readonly commitCompletionTotal: Counter;
  private readonly commitSkips: SampledStat;
  private readonly commitSkipTotal: Counter;
  private readonly activeSamples: SampledStat;
  private readonly activeCount: Gauge;

  constructor(context: MetricsContext, connector: string, task: number, hooks: TaskHandleHooks) {
    super(context, connector, task, 'sink', hooks);
    const window = context.window;
    this.read = new SampledStat(window);
    this.sent = new SampledStat(window);
    this.putTime = new SampledStat(window);
    this.lag = new SampledStat(window);
    this.commitCompletions = new SampledStat(window);
    this.commitSkips = new SampledStat(window);
    this.activeSamples = new SampledStat(window);
    const group = this.group;
    group.computed(SINK_TASK_METRICS.readRate, (nowMs) => this.read.ratePerSecond(nowMs));
    this.readTotal = group.counter(SINK_TASK_METRICS.readTotal);
    group.computed(SINK_TASK_METRICS.sendRate, (nowMs) => this.sent.ratePerSecond(nowMs));
    this.sendTotal = group.counter(SINK_TASK_METRICS.sendTotal);
    group.computed(SINK_TASK_METRICS.lagMax, (nowMs) => this.lag.max(nowMs));
    this.partitionCount = group.gauge(SINK_TASK_METRICS.partitionCount);
    this.commitSequenceNumber = group.gauge(SINK_TASK_METRICS.commitSequenceNumber);
    group.computed(SINK_TASK_METRICS.commitCompletionRate, (nowMs) => this.commitCompletions.ratePerSecond(nowMs));
    this.commitCompletionTotal = group.counter(SINK_TASK_METRICS.commitCompletionTotal);
    group.computed(SINK_TASK_METRICS.commitSkipRate, (nowMs) => this.commitSkips.ratePerSecond(nowMs));
    this.commitSkipTotal = group.counter(SINK_TASK_METRICS.commitSkipTotal);
    group.computed(SINK_TASK_METRICS.putBatchMaxTime, (nowMs) => this.putTime.max(nowMs));
    group.computed(SINK_TASK_METRICS.putBatchAvgTime, (nowMs) => this.putTime.average(nowMs));
    this.activeCount = group.gauge(SINK_TASK_METRICS.activeCount);
    group.computed(SINK_TASK_METRICS.activeCountMax, (nowMs) => this.activeSamples.max(nowMs));
    group.computed(SINK_TASK_METRICS.activeCountAvg, (nowMs) => this.activeSamples.average(nowMs));
  }

  /** Records consumed from Kafka, before transformations. */
  recordRead(count: number): void {
    this.read.record(count, this.clock());
    this.readTotal.inc(count);
  }

  /** Records handed to the task's `put`, after transformations and filtering. */
  recordSend(count: number): void {
    this.sent.record(count, this.clock());
    this.sendTotal.inc(count);
  }

  /** How long one `put` of a batch took. */
  recordPut(durationMs: number): void {
    this.putTime.record(durationMs, this.clock());
  }

  /**
   * The largest consumer lag (log end minus position) over the task's partitions. Kafka documents
   * `sink-record-lag-max` but never records it; Tidewater does, as a windowed maximum.
   */
  recordLag(maxRecordsBehind: number): void {
    this.lag.record(maxRecordsBehind, this.clock());
  }

  recordPartitionCount(assignedPartitions: number): void {
    this.partitionCount.set(assignedPartitions);
  }

  recordOffsetSequenceNumber(sequenceNumber: number): void {
    this.commitSequenceNumber.set(sequenceNumber);
  }

  recordOffsetCommitCompletion(): void {
    this.commitCompletions.record(1, this.clock());
    this.commitCompletionTotal.inc();
  }

  /** An offset commit completion that arrived too late and was ignored. */
  recordOffsetCommitSkip(): void {
    this.commitSkips.record(1, this.clock());
    this.commitSkipTotal.inc();
  }

  /** Records consumed but not yet committed (Kafka: consumed minus committed offsets, summed over partitions). */
  recordActive(count: number): void {
    this.activeCount.set(count);
    this.activeSamples.record(count, this.clock());
  }
}
