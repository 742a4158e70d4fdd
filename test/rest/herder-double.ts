/**
 * A small, honest in-memory Herder for REST tests: connectors with configurations validated against
 * ConfigSpecs, target states, tasks, statuses, offsets and active topics, answering with the errors and
 * messages Kafka Connect 3.9.1's standalone herder answers with (as observed on the real worker).
 */
import { AlreadyExistsError, BadRequestError, ConnectError, IllegalStateError, NotFoundError } from '../../src/api/errors.js';
import type { PluginKind } from '../../src/api/plugin.js';
import { ConfigSpec, keyInfo, valueInfo, type ConfigInfos, type ConfigKeyInfo } from '../../src/config/spec.js';
import { Range, nonEmptyStringWithoutControlChars } from '../../src/config/validators.js';
import type {
  ConnectorInfo,
  ConnectorOffset,
  ConnectorOffsets,
  ConnectorState,
  ConnectorStateInfo,
  Herder,
  PluginDescription,
  PutConfigResult,
  RestartRequest,
  TargetState,
  TaskInfo,
  TaskStateInfo,
  WorkerIdentity,
} from '../../src/runtime/herder.js';

const COMMON = ConfigSpec.empty()
  .define({ name: 'name', type: 'STRING', importance: 'HIGH', doc: 'Globally unique name to use for this connector.', group: 'Common', orderInGroup: 1, width: 'MEDIUM', displayName: 'Connector name', validator: nonEmptyStringWithoutControlChars })
  .define({ name: 'connector.class', type: 'STRING', importance: 'HIGH', doc: 'Name or alias of the class for this connector.', group: 'Common', orderInGroup: 2, width: 'LONG', displayName: 'Connector class' })
  .define({ name: 'tasks.max', type: 'INT', default: 1, importance: 'HIGH', doc: 'Maximum number of tasks to use for this connector.', group: 'Common', orderInGroup: 3, width: 'SHORT', displayName: 'Tasks max', validator: Range.atLeast(1) });

interface PluginEntry {
  readonly class: string;
  readonly type: PluginKind;
  readonly version: string;
  readonly spec: ConfigSpec<Record<string, unknown>>;
  readonly taskClass?: string;
}

export const PLUGINS: readonly PluginEntry[] = [
  {
    class: 'org.apache.kafka.connect.file.FileStreamSinkConnector',
    type: 'sink',
    version: '3.9.1',
    taskClass: 'org.apache.kafka.connect.file.FileStreamSinkTask',
    spec: ConfigSpec.empty().define({ name: 'file', type: 'STRING', default: null, importance: 'HIGH', doc: 'Destination filename. If not specified, the standard output will be used' }),
  },
  {
    class: 'org.apache.kafka.connect.file.FileStreamSourceConnector',
    type: 'source',
    version: '3.9.1',
    taskClass: 'org.apache.kafka.connect.file.FileStreamSourceTask',
    spec: ConfigSpec.empty()
      .define({ name: 'file', type: 'STRING', default: null, importance: 'HIGH', doc: 'Source filename. If not specified, the standard input will be used' })
      .define({ name: 'topic', type: 'STRING', importance: 'HIGH', doc: 'The topic to publish data to' })
      .define({ name: 'batch.size', type: 'INT', default: 2000, importance: 'LOW', doc: 'The maximum number of records the source task can read from the file each time it is polled' }),
  },
  {
    class: 'org.apache.kafka.connect.transforms.Cast$Value',
    type: 'transformation',
    version: '3.9.1',
    spec: ConfigSpec.empty()
      .define({ name: 'spec', type: 'LIST', importance: 'HIGH', doc: 'List of fields and the type to cast them to' })
      .define({ name: 'replace.null.with.default', type: 'BOOLEAN', default: true, importance: 'MEDIUM', doc: 'Whether to replace fields that have a default value and that are null to the default value.' }),
  },
];

interface Connector {
  config: Record<string, string>;
  plugin: PluginEntry;
  target: TargetState;
  connectorState: ConnectorState;
  tasks: Array<{ state: ConnectorState; trace?: string }>;
  offsets: ConnectorOffset[];
  topics: Set<string>;
}

/** Java's Map.toString, as Kafka prints a configuration in some messages. */
const javaMap = (config: Readonly<Record<string, string>>) =>
  `{${Object.entries(config).map(([k, v]) => `${k}=${v}`).join(', ')}}`;

export class HerderDouble implements Herder {
  readonly workerId = '127.0.0.1:18083';
  private readonly connectorsByName = new Map<string, Connector>();
  private healthState: ReturnType<Herder['health']> = {
    status: 'healthy',
    message: 'Worker has completed startup and is ready to handle requests.',
  };
  private gate: Promise<void> | undefined;
  private nextFailure: unknown;

  workerIdentity(): WorkerIdentity {
    return { version: '3.9.1', commit: 'f745dfdcee2b9851', kafka_cluster_id: 'VGlkZXdhdGVyVGVzdHNLQQ' };
  }

  health(): ReturnType<Herder['health']> {
    return this.healthState;
  }

  // ---- controls for tests ----

