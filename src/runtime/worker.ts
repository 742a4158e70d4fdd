/**
 * The worker runs connector and task instances on this process (Kafka's Worker): it builds each task's
 * converters, SMT chain, error handling and topic clients from the connector config and the worker config,
 * and reports states to the status store. What to run is the herder's decision.
 */
import { stdSerializers, type ChildLoggerOptions, type Logger } from 'pino';
import type { Connector, RawConfig } from '../api/connector.js';
import { ConnectError } from '../api/errors.js';
import type { ConnectorPlugin } from '../api/plugin.js';
import type { SinkRecord, SourceRecord } from '../api/record.js';
import { resolveConfig, scrubSecrets, type ConfigProvider } from '../config/providers.js';
import type { TopicStore } from '../kafka/port.js';
import type { OffsetStore } from '../storage/offset-store.js';
import { DeadLetterQueueReporter, LogReporter } from './errors/reporters.js';
import { RetryWithToleranceOperator, type ErrorReporter } from './errors/retry-with-tolerance.js';
import type { TargetState } from './herder.js';
import type { PluginRegistry } from './plugins.js';
import { createConverters } from './record-conversion.js';
import { SinkTaskRunner } from './sink-task-runner.js';
import { SourceTaskRunner } from './source-task-runner.js';
import type { StatusStore } from './status-store.js';
import type { TaskStatusListener } from './task-lifecycle.js';
import { TopicCreation } from './topic-creation.js';
import { TransformationChain } from './transformation-chain.js';
import type { WorkerConfig } from './worker-config.js';
import type { WorkerObserver } from './worker-observer.js';

export interface WorkerOptions {
  readonly logger: Logger;
  readonly plugins: PluginRegistry;
  readonly store: TopicStore;
  readonly offsetStore: OffsetStore;
  readonly config: WorkerConfig;
  readonly providers: ReadonlyMap<string, ConfigProvider>;
  readonly status: StatusStore;
  readonly observer?: WorkerObserver;
  /** Named child loggers (so /admin/loggers can change their levels); default: plain pino children. */
  readonly childLogger?: (name: string, bindings: Record<string, unknown>, options?: ChildLoggerOptions) => Logger;
}

type TaskRunner = SourceTaskRunner | SinkTaskRunner;

interface RunningConnector {
  readonly plugin: ConnectorPlugin;
  readonly instance: Connector;
  /** The config as the user gave it (with `${provider:…}` references). */
  readonly raw: RawConfig;
  /** The config with references resolved, as the connector sees it. */
  readonly config: RawConfig;
  readonly secrets: ReadonlySet<string>;
}

const SECRET_KEY = /password|secret|credential|token|api\.key|sasl\.jaas\.config/i;
/** A config provider reference, `${provider:[path:]key}` (Kafka's ConfigTransformer pattern). */
const PROVIDER_REFERENCE = /\$\{[^}]*?:[^}]*?\}/;

/** A copy of a serialized value with every string passed through `scrub`. */
function scrubbedDeep(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubbedDeep(v, scrub));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubbedDeep(v, scrub)]));
  }
  return value;
}

export class Worker {
  private readonly connectors = new Map<string, RunningConnector>();
  private readonly tasks = new Map<string, Map<number, TaskRunner>>();
  private readonly secretsByConnector = new Map<string, Set<string>>();

  constructor(private readonly options: WorkerOptions) {}

  /** A connector's or task's logger: errors it logs are scrubbed of the connector's secrets. */
  private childLogger(name: string, bindings: Record<string, unknown> & { connector: string }): Logger {
    const options: ChildLoggerOptions = {
      serializers: { err: (err: Error) => scrubbedDeep(stdSerializers.err(err), (text) => this.scrub(bindings.connector, text)) },
    };
    return this.options.childLogger ? this.options.childLogger(name, bindings, options) : this.options.logger.child(bindings, options);
  }

  get workerId(): string {
    return this.options.status.workerId;
  }

