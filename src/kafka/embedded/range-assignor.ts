/**
 * Kafka's RangeAssignor (the default `partition.assignment.strategy` Kafka Connect's sink consumers end up
 * using): per topic, the members subscribed to it, sorted by member id, each take a contiguous range of
 * partitions; the first `partitions % members` of them take one extra.
 */
import type { TopicPartition } from '../port.js';

export interface AssignorMember {
  readonly memberId: string;
  /** The topics this member subscribes to (already resolved from a pattern). */
  readonly topics: ReadonlySet<string>;
}

/** Assigns the partitions of every topic (`partitionCounts`) among the members subscribed to it. */
export function rangeAssign(
  members: readonly AssignorMember[],
  partitionCounts: ReadonlyMap<string, number>,
): Map<string, TopicPartition[]> {
  const assignment = new Map<string, TopicPartition[]>(members.map((m) => [m.memberId, []]));
  const sorted = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const topics = [...partitionCounts.keys()].sort();
  for (const topic of topics) {
    const partitions = partitionCounts.get(topic) ?? 0;
    const subscribers = sorted.filter((m) => m.topics.has(topic));
    if (subscribers.length === 0) continue;
    const perMember = Math.floor(partitions / subscribers.length);
    const withExtra = partitions % subscribers.length;
    subscribers.forEach((member, i) => {
      const start = perMember * i + Math.min(i, withExtra);
      const length = perMember + (i < withExtra ? 1 : 0);
      const target = assignment.get(member.memberId) as TopicPartition[];
      for (let p = start; p < start + length; p++) target.push({ topic, partition: p });
    });
  }
  return assignment;
}
