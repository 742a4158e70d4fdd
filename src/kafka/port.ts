/**
 * The one port the runtime uses to reach topics. Two adapters implement it: Kafka (through kafkajs) and
 * the embedded topic log (durable segments on local disk, used when no `bootstrap.servers` is given).
 * Connectors never see it; the source and sink runners, the DLQ reporter and the CLI do.
 */
import type { TopicPartition } from '../api/offsets.js';

export type { TopicPartition } from '../api/offsets.js';

/** A header as stored in a topic: raw bytes (null allowed). */
export interface RawHeader {
  readonly key: string;
  readonly value: Uint8Array | null;
}

/** A record to append. `partition` null lets the store choose (by key hash, as Kafka's default partitioner). */
export interface ProducedRecord {
  readonly topic: string;
  readonly partition: number | null;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly RawHeader[];
  /** Milliseconds since the epoch; null lets the store stamp the append time. */
  readonly timestamp: number | null;
}

/** Where an appended record landed. */
export interface ProduceResult {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
}

export interface ProducerOptions {
  readonly clientId: string;
  /** Producer settings under Kafka's names (`linger.ms`, `batch.size`, `compression.type`, `acks`, …). */
  readonly settings?: Readonly<Record<string, string>>;
}

export interface TopicProducer {
  /**
   * Appends the records and resolves, once every one is durably acknowledged, with one result per record
   * in input order. Records for the same partition keep their order. Rejects if any record failed; the
   * error says whether retrying may help (`retriable`).
   */
  send(records: readonly ProducedRecord[]): Promise<ProduceResult[]>;
  /** Resolves when everything sent so far is acknowledged. */
  flush(): Promise<void>;
  /** Flushes, then releases the connection. */
  close(): Promise<void>;
}

export type TimestampKind = 'CreateTime' | 'LogAppendTime';

/** A record read from a topic. */
export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly RawHeader[];
  readonly timestamp: number;
  readonly timestampType: TimestampKind;
}

/** Offsets to commit: for each partition, the offset of the next record to read (Kafka's convention). */
export interface PartitionOffset extends TopicPartition {
  readonly offset: number;
}

/** Called around group rebalances. onRevoked runs before partitions are taken away, when the store can. */
export interface RebalanceListener {
  onAssigned(partitions: readonly TopicPartition[]): Promise<void>;
  onRevoked(partitions: readonly TopicPartition[]): Promise<void>;
}

export type Subscription = { readonly topics: readonly string[] } | { readonly pattern: RegExp };

export interface ConsumerOptions {
  readonly groupId: string;
  readonly clientId: string;
  /** Where to start in a partition the group has no committed offset for. */
  readonly autoOffsetReset: 'earliest' | 'latest';
  /** Upper bound on records returned by one poll. */
  readonly maxPollRecords: number;
  /** Consumer settings under Kafka's names (`fetch.max.bytes`, `max.poll.interval.ms`, …). */
  readonly settings?: Readonly<Record<string, string>>;
}

/**
 * A group member that is polled (Kafka's KafkaConsumer model), not pushed to. Offsets are committed only
 * explicitly. Poll never returns records from paused partitions.
 */
export interface TopicConsumer {
  subscribe(subscription: Subscription, listener: RebalanceListener): Promise<void>;
  /** The next records (at most maxPollRecords); waits up to `timeoutMs`; [] on timeout or abort. */
  poll(timeoutMs: number, signal?: AbortSignal): Promise<ConsumedRecord[]>;
  commit(offsets: readonly PartitionOffset[]): Promise<void>;
  /** Committed offsets of the group for the given partitions (absent when none). */
  committed(partitions: readonly TopicPartition[]): Promise<PartitionOffset[]>;
  /** Moves the read position of an assigned partition. */
  seek(offset: PartitionOffset): void;
  pause(partitions: readonly TopicPartition[]): void;
  resume(partitions: readonly TopicPartition[]): void;
  assignment(): TopicPartition[];
  /** Leaves the group (partitions are revoked first) and releases resources. */
  close(): Promise<void>;
}

export interface NewTopic {
  readonly name: string;
  /** -1 or absent: the store's default. */
  readonly partitions?: number;
  readonly replicationFactor?: number;
  /** Topic-level settings under Kafka's names (`cleanup.policy`, `retention.ms`, …). */
  readonly config?: Readonly<Record<string, string>>;
}

export interface TopicDescription {
  readonly name: string;
  readonly partitions: number;
}

export interface TopicAdmin {
  clusterId(): Promise<string>;
  listTopics(): Promise<string[]>;
  describeTopics(names: readonly string[]): Promise<TopicDescription[]>;
  /** Creates the topics that do not exist yet; resolves with the names it created. */
  createTopics(topics: readonly NewTopic[]): Promise<string[]>;
  deleteTopics(names: readonly string[]): Promise<void>;
  /** The offset the next appended record of each partition will get. */
  endOffsets(partitions: readonly TopicPartition[]): Promise<PartitionOffset[]>;
  /** The earliest offset still stored in each partition (after retention). */
  beginningOffsets(partitions: readonly TopicPartition[]): Promise<PartitionOffset[]>;
  listGroupOffsets(groupId: string): Promise<PartitionOffset[]>;
  /** Sets (offset) or removes (offset null) committed offsets of a group that has no active members. */
  alterGroupOffsets(groupId: string, offsets: ReadonlyArray<TopicPartition & { readonly offset: number | null }>): Promise<void>;
  deleteGroup(groupId: string): Promise<void>;
  close(): Promise<void>;
}

/** One way of reaching topics: everything the runtime needs from Kafka or the embedded log. */
export interface TopicStore {
  readonly kind: 'kafka' | 'embedded';
  producer(options: ProducerOptions): TopicProducer;
  consumer(options: ConsumerOptions): TopicConsumer;
  admin(): TopicAdmin;
  /** Closes every client this store handed out. */
  close(): Promise<void>;
}
