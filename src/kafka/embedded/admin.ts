/**
 * The embedded store's admin client: topics, offsets and groups, with Kafka's rules — unknown topics and
 * groups are errors, and a group's offsets can be altered or the group deleted only while it has no
 * active members.
 */
import { IllegalStateError, NotFoundError } from '../../api/errors.js';
import type { NewTopic, PartitionOffset, TopicAdmin, TopicDescription, TopicPartition } from '../port.js';
import type { GroupCoordinator } from './group-coordinator.js';
import type { OffsetStore } from './offset-store.js';
import type { PartitionLog } from './partition-log.js';
import type { TopicRegistry } from './topic-registry.js';

export interface EmbeddedAdminOptions {
  readonly clusterId: string;
  readonly registry: TopicRegistry;
  readonly offsets: OffsetStore;
  readonly coordinator: GroupCoordinator;
  readonly onClose: () => void;
}

export class EmbeddedAdmin implements TopicAdmin {
  private readonly options: EmbeddedAdminOptions;
  private closed = false;

  constructor(options: EmbeddedAdminOptions) {
    this.options = options;
  }

  private check(): void {
    if (this.closed) throw new IllegalStateError('The admin client has been closed');
  }

  private log(tp: TopicPartition): PartitionLog {
    const log = this.options.registry.require(tp.topic).partitions[tp.partition];
    if (!log) throw new NotFoundError(`This server does not host this topic-partition: ${tp.topic}-${tp.partition}`);
    return log;
  }

  async clusterId(): Promise<string> {
    this.check();
    return this.options.clusterId;
  }

  async listTopics(): Promise<string[]> {
    this.check();
    return this.options.registry.names();
  }

  async describeTopics(names: readonly string[]): Promise<TopicDescription[]> {
    this.check();
    return names.map((name) => ({ name, partitions: this.options.registry.require(name).partitions.length }));
  }

  async createTopics(topics: readonly NewTopic[]): Promise<string[]> {
    this.check();
    const created: string[] = [];
    for (const topic of topics) if ((await this.options.registry.create(topic)).created) created.push(topic.name);
    return created;
  }

  /** Deletes the topics that exist (and the groups' offsets for them), then fails if any did not. */
  async deleteTopics(names: readonly string[]): Promise<void> {
    this.check();
    const unknown: string[] = [];
    for (const name of names) {
      if (await this.options.registry.delete(name)) await this.options.offsets.deleteTopic(name);
      else unknown.push(name);
    }
    if (unknown.length > 0) throw new NotFoundError(`This server does not host this topic-partition: ${unknown.join(', ')}`);
  }

  async endOffsets(partitions: readonly TopicPartition[]): Promise<PartitionOffset[]> {
    this.check();
    return partitions.map((tp) => ({ topic: tp.topic, partition: tp.partition, offset: this.log(tp).logEndOffset }));
  }

  async beginningOffsets(partitions: readonly TopicPartition[]): Promise<PartitionOffset[]> {
    this.check();
    return partitions.map((tp) => ({ topic: tp.topic, partition: tp.partition, offset: this.log(tp).logStartOffset }));
  }

  async listGroupOffsets(groupId: string): Promise<PartitionOffset[]> {
    this.check();
    return this.options.offsets.list(groupId);
  }

  async alterGroupOffsets(groupId: string, offsets: ReadonlyArray<TopicPartition & { readonly offset: number | null }>): Promise<void> {
    this.check();
    if (this.options.coordinator.hasMembers(groupId)) {
      throw new IllegalStateError(`Cannot alter the offsets of consumer group ${groupId}: the group has active members`);
    }
    for (const change of offsets) if (change.offset !== null) this.log(change);
    await this.options.offsets.commit(groupId, offsets);
  }

  async deleteGroup(groupId: string): Promise<void> {
    this.check();
    if (this.options.coordinator.hasMembers(groupId)) throw new IllegalStateError(`Cannot delete consumer group ${groupId}: the group is not empty`);
    if (!this.options.offsets.hasGroup(groupId)) throw new NotFoundError(`The group id ${groupId} does not exist`);
    await this.options.offsets.deleteGroup(groupId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.options.onClose();
  }
}
