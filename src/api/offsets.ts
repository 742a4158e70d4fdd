import type { SourceOffset, SourcePartition } from './record.js';

/** Read access to a source task's committed offsets (Kafka's OffsetStorageReader). */
export interface OffsetStorageReader {
  offset(partition: SourcePartition): Promise<SourceOffset | null>;
  offsets(partitions: readonly SourcePartition[]): Promise<Map<SourcePartition, SourceOffset | null>>;
}

/** A topic partition, as sink tasks see their assignment. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** The string key of a topic partition, for maps (`topic-3`). */
export function topicPartitionKey(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

/** Consumer offsets by partition: the offset of the next record to read (Kafka's OffsetAndMetadata). */
export type SinkOffsets = Map<string, { readonly topicPartition: TopicPartition; readonly offset: number }>;
