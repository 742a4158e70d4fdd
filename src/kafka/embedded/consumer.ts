/**
 * The embedded store's consumer: a group member polled like Kafka's KafkaConsumer. It joins its group at
 * the first poll after subscribe; rebalance callbacks run inside poll (or close), never concurrently with
 * the caller's own work. A waiting poll sleeps until a record is appended to an assigned partition, the
 * group needs it, the timeout passes or the signal aborts — it never spins.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ConnectError, IllegalStateError } from '../../api/errors.js';
import { topicPartitionKey } from '../../api/offsets.js';
import type {
  ConsumedRecord,
  ConsumerOptions,
  PartitionOffset,
  RebalanceListener,
  Subscription,
  TopicConsumer,
  TopicPartition,
} from '../port.js';
import type { GroupCoordinator, GroupMemberHandle } from './group-coordinator.js';
import type { OffsetStore } from './offset-store.js';
import type { TopicRegistry } from './topic-registry.js';

export interface EmbeddedConsumerOptions extends ConsumerOptions {
  readonly registry: TopicRegistry;
  readonly coordinator: GroupCoordinator;
  readonly offsets: OffsetStore;
  /** auto.create.topics.enable of the store (the consumer's allow.auto.create.topics must agree). */
  readonly autoCreateTopics: boolean;
  readonly logger: Logger;
  readonly onClose: () => void;
}

/** The group rebalanced without this member: its commit would overwrite another's (Kafka's CommitFailedException). */
export class CommitFailedError extends ConnectError {
  constructor() {
    super(
      'Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. ' +
        'The time between subsequent calls to poll() was longer than the configured max.poll.interval.ms.',
      { code: 'COMMIT_FAILED' },
    );
  }
}

