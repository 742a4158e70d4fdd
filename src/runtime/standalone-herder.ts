/**
 * Standalone mode's herder (Kafka's StandaloneHerder): every connector runs on this worker, configs live in
 * memory (connectors given on the command line are re-read at every start; REST-created ones are not kept
 * across restarts, as in Kafka), statuses in the status store, offsets in the worker's offset store.
 */
import type { Logger } from 'pino';
import type { RawConfig } from '../api/connector.js';
import { AlreadyExistsError, BadRequestError, ConnectError, NotFoundError } from '../api/errors.js';
import type { TopicAdmin } from '../kafka/port.js';
import type { OffsetStore } from '../storage/offset-store.js';
import { readOffsets, requireStopped, writeOffsets } from './connector-offsets.js';
import type {
  ConnectorInfo,
  ConnectorOffsets,
  ConnectorStateInfo,
  ConnectorType,
  Herder,
  PluginDescription,
  PutConfigResult,
  RestartRequest,
  TargetState,
  TaskInfo,
  TaskStateInfo,
  WorkerIdentity,
} from './herder.js';
import type { PluginRegistry } from './plugins.js';
import type { StatusStore } from './status-store.js';
import { invalidConfigMessage, validateConnectorConfig } from './validation.js';
import type { Worker } from './worker.js';
import { keyInfo, type ConfigInfos, type ConfigKeyInfo } from '../config/spec.js';
import { javaHashMapOrder } from '../rest/java.js';

interface ConnectorEntry {
  config: Record<string, string>;
  target: TargetState;
  taskConfigs: RawConfig[];
  readonly type: ConnectorType;
}

export interface StandaloneHerderOptions {
  readonly worker: Worker;
  readonly plugins: PluginRegistry;
  readonly status: StatusStore;
  readonly offsetStore: OffsetStore;
  readonly admin: TopicAdmin;
  readonly identity: WorkerIdentity;
  readonly logger: Logger;
  readonly topicTracking: { enabled: boolean; allowReset: boolean };
}

export class StandaloneHerder implements Herder {
  private readonly entries = new Map<string, ConnectorEntry>();
  private readonly activeTopics = new Map<string, Set<string>>();
  private started = false;

  constructor(private readonly options: StandaloneHerderOptions) {}

  markStarted(): void {
    this.started = true;
  }

  workerIdentity(): WorkerIdentity {
    return this.options.identity;
  }

  health(): { status: 'healthy' | 'starting' | 'unhealthy'; message: string } {
    return this.started
      ? { status: 'healthy', message: 'Worker has completed startup and is ready to handle requests.' }
      : { status: 'starting', message: 'Worker is still starting up.' };
  }

  /** Connector names in the order Kafka's standalone herder lists them (its HashMap's iteration order). */
  connectors(): string[] {
    return javaHashMapOrder([...this.entries.keys()]);
  }

  /** The stored config of a connector, or undefined (no error) when there is none. */
  connectorConfigIfKnown(name: string): Readonly<Record<string, string>> | undefined {
    return this.entries.get(name)?.config;
  }

  private entry(name: string, message = `Connector ${name} not found`): ConnectorEntry {
    const entry = this.entries.get(name);
    if (!entry) throw new NotFoundError(message);
    return entry;
  }

  connectorInfo(name: string): ConnectorInfo {
    const entry = this.entry(name);
    return { name, config: { ...entry.config }, tasks: entry.taskConfigs.map((_, task) => ({ connector: name, task })), type: entry.type };
  }

  connectorConfig(name: string): Readonly<Record<string, string>> {
    return { ...this.entry(name).config };
  }

  async putConnectorConfig(
    name: string,
    config: Readonly<Record<string, string>>,
    options: { allowReplace: boolean; initialState?: TargetState },
  ): Promise<PutConfigResult> {
    const infos = await validateConnectorConfig(this.options.plugins, config);
    if (infos.error_count > 0) throw new BadRequestError(invalidConfigMessage(infos));
    const existing = this.entries.get(name);
    if (existing && !options.allowReplace) throw new AlreadyExistsError(`Connector ${name} already exists`);
    const type = this.options.plugins.connector(config['connector.class'] ?? '').kind;
    if (existing) await this.shutdown(name);
    const entry: ConnectorEntry = { config: { ...config }, target: existing?.target ?? options.initialState ?? 'RUNNING', taskConfigs: [], type };
    this.entries.set(name, entry);
    // Kafka keeps the config of a connector whose start() failed, shows it FAILED and answers with a 500.
    if (!(await this.startUp(name))) throw startFailure(name);
    return { created: !existing, info: this.connectorInfo(name) };
  }

  async patchConnectorConfig(name: string, patch: Readonly<Record<string, string | null>>): Promise<ConnectorInfo> {
    const entry = this.entry(name);
    const next: Record<string, string> = { ...entry.config };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    return (await this.putConnectorConfig(name, next, { allowReplace: true })).info;
  }

  async deleteConnector(name: string): Promise<void> {
    this.entry(name);
    await this.shutdown(name);
    this.entries.delete(name);
    this.activeTopics.delete(name);
    this.options.status.remove(name);
    this.options.worker.forget(name);
  }

