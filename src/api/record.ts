import type { Schema } from './data/schema.js';
import { Headers } from './headers.js';

/** Where a source record came from, e.g. `{ server: 'inventory' }` (Kafka's sourcePartition). */
export type SourcePartition = Readonly<Record<string, unknown>>;
/** How far a source has read within its partition, e.g. `{ lsn: 1234 }` (Kafka's sourceOffset). */
export type SourceOffset = Readonly<Record<string, unknown>>;

/** The fields every Connect record has (Kafka's ConnectRecord). */
export interface RecordFields {
  readonly topic: string;
  readonly kafkaPartition: number | null;
  readonly keySchema: Schema | null;
  readonly key: unknown;
  readonly valueSchema: Schema | null;
  readonly value: unknown;
  /** Milliseconds since the epoch, or null. */
  readonly timestamp: number | null;
  readonly headers: Headers;
}

/** A record produced by a source task, with the position it came from. */
export interface SourceRecord extends RecordFields {
  readonly kind: 'source';
  readonly sourcePartition: SourcePartition | null;
  readonly sourceOffset: SourceOffset | null;
  /**
   * Tidewater extension: a position marker, not a record. It is never transformed or written; its offset is
   * committed like a dropped record's, once every earlier record is acknowledged. CDC sources use it to move
   * their committed position forward while the captured tables are idle.
   */
  readonly offsetOnly?: true;
}

export type TimestampType = 'NoTimestampType' | 'CreateTime' | 'LogAppendTime';

/** A record read from a topic for a sink task, with its position in the topic. */
export interface SinkRecord extends RecordFields {
  readonly kind: 'sink';
  readonly kafkaOffset: number;
  readonly timestampType: TimestampType;
  /** Topic, partition and offset before any SMT changed them (KIP-793). */
  readonly originalTopic: string;
  readonly originalKafkaPartition: number;
  readonly originalKafkaOffset: number;
}

export type ConnectRecord = SourceRecord | SinkRecord;

/** The input of sourceRecord(): required topic and value, the rest optional. */
export type SourceRecordInit = Partial<Omit<SourceRecord, 'kind' | 'topic'>> & { readonly topic: string };

export function sourceRecord(init: SourceRecordInit): SourceRecord {
  return {
    kind: 'source',
    topic: init.topic,
    kafkaPartition: init.kafkaPartition ?? null,
    keySchema: init.keySchema ?? null,
    key: init.key ?? null,
    valueSchema: init.valueSchema ?? null,
    value: init.value ?? null,
    timestamp: init.timestamp ?? null,
    headers: init.headers ?? new Headers(),
    sourcePartition: init.sourcePartition ?? null,
    sourceOffset: init.sourceOffset ?? null,
    ...(init.offsetOnly ? { offsetOnly: true as const } : {}),
  };
}

export type SinkRecordInit = Partial<Omit<SinkRecord, 'kind' | 'topic' | 'kafkaPartition' | 'kafkaOffset'>> & {
  readonly topic: string;
  readonly kafkaPartition: number;
  readonly kafkaOffset: number;
};

export function sinkRecord(init: SinkRecordInit): SinkRecord {
  return {
    kind: 'sink',
    topic: init.topic,
    kafkaPartition: init.kafkaPartition,
    keySchema: init.keySchema ?? null,
    key: init.key ?? null,
    valueSchema: init.valueSchema ?? null,
    value: init.value ?? null,
    timestamp: init.timestamp ?? null,
    timestampType: init.timestampType ?? (init.timestamp == null ? 'NoTimestampType' : 'CreateTime'),
    headers: init.headers ?? new Headers(),
    kafkaOffset: init.kafkaOffset,
    originalTopic: init.originalTopic ?? init.topic,
    originalKafkaPartition: init.originalKafkaPartition ?? init.kafkaPartition,
    originalKafkaOffset: init.originalKafkaOffset ?? init.kafkaOffset,
  };
}

/**
 * A copy of `record` with some record fields replaced (Kafka's ConnectRecord.newRecord); the kind-specific
 * fields (source position, Kafka offset, originals) carry over. Headers are shared unless replaced.
 */
export function withChanges<R extends ConnectRecord>(record: R, changes: Partial<RecordFields>): R {
  return { ...record, ...changes };
}
