/**
 * Worker-level handles: Kafka's `connect-worker-metrics` and `connect-worker-rebalance-metrics` (one per
 * worker) and `connector-metrics` (one per connector). Connector and task counts are not recorded: they are
 * computed at scrape time from the open handles, which the facade supplies through `WorkerInventory`.
 */
import { CONNECTOR_METRICS, REBALANCE_METRICS, WORKER_CONNECTOR_TASK_COUNTS, WORKER_METRICS } from './catalog.js';
import { StartupOutcome, statusLabel, type LifecycleState, type MetricsContext } from './lifecycle.js';
import { MetricGroup, type Counter, type Gauge, type Labels, type MetricDefinition } from './registry.js';
import { SampledStat } from './sampled-stat.js';

/** What the worker group counts at scrape time. */
export interface WorkerInventory {
  connectorCount(): number;
  taskCount(): number;
  /** The state of every open task handle, by connector name. */
  taskStatesByConnector(): ReadonlyMap<string, readonly LifecycleState[]>;
}

const COUNTED_TASK_STATES = ['RUNNING', 'PAUSED', 'FAILED', 'UNASSIGNED', 'DESTROYED', 'RESTARTING'] as const;

interface StartupDefinitions {
  readonly attempts: MetricDefinition;
  readonly successes: MetricDefinition;
  readonly failures: MetricDefinition;
  readonly successFraction: MetricDefinition;
  readonly failureFraction: MetricDefinition;
}

const CONNECTOR_STARTUP: StartupDefinitions = {
  attempts: WORKER_METRICS.connectorStartupAttempts,
  successes: WORKER_METRICS.connectorStartupSuccesses,
  failures: WORKER_METRICS.connectorStartupFailures,
  successFraction: WORKER_METRICS.connectorStartupSuccessFraction,
  failureFraction: WORKER_METRICS.connectorStartupFailureFraction,
};

const TASK_STARTUP: StartupDefinitions = {
  attempts: WORKER_METRICS.taskStartupAttempts,
  successes: WORKER_METRICS.taskStartupSuccesses,
  failures: WORKER_METRICS.taskStartupFailures,
  successFraction: WORKER_METRICS.taskStartupSuccessFraction,
  failureFraction: WORKER_METRICS.taskStartupFailureFraction,
};

class StartupCounters {
  private readonly attempts: Counter;
  private readonly successes: Counter;
  private readonly failures: Counter;
  private readonly outcomes: SampledStat;
  private readonly clock: () => number;

  constructor(context: MetricsContext, group: MetricGroup, definitions: StartupDefinitions) {
    this.clock = context.clock;
    this.outcomes = new SampledStat(context.window);
    this.attempts = group.counter(definitions.attempts);
    this.successes = group.counter(definitions.successes);
    this.failures = group.counter(definitions.failures);
    group.computed(definitions.successFraction, (nowMs) => this.outcomes.booleanFrequency(true, nowMs));
    group.computed(definitions.failureFraction, (nowMs) => this.outcomes.booleanFrequency(false, nowMs));
  }

  record(succeeded: boolean): void {
    this.attempts.inc();
    (succeeded ? this.successes : this.failures).inc();
    this.outcomes.record(succeeded ? 1 : 0, this.clock());
  }
}

/** Kafka's `WorkerMetricsGroup` and the distributed herder's rebalance metrics. */
export class WorkerMetrics {
  private readonly connectorStartups: StartupCounters;
  private readonly taskStartups: StartupCounters;
  private readonly rebalancesCompleted: Counter;
  private readonly rebalanceTime: SampledStat;
  private readonly epoch: Gauge;
  private readonly clock: () => number;
  private rebalanceStartedAtMs = 0;
  private rebalancing = false;
  private lastRebalanceCompletedAtMs: number | undefined;

