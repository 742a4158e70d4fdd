/**
 * The herder runs connectors on behalf of the REST API and the CLI (Kafka's Herder). Standalone mode has one
 * implementation; distributed mode will have another behind the same interface. Methods throw the errors of
 * src/api/errors.ts (NotFoundError → 404, AlreadyExistsError → 409, BadRequestError/ConfigError → 400, …);
 * the REST layer maps them in one place. Entity shapes and field names follow Kafka Connect's REST API.
 */
import type { PluginKind } from '../api/plugin.js';
import type { ConfigInfos, ConfigKeyInfo } from '../config/spec.js';

export type ConnectorState = 'UNASSIGNED' | 'RUNNING' | 'PAUSED' | 'STOPPED' | 'FAILED' | 'RESTARTING';
export type ConnectorType = 'source' | 'sink' | 'unknown';
export type TargetState = 'RUNNING' | 'PAUSED' | 'STOPPED';

export interface ConnectorTaskId {
  readonly connector: string;
  readonly task: number;
}

/** `GET /connectors/{name}` and the body of create/update responses. */
export interface ConnectorInfo {
  readonly name: string;
  readonly config: Readonly<Record<string, string>>;
  readonly tasks: readonly ConnectorTaskId[];
  readonly type: ConnectorType;
}

export interface StateInfo {
  readonly state: ConnectorState;
  readonly worker_id: string;
  readonly trace?: string;
  /** Tidewater extension on task entries: progress of long work, e.g. a snapshot's tables and rows. */
  readonly progress?: Readonly<Record<string, unknown>>;
}

export interface TaskStateInfo extends StateInfo {
  readonly id: number;
}

/** `GET /connectors/{name}/status`. */
export interface ConnectorStateInfo {
  readonly name: string;
  readonly connector: StateInfo;
  readonly tasks: readonly TaskStateInfo[];
  readonly type: ConnectorType;
}

/** `GET /connectors/{name}/tasks` entries. */
export interface TaskInfo {
  readonly id: ConnectorTaskId;
  readonly config: Readonly<Record<string, string>>;
}

/** One entry of `GET /connector-plugins`. */
export interface PluginDescription {
  readonly class: string;
  readonly type: PluginKind;
  readonly version?: string;
}

/** One offset of `GET /connectors/{name}/offsets` (KIP-875). */
export interface ConnectorOffset {
  readonly partition: Readonly<Record<string, unknown>>;
  readonly offset: Readonly<Record<string, unknown>> | null;
}

export interface ConnectorOffsets {
  readonly offsets: readonly ConnectorOffset[];
}

export interface RestartRequest {
  readonly includeTasks: boolean;
  readonly onlyFailed: boolean;
}

export interface WorkerIdentity {
  readonly version: string;
  readonly commit: string;
  readonly kafka_cluster_id: string;
}

export interface PutConfigResult {
  readonly created: boolean;
  readonly info: ConnectorInfo;
}

export interface Herder {
  workerIdentity(): WorkerIdentity;
  /** Whether the worker is ready to serve requests (`GET /health`). */
  health(): { status: 'healthy' | 'starting' | 'unhealthy'; message: string };

  connectors(): string[];
  connectorInfo(name: string): ConnectorInfo;
  connectorConfig(name: string): Readonly<Record<string, string>>;
  /** Creates (created: true) or replaces a connector's configuration. Validates it first. */
  putConnectorConfig(
    name: string,
    config: Readonly<Record<string, string>>,
    options: { allowReplace: boolean; initialState?: TargetState },
  ): Promise<PutConfigResult>;
  /** Partial update: null values remove keys (Kafka 3.9). */
  patchConnectorConfig(name: string, patch: Readonly<Record<string, string | null>>): Promise<ConnectorInfo>;
  deleteConnector(name: string): Promise<void>;

  connectorStatus(name: string): ConnectorStateInfo;
  taskStatus(name: string, task: number): TaskStateInfo;
  taskConfigs(name: string): TaskInfo[];

  /** Legacy form (no flags) resolves null; otherwise the status with RESTARTING states. */
  restartConnector(name: string, request: RestartRequest): Promise<ConnectorStateInfo | null>;
  restartTask(name: string, task: number): Promise<void>;
  pauseConnector(name: string): Promise<void>;
  resumeConnector(name: string): Promise<void>;
  stopConnector(name: string): Promise<void>;

  /** Topics the connector has used since `topic.tracking` started (KIP-558). */
  connectorActiveTopics(name: string): { topics: string[] };
  resetConnectorActiveTopics(name: string): void;

  connectorOffsets(name: string): Promise<ConnectorOffsets>;
  /** Requires the STOPPED state; resolves with Kafka's success message. */
  alterConnectorOffsets(name: string, offsets: ConnectorOffsets): Promise<string>;
  resetConnectorOffsets(name: string): Promise<string>;

  validateConnectorConfig(config: Readonly<Record<string, string>>): Promise<ConfigInfos>;
  plugins(options: { connectorsOnly: boolean }): PluginDescription[];
  /** `GET /connector-plugins/{plugin}/config`; the plugin is named by class name or alias. */
  pluginConfig(plugin: string): ConfigKeyInfo[];
}
