/**
 * Compares two captures of the same scenario (e.g. the recorded Debezium fixture and what Tidewater wrote), both
 * already normalised (normalise.ts). Records are compared byte for byte (topic, partition, offset, headers, key
 * text, value text), per topic in offset order, with the two allowances a real Debezium run itself needs:
 *
 * - heartbeat topics (`__debezium-heartbeat.*`): the number of records depends on timing, so only "at least one
 *   on each side, and every record equal to the first expected one" is checked;
 * - transaction END records whose `data_collections` count a logical message: Debezium keeps the counts in a
 *   HashMap keyed partly by an object with an identity hash, so the position of that entry varies from run to
 *   run; these records are compared with `data_collections` sorted.
 */
import type { FixtureRecord } from './fixture-format.js';

const HEARTBEAT = /^__debezium-heartbeat\./;
const MESSAGE_COLLECTION = 'LogicalDecodingMessageMonitor$LogicalDecodingMessageId@~';

interface TransactionValue {
  payload?: { data_collections?: Array<{ data_collection: string }> | null };
}

/** The value text with data_collections sorted, for END records that count a logical message. */
function comparableValue(record: FixtureRecord): string | null {
  const value = record.value;
  if (value === null || !value.includes(MESSAGE_COLLECTION)) return value;
  const parsed = JSON.parse(value) as TransactionValue;
  const collections = parsed.payload?.data_collections;
  if (!collections) return value;
  collections.sort((a, b) => (a.data_collection < b.data_collection ? -1 : a.data_collection > b.data_collection ? 1 : 0));
  return JSON.stringify(parsed);
}

function byTopic(records: readonly FixtureRecord[]): Map<string, FixtureRecord[]> {
  const topics = new Map<string, FixtureRecord[]>();
  for (const r of records) topics.set(r.topic, [...(topics.get(r.topic) ?? []), r]);
  return topics;
}

function describe(r: FixtureRecord | undefined): string {
  return r === undefined ? '(none)' : JSON.stringify({ headers: r.headers, key: r.key, value: r.value });
}

function sameRecord(a: FixtureRecord, b: FixtureRecord, ignoreOffsets: boolean): boolean {
  return (
    a.partition === b.partition &&
    (ignoreOffsets || a.offset === b.offset) &&
    JSON.stringify(a.headers) === JSON.stringify(b.headers) &&
    a.key === b.key &&
    comparableValue(a) === comparableValue(b)
  );
}

/** The differences between `expected` and `actual`, one line each; empty when they match. */
export function compareCaptures(expected: readonly FixtureRecord[], actual: readonly FixtureRecord[]): string[] {
  const problems: string[] = [];
  const want = byTopic(expected);
  const got = byTopic(actual);
  for (const topic of new Set([...want.keys(), ...got.keys()])) {
    const w = want.get(topic) ?? [];
    const g = got.get(topic) ?? [];
    if (HEARTBEAT.test(topic)) {
      const first = w[0];
      if (!first || g.length === 0) problems.push(`${topic}: ${w.length} heartbeat records expected, ${g.length} written`);
      else g.filter((r) => !sameRecord(first, r, true)).forEach((r) => problems.push(`${topic}@${r.offset}: ${describe(r)} differs from ${describe(first)}`));
      continue;
    }
    for (let i = 0; i < Math.max(w.length, g.length); i += 1) {
      const a = w[i];
      const b = g[i];
      if (!a || !b || !sameRecord(a, b, false)) problems.push(`${topic} record ${i}: expected ${describe(a)}, got ${describe(b)}`);
    }
  }
  return problems;
}