  constructor(context: MetricsContext, inventory: WorkerInventory) {
    this.clock = context.clock;
    const group = new MetricGroup(context.registry, {});
    group.computed(WORKER_METRICS.connectorCount, () => inventory.connectorCount());
    group.computed(WORKER_METRICS.taskCount, () => inventory.taskCount());
    this.connectorStartups = new StartupCounters(context, group, CONNECTOR_STARTUP);
    this.taskStartups = new StartupCounters(context, group, TASK_STARTUP);
    group.collect((_nowMs, emit) => {
      for (const [connector, states] of inventory.taskStatesByConnector()) {
        const labels: Labels = { connector };
        emit(WORKER_CONNECTOR_TASK_COUNTS.total, labels, states.length);
        for (const counted of COUNTED_TASK_STATES) {
          emit(WORKER_CONNECTOR_TASK_COUNTS[counted], labels, states.filter((state) => state === counted).length);
        }
      }
    });

    this.rebalanceTime = new SampledStat(context.window);
    this.rebalancesCompleted = group.counter(REBALANCE_METRICS.completed);
    group.computed(REBALANCE_METRICS.rebalancing, () => (this.rebalancing ? 1 : 0));
    group.computed(REBALANCE_METRICS.maxTime, (nowMs) => this.rebalanceTime.max(nowMs));
    group.computed(REBALANCE_METRICS.avgTime, (nowMs) => this.rebalanceTime.average(nowMs));
    group.computed(REBALANCE_METRICS.timeSinceLast, (nowMs) =>
      this.lastRebalanceCompletedAtMs === undefined ? Number.POSITIVE_INFINITY : nowMs - this.lastRebalanceCompletedAtMs,
    );
    this.epoch = group.gauge(REBALANCE_METRICS.epoch);
  }

  /**
   * Counts a connector startup. `ConnectorMetrics.setStatus` already does this; call it directly only for a
   * startup that failed before the connector had a handle.
   */
  recordConnectorStartup(succeeded: boolean): void {
    this.connectorStartups.record(succeeded);
  }

  /**
   * Counts a task startup. `TaskMetrics.setStatus` already does this; call it directly only for a startup
   * that failed before the task had a handle.
   */
  recordTaskStartup(succeeded: boolean): void {
    this.taskStartups.record(succeeded);
  }

  recordRebalanceStarted(): void {
    this.rebalanceStartedAtMs = this.clock();
    this.rebalancing = true;
  }

  recordRebalanceCompleted(): void {
    const nowMs = this.clock();
    this.rebalancing = false;
    this.rebalancesCompleted.inc();
    this.rebalanceTime.record(Math.max(0, nowMs - this.rebalanceStartedAtMs), nowMs);
    this.lastRebalanceCompletedAtMs = nowMs;
  }

  /** The group generation this worker joined. */
  recordEpoch(generation: number): void {
    this.epoch.set(generation);
  }
}

export interface ConnectorDescription {
  /** The connector's class name as configured (`connector.class`). */
  readonly connectorClass: string;
  readonly type: 'source' | 'sink' | 'unknown';
  readonly version?: string;
}

export interface ConnectorHandleHooks {
  readonly onStartupOutcome: (succeeded: boolean) => void;
  readonly onClose: (handle: ConnectorMetrics) => void;
}

/** Kafka's `WorkerConnector.ConnectorMetricsGroup` (group `connector-metrics`). */
export class ConnectorMetrics {
  private currentStatus: LifecycleState = 'UNASSIGNED';
  private description: ConnectorDescription | undefined;
  private closed = false;
  private readonly group: MetricGroup;
  private readonly startup: StartupOutcome;

  constructor(
    context: MetricsContext,
    readonly name: string,
    private readonly hooks: ConnectorHandleHooks,
  ) {
    this.startup = new StartupOutcome(hooks.onStartupOutcome);
    this.group = new MetricGroup(context.registry, { connector: name });
    this.group.collect((_nowMs, emit) => {
      emit(CONNECTOR_METRICS.status, { connector: name, status: statusLabel(this.currentStatus) }, 1);
      const description = this.description;
      if (description === undefined) return;
      const labels: Labels = {
        connector: name,
        connector_class: description.connectorClass,
        connector_type: description.type,
        connector_version: description.version ?? 'unknown',
      };
      emit(CONNECTOR_METRICS.info, labels, 1);
    });
  }

  get status(): LifecycleState {
    return this.currentStatus;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Class, type and version, exposed as `kafka_connect_connector_info`. */
  describe(description: ConnectorDescription): this {
    this.description = description;
    return this;
  }

  /** Reports a state change; the first RUNNING (or a FAILED before it) also counts as the connector's startup. */
  setStatus(state: LifecycleState): void {
    this.currentStatus = state;
    this.startup.observe(state);
  }

  /** Removes the connector's own series (its tasks have their own handles). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.group.close();
    this.hooks.onClose(this);
  }
}