  /** Resolves `${provider:…}` references and remembers the resolved secrets of the connector. */
  resolve(name: string, raw: RawConfig, plugin?: ConnectorPlugin): RawConfig {
    const { config, secrets } = resolveConfig(raw, this.options.providers);
    const all = this.secretsByConnector.get(name) ?? new Set<string>();
    for (const s of secrets) all.add(s);
    const passwordKeys = new Set((plugin?.config.keys ?? []).filter((k) => k.type === 'PASSWORD').map((k) => k.name));
    for (const [key, value] of Object.entries(config)) if (value && (passwordKeys.has(key) || SECRET_KEY.test(key))) all.add(value);
    this.secretsByConnector.set(name, all);
    return config;
  }

  /** Hides the connector's secrets in text shown to users (traces, messages, DLQ headers). */
  scrub(name: string, text: string): string {
    return scrubSecrets(text, this.secretsByConnector.get(name) ?? []);
  }

  forget(name: string): void {
    this.secretsByConnector.delete(name);
  }

  isConnectorRunning(name: string): boolean {
    return this.connectors.has(name);
  }

  /** Starts a connector instance; failures are reported as its FAILED status, not thrown. */
  async startConnector(name: string, raw: RawConfig, onReconfigure: () => void): Promise<boolean> {
    const { plugins, status } = this.options;
    const plugin = plugins.connector(raw['connector.class'] ?? '');
    const config = this.resolve(name, raw, plugin);
    const instance = plugin.create();
    try {
      await instance.start(config, {
        logger: this.childLogger(`tidewater.connector.${name}`, { connector: name }),
        requestTaskReconfiguration: onReconfigure,
        raiseError: (error) => status.putConnector(name, 'FAILED', error),
      });
    } catch (err) {
      status.putConnector(name, 'FAILED', err instanceof Error ? err : new Error(String(err)));
      this.options.observer?.connectorStarted?.(name, false);
      return false;
    }
    this.connectors.set(name, { plugin, instance, raw, config, secrets: this.secretsByConnector.get(name) ?? new Set() });
    status.putConnector(name, 'RUNNING');
    this.options.observer?.connectorStarted?.(name, true);
    return true;
  }

  /** The connector's task configs, each with Kafka's `task.class` key. Enforces tasks.max. */
  async taskConfigs(name: string): Promise<RawConfig[]> {
    const running = this.connectors.get(name);
    if (!running) throw new ConnectError(`Connector ${name} is not running`);
    const maxTasks = Number(running.config['tasks.max'] ?? '1');
    const configs = await running.instance.taskConfigs(maxTasks);
    if (configs.length > maxTasks && (running.config['tasks.max.enforce'] ?? 'true').trim().toLowerCase() !== 'false') {
      throw new ConnectError(`The connector ${name} has generated ${configs.length} tasks, which is greater than ${maxTasks}, the maximum number of tasks it is configured to create. This behaviour should be considered a bug and is disallowed. If necessary, it can be permitted by reconfiguring the connector with 'tasks.max.enforce' set to false; however, this option will be removed in a future release of Kafka Connect.`);
    }
    const taskClass = running.plugin.className.replace(/Connector$/, '') + 'Task';
    // Kafka's reverseTransform: a key whose connector value is a provider reference keeps the reference in the
    // task config (shown by GET /tasks); the task gets the resolved value when it starts.
    const references = Object.entries(running.raw).filter(([, value]) => PROVIDER_REFERENCE.test(value));
    return configs.map((c) => {
      const config: Record<string, string> = { ...c, 'task.class': taskClass };
      for (const [key, value] of references) if (key in config) config[key] = value;
      return config;
    });
  }

  async stopConnector(name: string): Promise<void> {
    const running = this.connectors.get(name);
    if (!running) return;
    this.connectors.delete(name);
    try {
      await running.instance.stop();
    } catch (err) {
      this.options.logger.error({ err, connector: name }, `Error while stopping connector ${name}`);
    }
  }

