/** kafkajs's fetched messages as the port's ConsumedRecord. */
import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { ConsumedRecord, RawHeader, TimestampKind } from '../port.js';

/** kafkajs's code for LogAppendTime in a record batch's attributes (its protocol/timestampTypes.js). */
const LOG_APPEND_TIME = 1;

export function toConsumedRecord(topic: string, partition: number, message: KafkaMessage): ConsumedRecord {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    key: message.key ?? null,
    value: message.value ?? null,
    headers: toRawHeaders(message.headers),
    timestamp: Number(message.timestamp),
    timestampType: timestampKind(message),
  };
}

/**
 * kafkajs keeps the record batch's attributes on each message as `batchContext` (not in its typings);
 * LogAppendTime topics set the flag there.
 */
function timestampKind(message: KafkaMessage): TimestampKind {
  if (!('batchContext' in message)) return 'CreateTime';
  const context: unknown = message.batchContext;
  if (typeof context !== 'object' || context === null || !('timestampType' in context)) return 'CreateTime';
  return context.timestampType === LOG_APPEND_TIME ? 'LogAppendTime' : 'CreateTime';
}

/**
 * kafkajs decodes headers into an object: a repeated key becomes an array of its values (in order), so
 * headers come back grouped by key. Values are Buffers, or null for a null header value.
 */
function toRawHeaders(headers: IHeaders | undefined): RawHeader[] {
  if (headers === undefined) return [];
  const result: RawHeader[] = [];
  for (const [key, value] of Object.entries(headers)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of values) result.push({ key, value: toBytes(item) });
  }
  return result;
}

function toBytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return null;
}
