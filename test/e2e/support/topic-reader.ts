/**
 * Reads whole topics back through the runtime's own port (src/kafka): Kafka through kafkajs, or the
 * embedded topic log. The embedded log may only be opened read-write by one process, so while (or right
 * after) a worker holds it the test opens it read-only, which takes no lock and repairs nothing — the
 * restarted worker must find the crash exactly as the kill left it.
 */
import { pino } from 'pino';
import { createTopicStore } from '../../../src/kafka/index.js';
import { EmbeddedTopicStore } from '../../../src/kafka/embedded/index.js';
import type { ConsumedRecord, PartitionOffset, TopicStore } from '../../../src/kafka/port.js';
import { within } from '../../support/timeout.js';

export type StoreKind = 'kafka' | 'embedded';

export interface StoreLocation {
  readonly kind: StoreKind;
  /** Kafka: the bootstrap servers. */
  readonly bootstrapServers?: string;
  /** Embedded: the worker's tidewater.embedded.log.dir. */
  readonly embeddedDir: string;
}

const quiet = pino({ level: process.env.TIDEWATER_TEST_LOG_LEVEL ?? 'silent' });
let readers = 0;

/**
 * Opens the store the worker uses. `readOnly` matters only for the embedded log (a read-only open while the
 * worker is killed or running); a read-write open goes through createTopicStore as the worker's does.
 */
export async function openStore(location: StoreLocation, readOnly: boolean): Promise<TopicStore> {
  if (location.kind === 'embedded' && readOnly) return EmbeddedTopicStore.open({ dataDir: location.embeddedDir, logger: quiet, readOnly: true });
  const settings: Record<string, string> = location.kind === 'kafka' ? { 'bootstrap.servers': location.bootstrapServers ?? '' } : {};
  return createTopicStore({ settings, embeddedDir: location.embeddedDir, logger: quiet });
}

/** Every record of `topic` up to its end offsets at the time of the call, per partition in offset order. */
export async function readWholeTopic(store: TopicStore, topic: string, timeoutMs: number): Promise<Map<number, ConsumedRecord[]>> {
  const admin = store.admin();
  const [description] = await admin.describeTopics([topic]);
  if (!description) throw new Error(`topic ${topic} does not exist`);
  const partitions = Array.from({ length: description.partitions }, (_, partition) => ({ topic, partition }));
  const ends = new Map((await admin.endOffsets(partitions)).map((o) => [o.partition, o.offset]));
  const byPartition = new Map<number, ConsumedRecord[]>(partitions.map((p) => [p.partition, []]));
  const missing = () => partitions.some((p) => {
    const got = byPartition.get(p.partition) as ConsumedRecord[];
    const end = ends.get(p.partition) ?? 0;
    return end > 0 && (got.length === 0 || (got[got.length - 1] as ConsumedRecord).offset < end - 1);
  });
  if (!missing()) return byPartition;
  readers += 1;
  const consumer = store.consumer({
    groupId: `e2e-reader-${process.pid}-${Date.now().toString(36)}-${readers}`,
    clientId: `e2e-reader-${readers}`,
    autoOffsetReset: 'earliest',
    maxPollRecords: 5000,
  });
  try {
    await consumer.subscribe({ topics: [topic] }, { onAssigned: async () => undefined, onRevoked: async () => undefined });
    let reading = true;
    const read = async () => {
      while (reading && missing()) {
        for (const record of await consumer.poll(1000)) {
          const end = ends.get(record.partition) ?? 0;
          if (record.offset < end) (byPartition.get(record.partition) as ConsumedRecord[]).push(record);
        }
      }
    };
    try {
      await within(read(), timeoutMs, `all of ${topic} up to ${JSON.stringify([...ends])}`);
    } finally {
      reading = false;
    }
  } finally {
    await consumer.close();
  }
  return byPartition;
}

/** The committed offsets of a consumer group (a sink connector's is `connect-<name>`). */
export async function groupOffsets(store: TopicStore, groupId: string): Promise<PartitionOffset[]> {
  return store.admin().listGroupOffsets(groupId);
}
