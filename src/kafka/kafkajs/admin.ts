/**
 * TopicAdmin over the kafkajs admin client.
 *
 * Where kafkajs lacks a Kafka Admin API, the nearest kafkajs mechanism is used (see group-offsets.ts):
 * group offsets are set, or removed (Kafka's OffsetDelete), by a throwaway group member that seeks and
 * commits, so the group must have no active members — as Kafka's alterConsumerGroupOffsets requires. A
 * removed offset is committed as -1, what OffsetFetch reports for "no committed offset": consumers (Java
 * and kafkajs) fall back to their reset policy, and listGroupOffsets leaves the partition out.
 */
import type { Admin, ITopicConfig, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { ConnectError } from '../../api/errors.js';
import type { NewTopic, PartitionOffset, TopicAdmin, TopicDescription, TopicPartition } from '../port.js';
import { kafkaErrorType, toStoreError } from './errors.js';
import { setGroupOffsets } from './group-offsets.js';

export interface KafkajsAdminOptions {
  /** The kafkajs client the admin was made from; group offsets are set through a member made from it too. */
  readonly kafka: Kafka;
  readonly admin: Admin;
  /** request.timeout.ms: how long the controller may take to create or delete topics. */
  readonly requestTimeoutMs: number;
  readonly logger: Logger;
  readonly onClose?: () => void;
}

/** Topics Kafka marks internal; Kafka's listTopics leaves them out by default. */
const INTERNAL_TOPICS = new Set(['__consumer_offsets', '__transaction_state']);
/** The offset OffsetFetch reports for a partition without a committed offset. */
const NO_OFFSET = -1;

export class KafkajsTopicAdmin implements TopicAdmin {
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly requestTimeoutMs: number;
  private readonly logger: Logger;
  private readonly onClose: (() => void) | undefined;
  private connection: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: KafkajsAdminOptions) {
    this.kafka = options.kafka;
    this.admin = options.admin;
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.logger = options.logger;
    this.onClose = options.onClose;
  }

  clusterId(): Promise<string> {
    return this.call('Describing the cluster', async (admin) => (await admin.describeCluster()).clusterId);
  }

  listTopics(): Promise<string[]> {
    return this.call('Listing topics', async (admin) => (await admin.listTopics()).filter((topic) => !INTERNAL_TOPICS.has(topic)).sort());
  }

  /** Topics that do not exist are left out. */
  describeTopics(names: readonly string[]): Promise<TopicDescription[]> {
    if (names.length === 0) return Promise.resolve([]);
    return this.call('Describing topics', async (admin) => {
      // All topics' metadata in one request: asking for a missing topic by name fails the whole request.
      const { topics } = await admin.fetchTopicMetadata();
      const byName = new Map(topics.map((topic) => [topic.name, topic.partitions.length]));
      return [...new Set(names)].flatMap((name) => {
        const partitions = byName.get(name);
        return partitions === undefined ? [] : [{ name, partitions }];
      });
    });
  }

  createTopics(topics: readonly NewTopic[]): Promise<string[]> {
    if (topics.length === 0) return Promise.resolve([]);
    return this.call('Creating topics', async (admin) => {
      const existing = new Set(await admin.listTopics());
      const wanted = new Map<string, NewTopic>();
      for (const topic of topics) if (!existing.has(topic.name) && !wanted.has(topic.name)) wanted.set(topic.name, topic);
      // One request per topic: kafkajs reports only "all created" or "some already existed" for a batch,
      // and the port must say exactly which topics this call created.
      const outcomes = await Promise.all(
        [...wanted.values()].map(async (topic) => ({
          name: topic.name,
          created: await admin.createTopics({ topics: [toTopicConfig(topic)], timeout: this.requestTimeoutMs, waitForLeaders: true }),
        })),
      );
      return outcomes.filter((outcome) => outcome.created).map((outcome) => outcome.name);
    });
  }

  /** Topics that do not exist are skipped. Resolves once the deleted topics are gone from the metadata. */
  deleteTopics(names: readonly string[]): Promise<void> {
    if (names.length === 0) return Promise.resolve();
    return this.call('Deleting topics', async (admin) => {
      const existing = new Set(await admin.listTopics());
      const doomed = [...new Set(names)].filter((name) => existing.has(name));
      if (doomed.length === 0) return;
      await admin.deleteTopics({ topics: doomed, timeout: this.requestTimeoutMs });
      const deadline = Date.now() + this.requestTimeoutMs;
      while (Date.now() < deadline) {
        const remaining = new Set(await admin.listTopics());
        if (!doomed.some((name) => remaining.has(name))) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
  }

  endOffsets(partitions: readonly TopicPartition[]): Promise<PartitionOffset[]> {
    return this.partitionOffsets('Reading end offsets', partitions, 'high');
  }

  beginningOffsets(partitions: readonly TopicPartition[]): Promise<PartitionOffset[]> {
    return this.partitionOffsets('Reading beginning offsets', partitions, 'low');
  }

  listGroupOffsets(groupId: string): Promise<PartitionOffset[]> {
    return this.call(`Listing committed offsets of group ${groupId}`, async (admin) => {
      // No topics: OffsetFetch v2+ returns every partition the group has committed.
      const topics = await admin.fetchOffsets({ groupId });
      return topics
        .flatMap(({ topic, partitions }) => partitions.map(({ partition, offset }) => ({ topic, partition, offset: Number(offset) })))
        .filter((entry) => entry.offset >= 0)
        .sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
    });
  }

  alterGroupOffsets(groupId: string, offsets: ReadonlyArray<TopicPartition & { readonly offset: number | null }>): Promise<void> {
    if (offsets.length === 0) return Promise.resolve();
    for (const { topic, partition, offset } of offsets) {
      if (offset !== null && (!Number.isInteger(offset) || offset < 0)) throw new ConnectError(`Invalid offset ${offset} for partition ${topic}-${partition}`);
    }
    return this.call(`Altering committed offsets of group ${groupId}`, (admin) =>
      setGroupOffsets({
        kafka: this.kafka,
        admin,
        groupId,
        changes: offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset: offset ?? NO_OFFSET })),
        timeoutMs: this.requestTimeoutMs,
      }),
    );
  }

  /** Deleting a group that does not exist succeeds (there is nothing to delete). */
  deleteGroup(groupId: string): Promise<void> {
    return this.call(`Deleting group ${groupId}`, async (admin) => {
      try {
        await admin.deleteGroups([groupId]);
      } catch (err) {
        const failures = groupFailures(err);
        if (failures.length > 0 && failures.every((failure) => failure.type === 'GROUP_ID_NOT_FOUND')) return;
        if (failures.length > 0) {
          throw new ConnectError(`Deleting group ${groupId} failed: ${failures.map((f) => `${f.message} (${f.type ?? 'unknown'})`).join('; ')}`, { cause: err });
        }
        throw err;
      }
    });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (this.connection) await this.admin.disconnect();
      } finally {
        this.onClose?.();
      }
    })();
    return this.closing;
  }

  private async partitionOffsets(what: string, partitions: readonly TopicPartition[], bound: 'high' | 'low'): Promise<PartitionOffset[]> {
    if (partitions.length === 0) return [];
    return this.call(what, async (admin) => {
      const topics = [...new Set(partitions.map((p) => p.topic))];
      const perTopic = new Map(await Promise.all(topics.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const)));
      return partitions.map(({ topic, partition }) => {
        const entry = perTopic.get(topic)?.find((candidate) => candidate.partition === partition);
        if (entry === undefined) throw new ConnectError(`Unknown partition ${topic}-${partition}`);
        return { topic, partition, offset: Number(entry[bound]) };
      });
    });
  }

  private async call<T>(what: string, action: (admin: Admin) => Promise<T>): Promise<T> {
    if (this.closing) throw new ConnectError(`${what} failed: the admin client is closed`);
    try {
      await this.connect();
      return await action(this.admin);
    } catch (err) {
      const error = toStoreError(err, `${what} failed`);
      this.logger.debug({ err: error }, 'admin request failed');
      throw error;
    }
  }

  private connect(): Promise<void> {
    if (!this.connection) {
      this.connection = this.admin.connect().catch((err: unknown) => {
        this.connection = undefined;
        throw err;
      });
    }
    return this.connection;
  }
}

function toTopicConfig(topic: NewTopic): ITopicConfig {
  const partitions = topic.partitions ?? -1;
  const replicationFactor = topic.replicationFactor ?? -1;
  return {
    topic: topic.name,
    // -1 asks the broker for its default (num.partitions, default.replication.factor).
    numPartitions: partitions > 0 ? partitions : -1,
    replicationFactor: replicationFactor > 0 ? replicationFactor : -1,
    configEntries: Object.entries(topic.config ?? {}).map(([name, value]) => ({ name, value })),
  };
}

/** The per-group errors of a kafkajs KafkaJSDeleteGroupsError. */
function groupFailures(err: unknown): Array<{ type: string | undefined; message: string }> {
  if (typeof err !== 'object' || err === null || !('groups' in err) || !Array.isArray(err.groups)) return [];
  return (err.groups as unknown[]).map((group) => {
    const error = typeof group === 'object' && group !== null && 'error' in group ? group.error : undefined;
    return { type: kafkaErrorType(error), message: error instanceof Error ? error.message : String(error) };
  });
}
