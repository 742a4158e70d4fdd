/**
 * Kafka side of a capture: find the topics a connector run wrote, wait until they stop growing, read every
 * record back byte for byte, and delete the topics.
 */
import type { Admin, IHeaders, Kafka } from 'kafkajs';
import { within } from '../support/timeout.js';

/** One Kafka record exactly as stored: key, value and header values as bytes (null when absent). */
export interface RawRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: ReadonlyArray<{ readonly key: string; readonly value: Buffer | null }>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function matchingTopics(admin: Admin, belongs: (topic: string) => boolean): Promise<string[]> {
  return (await admin.listTopics()).filter(belongs).sort();
}

/** topic → partition → high watermark (the offset the next record will get). */
export async function highWatermarks(admin: Admin, topics: readonly string[]): Promise<Map<string, Map<number, number>>> {
  const marks = new Map<string, Map<number, number>>();
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsets(topic);
    marks.set(topic, new Map(offsets.map((o) => [o.partition, Number(o.high)])));
  }
  return marks;
}

function total(marks: Map<string, Map<number, number>>, skip: ReadonlySet<string>): string {
  return [...marks].filter(([t]) => !skip.has(t)).map(([t, p]) => `${t}:${[...p].map(([n, o]) => `${n}=${o}`).join(',')}`).join(' ');
}

/**
 * Waits until the matching topics (those in `timingDependent` aside) have not changed for `quietMs`, polling
 * every 500 ms, and at most `timeoutMs`; `check` runs on every poll (e.g. to fail fast on a failed task).
 */
export async function waitQuiet(
  admin: Admin,
  belongs: (topic: string) => boolean,
  options: { quietMs: number; timeoutMs: number; timingDependent: ReadonlySet<string>; check?: () => Promise<void> },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = '';
  let since = Date.now();
  while (Date.now() < deadline) {
    await options.check?.();
    const now = total(await highWatermarks(admin, await matchingTopics(admin, belongs)), options.timingDependent);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= options.quietMs) {
      return;
    }
    await sleep(500);
  }
  throw new Error(`topics still changing after ${options.timeoutMs} ms: ${last}`);
}

function headerList(headers: IHeaders | undefined): RawRecord['headers'] {
  const list: Array<{ key: string; value: Buffer | null }> = [];
  for (const [key, raw] of Object.entries(headers ?? {})) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const v of values) list.push({ key, value: v === undefined || v === null ? null : Buffer.from(v) });
  }
  return list;
}

/** Reads every record of `topics` from the start up to the high watermarks, in offset order per partition. */
export async function readAll(kafka: Kafka, admin: Admin, topics: readonly string[], groupId: string): Promise<RawRecord[]> {
  const marks = await highWatermarks(admin, topics);
  const wanted = [...marks].filter(([, parts]) => [...parts.values()].some((high) => high > 0)).map(([t]) => t);
  const records: RawRecord[] = [];
  if (wanted.length === 0) return records;
  const remaining = new Map<string, number>();
  for (const topic of wanted) for (const [p, high] of marks.get(topic) ?? []) if (high > 0) remaining.set(`${topic}/${p}`, high);
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...wanted], fromBeginning: true });
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const offset = Number(message.offset);
        const high = remaining.get(`${topic}/${partition}`);
        if (high === undefined || offset >= high) return;
        records.push({
          topic,
          partition,
          offset,
          timestamp: message.timestamp,
          key: message.key,
          value: message.value,
          headers: headerList(message.headers),
        });
        if (offset + 1 >= high) remaining.delete(`${topic}/${partition}`);
        if (remaining.size === 0) finish();
      },
    });
    await within(finished, 60_000, `the records of ${wanted.join(', ')} (missing ${[...remaining.keys()].join(', ')})`);
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return records.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition || a.offset - b.offset : a.topic < b.topic ? -1 : 1));
}

/** Deletes the topics and waits until the broker no longer lists them. */
export async function deleteTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  if (topics.length === 0) return;
  await admin.deleteTopics({ topics: [...topics], timeout: 30_000 });
  for (let i = 0; i < 100; i += 1) {
    const left = (await admin.listTopics()).filter((t) => topics.includes(t));
    if (left.length === 0) return;
    await sleep(200);
  }
  throw new Error(`topics not deleted: ${topics.join(', ')}`);
}
