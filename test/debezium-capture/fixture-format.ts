/**
 * The fixture line format: one JSON object per Kafka record, in offset order per topic, topics by name.
 *
 * ```
 * {"topic":"…","partition":0,"offset":0,"headers":[{"key":"…","value":"…"}],"key":"<JSON text>","value":"<JSON text>"}
 * ```
 *
 * `key` and `value` are the record's bytes as UTF-8 text, exactly as JsonConverter wrote them except for the
 * normalisation in normalise.ts; `null` is a null key or value (a tombstone). Header values are UTF-8 text
 * (Connect's SimpleHeaderConverter output), or `{"base64":"…"}` if the bytes are not UTF-8.
 */
import type { RawRecord } from './kafka-topics.js';
import { normaliseKey, normaliseValue } from './normalise.js';

export interface FixtureRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly headers: ReadonlyArray<{ readonly key: string; readonly value: string | { readonly base64: string } | null }>;
  readonly key: string | null;
  readonly value: string | null;
}

function utf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function text(bytes: Buffer | null, what: string): string | null {
  if (bytes === null) return null;
  const decoded = utf8(bytes);
  if (decoded === undefined) throw new Error(`${what} is not UTF-8`);
  return decoded;
}

/** A captured record as a fixture record; `normalise` false keeps the volatile values (for debugging). */
export function toFixture(record: RawRecord, normalise = true): FixtureRecord {
  const where = `${record.topic}/${record.partition}@${record.offset}`;
  const key = text(record.key, `key of ${where}`);
  const value = text(record.value, `value of ${where}`);
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    headers: record.headers.map((h) => {
      if (h.value === null) return { key: h.key, value: null };
      const decoded = utf8(h.value);
      return { key: h.key, value: decoded ?? { base64: h.value.toString('base64') } };
    }),
    key: normalise ? normaliseKey(key) : key,
    value: normalise ? normaliseValue(value) : value,
  };
}

export function toJsonl(records: readonly FixtureRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

export function parseJsonl(content: string): FixtureRecord[] {
  return content
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FixtureRecord);
}
