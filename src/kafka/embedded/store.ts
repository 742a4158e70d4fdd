/**
 * The embedded topic store: Kafka's topic semantics on local disk, for running without a broker.
 *
 *   <dataDir>/meta.properties        cluster.id, generated once (Kafka's 22-character base64url form)
 *   <dataDir>/.lock                  pid of the process that has the store open read-write
 *   <dataDir>/topics/<topic>/…       topic metadata and partition logs (topic-registry.ts, partition-log.ts)
 *   <dataDir>/groups/offsets.log     committed group offsets (offset-store.ts)
 *
 * One process opens a data directory read-write at a time (the lock says which); any number may open it
 * read-only alongside (the CLI does), seeing what was written when they opened it.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { IllegalStateError, NotFoundError } from '../../api/errors.js';
import type { ConsumerOptions, ProducerOptions, TopicAdmin, TopicConsumer, TopicProducer, TopicStore } from '../port.js';
import { EmbeddedAdmin } from './admin.js';
import { EmbeddedConsumer } from './consumer.js';
import { acquireDirectoryLock, isErrno, writeFileAtomic } from './fs-util.js';
import { GroupCoordinator } from './group-coordinator.js';
import { LogMaintenance } from './maintenance.js';
import { OffsetStore } from './offset-store.js';
import type { ReadResult } from './partition-log.js';
import { EmbeddedProducer } from './producer.js';
import { KAFKA_LOG_DEFAULTS, type LogDefaults } from './topic-config.js';
import { randomKafkaId, TopicRegistry } from './topic-registry.js';

export interface EmbeddedTopicStoreOptions {
  readonly dataDir: string;
  readonly logger?: Logger;
  /** Open without the lock and without writing anything (tools reading a store another process runs). */
  readonly readOnly?: boolean;
  /** num.partitions: partitions of topics created without a count, and of auto-created topics (default 1). */
  readonly defaultPartitions?: number;
  /** auto.create.topics.enable: producing to (or subscribing by name to) an unknown topic creates it (default true). */
  readonly autoCreateTopics?: boolean;
  /** Store-wide topic defaults (Kafka's broker `log.*` settings); each topic's config overrides them. */
  readonly log?: Partial<LogDefaults>;
  /** log.retention.check.interval.ms (default 300000). */
  readonly retentionCheckIntervalMs?: number;
  /** How often partitions are checked for a due flush.ms fsync (default 1000). */
  readonly flushCheckIntervalMs?: number;
  /** Aborting closes the store. */
  readonly signal?: AbortSignal;
}

/** Size and offsets of one partition, for tools. */
export interface PartitionLogStats {
  readonly topic: string;
  readonly partition: number;
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  readonly sizeBytes: number;
  readonly segments: number;
}

type Client = TopicProducer | TopicConsumer | TopicAdmin;

export class EmbeddedTopicStore implements TopicStore {
  readonly kind = 'embedded' as const;
  readonly dataDir: string;
  readonly clusterId: string;
  private readonly logger: Logger;
  private readonly registry: TopicRegistry;
  private readonly offsets: OffsetStore;
  private readonly coordinator: GroupCoordinator;
  private readonly maintenance: LogMaintenance | null;
  private readonly autoCreateTopics: boolean;
  private readonly releaseLock: (() => Promise<void>) | null;
  private readonly clients = new Set<Client>();
  private closing: Promise<void> | null = null;

  private constructor(init: {
    options: EmbeddedTopicStoreOptions;
    logger: Logger;
    clusterId: string;
    registry: TopicRegistry;
    offsets: OffsetStore;
    releaseLock: (() => Promise<void>) | null;
  }) {
    const { options } = init;
    this.dataDir = options.dataDir;
    this.clusterId = init.clusterId;
    this.logger = init.logger;
    this.registry = init.registry;
    this.offsets = init.offsets;
    this.releaseLock = init.releaseLock;
    this.autoCreateTopics = options.autoCreateTopics ?? true;
    this.coordinator = new GroupCoordinator({
      topics: () => new Map(this.registry.all().map((t) => [t.name, t.partitions.length])),
      logger: this.logger,
    });
    this.registry.onChange(() => this.coordinator.topicsChanged());
    this.maintenance = options.readOnly
      ? null
      : new LogMaintenance({
          registry: this.registry,
          retentionCheckIntervalMs: options.retentionCheckIntervalMs ?? 300000,
          flushCheckIntervalMs: options.flushCheckIntervalMs ?? 1000,
          logger: this.logger,
        });
    this.maintenance?.start();
    options.signal?.addEventListener('abort', () => void this.close().catch((err: unknown) => this.logger.error({ err }, 'closing the store failed')), { once: true });
  }