function intSetting(settings: Readonly<Record<string, string>> | undefined, key: string, fallback: number): number {
  const n = Number(settings?.[key]);
  return settings?.[key] !== undefined && Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export class EmbeddedConsumer implements TopicConsumer {
  private readonly options: EmbeddedConsumerOptions;
  private readonly groupId: string;
  private readonly memberId: string;
  private readonly fetchBytes: number;
  private readonly handle: GroupMemberHandle;
  private readonly logger: Logger;
  private subscription: Subscription | null = null;
  private listener: RebalanceListener | null = null;
  private joined = false;
  private assigned: TopicPartition[] = [];
  /** Next offset to hand out per assigned partition. */
  private readonly positions = new Map<string, number>();
  private readonly paused = new Set<string>();
  /** Records read ahead, starting at the partition's position. */
  private readonly buffers = new Map<string, ConsumedRecord[]>();
  private logListeners: Array<() => void> = [];
  private wakeup: (() => void) | null = null;
  private woken = false;
  private polling: Promise<unknown> | null = null;
  private rotation = 0;
  private lastPollMs = Date.now();
  private closed = false;

  constructor(options: EmbeddedConsumerOptions) {
    this.options = options;
    this.groupId = options.groupId;
    this.memberId = `${options.clientId}-${randomUUID()}`;
    this.fetchBytes = intSetting(options.settings, 'max.partition.fetch.bytes', 1048576);
    this.logger = options.logger.child({ group: options.groupId, member: this.memberId });
    const rebalanceTimeoutMs = intSetting(options.settings, 'max.poll.interval.ms', 300000);
    // The coordinator sees the consumer through this handle only.
    this.handle = {
      memberId: this.memberId,
      rebalanceTimeoutMs,
      lastPollMs: () => this.lastPollMs,
      subscription: () => this.subscription ?? { topics: [] },
      wake: () => this.wake(),
    };
  }

  private wake(): void {
    if (this.wakeup) this.wakeup();
    else this.woken = true;
  }

  async subscribe(subscription: Subscription, listener: RebalanceListener): Promise<void> {
    if (this.closed) throw new IllegalStateError('This consumer has already been closed.');
    this.subscription = subscription;
    this.listener = listener;
    const autoCreate = this.options.autoCreateTopics && this.options.settings?.['allow.auto.create.topics'] !== 'false';
    if ('topics' in subscription && autoCreate) {
      for (const name of subscription.topics) if (!this.options.registry.get(name)) await this.options.registry.create({ name });
    }
    if (this.joined) this.options.coordinator.resubscribe(this.groupId, this.memberId);
  }

  async poll(timeoutMs: number, signal?: AbortSignal): Promise<ConsumedRecord[]> {
    if (this.closed) throw new IllegalStateError('This consumer has already been closed.');
    if (!this.subscription) throw new IllegalStateError('Consumer is not subscribed to any topics or assigned any partitions');
    if (this.polling) throw new IllegalStateError('KafkaConsumer is not safe for multi-threaded access: poll() is already running');
    this.lastPollMs = Date.now();
    const run = this.pollUntil(this.lastPollMs + Math.max(0, timeoutMs), signal);
    this.polling = run;
    try {
      return await run;
    } finally {
      this.polling = null;
    }
  }

  private async pollUntil(deadline: number, signal: AbortSignal | undefined): Promise<ConsumedRecord[]> {
    for (;;) {
      if (this.closed || signal?.aborted) return [];
      const state = await this.followGroup();
      if (state === 'ready') {
        const records = await this.fetch();
        if (records.length > 0) return records;
      }
      if (Date.now() >= deadline) return [];
      await this.sleep(deadline, signal);
    }
  }

  /** Carries out what the group asks (revoke, take an assignment, rejoin); rethrows a listener's error after. */
  private async followGroup(): Promise<'ready' | 'waiting'> {
    const coordinator = this.options.coordinator;
    if (!this.joined) {
      coordinator.join(this.groupId, this.handle);
      this.joined = true;
    }
    let listenerError: unknown = null;
    const remember = (err: unknown) => {
      listenerError ??= err;
    };
    for (;;) {
      const action = coordinator.nextAction(this.groupId, this.memberId);
      if (action.kind === 'revoke') {
        await this.giveUpAssignment().catch(remember);
        coordinator.revoked(this.groupId, this.memberId);
      } else if (action.kind === 'fenced') {
        this.logger.warn('this member was removed from its group; its partitions are lost, rejoining');
        await this.giveUpAssignment().catch(remember);
        coordinator.join(this.groupId, this.handle);
      } else if (action.kind === 'assign') {
        await this.takeAssignment(action.partitions).catch(remember);
      } else {
        if (listenerError !== null) throw listenerError;
        return action.kind === 'wait' ? 'waiting' : 'ready';
      }
    }
  }

  private async giveUpAssignment(): Promise<void> {
    const partitions = this.assigned;
    try {
      if (partitions.length > 0 && this.listener) await this.listener.onRevoked(partitions);
    } finally {
      this.assigned = [];
      this.positions.clear();
      this.paused.clear();
      this.buffers.clear();
      for (const unsubscribe of this.logListeners) unsubscribe();
      this.logListeners = [];
    }
  }

  private async takeAssignment(partitions: readonly TopicPartition[]): Promise<void> {
    this.assigned = [...partitions];
    for (const tp of partitions) {
      const log = this.options.registry.get(tp.topic)?.partitions[tp.partition];
      if (log) this.logListeners.push(log.onAppend(() => this.wake()));
    }
    this.logger.debug({ partitions: partitions.map(topicPartitionKey) }, 'partitions assigned');
    try {
      if (this.listener) await this.listener.onAssigned(partitions);
    } finally {
      // Partitions the listener did not seek start at the committed offset, else where auto.offset.reset says.
      const unset = this.assigned.filter((tp) => !this.positions.has(topicPartitionKey(tp)));
      for (const found of this.options.offsets.committed(this.groupId, unset)) this.positions.set(topicPartitionKey(found), found.offset);
      for (const tp of unset) if (!this.positions.has(topicPartitionKey(tp))) this.resetPosition(tp);
    }
  }

  private resetPosition(tp: TopicPartition): void {
    const log = this.options.registry.get(tp.topic)?.partitions[tp.partition];
    if (!log) return;
    const offset = this.options.autoOffsetReset === 'earliest' ? log.logStartOffset : log.logEndOffset;
    this.positions.set(topicPartitionKey(tp), offset);
    this.buffers.delete(topicPartitionKey(tp));
  }

  /** Up to maxPollRecords from the unpaused assigned partitions, starting at a rotating one for fairness. */
  private async fetch(): Promise<ConsumedRecord[]> {
    const out: ConsumedRecord[] = [];
    const partitions = this.assigned;
    const count = partitions.length;
    const start = count === 0 ? 0 : this.rotation++ % count;
    for (let i = 0; i < count && out.length < this.options.maxPollRecords; i++) {
      const tp = partitions[(start + i) % count] as TopicPartition;
      const key = topicPartitionKey(tp);
      if (this.paused.has(key)) continue;
      let buffered = this.buffers.get(key);
      if (!buffered || buffered.length === 0) {
        buffered = await this.readAhead(tp, key);
        if (buffered.length === 0) continue;
        this.buffers.set(key, buffered);
      }
      // A pause or close while reading: keep the records for later.
      if (this.paused.has(key) || this.closed) continue;
      const taken = buffered.splice(0, this.options.maxPollRecords - out.length);
      this.positions.set(key, (taken[taken.length - 1] as ConsumedRecord).offset + 1);
      for (const record of taken) out.push(record);
    }
    return out;
  }

  private async readAhead(tp: TopicPartition, key: string): Promise<ConsumedRecord[]> {
    const log = this.options.registry.get(tp.topic)?.partitions[tp.partition];
    const position = this.positions.get(key);
    if (!log || position === undefined) return [];
    const result = await log.read(position, this.fetchBytes);
    if (this.positions.get(key) !== position) return [];
    if (result.kind === 'records') return result.records;
    this.logger.info(
      { partition: key, position, logStartOffset: result.logStartOffset, logEndOffset: result.logEndOffset, reset: this.options.autoOffsetReset },
      'fetch position out of range; resetting it',
    );
    this.resetPosition(tp);
    this.woken = true;
    return [];
  }

  private sleep(deadline: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.wakeup = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
      signal?.addEventListener('abort', done, { once: true });
      this.wakeup = done;
    });
  }

  async commit(offsets: readonly PartitionOffset[]): Promise<void> {
    if (this.closed) throw new IllegalStateError('This consumer has already been closed.');
    if (this.joined && !this.options.coordinator.isMember(this.groupId, this.memberId)) throw new CommitFailedError();
    await this.options.offsets.commit(this.groupId, offsets);
  }

  async committed(partitions: readonly TopicPartition[]): Promise<PartitionOffset[]> {
    return this.options.offsets.committed(this.groupId, partitions);
  }

  private requireAssigned(tp: TopicPartition, operation: string): string {
    const key = topicPartitionKey(tp);
    if (!this.assigned.some((a) => a.topic === tp.topic && a.partition === tp.partition)) {
      throw new IllegalStateError(`No current assignment for partition ${key} (${operation})`);
    }
    return key;
  }

  seek(offset: PartitionOffset): void {
    if (!Number.isSafeInteger(offset.offset) || offset.offset < 0) throw new IllegalStateError(`seek offset must not be a negative number: ${offset.offset}`);
    const key = this.requireAssigned(offset, 'seek');
    this.positions.set(key, offset.offset);
    this.buffers.delete(key);
    this.wake();
  }

  pause(partitions: readonly TopicPartition[]): void {
    const keys = partitions.map((tp) => this.requireAssigned(tp, 'pause'));
    for (const key of keys) this.paused.add(key);
  }

  resume(partitions: readonly TopicPartition[]): void {
    const keys = partitions.map((tp) => this.requireAssigned(tp, 'resume'));
    for (const key of keys) this.paused.delete(key);
    this.wake();
  }

  assignment(): TopicPartition[] {
    return this.assigned.map((tp) => ({ topic: tp.topic, partition: tp.partition }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    await this.polling?.catch(() => undefined);
    try {
      await this.giveUpAssignment().catch((err: unknown) => this.logger.warn({ err }, 'onRevoked failed while closing'));
      if (this.joined) this.options.coordinator.leave(this.groupId, this.memberId);
    } finally {
      for (const unsubscribe of this.logListeners) unsubscribe();
      this.logListeners = [];
      this.options.onClose();
    }
  }
}