  connectorStatus(name: string): ConnectorStateInfo {
    const entry = this.entries.get(name);
    const status = entry && this.options.status.status(name, entry.type);
    if (!status) throw new NotFoundError(`No status found for connector ${name}`);
    return status;
  }

  taskStatus(name: string, task: number): TaskStateInfo {
    const status = this.options.status.task(name, task);
    if (!status) throw new NotFoundError(`No status found for task ${name}-${task}`);
    return status;
  }

  taskConfigs(name: string): TaskInfo[] {
    return this.entry(name).taskConfigs.map((config, task) => ({ id: { connector: name, task }, config: { ...config } }));
  }

  async restartConnector(name: string, request: RestartRequest): Promise<ConnectorStateInfo | null> {
    if (!request.includeTasks && !request.onlyFailed) {
      // Kafka's standalone herder reports an unknown connector but carries on, and fails on its missing config.
      const known = this.entries.get(name);
      // Kafka 3.9.1 answers 500 here (a NullPointerException's message); same status, a message that helps.
      if (!known) throw new ConnectError(`Unknown connector: ${name}`);
      if (!(await this.restartConnectorInstance(name, known))) throw startFailure(name);
      if (known.target === 'RUNNING') await this.reconfigure(name);
      return null;
    }
    const entry = this.entry(name, `Unknown connector: ${name}`);
    const status = this.connectorStatus(name);
    const restartConnector = !request.onlyFailed || status.connector.state === 'FAILED';
    const tasks = request.includeTasks ? status.tasks.filter((t) => !request.onlyFailed || t.state === 'FAILED').map((t) => t.id) : [];
    const planned: ConnectorStateInfo = {
      ...status,
      connector: restartConnector ? { ...status.connector, state: 'RESTARTING' } : status.connector,
      tasks: status.tasks.map((t) => (tasks.includes(t.id) ? { ...t, state: 'RESTARTING' } : t)),
    };
    void this.performRestart(name, entry, restartConnector, tasks);
    return planned;
  }

  private async performRestart(name: string, entry: ConnectorEntry, connector: boolean, tasks: number[]): Promise<void> {
    try {
      if (connector) await this.restartConnectorInstance(name, entry);
      if (tasks.length) {
        await this.options.worker.stopTasks(name, tasks);
        for (const task of tasks) this.startTask(name, entry, task);
      }
    } catch (err) {
      this.options.logger.error({ err, connector: name }, 'restart failed');
    }
  }

  /** Stops and starts the connector instance (not in a PAUSED or STOPPED target state); false if start() failed. */
  private async restartConnectorInstance(name: string, entry: ConnectorEntry): Promise<boolean> {
    await this.options.worker.stopConnector(name);
    if (entry.target !== 'RUNNING') {
      this.options.status.putConnector(name, entry.target);
      return true;
    }
    return this.options.worker.startConnector(name, entry.config, () => void this.reconfigure(name));
  }

  async restartTask(name: string, task: number): Promise<void> {
    const entry = this.entries.get(name);
    // Kafka's standalone herder reports an unknown connector but carries on, and fails to start the task.
    if (!entry) throw new ConnectError(`Failed to start task ${name}-${task} since it is not a recognizable type (source or sink)`);
    if (!entry.taskConfigs[task]) throw new NotFoundError(`Task ${name}-${task} not found`);
    await this.options.worker.stopTasks(name, [task]);
    this.startTask(name, entry, task);
  }

  /**
   * As Kafka's WorkerConnector: a paused connector's instance is stopped (its tasks are only paused), and a
   * STOPPED connector that is paused stays without tasks until it is resumed. A FAILED connector stays FAILED.
   */
  async pauseConnector(name: string): Promise<void> {
    const entry = this.entry(name, `Unknown connector ${name}`);
    entry.target = 'PAUSED';
    await this.options.worker.stopConnector(name);
    if (this.options.status.connector(name)?.state !== 'FAILED') this.options.status.putConnector(name, 'PAUSED');
    this.options.worker.pauseTasks(name);
  }

  /** Starts the connector instance again and resumes its tasks; tasks are replaced if their configs changed. */
  async resumeConnector(name: string): Promise<void> {
    const entry = this.entry(name, `Unknown connector ${name}`);
    const from = entry.target;
    entry.target = 'RUNNING';
    if (from === 'STOPPED') {
      await this.startUp(name);
    } else if (from === 'PAUSED') {
      this.options.worker.resumeTasks(name);
      if (this.options.status.connector(name)?.state === 'FAILED') return;
      if (await this.options.worker.startConnector(name, entry.config, () => void this.reconfigure(name))) await this.reconfigure(name);
    }
  }

  async stopConnector(name: string): Promise<void> {
    const entry = this.entries.get(name);
    // Kafka's standalone herder answers an unknown connector with a plain ConnectException (a 500).
    if (!entry) throw new ConnectError(`No connector \`${name}\` configured`);
    entry.target = 'STOPPED';
    await this.shutdown(name);
    entry.taskConfigs = [];
    this.options.status.putConnector(name, 'STOPPED');
  }

