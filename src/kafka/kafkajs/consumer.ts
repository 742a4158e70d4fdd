/**
 * TopicConsumer over the kafkajs consumer: Kafka's poll model on top of kafkajs's push model.
 *
 * kafkajs runs `eachBatch` for fetched batches; each is parked in a FetchBuffer until poll() takes its
 * records (see fetch-buffer.ts for backpressure and heartbeats). Offsets are committed only by commit();
 * kafkajs auto-commit and auto-resolve are off, and kafkajs's read position is moved only for records
 * poll() handed out.
 *
 * Rebalances: kafkajs rejoins the group by itself and reports the new assignment afterwards (GROUP_JOIN);
 * it offers no hook that runs, and is awaited, before partitions are given up. So the rebalance listener
 * runs inside the next poll(), after the fact: onRevoked for partitions lost, then onAssigned for new ones.
 * Offsets committed in onRevoked are still accepted by the broker (the classic group protocol checks only
 * generation and member id), but the partition's new owner may already have read the older committed
 * offset, so records between the two can be processed twice. Partitions kept through a rebalance keep
 * their read position (kafkajs would restart them from the committed offset). A member that was expelled
 * (it stopped heartbeating) or replaced rejoins under a new member id: everything it held is then
 * reported revoked, and what it gets back is reported assigned and read from the committed offset.
 *
 * Pattern subscriptions (pattern-watch.ts) pick up new matching topics within metadata.max.age.ms by
 * restarting the kafkajs consumer with the new topic list: the member leaves and rejoins the group, one
 * extra rebalance. Partitions it holds before and after keep their read position, as with Kafka's
 * cooperative protocol; if another member read them in that short gap, its records may come again
 * (never skipped).
 */
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { ConnectError, IllegalStateError, RetriableError } from '../../api/errors.js';
import { topicPartitionKey } from '../../api/offsets.js';
import type { ConsumedRecord, PartitionOffset, RebalanceListener, Subscription, TopicConsumer, TopicPartition } from '../port.js';
import { AssignmentTracker } from './assignment.js';
import type { ClientTimings } from './client-config.js';
import { kafkajsConsumerConfig, type ConsumerTuning } from './consumer-settings.js';
import { toStoreError } from './errors.js';
import { FetchBuffer } from './fetch-buffer.js';
import { PatternWatch, topicsMatching } from './pattern-watch.js';
import { toConsumedRecord } from './records.js';
import { subscribeWhenTopicsExist } from './subscribe.js';

export interface KafkajsConsumerOptions {
  /** The kafkajs client this member's kafkajs consumers and admin are made from. */
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly autoOffsetReset: 'earliest' | 'latest';
  readonly maxPollRecords: number;
  readonly tuning: ConsumerTuning;
  readonly timings: ClientTimings;
  readonly logger: Logger;
  readonly onClose?: () => void;
}

/** One running kafkajs consumer; replaced when a pattern subscription's matches change. */
interface Session {
  readonly consumer: Consumer;
  readonly topics: readonly string[];
  /** Replaces a session this consumer stopped itself: its first join continues the old member's partitions. */
  readonly continues: boolean;
  joined: boolean;
  stopping: boolean;
  readonly detach: Array<() => void>;
}

/** How many fetched batches (one per partition) may be parked at once. */
const PARKED_BATCHES = 32;

export class KafkajsTopicConsumer implements TopicConsumer {
  private readonly kafka: Kafka;
  private readonly groupId: string;
  private readonly autoOffsetReset: 'earliest' | 'latest';
  private readonly maxPollRecords: number;
  private readonly tuning: ConsumerTuning;
  private readonly timings: ClientTimings;
  private readonly logger: Logger;
  private readonly onClose: (() => void) | undefined;
  private readonly buffer: FetchBuffer;
  private readonly assignments = new AssignmentTracker();
  /** Next offset poll() will hand out per partition, once known. */
  private readonly positions = new Map<string, number>();
  private readonly paused = new Set<string>();
  private session: Session | undefined;
  private subscription: Subscription | undefined;
  private listener: RebalanceListener | undefined;
  private admin: Promise<Admin> | undefined;
  /** Session starts, restarts and stops run one at a time. */
  private sessionChanges: Promise<unknown> = Promise.resolve();
  private patternWatch: PatternWatch | undefined;
  /** The group member id of the last join; a new one means the partitions held before were lost. */
  private memberId: string | undefined;
  /** True while kafkajs is not a group member (starting, crashed and restarting, resubscribing). */
  private rejoining = true;
  private fatal: Error | undefined;
  private polling = false;
  private closing: Promise<void> | undefined;
  private closed = false;