  setHealth(health: ReturnType<Herder['health']>): void {
    this.healthState = health;
  }

  /** Holds every asynchronous operation until the returned function is called. */
  hold(): () => void {
    let release = () => {};
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  /** The next asynchronous operation fails with this error. */
  failNext(err: unknown): void {
    this.nextFailure = err;
  }

  failTask(name: string, task: number, trace: string): void {
    const t = this.connector(name).tasks[task];
    if (t) Object.assign(t, { state: 'FAILED', trace });
  }

  useTopic(name: string, topic: string): void {
    this.connector(name).topics.add(topic);
  }

  private async step(): Promise<void> {
    await this.gate;
    const failure = this.nextFailure;
    if (failure !== undefined) {
      this.nextFailure = undefined;
      throw failure;
    }
  }

  private connector(name: string, notFound = `Connector ${name} not found`): Connector {
    const c = this.connectorsByName.get(name);
    if (!c) throw new NotFoundError(notFound);
    return c;
  }

  // ---- Herder ----

  connectors(): string[] {
    return [...this.connectorsByName.keys()];
  }

  connectorInfo(name: string): ConnectorInfo {
    const c = this.connector(name);
    return { name, config: { ...c.config }, tasks: c.tasks.map((_, task) => ({ connector: name, task })), type: c.plugin.type === 'sink' ? 'sink' : 'source' };
  }

  connectorConfig(name: string): Readonly<Record<string, string>> {
    return { ...this.connector(name).config };
  }

  async putConnectorConfig(
    name: string,
    config: Readonly<Record<string, string>>,
    options: { allowReplace: boolean; initialState?: TargetState },
  ): Promise<PutConfigResult> {
    await this.step();
    const plugin = this.validOrThrow(config);
    const existing = this.connectorsByName.get(name);
    if (existing && !options.allowReplace) throw new AlreadyExistsError(`Connector ${name} already exists`);
    if (existing) {
      existing.config = { ...config };
      return { created: false, info: this.connectorInfo(name) };
    }
    const target = options.initialState ?? 'RUNNING';
    const tasks = target === 'RUNNING' ? [{ state: 'RUNNING' as const }] : [];
    this.connectorsByName.set(name, { config: { ...config }, plugin, target, connectorState: target, tasks, offsets: [], topics: new Set() });
    return { created: true, info: this.connectorInfo(name) };
  }

  async patchConnectorConfig(name: string, patch: Readonly<Record<string, string | null>>): Promise<ConnectorInfo> {
    await this.step();
    const c = this.connector(name);
    const config = { ...c.config };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete config[key];
      else config[key] = value;
    }
    c.plugin = this.validOrThrow(config);
    c.config = config;
    return this.connectorInfo(name);
  }

  async deleteConnector(name: string): Promise<void> {
    await this.step();
    this.connector(name);
    this.connectorsByName.delete(name);
  }

  connectorStatus(name: string): ConnectorStateInfo {
    const c = this.connector(name, `No status found for connector ${name}`);
    return {
      name,
      connector: { state: c.connectorState, worker_id: this.workerId },
      tasks: c.tasks.map((t, id) => ({ id, state: t.state, worker_id: this.workerId, ...(t.trace ? { trace: t.trace } : {}) })),
      type: c.plugin.type === 'sink' ? 'sink' : 'source',
    };
  }

  taskStatus(name: string, task: number): TaskStateInfo {
    const status = this.connectorsByName.has(name) ? this.connectorStatus(name).tasks[task] : undefined;
    if (!status) throw new NotFoundError(`No status found for task ${name}-${task}`);
    return status;
  }

  taskConfigs(name: string): TaskInfo[] {
    const c = this.connector(name);
    return c.tasks.map((_, task) => ({ id: { connector: name, task }, config: { ...c.config, 'task.class': c.plugin.taskClass ?? '' } }));
  }

  async restartConnector(name: string, request: RestartRequest): Promise<ConnectorStateInfo | null> {
    await this.step();
    const c = this.connector(name, `Unknown connector: ${name}`);
    if (!request.includeTasks && !request.onlyFailed) return null;
    const restartConnector = !request.onlyFailed || c.connectorState === 'FAILED';
    const restarting = this.connectorStatus(name);
    const result: ConnectorStateInfo = {
      ...restarting,
      connector: restartConnector ? { ...restarting.connector, state: 'RESTARTING' } : restarting.connector,
      tasks: restarting.tasks.map((t) =>
        request.includeTasks && (!request.onlyFailed || t.state === 'FAILED') ? { id: t.id, state: 'RESTARTING', worker_id: t.worker_id } : t,
      ),
    };
    // The restart completes at once here.
    if (restartConnector) c.connectorState = c.target;
    c.tasks = c.tasks.map((t) => (request.includeTasks && (!request.onlyFailed || t.state === 'FAILED') ? { state: c.target } : t));
    return result;
  }

  async restartTask(name: string, task: number): Promise<void> {
    await this.step();
    const c = this.connectorsByName.get(name);
    if (!c?.tasks[task]) throw new NotFoundError(`Task ${name}-${task} not found`);
    c.tasks[task] = { state: c.target };
  }