  connectorActiveTopics(name: string): { topics: string[] } {
    return { topics: [...(this.activeTopics.get(name) ?? [])].sort() };
  }

  /** Records a topic a connector used (source: produced to; sink: consumed from), KIP-558. */
  recordActiveTopic(name: string, topic: string): void {
    if (!this.options.topicTracking.enabled || !this.entries.has(name)) return;
    let topics = this.activeTopics.get(name);
    if (!topics) this.activeTopics.set(name, (topics = new Set()));
    topics.add(topic);
  }

  resetConnectorActiveTopics(name: string): void {
    this.entry(name);
    this.activeTopics.delete(name);
  }

  get topicTracking(): { enabled: boolean; allowReset: boolean } {
    return this.options.topicTracking;
  }

  async connectorOffsets(name: string): Promise<ConnectorOffsets> {
    const entry = this.entry(name);
    return readOffsets(entry.type === 'sink' ? 'sink' : 'source', name, this.options.offsetStore, this.options.admin);
  }

  async alterConnectorOffsets(name: string, offsets: ConnectorOffsets): Promise<string> {
    return this.changeOffsets(name, offsets);
  }

  async resetConnectorOffsets(name: string): Promise<string> {
    return this.changeOffsets(name, 'reset');
  }

  private async changeOffsets(name: string, offsets: ConnectorOffsets | 'reset'): Promise<string> {
    const entry = this.entry(name);
    requireStopped(name, entry.target === 'STOPPED' && !this.options.worker.isConnectorRunning(name));
    const plugin = this.options.plugins.connector(entry.config['connector.class'] ?? '');
    return writeOffsets({
      kind: plugin.kind,
      name,
      config: this.options.worker.resolve(name, entry.config, plugin),
      connector: plugin.create(),
      offsets,
      store: this.options.offsetStore,
      admin: this.options.admin,
    });
  }

  validateConnectorConfig(config: Readonly<Record<string, string>>): Promise<ConfigInfos> {
    return validateConnectorConfig(this.options.plugins, config);
  }

  plugins(options: { connectorsOnly: boolean }): PluginDescription[] {
    return this.options.plugins.describe(options);
  }

  pluginConfig(plugin: string): ConfigKeyInfo[] {
    const found = this.options.plugins.find(plugin);
    if (!found) throw new NotFoundError(`Unknown plugin ${plugin}.`);
    return found.config.keys.filter((k) => !k.internal).map(keyInfo);
  }

  /** Stops every connector and task (on worker shutdown). */
  async stop(): Promise<void> {
    for (const name of this.entries.keys()) await this.shutdown(name);
  }

  /**
   * Starts the connector and its tasks according to its target state; failures show in its status. A PAUSED
   * or STOPPED connector is not started and gets no tasks (Kafka creates them when it is resumed). Resolves
   * false when the connector's start() failed.
   */
  private async startUp(name: string): Promise<boolean> {
    const entry = this.entries.get(name);
    if (!entry) return true;
    const { status, worker } = this.options;
    if (entry.target !== 'RUNNING') {
      status.putConnector(name, entry.target);
      return true;
    }
    status.putConnector(name, 'UNASSIGNED');
    if (!(await worker.startConnector(name, entry.config, () => void this.reconfigure(name)))) return false;
    try {
      entry.taskConfigs = await worker.taskConfigs(name);
    } catch (err) {
      status.putConnector(name, 'FAILED', err instanceof Error ? err : new Error(String(err)));
      return true;
    }
    for (let task = 0; task < entry.taskConfigs.length; task++) this.startTask(name, entry, task);
    return true;
  }

  private startTask(name: string, entry: ConnectorEntry, task: number): void {
    this.options.status.putTask(name, task, 'UNASSIGNED');
    this.options.worker.startTask(name, task, entry.config, entry.taskConfigs[task] ?? {}, entry.target);
  }

  /** Reacts to requestTaskReconfiguration: restarts the tasks only if their configs changed. */
  private async reconfigure(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry || entry.target !== 'RUNNING' || !this.options.worker.isConnectorRunning(name)) return;
    try {
      const next = await this.options.worker.taskConfigs(name);
      if (JSON.stringify(next) === JSON.stringify(entry.taskConfigs)) return;
      await this.options.worker.stopTasks(name);
      this.options.status.removeTasks(name);
      entry.taskConfigs = next;
      for (let task = 0; task < next.length; task++) this.startTask(name, entry, task);
    } catch (err) {
      this.options.status.putConnector(name, 'FAILED', err instanceof Error ? err : new Error(String(err)));
    }
  }

  private async shutdown(name: string): Promise<void> {
    await this.options.worker.stopTasks(name);
    await this.options.worker.stopConnector(name);
    this.options.status.removeTasks(name);
  }
}

/** Kafka's answer (a 500) when a connector's start() throws while it is created or restarted. */
function startFailure(name: string): ConnectError {
  return new ConnectError(`Failed to transition connector ${name} to state STARTED`);
}
