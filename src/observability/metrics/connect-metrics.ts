/**
 * `ConnectMetrics`: the typed facade the runtime records Kafka Connect's metrics through, and the text the
 * `/metrics` endpoint serves.
 *
 * The runtime asks for a handle when a connector or task starts, keeps it, and calls its one-line methods:
 *
 *   const metrics = new ConnectMetrics();
 *   const task = metrics.sourceTask('inventory', 0);      // on task start
 *   task.setStatus('RUNNING');                            // counts a task startup too
 *   task.recordPoll(records.length, pollMs);              // per poll
 *   task.recordWrite(acked, filtered);                    // when a batch is done
 *   task.recordCommit(true, commitMs);
 *   task.errors.recordRetry();
 *   task.close();                                         // on task stop: its series disappear
 *   reply.type(PROMETHEUS_CONTENT_TYPE).send(metrics.renderMetrics());
 *
 * Connector and task counts of the worker (`connector-count`, `task-count`, `connector-running-task-count`, …)
 * follow from the open handles and their statuses; nothing else has to report them.
 */
import type { LifecycleState, MetricsContext } from './lifecycle.js';
import { nodeProcessStats, processMetricsCollector, type ProcessStatsSource } from './process-metrics.js';
import { MetricsRegistry } from './registry.js';
import { KAFKA_DEFAULT_SAMPLE_WINDOW, type SampleWindowConfig } from './sampled-stat.js';
import { SinkTaskMetrics, SourceTaskMetrics, TaskMetrics, type TaskHandleHooks, type TaskKind } from './task-metrics.js';
import { ConnectorMetrics, WorkerMetrics, type ConnectorDescription, type WorkerInventory } from './worker-metrics.js';

export interface ConnectMetricsOptions {
  /** Milliseconds since the epoch. Defaults to `Date.now`; tests inject their own. */
  readonly clock?: () => number;
  /** The sampled window behind rates, averages and maxima. Defaults to Kafka's 2 samples of 30 s. */
  readonly window?: SampleWindowConfig;
  /** Where process metrics come from; `false` leaves them out. Defaults to the running Node process. */
  readonly processStats?: ProcessStatsSource | false;
}

export class ConnectMetrics {
  private readonly context: MetricsContext;
  private readonly workerMetrics: WorkerMetrics;
  private readonly connectors = new Map<string, ConnectorMetrics>();
  private readonly tasksByConnector = new Map<string, Map<number, TaskMetrics>>();
  private readonly processStats: ProcessStatsSource | undefined;

  constructor(options: ConnectMetricsOptions = {}) {
    const clock = options.clock ?? Date.now;
    this.context = {
      registry: new MetricsRegistry(clock),
      clock,
      window: options.window ?? KAFKA_DEFAULT_SAMPLE_WINDOW,
    };
    this.workerMetrics = new WorkerMetrics(this.context, this.inventory());
    this.processStats = options.processStats === false ? undefined : (options.processStats ?? nodeProcessStats());
    if (this.processStats !== undefined) this.context.registry.register(processMetricsCollector(this.processStats));
  }

  /** The worker's own metrics: startup counts (derived from statuses) and rebalances. */
  worker(): WorkerMetrics {
    return this.workerMetrics;
  }

  /** The connector's handle, created on first use; `description` sets or updates its class, type and version. */
  connector(name: string, description?: ConnectorDescription): ConnectorMetrics {
    let handle = this.connectors.get(name);
    if (handle === undefined) {
      handle = new ConnectorMetrics(this.context, name, {
        onStartupOutcome: (succeeded) => this.workerMetrics.recordConnectorStartup(succeeded),
        onClose: (closed) => {
          if (this.connectors.get(closed.name) === closed) this.connectors.delete(closed.name);
        },
      });
      this.connectors.set(name, handle);
    }
    if (description !== undefined) handle.describe(description);
    return handle;
  }

  /** The task's handle whatever its kind; a task not opened as source or sink gets the common metrics only. */
  task(connector: string, task: number): TaskMetrics {
    return (
      this.existingTask(connector, task) ??
      this.openTask(connector, task, (hooks) => new TaskMetrics(this.context, connector, task, 'generic', hooks))
    );
  }

  sourceTask(connector: string, task: number): SourceTaskMetrics {
    const existing = this.existingTask(connector, task);
    if (existing === undefined) {
      return this.openTask(connector, task, (hooks) => new SourceTaskMetrics(this.context, connector, task, hooks));
    }
    if (existing instanceof SourceTaskMetrics) return existing;
    throw kindMismatch(existing, 'source');
  }

  sinkTask(connector: string, task: number): SinkTaskMetrics {
    const existing = this.existingTask(connector, task);
    if (existing === undefined) {
      return this.openTask(connector, task, (hooks) => new SinkTaskMetrics(this.context, connector, task, hooks));
    }
    if (existing instanceof SinkTaskMetrics) return existing;
    throw kindMismatch(existing, 'sink');
  }

  /** Removes the task's series, if it has a handle. */
  removeTask(connector: string, task: number): void {
    this.existingTask(connector, task)?.close();
  }

  /** Removes the connector's series and those of all its tasks. */
  removeConnector(name: string): void {
    this.connectors.get(name)?.close();
    for (const handle of [...(this.tasksByConnector.get(name)?.values() ?? [])]) handle.close();
  }

  /** The Prometheus text exposition (serve it as `PROMETHEUS_CONTENT_TYPE`). */
  renderMetrics(): string {
    return this.context.registry.render();
  }

  /** Stops process sampling (the event loop delay monitor). */
  close(): void {
    this.processStats?.close();
  }

  private existingTask(connector: string, task: number): TaskMetrics | undefined {
    return this.tasksByConnector.get(connector)?.get(task);
  }

  private openTask<T extends TaskMetrics>(connector: string, task: number, create: (hooks: TaskHandleHooks) => T): T {
    const handle = create({
      onStartupOutcome: (succeeded) => this.workerMetrics.recordTaskStartup(succeeded),
      onClose: (closed) => this.forgetTask(closed),
    });
    let tasks = this.tasksByConnector.get(connector);
    if (tasks === undefined) {
      tasks = new Map();
      this.tasksByConnector.set(connector, tasks);
    }
    tasks.set(task, handle);
    return handle;
  }

  private forgetTask(closed: TaskMetrics): void {
    const tasks = this.tasksByConnector.get(closed.connector);
    if (tasks?.get(closed.task) !== closed) return;
    tasks.delete(closed.task);
    if (tasks.size === 0) this.tasksByConnector.delete(closed.connector);
  }

  private inventory(): WorkerInventory {
    return {
      connectorCount: () => this.connectors.size,
      taskCount: () => {
        let count = 0;
        for (const tasks of this.tasksByConnector.values()) count += tasks.size;
        return count;
      },
      taskStatesByConnector: () => {
        const states = new Map<string, LifecycleState[]>();
        for (const [connector, tasks] of this.tasksByConnector) {
          states.set(connector, [...tasks.values()].map((handle) => handle.status));
        }
        return states;
      },
    };
  }
}

function kindMismatch(existing: TaskMetrics, requested: TaskKind): Error {
  const id = `${existing.connector}-${existing.task}`;
  return new Error(`metrics for task ${id} are open as a ${existing.kind} task, not a ${requested} task`);
}
