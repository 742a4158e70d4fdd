/**
 * Setting (or removing) the committed offsets of a consumer group that has no active members, the way
 * kafkajs's `admin.setOffsets` does it — a throwaway member joins the group, seeks, and kafkajs commits
 * the seek positions — with three differences that matter here:
 * - one join for all topics (setOffsets joins once per topic);
 * - a short fetch wait (setOffsets's member waits out kafkajs's 5 s default before it stops);
 * - the result is checked: the member must have been given every partition, and the group's committed
 *   offsets must read back as asked (setOffsets stops after the first fetch round, which on a cluster
 *   with several brokers may not have covered every partition).
 * A removed offset is committed as -1, which OffsetFetch reports for "no committed offset".
 */
import type { Admin, Kafka } from 'kafkajs';
import { ConnectError } from '../../api/errors.js';
import { topicPartitionKey } from '../../api/offsets.js';
import type { TopicPartition } from '../port.js';

export interface GroupOffsetChange extends TopicPartition {
  /** The new committed offset; -1 removes it. */
  readonly offset: number;
}

/** How long the throwaway member's idle fetch waits; each round applies pending seeks. */
const FETCH_WAIT_MS = 50;

export async function setGroupOffsets(options: {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly groupId: string;
  readonly changes: readonly GroupOffsetChange[];
  readonly timeoutMs: number;
}): Promise<void> {
  const { kafka, admin, groupId, changes, timeoutMs } = options;
  const { groups } = await admin.describeGroups([groupId]);
  const state = groups[0]?.state ?? 'Dead';
  if (state !== 'Empty' && state !== 'Dead') {
    throw new ConnectError(`The consumer group ${groupId} must have no running instances, current state: ${state}`);
  }
  const topics = [...new Set(changes.map((change) => change.topic))];
  const member = kafka.consumer({ groupId, maxWaitTimeInMs: FETCH_WAIT_MS, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  let assigned: Set<string> | undefined;
  let fetchRounds = 0;
  const wakeups: Array<() => void> = [];
  member.on(member.events.GROUP_JOIN, (event) => {
    assigned = new Set(Object.entries(event.payload.memberAssignment).flatMap(([topic, partitions]) => partitions.map((partition) => topicPartitionKey({ topic, partition }))));
  });
  member.on(member.events.FETCH, () => {
    fetchRounds += 1;
    for (const wake of wakeups.splice(0)) wake();
  });
  await member.connect();
  try {
    await member.subscribe({ topics, fromBeginning: true });
    // run() creates the group member synchronously, so pause and seek can follow at once; the seeks are
    // committed (autoCommit) when the first fetch round after the join applies them.
    const running = member.run({ autoCommit: true, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    member.pause(topics.map((topic) => ({ topic })));
    for (const { topic, partition, offset } of changes) member.seek({ topic, partition, offset: String(offset) });
    await running;
    const missing = changes.filter((change) => !assigned?.has(topicPartitionKey(change)));
    if (missing.length > 0) {
      throw new ConnectError(`Another member joined group ${groupId} while its offsets were being set; not set for ${missing.map(topicPartitionKey).join(', ')}`);
    }
    const deadline = Date.now() + timeoutMs;
    for (let seen = fetchRounds; ; seen = fetchRounds) {
      if (await committedAsAsked(admin, groupId, topics, changes)) return;
      if (Date.now() > deadline) throw new ConnectError(`Timed out setting the committed offsets of group ${groupId}`);
      if (fetchRounds === seen) await nextRound(wakeups, Math.min(1000, Math.max(1, deadline - Date.now())));
    }
  } finally {
    await member.disconnect();
  }
}

/** Resolves at the next fetch round of the member, or after `ms`. */
function nextRound(wakeups: Array<() => void>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wakeups.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function committedAsAsked(admin: Admin, groupId: string, topics: string[], changes: readonly GroupOffsetChange[]): Promise<boolean> {
  const committed = new Map<string, number>();
  for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
    for (const { partition, offset } of partitions) committed.set(topicPartitionKey({ topic, partition }), Number(offset));
  }
  return changes.every((change) => committed.get(topicPartitionKey(change)) === change.offset);
}
