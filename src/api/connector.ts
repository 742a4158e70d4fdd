import type { Logger } from 'pino';
import type { ConfigValue } from '../config/spec.js';
import type { OffsetStorageReader, SinkOffsets, TopicPartition } from './offsets.js';
import type { SinkRecord, SourceOffset, SourcePartition, SourceRecord } from './record.js';

/** Raw connector or task configuration: string keys to string values, as in Kafka. */
export type RawConfig = Readonly<Record<string, string>>;

/** What the runtime offers a connector (Kafka's ConnectorContext). */
export interface ConnectorContext {
  readonly logger: Logger;
  /** Asks the runtime to call taskConfigs() again and restart tasks whose configs changed. */
  requestTaskReconfiguration(): void;
  /** Fails the connector from a background activity (it shows as FAILED with this trace). */
  raiseError(error: Error): void;
}

/**
 * A connector (Kafka's Connector): configures and divides work among tasks; it moves no data itself.
 * Lifecycle: start → taskConfigs (possibly again after requestTaskReconfiguration) → stop.
 */
export interface Connector {
  start(config: RawConfig, context: ConnectorContext): void | Promise<void>;
  /** At most `maxTasks` task configurations. */
  taskConfigs(maxTasks: number): RawConfig[] | Promise<RawConfig[]>;
  stop(): void | Promise<void>;
  /**
   * Extra validation beyond the config spec (Kafka's Connector.validate): receives the spec's results and
   * may add errors or recommended values to them.
   */
  validate?(config: RawConfig, values: ConfigValue[]): void | Promise<void>;
}

export interface SourceConnector extends Connector {
  /**
   * Called with offsets a user is writing through `PATCH/DELETE /connectors/{name}/offsets` (null offset =
   * reset). Return true if the connector accepts them; throw to refuse with a reason.
   */
  alterOffsets?(config: RawConfig, offsets: ReadonlyMap<string, Readonly<Record<string, unknown>> | null>): boolean | Promise<boolean>;
}

export interface SinkConnector extends Connector {
  alterOffsets?(config: RawConfig, offsets: ReadonlyMap<TopicPartition, number | null>): boolean | Promise<boolean>;
}

/** What the runtime offers a source task (Kafka's SourceTaskContext). */
export interface SourceTaskContext {
  readonly logger: Logger;
  readonly config: RawConfig;
  readonly offsetStorageReader: OffsetStorageReader;
  /** Aborted when the task is asked to stop: a pending poll should return promptly. */
  readonly signal: AbortSignal;
  /**
   * Tidewater extension: progress of long work (a snapshot), shown as `progress` in the task's entry of
   * `GET /connectors/{name}/status`; null removes it.
   */
  readonly reportProgress?: (progress: Readonly<Record<string, unknown>> | null) => void;
}

/** Kafka's RecordMetadata, as passed to commitRecord. */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number | null;
}

/**
 * A source task (Kafka's SourceTask). `poll` returns the next records, or null/[] when there are none for
 * now; it may wait for data but must honour `context.signal`. `commitRecord` is called once per record, in
 * order, after the record was acknowledged (metadata null if an SMT dropped it); `commit` after offsets
 * were committed.
 */
export interface SourceTask {
  start(config: RawConfig, context: SourceTaskContext): void | Promise<void>;
  poll(): Promise<SourceRecord[] | null>;
  /**
   * Called after offsets were committed. Tidewater passes the offsets it just made durable (per source
   * partition, the latest), so a CDC source can confirm exactly that position to its database.
   */
  commit?(committed?: ReadonlyArray<{ readonly partition: SourcePartition; readonly offset: SourceOffset }>): void | Promise<void>;
  commitRecord?(record: SourceRecord, metadata: RecordMetadata | null): void | Promise<void>;
  stop(): void | Promise<void>;
}

/** Reports a record a sink task could not process (Kafka's ErrantRecordReporter). */
export type ErrantRecordReporter = (record: SinkRecord, error: Error) => Promise<void>;

/** What the runtime offers a sink task (Kafka's SinkTaskContext). */
export interface SinkTaskContext {
  readonly logger: Logger;
  readonly config: RawConfig;
  readonly signal: AbortSignal;
  /** Rewinds or advances consumption of partitions (Kafka's context.offset). */
  offset(offsets: ReadonlyMap<TopicPartition, number>): void;
  /** Asks to be called again after a retriable failure, after `ms` milliseconds. */
  timeout(ms: number): void;
  assignment(): readonly TopicPartition[];
  pause(...partitions: TopicPartition[]): void;
  resume(...partitions: TopicPartition[]): void;
  requestCommit(): void;
  /** Null when the connector has no error tolerance configured. */
  readonly errantRecordReporter: ErrantRecordReporter | null;
}

/**
 * A sink task (Kafka's SinkTask). `put` receives records in partition order; `flush`/`preCommit` make them
 * durable before consumer offsets are committed. `preCommit` returns the offsets safe to commit (default:
 * flush and return `current`).
 */
export interface SinkTask {
  start(config: RawConfig, context: SinkTaskContext): void | Promise<void>;
  open?(partitions: readonly TopicPartition[]): void | Promise<void>;
  put(records: readonly SinkRecord[]): void | Promise<void>;
  flush?(current: SinkOffsets): void | Promise<void>;
  preCommit?(current: SinkOffsets): SinkOffsets | Promise<SinkOffsets>;
  close?(partitions: readonly TopicPartition[]): void | Promise<void>;
  stop(): void | Promise<void>;
}