  constructor(options: KafkajsConsumerOptions) {
    if (!Number.isInteger(options.maxPollRecords) || options.maxPollRecords < 1) {
      throw new ConnectError(`Invalid maxPollRecords ${options.maxPollRecords}: must be at least 1`);
    }
    this.kafka = options.kafka;
    this.groupId = options.groupId;
    this.autoOffsetReset = options.autoOffsetReset;
    this.maxPollRecords = options.maxPollRecords;
    this.tuning = options.tuning;
    this.timings = options.timings;
    this.logger = options.logger;
    this.onClose = options.onClose;
    this.buffer = new FetchBuffer({ heartbeatIntervalMs: options.tuning.heartbeatIntervalMs, maxPollIntervalMs: options.tuning.maxPollIntervalMs, logger: options.logger });
  }

  async subscribe(subscription: Subscription, listener: RebalanceListener): Promise<void> {
    this.ensureOpen();
    this.subscription = subscription;
    this.listener = listener;
    this.patternWatch?.stop();
    this.patternWatch = undefined;
    await this.exclusive(async () => {
      await this.stopSession();
      const topics = 'topics' in subscription ? [...new Set(subscription.topics)] : topicsMatching(subscription.pattern, await this.listTopics());
      await this.startSession(topics);
    });
    if ('pattern' in subscription) {
      const watch: PatternWatch = new PatternWatch({
        pattern: subscription.pattern,
        intervalMs: this.tuning.metadataMaxAgeMs,
        listTopics: () => this.listTopics(),
        current: () => this.session?.topics,
        onChange: (topics) => this.restartWith(watch, topics),
        logger: this.logger,
      });
      this.patternWatch = watch;
      watch.start();
    }
  }

  async poll(timeoutMs: number, signal?: AbortSignal): Promise<ConsumedRecord[]> {
    this.ensureOpen();
    if (this.fatal) throw this.fatal;
    if (!this.subscription) throw new IllegalStateError('Consumer is not subscribed to any topics');
    if (this.polling) throw new IllegalStateError('poll() is already running on this consumer');
    this.polling = true;
    this.buffer.pollStarted();
    try {
      const deadline = Date.now() + Math.max(0, timeoutMs);
      await this.buffer.confirmMembership();
      for (;;) {
        await this.reportRebalance();
        if (this.closed) return [];
        if (this.fatal) throw this.fatal;
        const records = this.buffer.take(
          this.maxPollRecords,
          (key) => this.assignments.isDelivered(key) && this.assignments.isCurrent(key) && !this.paused.has(key),
          (key, next) => this.positions.set(key, next),
        );
        if (records.length > 0) return records;
        const remaining = deadline - Date.now();
        if (remaining <= 0 || signal?.aborted) return [];
        await this.buffer.waitForActivity(remaining, signal);
      }
    } finally {
      this.polling = false;
      this.buffer.pollEnded();
    }
  }

