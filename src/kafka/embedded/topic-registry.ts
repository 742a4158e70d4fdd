/**
 * The topics of an embedded store: `<dataDir>/topics/<topic>/topic.json` (name, id, partition count,
 * config) with one directory per partition beside it (`<topic>/<partition>/`). Creation and deletion are
 * crash-atomic: a topic is assembled under a dot-name and renamed into place, and is renamed away before
 * its files are removed; leftovers of an interrupted creation or deletion are cleared on open.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { BadRequestError, NotFoundError } from '../../api/errors.js';
import type { NewTopic } from '../port.js';
import { fsyncDirectory, isErrno, writeFileAtomic } from './fs-util.js';
import { PartitionLog } from './partition-log.js';
import { topicSettings, validateTopicName, type LogDefaults, type TopicSettings } from './topic-config.js';

export interface TopicRegistryOptions {
  readonly dataDir: string;
  readonly defaults: LogDefaults;
  /** num.partitions: partitions of a topic created without a count (and of auto-created topics). */
  readonly defaultPartitions: number;
  readonly readOnly: boolean;
  readonly logger: Logger;
}

/** The persisted description of a topic. */
interface TopicMetadata {
  readonly name: string;
  readonly topicId: string;
  readonly partitions: number;
  readonly config: Readonly<Record<string, string>>;
  readonly createdMs: number;
}

export interface Topic {
  readonly name: string;
  readonly topicId: string;
  readonly config: Readonly<Record<string, string>>;
  readonly settings: TopicSettings;
  readonly partitions: readonly PartitionLog[];
}

const METADATA_FILE = 'topic.json';
const CREATING_PREFIX = '.creating-';
const DELETING_PREFIX = '.deleting-';

/** A Kafka-style id: 16 random bytes, base64url without padding (22 characters, never starting with '-'). */
export function randomKafkaId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export class TopicRegistry {
  private readonly options: TopicRegistryOptions;
  private readonly root: string;
  private readonly topics = new Map<string, Topic>();
  private readonly inFlight = new Map<string, Promise<Topic>>();
  private readonly listeners = new Set<() => void>();

  private constructor(options: TopicRegistryOptions) {
    this.options = options;
    this.root = join(options.dataDir, 'topics');
  }

  static async open(options: TopicRegistryOptions): Promise<TopicRegistry> {
    const registry = new TopicRegistry(options);
    await registry.load();
    return registry;
  }

  private async load(): Promise<void> {
    if (!this.options.readOnly) await mkdir(this.root, { recursive: true });
    let entries: string[];
    try {
      entries = await readdir(this.root);
    } catch (err) {
      if (this.options.readOnly && isErrno(err, 'ENOENT')) return;
      throw err;
    }
    for (const entry of entries.sort()) {
      if (entry.startsWith(CREATING_PREFIX) || entry.startsWith(DELETING_PREFIX)) {
        if (!this.options.readOnly) await rm(join(this.root, entry), { recursive: true, force: true });
        continue;
      }
      if (entry.startsWith('.')) continue;
      const metadata = JSON.parse(await readFile(join(this.root, entry, METADATA_FILE), 'utf8')) as TopicMetadata;
      this.topics.set(metadata.name, await this.openTopic(metadata));
    }
  }

  private async openTopic(metadata: TopicMetadata): Promise<Topic> {
    const settings = topicSettings(metadata.config, this.options.defaults, this.options.logger);
    const partitions: PartitionLog[] = [];
    for (let p = 0; p < metadata.partitions; p++) {
      partitions.push(
        await PartitionLog.open({
          dir: join(this.root, metadata.name, String(p)),
          topic: metadata.name,
          partition: p,
          settings,
          readOnly: this.options.readOnly,
          logger: this.options.logger,
        }),
      );
    }
    return { name: metadata.name, topicId: metadata.topicId, config: metadata.config, settings, partitions };
  }

  /** Calls `listener` after topics are created or deleted. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  /** Names of the existing topics, sorted. */
  names(): string[] {
    return [...this.topics.keys()].sort();
  }

  all(): Topic[] {
    return this.names().map((n) => this.topics.get(n) as Topic);
  }

  /** The topic, throwing Kafka's "unknown topic" when it does not exist. */
  require(name: string): Topic {
    const topic = this.topics.get(name);
    if (!topic) throw new NotFoundError(`This server does not host this topic-partition: ${name}`);
    return topic;
  }

  /**
   * Creates the topic unless it exists; resolves with the topic and whether this call created it.
   * Concurrent creations of one name share the work.
   */
  async create(spec: NewTopic): Promise<{ topic: Topic; created: boolean }> {
    const existing = this.topics.get(spec.name);
    if (existing) return { topic: existing, created: false };
    const running = this.inFlight.get(spec.name);
    if (running) return { topic: await running, created: false };
    validateTopicName(spec.name);
    const partitions = spec.partitions === undefined || spec.partitions === -1 ? this.options.defaultPartitions : spec.partitions;
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new BadRequestError(`Number of partitions must be larger than 0, got ${String(spec.partitions)}`);
    }
    const config = { ...(spec.config ?? {}) };
    topicSettings(config, this.options.defaults);
    if (this.options.readOnly) throw new BadRequestError('The embedded topic store is open read-only');
    const metadata: TopicMetadata = { name: spec.name, topicId: randomKafkaId(), partitions, config, createdMs: Date.now() };
    const work = this.materialise(metadata);
    this.inFlight.set(spec.name, work);
    try {
      const topic = await work;
      this.topics.set(spec.name, topic);
      this.options.logger.info({ topic: spec.name, partitions }, 'created topic');
      this.changed();
      return { topic, created: true };
    } finally {
      this.inFlight.delete(spec.name);
    }
  }

  private async materialise(metadata: TopicMetadata): Promise<Topic> {
    const staging = join(this.root, `${CREATING_PREFIX}${metadata.name}-${randomBytes(4).toString('hex')}`);
    await mkdir(staging);
    await writeFileAtomic(join(staging, METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
    await rename(staging, join(this.root, metadata.name));
    await fsyncDirectory(this.root);
    return this.openTopic(metadata);
  }

  /** Deletes the topic and its files; false when it does not exist. */
  async delete(name: string): Promise<boolean> {
    const topic = this.topics.get(name);
    if (!topic || this.options.readOnly) return false;
    this.topics.delete(name);
    await Promise.all(topic.partitions.map((p) => p.retire()));
    const doomed = join(this.root, `${DELETING_PREFIX}${name}-${randomBytes(4).toString('hex')}`);
    await rename(join(this.root, name), doomed);
    await fsyncDirectory(this.root);
    this.options.logger.info({ topic: name }, 'deleted topic');
    this.changed();
    await rm(doomed, { recursive: true, force: true });
    return true;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
    await Promise.all(this.all().flatMap((t) => t.partitions.map((p) => p.close())));
  }
}