  async pauseConnector(name: string): Promise<void> {
    await this.step();
    const c = this.connector(name, `Unknown connector ${name}`);
    c.target = c.connectorState = 'PAUSED';
    c.tasks = c.tasks.map(() => ({ state: 'PAUSED' }));
  }

  async resumeConnector(name: string): Promise<void> {
    await this.step();
    const c = this.connector(name, `Unknown connector ${name}`);
    c.target = c.connectorState = 'RUNNING';
    c.tasks = (c.tasks.length ? c.tasks : [{ state: 'RUNNING' }]).map(() => ({ state: 'RUNNING' }));
  }

  async stopConnector(name: string): Promise<void> {
    await this.step();
    const c = this.connectorsByName.get(name);
    // Kafka 3.9.1's standalone herder answers an unknown connector with a plain ConnectException (500).
    if (!c) throw new ConnectError(`No connector \`${name}\` configured`);
    c.target = c.connectorState = 'STOPPED';
    c.tasks = [];
  }

  connectorActiveTopics(name: string): { topics: string[] } {
    return { topics: [...(this.connectorsByName.get(name)?.topics ?? [])] };
  }

  resetConnectorActiveTopics(name: string): void {
    this.connectorsByName.get(name)?.topics.clear();
  }

  async connectorOffsets(name: string): Promise<ConnectorOffsets> {
    await this.step();
    return { offsets: [...this.connector(name).offsets] };
  }

  private stopped(name: string): Connector {
    const c = this.connector(name);
    if (c.target !== 'STOPPED') {
      throw new IllegalStateError(
        'Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the ' +
          `specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`,
      );
    }
    return c;
  }

  async alterConnectorOffsets(name: string, offsets: ConnectorOffsets): Promise<string> {
    await this.step();
    const c = this.stopped(name);
    for (const change of offsets.offsets) {
      const key = JSON.stringify(change.partition);
      c.offsets = c.offsets.filter((o) => JSON.stringify(o.partition) !== key);
      if (change.offset !== null) c.offsets.push(change);
    }
    return 'The offsets for this connector have been altered successfully';
  }

  async resetConnectorOffsets(name: string): Promise<string> {
    await this.step();
    this.stopped(name).offsets = [];
    return 'The offsets for this connector have been reset successfully';
  }

  async validateConnectorConfig(config: Readonly<Record<string, string>>): Promise<ConfigInfos> {
    await this.step();
    const className = config['connector.class'];
    if (className === undefined) throw new BadRequestError(`Connector config ${javaMap(config)} contains no connector type`);
    const plugin = this.resolve(className, ['source', 'sink']);
    if (!plugin) {
      const available = PLUGINS.filter((p) => p.type === 'source' || p.type === 'sink').map((p) => p.class).join(', ');
      throw new ConnectError(`Failed to find any class that implements Connector and which name matches ${className}, available connectors are: ${available}`);
    }
    const spec = COMMON.merge(plugin.spec);
    const values = spec.validate(config);
    const configs = values.map((value) => {
      const key = spec.key(value.name);
      if (!key) throw new Error(`no key ${value.name}`);
      return { definition: keyInfo(key), value: valueInfo(key, value) };
    });
    return { name: className, error_count: values.reduce((n, v) => n + v.errors.length, 0), groups: spec.groups, configs };
  }

  plugins(options: { connectorsOnly: boolean }): PluginDescription[] {
    return PLUGINS.filter((p) => !options.connectorsOnly || p.type === 'source' || p.type === 'sink').map((p) => ({ class: p.class, type: p.type, version: p.version }));
  }

  pluginConfig(plugin: string): ConfigKeyInfo[] {
    const entry = this.resolve(plugin);
    if (!entry) throw new NotFoundError(`Unknown plugin ${plugin}.`);
    const keys = entry.type === 'source' || entry.type === 'sink' ? [...entry.spec.keys, ...COMMON.keys] : entry.spec.keys;
    return keys.map(keyInfo);
  }

  /** By class name, simple name, or alias (the simple name without its "Connector" suffix). */
  private resolve(name: string, kinds?: readonly PluginKind[]): PluginEntry | undefined {
    return PLUGINS.filter((p) => !kinds || kinds.includes(p.type)).find((p) => {
      const simple = p.class.slice(p.class.lastIndexOf('.') + 1);
      return [p.class, simple, simple.replace(/Connector$/, '')].includes(name);
    });
  }

  private validOrThrow(config: Readonly<Record<string, string>>): PluginEntry {
    const className = config['connector.class'];
    if (className === undefined) throw new BadRequestError(`Connector config ${javaMap(config)} contains no connector type`);
    const plugin = this.resolve(className, ['source', 'sink']);
    if (!plugin) throw new ConnectError(`Failed to find any class that implements Connector and which name matches ${className}`);
    const errors = COMMON.merge(plugin.spec).validate(config).flatMap((v) => v.errors);
    if (errors.length) {
      throw new BadRequestError(
        `Connector configuration is invalid and contains the following ${errors.length} error(s):\n${errors.join('\n')}\n` +
          'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
      );
    }
    return plugin;
  }
}
