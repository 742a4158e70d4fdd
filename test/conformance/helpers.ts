/**
 * Helpers for the TopicStore conformance suite: unique names, record builders, and polling loops that
 * wait generously (real Kafka rebalances and propagates metadata in seconds) but fail with a clear message.
 */
import { randomBytes } from 'node:crypto';
import type {
  ConsumedRecord,
  ProducedRecord,
  RawHeader,
  RebalanceListener,
  TopicConsumer,
  TopicPartition,
} from '../../src/kafka/port.js';

/** A topic or group name no other test (or earlier run against a shared broker) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function bytes(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

export function record(topic: string, fields: Partial<Omit<ProducedRecord, 'topic'>> = {}): ProducedRecord {
  return { topic, partition: null, key: null, value: null, headers: [], timestamp: null, ...fields };
}

/** Bytes as hex (null stays null), so records compare with deepEqual whatever Uint8Array subclass holds them. */
export function hex(value: Uint8Array | null): string | null {
  return value === null ? null : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
}

export function text(value: Uint8Array | null): string | null {
  return value === null ? null : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
}

export function headersAsHex(headers: readonly RawHeader[]): Array<{ key: string; value: string | null }> {
  return headers.map((h) => ({ key: h.key, value: hex(h.value) }));
}

export function tpKey(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

export function sortedKeys(partitions: readonly TopicPartition[]): string[] {
  return partitions.map(tpKey).sort();
}

/** A rebalance listener that records every call. */
export function recordingListener(): { listener: RebalanceListener; events: Array<{ kind: 'assigned' | 'revoked'; partitions: string[] }> } {
  const events: Array<{ kind: 'assigned' | 'revoked'; partitions: string[] }> = [];
  return {
    events,
    listener: {
      onAssigned: async (partitions) => {
        events.push({ kind: 'assigned', partitions: sortedKeys(partitions) });
      },
      onRevoked: async (partitions) => {
        events.push({ kind: 'revoked', partitions: sortedKeys(partitions) });
      },
    },
  };
}

export const quietListener: RebalanceListener = { onAssigned: async () => {}, onRevoked: async () => {} };

const POLL_MS = 250;

/**
 * Polls every consumer side by side, round after round, collecting what each returns, until `done` holds.
 * Consumers of one group must be polled together: a rebalance completes only when all of them poll.
 */
export async function pollAllUntil(
  consumers: readonly TopicConsumer[],
  done: (received: ConsumedRecord[][]) => boolean,
  timeoutMs: number,
  what: string,
): Promise<ConsumedRecord[][]> {
  const received: ConsumedRecord[][] = consumers.map(() => []);
  const deadline = Date.now() + timeoutMs;
  while (!done(received)) {
    if (Date.now() > deadline) {
      const counts = received.map((r) => r.length).join(', ');
      const assignments = consumers.map((c) => sortedKeys(c.assignment()).join(' ') || '(none)').join(' | ');
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (received ${counts}; assignments ${assignments})`);
    }
    const batches = await Promise.all(consumers.map((c) => c.poll(POLL_MS)));
    batches.forEach((batch, i) => (received[i] as ConsumedRecord[]).push(...batch));
  }
  return received;
}

/** Polls one consumer until `done` holds for everything it returned so far. */
export async function pollUntil(
  consumer: TopicConsumer,
  done: (received: ConsumedRecord[]) => boolean,
  timeoutMs: number,
  what: string,
): Promise<ConsumedRecord[]> {
  const [received] = await pollAllUntil([consumer], ([r]) => done(r as ConsumedRecord[]), timeoutMs, what);
  return received as ConsumedRecord[];
}

/** Polls until the consumer holds `count` partitions (records returned meanwhile are kept and returned). */
export function pollUntilAssigned(consumer: TopicConsumer, count: number, timeoutMs: number): Promise<ConsumedRecord[]> {
  return pollUntil(consumer, () => consumer.assignment().length === count, timeoutMs, `an assignment of ${count} partition(s)`);
}

/** Retries `check` until it returns true. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Closes whatever was opened, even when a test failed half-way. */
export async function closeAll(clients: ReadonlyArray<{ close(): Promise<void> }>): Promise<void> {
  await Promise.allSettled(clients.map((c) => c.close()));
}