  /** Starts one task; its states flow into the status store. */
  startTask(name: string, taskId: number, connectorRaw: RawConfig, taskRaw: RawConfig, target: TargetState): void {
    const { plugins, status, logger } = this.options;
    const listener: TaskStatusListener = {
      onRunning: () => status.putTask(name, taskId, 'RUNNING'),
      onPaused: () => status.putTask(name, taskId, 'PAUSED'),
      onFailed: (error) => status.putTask(name, taskId, 'FAILED', error),
      onProgress: (progress) => status.putTaskProgress(name, taskId, progress),
      onStopped: () => {
        if (this.tasks.get(name)?.get(taskId) === runner) this.tasks.get(name)?.delete(taskId);
      },
    };
    let runner: TaskRunner | undefined;
    try {
      const plugin = plugins.connector(connectorRaw['connector.class'] ?? '');
      const connectorConfig = this.resolve(name, connectorRaw, plugin);
      const taskConfig = this.resolve(name, taskRaw, plugin);
      runner = plugin.kind === 'source'
        ? this.sourceRunner(name, taskId, plugin.createTask(), connectorConfig, taskConfig, listener)
        : this.sinkRunner(name, taskId, plugin.createTask(), connectorConfig, taskConfig, listener);
    } catch (err) {
      status.putTask(name, taskId, 'FAILED', err instanceof Error ? err : new Error(String(err)));
      logger.error({ err, connector: name, task: taskId }, `Failed to start task ${name}-${taskId}`);
      this.options.observer?.taskStarted?.(name, taskId, false);
      return;
    }
    let byTask = this.tasks.get(name);
    if (!byTask) this.tasks.set(name, (byTask = new Map()));
    byTask.set(taskId, runner);
    if (target === 'PAUSED') runner.pause();
    runner.start();
    this.options.observer?.taskStarted?.(name, taskId, true);
  }

  taskIds(name: string): number[] {
    return [...(this.tasks.get(name)?.keys() ?? [])];
  }

  async stopTasks(name: string, ids?: readonly number[]): Promise<void> {
    const byTask = this.tasks.get(name);
    if (!byTask) return;
    const chosen = [...byTask.entries()].filter(([id]) => !ids || ids.includes(id));
    await Promise.all(chosen.map(([, runner]) => runner.stop()));
    for (const [id] of chosen) byTask.delete(id);
  }

  pauseTasks(name: string): void {
    for (const runner of this.tasks.get(name)?.values() ?? []) runner.pause();
  }

