/**
 * Judging a crash-scenario run: which lines are missing or duplicated where, per-partition order, and the
 * dead letter queue records as Kafka Connect writes them. Pure functions over what the scenario recorded.
 */
import type { ConsumedRecord } from '../../../src/kafka/port.js';
import { inputLine, seqOfInputText, seqOfOutputLine, type InputLine, type LineKind } from './pipeline-lines.js';
import type { TopicContents } from './crash-scenario.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function text(bytes: Uint8Array | null): string | null {
  if (bytes === null) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return `base64:${Buffer.from(bytes).toString('base64')}`;
  }
}

export function seqsOfKind(lines: readonly InputLine[], ...kinds: LineKind[]): number[] {
  return lines.filter((l) => kinds.includes(l.kind)).map((l) => l.seq);
}

/** How often each value occurs, and the values that occur more than once. */
export interface Occurrences {
  readonly counts: ReadonlyMap<number, number>;
  /** Occurrences beyond the first, summed over all values. */
  readonly duplicates: number;
}

export function occurrences(seqs: readonly number[]): Occurrences {
  const counts = new Map<number, number>();
  for (const seq of seqs) counts.set(seq, (counts.get(seq) ?? 0) + 1);
  return { counts, duplicates: seqs.length - counts.size };
}

export function missingFrom(expected: readonly number[], present: Occurrences): number[] {
  return expected.filter((seq) => !present.counts.has(seq));
}

/** Good lines, as written by the sink; `unexpected` holds every output line the pipeline cannot have produced. */
export function outputSeqs(lines: readonly string[]): { seqs: number[]; unexpected: string[] } {
  const seqs: number[] = [];
  const unexpected: string[] = [];
  for (const line of lines) {
    const seq = seqOfOutputLine(line);
    if (seq === undefined) unexpected.push(line);
    else seqs.push(seq);
  }
  return { seqs, unexpected };
}

export function allRecords(contents: TopicContents): ConsumedRecord[] {
  return [...contents.partitions.values()].flat();
}

/** Input lines held by records, by their exact bytes; `unexpected` describes records that are not an input line. */
export function recordSeqs(records: readonly ConsumedRecord[]): { seqs: number[]; unexpected: string[] } {
  const seqs: number[] = [];
  const unexpected: string[] = [];
  for (const record of records) {
    const value = text(record.value);
    const seq = value === null ? undefined : seqOfInputText(value);
    if (seq === undefined || !Buffer.from(inputLine(seq).text, 'utf8').equals(Buffer.from(record.value ?? new Uint8Array()))) {
      unexpected.push(`${record.topic}-${record.partition}@${record.offset}: ${String(value)}`);
    } else seqs.push(seq);
  }
  return { seqs, unexpected };
}

/**
 * Places in a partition where the line number does not increase. A source that resumes from its committed
 * offset replays what followed it, so each partition may rewind once at the restart; anything else is a
 * reordering or a duplicate within one run.
 */
export function rewinds(records: readonly ConsumedRecord[]): Array<{ offset: number; from: number; to: number }> {
  const found: Array<{ offset: number; from: number; to: number }> = [];
  let previous: number | undefined;
  for (const record of records) {
    const seq = seqOfInputText(text(record.value) ?? '') ?? -1;
    if (previous !== undefined && seq <= previous) found.push({ offset: record.offset, from: previous, to: seq });
    previous = seq;
  }
  return found;
}

/** Offsets in a partition that are not dense from the first record on (a store should never leave gaps). */
export function offsetGaps(records: readonly ConsumedRecord[]): number[] {
  return records.filter((r, i) => i > 0 && r.offset !== (records[i - 1] as ConsumedRecord).offset + 1).map((r) => r.offset);
}

/** The number of whole input lines in the first `position` bytes, or undefined if `position` is inside a line. */
export function linesBeforePosition(lines: readonly InputLine[], position: number): number | undefined {
  let bytes = 0;
  for (let i = 0; i < lines.length; i++) {
    if (bytes === position) return i;
    if (bytes > position) return undefined;
    bytes += Buffer.byteLength(`${(lines[i] as InputLine).text}\n`, 'utf8');
  }
  return bytes === position ? lines.length : undefined;
}

export function headerMap(record: ConsumedRecord): Record<string, string | null> {
  return Object.fromEntries(record.headers.map((h) => [h.key, text(h.value)]));
}

export const CONVERTER_FAILURE_MESSAGE = 'Converting byte[] to Kafka Connect data failed due to serialization error: ';
/** Kafka names the Java class here (java.util.ArrayList); Tidewater's SMTs name the JavaScript type, as their unit tests pin. */
export const TRANSFORM_FAILURE_MESSAGE = 'Only Map objects supported in absence of schema for [field insertion], found: array';
export const KAFKA_DATA_EXCEPTION = 'org.apache.kafka.connect.errors.DataException';
