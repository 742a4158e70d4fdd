/** Helpers shared by the kafkajs store tests. */
import { pino, type Logger } from 'pino';
import { KafkajsTopicStore } from '../../src/kafka/kafkajs/index.js';
import type { ConsumedRecord, ProducedRecord, RebalanceListener, TopicConsumer, TopicPartition } from '../../src/kafka/port.js';
import { useService } from '../env/index.js';

/** Test logs are silent unless TIDEWATER_TEST_LOG_LEVEL asks for them. */
export function testLogger(): Logger {
  return pino({ level: process.env.TIDEWATER_TEST_LOG_LEVEL ?? 'silent' });
}

let counter = 0;
/** A topic or group name no other test (or earlier run) uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** A store on the test broker; `settings` add to or override the connection settings. */
export async function brokerStore(settings: Record<string, string> = {}): Promise<KafkajsTopicStore> {
  const kafka = await useService('kafka');
  return new KafkajsTopicStore({ settings: { 'bootstrap.servers': kafka.bootstrapServers, ...settings }, logger: testLogger() });
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function text(value: Uint8Array | null): string | null {
  return value === null ? null : new TextDecoder().decode(value);
}

export function record(topic: string, value: string, extra: Partial<ProducedRecord> = {}): ProducedRecord {
  return { topic, partition: null, key: null, value: bytes(value), headers: [], timestamp: null, ...extra };
}

/** A rebalance listener that writes down every call as `revoked t-0,t-1` / `assigned t-2`. */
export class RecordingListener implements RebalanceListener {
  readonly calls: string[] = [];
  onRevokedHook: ((partitions: readonly TopicPartition[]) => Promise<void>) | undefined;

  async onAssigned(partitions: readonly TopicPartition[]): Promise<void> {
    this.calls.push(`assigned ${names(partitions)}`);
  }

  async onRevoked(partitions: readonly TopicPartition[]): Promise<void> {
    this.calls.push(`revoked ${names(partitions)}`);
    await this.onRevokedHook?.(partitions);
  }
}

export function names(partitions: readonly TopicPartition[]): string {
  return partitions
    .map((p) => `${p.topic}-${p.partition}`)
    .sort()
    .join(',');
}

/** Polls until `count` records arrived (or `timeoutMs` passed), returning them in arrival order. */
export async function pollUntil(consumer: TopicConsumer, count: number, timeoutMs = 30_000): Promise<ConsumedRecord[]> {
  const received: ConsumedRecord[] = [];
  const deadline = Date.now() + timeoutMs;
  while (received.length < count && Date.now() < deadline) {
    received.push(...(await consumer.poll(Math.min(1000, Math.max(1, deadline - Date.now())))));
  }
  return received;
}

/** Polls for `ms`, returning whatever arrives. */
export async function pollFor(consumer: TopicConsumer, ms: number): Promise<ConsumedRecord[]> {
  const received: ConsumedRecord[] = [];
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) received.push(...(await consumer.poll(Math.max(1, Math.min(250, deadline - Date.now())))));
  return received;
}

/** Polls until `done()` holds (the listener runs inside poll), failing after `timeoutMs`. */
export async function pollUntilTrue(consumer: TopicConsumer, done: () => boolean, timeoutMs = 30_000, what = 'a condition'): Promise<ConsumedRecord[]> {
  const received: ConsumedRecord[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms polling for ${what}`);
    received.push(...(await consumer.poll(200)));
  }
  return received;
}