  resumeTasks(name: string): void {
    for (const runner of this.tasks.get(name)?.values() ?? []) runner.resume();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.tasks.keys()].map((name) => this.stopTasks(name)));
    await Promise.all([...this.connectors.keys()].map((name) => this.stopConnector(name)));
  }

  private operator(name: string, taskId: number, raw: RawConfig, signal: AbortSignal, extra: ErrorReporter[] = []): RetryWithToleranceOperator {
    const reporters: ErrorReporter[] = [];
    const metrics = this.options.observer?.tolerance?.(name, taskId);
    if ((raw['errors.log.enable'] ?? '').trim().toLowerCase() === 'true') {
      reporters.push(
        new LogReporter({
          logger: this.childLogger(`tidewater.task.${name}-${taskId}`, { connector: name, task: taskId }),
          taskId: `${name}-${taskId}`,
          includeMessages: (raw['errors.log.include.messages'] ?? '').trim().toLowerCase() === 'true',
          ...(metrics?.recordErrorLogged ? { onLogged: () => metrics.recordErrorLogged?.() } : {}),
        }),
      );
    }
    reporters.push(...extra);
    return new RetryWithToleranceOperator({
      tolerance: (raw['errors.tolerance'] ?? 'none').trim() === 'all' ? 'all' : 'none',
      retryTimeoutMs: Number(raw['errors.retry.timeout'] ?? '0'),
      retryMaxDelayMs: Number(raw['errors.retry.delay.max.ms'] ?? '60000'),
      reporters,
      signal,
      ...(metrics ? { metrics } : {}),
    });
  }

  private sourceRunner(
    name: string,
    taskId: number,
    task: ReturnType<Extract<ConnectorPlugin, { kind: 'source' }>['createTask']>,
    connectorConfig: RawConfig,
    taskConfig: RawConfig,
    listener: TaskStatusListener,
  ): SourceTaskRunner {
    const { store, config, plugins } = this.options;
    const abort = new AbortController();
    // The task's metrics first: opening them replaces any earlier handle, which the error metrics must not use.
    const observer = this.options.observer?.sourceTask?.(name, taskId);
    const runner: SourceTaskRunner = new SourceTaskRunner({
      connector: name,
      taskId,
      task,
      config: taskConfig,
      logger: this.childLogger(`tidewater.task.${name}-${taskId}`, { connector: name, task: taskId }),
      chain: TransformationChain.fromConfig<SourceRecord>(plugins, connectorConfig),
      converters: createConverters(plugins, connectorConfig, config.raw),
      operator: this.operator(name, taskId, connectorConfig, abort.signal),
      producer: store.producer({ clientId: `connector-producer-${name}-${taskId}`, settings: config.producerSettings(connectorConfig) }),
      offsetStore: this.options.offsetStore,
      topicCreation: TopicCreation.fromConfig(store.admin(), connectorConfig, config.topicCreationEnable),
      listener: { ...listener, onStopped: () => (abort.abort(), listener.onStopped()) },
      offsetFlushIntervalMs: config.offsetFlushIntervalMs,
      gracefulShutdownMs: config.gracefulShutdownMs,
      ...(observer ? { observer } : {}),
    });
    return runner;
  }

  private sinkRunner(
    name: string,
    taskId: number,
    task: ReturnType<Extract<ConnectorPlugin, { kind: 'sink' }>['createTask']>,
    connectorConfig: RawConfig,
    taskConfig: RawConfig,
    listener: TaskStatusListener,
  ): SinkTaskRunner {
    const { store, config, plugins, logger } = this.options;
    const abort = new AbortController();
    // The task's metrics first: opening them replaces any earlier handle, which the error metrics must not use.
    const observer = this.options.observer?.sinkTask?.(name, taskId);
    const dlqTopic = (connectorConfig['errors.deadletterqueue.topic.name'] ?? '').trim();
    const dlq = dlqTopic
      ? new DeadLetterQueueReporter({
          topic: dlqTopic,
          replicationFactor: Number(connectorConfig['errors.deadletterqueue.topic.replication.factor'] ?? '3'),
          contextHeaders: (connectorConfig['errors.deadletterqueue.context.headers.enable'] ?? '').trim().toLowerCase() === 'true',
          connector: name,
          task: taskId,
          producer: store.producer({ clientId: `connector-dlq-producer-${name}-${taskId}`, settings: config.producerSettings(connectorConfig) }),
          admin: store.admin(),
          logger,
          scrub: (text) => this.scrub(name, text),
          ...(this.options.observer?.deadLetterQueue ? { onProduced: this.options.observer.deadLetterQueue(name, taskId) } : {}),
        })
      : undefined;
    const operator = this.operator(name, taskId, connectorConfig, abort.signal, dlq ? [dlq] : []);
    const topics = (connectorConfig.topics ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    const regex = (connectorConfig['topics.regex'] ?? '').trim();
    const runner: SinkTaskRunner = new SinkTaskRunner({
      connector: name,
      taskId,
      task,
      config: taskConfig,
      logger: this.childLogger(`tidewater.task.${name}-${taskId}`, { connector: name, task: taskId }),
      chain: TransformationChain.fromConfig<SinkRecord>(plugins, connectorConfig),
      converters: createConverters(plugins, connectorConfig, config.raw),
      operator,
      consumer: store.consumer({
        groupId: `connect-${name}`,
        clientId: `connector-consumer-${name}-${taskId}`,
        autoOffsetReset: 'earliest',
        maxPollRecords: Number(config.consumerSettings(connectorConfig)['max.poll.records'] ?? '500'),
        settings: config.consumerSettings(connectorConfig),
      }),
      subscription: regex ? { pattern: new RegExp(`^(?:${regex})$`) } : { topics },
      listener: { ...listener, onStopped: () => (abort.abort(), listener.onStopped()) },
      offsetFlushIntervalMs: config.offsetFlushIntervalMs,
      gracefulShutdownMs: config.gracefulShutdownMs,
      reportErrant: operator.tolerance === 'all' || dlq
        ? async (record, error) => {
            const consumed = runner.consumedRecordOf(record);
            // Kafka reports errant records as stage TASK_PUT of class SinkTask.
            await operator.executeFailed('TASK_PUT', 'org.apache.kafka.connect.sink.SinkTask', error, consumed ? { consumed } : {});
          }
        : null,
      ...(observer ? { observer } : {}),
    });
    return runner;
  }
}