  async commit(offsets: readonly PartitionOffset[]): Promise<void> {
    this.ensureOpen();
    if (this.fatal) throw this.fatal;
    if (offsets.length === 0) return;
    for (const { topic, partition, offset } of offsets) {
      if (!Number.isInteger(offset) || offset < 0) throw new ConnectError(`Invalid offset ${offset} to commit for partition ${topic}-${partition}`);
    }
    const session = this.session;
    if (!session) throw new IllegalStateError('Consumer is not subscribed to any topics');
    if (this.rejoining) throw new RetriableError(`Cannot commit offsets of group ${this.groupId} while the consumer is joining the group`);
    try {
      await session.consumer.commitOffsets(offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset: String(offset) })));
    } catch (err) {
      throw toStoreError(err, `Committing offsets of group ${this.groupId} failed`);
    }
  }

  async committed(partitions: readonly TopicPartition[]): Promise<PartitionOffset[]> {
    this.ensureOpen();
    if (partitions.length === 0) return [];
    const wanted = new Set(partitions.map(topicPartitionKey));
    try {
      const admin = await this.adminClient();
      const topics = await admin.fetchOffsets({ groupId: this.groupId, topics: [...new Set(partitions.map((p) => p.topic))] });
      return topics.flatMap(({ topic, partitions: entries }) =>
        entries
          .map(({ partition, offset }) => ({ topic, partition, offset: Number(offset) }))
          .filter((entry) => entry.offset >= 0 && wanted.has(topicPartitionKey(entry))),
      );
    } catch (err) {
      throw toStoreError(err, `Reading committed offsets of group ${this.groupId} failed`);
    }
  }

  seek(offset: PartitionOffset): void {
    this.ensureOpen();
    const key = this.requireAssigned(offset);
    if (!Number.isInteger(offset.offset) || offset.offset < 0) throw new ConnectError(`Invalid seek offset ${offset.offset} for partition ${key}`);
    this.positions.set(key, offset.offset);
    if (this.session && this.assignments.isCurrent(key)) {
      this.session.consumer.seek({ topic: offset.topic, partition: offset.partition, offset: String(offset.offset) });
      this.buffer.release(key, { keepPosition: false });
    }
  }

  pause(partitions: readonly TopicPartition[]): void {
    this.ensureOpen();
    const keys = partitions.map((partition) => this.requireAssigned(partition));
    partitions.forEach((partition, index) => {
      const key = keys[index] ?? topicPartitionKey(partition);
      this.paused.add(key);
      if (this.session && this.assignments.isCurrent(key)) {
        this.session.consumer.pause([{ topic: partition.topic, partitions: [partition.partition] }]);
        // kafkajs refetches from the first record not handed out once the partition is resumed.
        this.buffer.release(key, { keepPosition: true });
      }
    });
  }

  resume(partitions: readonly TopicPartition[]): void {
    this.ensureOpen();
    const keys = partitions.map((partition) => this.requireAssigned(partition));
    partitions.forEach((partition, index) => {
      this.paused.delete(keys[index] ?? topicPartitionKey(partition));
      this.session?.consumer.resume([{ topic: partition.topic, partitions: [partition.partition] }]);
    });
  }

  assignment(): TopicPartition[] {
    return this.assignments.deliveredPartitions();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.patternWatch?.stop();
      let failure: unknown;
      const held = this.assignments.deliveredPartitions();
      // Kafka's consumer revokes its partitions before leaving the group, so the listener can commit.
      if (this.listener && held.length > 0 && !this.fatal) {
        try {
          await this.listener.onRevoked(held);
        } catch (err) {
          failure = err;
        }
      }
      this.closed = true;
      this.assignments.clearDelivered();
      this.buffer.wake();
      await this.exclusive(() => this.stopSession());
      const admin = this.admin;
      this.admin = undefined;
      if (admin) await admin.then((client) => client.disconnect()).catch(() => undefined);
      this.onClose?.();
      if (failure !== undefined) throw failure;
    })();
    return this.closing;
  }

  private async startSession(topics: readonly string[], continues = false): Promise<void> {
    const consumer = this.kafka.consumer(kafkajsConsumerConfig(this.groupId, this.tuning, this.timings));
    const session: Session = { consumer, topics, continues, joined: false, stopping: false, detach: [] };
    session.detach.push(
      consumer.on(consumer.events.GROUP_JOIN, (event) => this.onGroupJoin(session, event.payload.memberId, event.payload.memberAssignment)),
      consumer.on(consumer.events.FETCH_START, () => this.buffer.fetchStarted()),
      consumer.on(consumer.events.CRASH, (event) => this.onCrash(session, event.payload.error, event.payload.restart)),
    );
    this.session = session;
    this.rejoining = true;
    try {
      await consumer.connect();
      await subscribeWhenTopicsExist(consumer, topics, {
        fromBeginning: this.autoOffsetReset === 'earliest',
        isClosing: () => this.closed || this.closing !== undefined,
        logger: this.logger,
        groupId: this.groupId,
      });
      // Resolves once the first join completed (or failed: then CRASH reports it).
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: PARKED_BATCHES,
        eachBatch: (payload) => this.onBatch(session, payload),
      });
    } catch (err) {
      this.session = undefined;
      await consumer.disconnect().catch(() => undefined);
      throw toStoreError(err, `Joining group ${this.groupId} failed`);
    }
  }

  private async stopSession(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    session.stopping = true;
    this.rejoining = true;
    this.buffer.releaseAll();
    try {
      await session.consumer.disconnect();
    } catch (err) {
      this.logger.warn({ err, groupId: this.groupId }, 'stopping the kafkajs consumer failed');
    } finally {
      for (const detach of session.detach) detach();
    }
  }

  private async onBatch(session: Session, payload: EachBatchPayload): Promise<void> {
    if (session.stopping || this.closed || payload.isStale() || !payload.isRunning()) return;
    const { batch } = payload;
    const key = topicPartitionKey(batch);
    if (this.paused.has(key)) return;
    let records = batch.messages.map((message) => toConsumedRecord(batch.topic, batch.partition, message));
    const position = this.positions.get(key);
    if (position !== undefined && records.some((record) => record.offset < position)) {
      // Already handed out: move kafkajs's position past them instead of delivering them twice.
      payload.resolveOffset(String(position - 1));
      records = records.filter((record) => record.offset >= position);
    }
    if (records.length === 0) return;
    await this.buffer.hold(records, payload);
  }

  private onGroupJoin(session: Session, memberId: string, memberAssignment: Readonly<Record<string, readonly number[]>>): void {
    if (session !== this.session) return;
    // A new member id means the coordinator expelled the old member, unless this consumer replaced it.
    const sameMember = memberId === this.memberId || (session.continues && !session.joined);
    session.joined = true;
    this.memberId = memberId;
    const { kept, lost } = this.assignments.joined(memberAssignment, sameMember);
    for (const partition of lost) {
      const key = topicPartitionKey(partition);
      this.positions.delete(key);
      // Kafka forgets the pause of a revoked partition; kafkajs would keep it.
      if (this.paused.delete(key)) session.consumer.resume([{ topic: partition.topic, partitions: [partition.partition] }]);
    }
    for (const partition of kept) {
      const key = topicPartitionKey(partition);
      const position = this.positions.get(key);
      // kafkajs restarts every partition from its committed offset after a join; keep the read position.
      if (position !== undefined) session.consumer.seek({ topic: partition.topic, partition: partition.partition, offset: String(position) });
      if (this.paused.has(key)) session.consumer.pause([{ topic: partition.topic, partitions: [partition.partition] }]);
    }
    this.rejoining = false;
    this.buffer.fetchStarted();
    this.buffer.wake();
  }

  private onCrash(session: Session, error: Error, restart: boolean): void {
    if (session !== this.session) return;
    this.buffer.failAll(error);
    if (restart) {
      this.rejoining = true;
    } else {
      this.fatal = toStoreError(error, `The consumer of group ${this.groupId} stopped`);
      this.logger.error({ err: error, groupId: this.groupId }, 'kafkajs consumer crashed and will not restart');
    }
    this.buffer.wake();
  }

  /** Runs the rebalance listener for what changed since the last poll (Kafka runs it inside poll()). */
  private reportRebalance(): Promise<void> {
    return this.assignments.report(this.listener, (revoked) => {
      for (const partition of revoked) this.paused.delete(topicPartitionKey(partition));
    });
  }

  private async listTopics(): Promise<string[]> {
    try {
      return await (await this.adminClient()).listTopics();
    } catch (err) {
      throw toStoreError(err, 'Listing topics for the subscription pattern failed');
    }
  }

  /** A pattern subscription's matches changed: rejoin with the new topics. */
  private restartWith(watch: PatternWatch, topics: string[]): Promise<void> {
    return this.exclusive(async () => {
      if (!this.session || this.closing || this.patternWatch !== watch) return;
      this.logger.info({ groupId: this.groupId, topics }, 'topics matching the subscription pattern changed; rejoining with them');
      await this.stopSession();
      await this.startSession(topics, true);
    });
  }

  private exclusive<T>(change: () => Promise<T>): Promise<T> {
    const next = this.sessionChanges.then(change, change);
    this.sessionChanges = next.catch(() => undefined);
    return next;
  }

  private adminClient(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      this.admin = admin.connect().then(
        () => admin,
        (err: unknown) => {
          this.admin = undefined;
          throw err;
        },
      );
    }
    return this.admin;
  }

  private requireAssigned(partition: TopicPartition): string {
    const key = topicPartitionKey(partition);
    if (!this.assignments.isDelivered(key)) throw new IllegalStateError(`No current assignment for partition ${key}`);
    return key;
  }

  private ensureOpen(): void {
    if (this.closed) throw new IllegalStateError('This consumer has already been closed.');
  }
}