  /** Opens (creating when needed, unless read-only) the store in `dataDir`, recovering every partition's tail. */
  static async open(options: EmbeddedTopicStoreOptions): Promise<EmbeddedTopicStore> {
    const logger = (options.logger ?? pino({ enabled: false })).child({ component: 'embedded-topic-store' });
    const readOnly = options.readOnly ?? false;
    if (!readOnly) await mkdir(options.dataDir, { recursive: true });
    const releaseLock = readOnly ? null : await acquireDirectoryLock(options.dataDir);
    try {
      const clusterId = await loadClusterId(options.dataDir, readOnly);
      const defaults: LogDefaults = { ...KAFKA_LOG_DEFAULTS, ...options.log };
      const fsync = defaults.flushMessages < Number.MAX_SAFE_INTEGER || defaults.flushMs < Number.MAX_SAFE_INTEGER;
      const offsets = await OffsetStore.open({ dataDir: options.dataDir, readOnly, fsync, logger });
      const registry = await TopicRegistry.open({
        dataDir: options.dataDir,
        defaults,
        defaultPartitions: options.defaultPartitions ?? 1,
        readOnly,
        logger,
      });
      logger.info({ dataDir: options.dataDir, clusterId, topics: registry.names().length, readOnly }, 'embedded topic store open');
      return new EmbeddedTopicStore({ options, logger, clusterId, registry, offsets, releaseLock });
    } catch (err) {
      await releaseLock?.();
      throw err;
    }
  }

  private track<T extends Client>(client: T): T {
    if (this.closing) throw new IllegalStateError(`The embedded topic store at ${this.dataDir} is closed`);
    this.clients.add(client);
    return client;
  }

  producer(options: ProducerOptions): TopicProducer {
    const producer: TopicProducer = new EmbeddedProducer({
      ...options,
      registry: this.registry,
      autoCreateTopics: this.autoCreateTopics,
      logger: this.logger,
      onClose: () => this.clients.delete(producer),
    });
    return this.track(producer);
  }

  consumer(options: ConsumerOptions): TopicConsumer {
    const consumer: TopicConsumer = new EmbeddedConsumer({
      ...options,
      registry: this.registry,
      coordinator: this.coordinator,
      offsets: this.offsets,
      autoCreateTopics: this.autoCreateTopics,
      logger: this.logger,
      onClose: () => this.clients.delete(consumer),
    });
    return this.track(consumer);
  }

  admin(): TopicAdmin {
    const admin: TopicAdmin = new EmbeddedAdmin({
      clusterId: this.clusterId,
      registry: this.registry,
      offsets: this.offsets,
      coordinator: this.coordinator,
      onClose: () => this.clients.delete(admin),
    });
    return this.track(admin);
  }

  /** Offsets, size and segment count of every partition, by topic and partition. */
  logStats(): PartitionLogStats[] {
    return this.registry.all().flatMap((topic) =>
      topic.partitions.map((log) => ({
        topic: topic.name,
        partition: log.partition,
        logStartOffset: log.logStartOffset,
        logEndOffset: log.logEndOffset,
        sizeBytes: log.sizeBytes,
        segments: log.segmentCount,
      })),
    );
  }

  /** Reads a partition directly, outside any group (tools): records from `offset`, about `maxBytes` of them. */
  async read(topic: string, partition: number, offset: number, maxBytes = 1048576): Promise<ReadResult> {
    const log = this.registry.require(topic).partitions[partition];
    if (!log) throw new NotFoundError(`This server does not host this topic-partition: ${topic}-${partition}`);
    return log.read(offset, maxBytes);
  }

  /** One retention pass now (the periodic check does the same); resolves with the segments deleted. */
  async applyRetention(now = Date.now()): Promise<number> {
    return this.maintenance ? this.maintenance.applyRetention(now) : 0;
  }

  /** Closes every client (consumers leave their groups), writes what is queued, and releases the directory. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await this.maintenance?.stop();
    const clients = [...this.clients];
    const consumersFirst = [...clients.filter((c) => c instanceof EmbeddedConsumer), ...clients.filter((c) => !(c instanceof EmbeddedConsumer))];
    for (const client of consumersFirst) {
      await client.close().catch((err: unknown) => this.logger.warn({ err }, 'closing a client failed'));
    }
    this.coordinator.close();
    await this.registry.close();
    await this.offsets.close();
    await this.releaseLock?.();
    this.logger.info({ dataDir: this.dataDir }, 'embedded topic store closed');
  }
}

/** Reads the cluster id from meta.properties, generating and saving one the first time. */
async function loadClusterId(dataDir: string, readOnly: boolean): Promise<string> {
  const path = join(dataDir, 'meta.properties');
  try {
    const text = await readFile(path, 'utf8');
    const match = /^cluster\.id=(.+)$/m.exec(text);
    if (match) return (match[1] as string).trim();
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
  if (readOnly) throw new NotFoundError(`No embedded topic store at ${dataDir}`);
  const clusterId = randomKafkaId();
  await writeFileAtomic(path, `#Written by the Tidewater embedded topic store; do not edit.\nversion=1\ncluster.id=${clusterId}\n`);
  return clusterId;
}
