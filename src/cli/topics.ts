/**
 * `tidewater topics …`: look into an embedded topic store from the command line. The store is opened
 * read-only, so this works while the runtime that owns the directory is running (it sees the records
 * written up to the moment it opened).
 *
 *   tidewater topics list
 *   tidewater topics tail <topic> [--from-beginning] [--partition N] [--max N]
 */
import { parseArgs } from 'node:util';
import { NotFoundError } from '../api/errors.js';
import { EmbeddedTopicStore } from '../kafka/embedded/index.js';
import type { ConsumedRecord, RawHeader } from '../kafka/port.js';

export const TOPICS_USAGE = `Usage: tidewater topics <command>

Commands:
  list                      Every topic partition: beginning and end offsets, size in bytes
  tail <topic> [options]    Print records, one per line (key, value and headers as UTF-8 text when
                            printable, else base64:…; null as null)
    --from-beginning        From each partition's first record (default: its last --max records)
    --partition <n>         Only this partition (default: all, one after the other)
    --max <n>               At most this many records (default: 10 per partition without
                            --from-beginning, all with it)
`;

export interface TopicsCommandOptions {
  /** The embedded store's data directory. */
  readonly dataDir: string;
  readonly out: NodeJS.WritableStream;
  /** Where errors go (default: `out`). */
  readonly err?: NodeJS.WritableStream;
}

class UsageError extends Error {}

/** Runs `tidewater topics <argv…>`; resolves with the process exit code (0 ok, 1 failure, 2 bad usage). */
export async function runTopicsCommand(argv: string[], options: TopicsCommandOptions): Promise<number> {
  const err = options.err ?? options.out;
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'list':
        if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
        await withStore(options.dataDir, (store) => list(store, options.out));
        return 0;
      case 'tail':
        await withStore(options.dataDir, (store) => tail(store, parseTail(rest), options.out));
        return 0;
      case undefined:
      case 'help':
      case '--help':
        options.out.write(TOPICS_USAGE);
        return 0;
      default:
        throw new UsageError(`unknown topics command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      err.write(`tidewater topics: ${error.message}\n\n${TOPICS_USAGE}`);
      return 2;
    }
    if (error instanceof NotFoundError) {
      err.write(`tidewater topics: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function withStore(dataDir: string, use: (store: EmbeddedTopicStore) => Promise<void>): Promise<void> {
  const store = await EmbeddedTopicStore.open({ dataDir, readOnly: true });
  try {
    await use(store);
  } finally {
    await store.close();
  }
}

async function list(store: EmbeddedTopicStore, out: NodeJS.WritableStream): Promise<void> {
  const stats = store.logStats();
  if (stats.length === 0) {
    out.write('No topics.\n');
    return;
  }
  const rows = [
    ['TOPIC', 'PARTITION', 'BEGINNING', 'END', 'SIZE'],
    ...stats.map((s) => [s.topic, String(s.partition), String(s.logStartOffset), String(s.logEndOffset), String(s.sizeBytes)]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] as string).length)));
  for (const row of rows) out.write(`${row.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ').trimEnd()}\n`);
}

interface TailOptions {
  readonly topic: string;
  readonly fromBeginning: boolean;
  readonly partition: number | null;
  readonly max: number | null;
}

function parseTail(args: string[]): TailOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'from-beginning': { type: 'boolean' },
      partition: { type: 'string' },
      max: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'tail needs a topic' : `unexpected argument "${positionals[1]}"`);
  const count = (name: string, raw: string | undefined): number | null => {
    if (raw === undefined) return null;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
    return n;
  };
  return {
    topic: positionals[0] as string,
    fromBeginning: values['from-beginning'] ?? false,
    partition: count('partition', values.partition),
    max: count('max', values.max),
  };
}

async function tail(store: EmbeddedTopicStore, options: TailOptions, out: NodeJS.WritableStream): Promise<void> {
  const stats = store.logStats().filter((s) => s.topic === options.topic);
  if (stats.length === 0) throw new NotFoundError(`Unknown topic ${options.topic}`);
  const selected = options.partition === null ? stats : stats.filter((s) => s.partition === options.partition);
  if (selected.length === 0) throw new NotFoundError(`Topic ${options.topic} has no partition ${String(options.partition)}`);
  let budget = options.max ?? Number.POSITIVE_INFINITY;
  for (const partition of selected) {
    if (budget <= 0) break;
    let offset = partition.logStartOffset;
    let limit = budget;
    if (!options.fromBeginning) {
      limit = options.max ?? 10;
      offset = Math.max(partition.logStartOffset, partition.logEndOffset - limit);
    }
    let printed = 0;
    while (printed < limit && offset < partition.logEndOffset) {
      const result = await store.read(options.topic, partition.partition, offset);
      if (result.kind !== 'records' || result.records.length === 0) break;
      for (const record of result.records) {
        if (printed >= limit || record.offset >= partition.logEndOffset) break;
        out.write(`${formatRecord(record)}\n`);
        printed++;
        offset = record.offset + 1;
      }
    }
    if (options.fromBeginning) budget -= printed;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when the text holds a C0 control character or DEL (newlines and tabs would break the one-line form). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Bytes as UTF-8 text when they are valid, printable UTF-8; otherwise `base64:…`; null as `null`. */
export function printable(bytes: Uint8Array | null): string {
  if (bytes === null) return 'null';
  try {
    const decoded = utf8.decode(bytes);
    if (!hasControlCharacter(decoded)) return decoded;
  } catch {
    // Not UTF-8: fall through to base64.
  }
  return `base64:${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}

function formatHeaders(headers: readonly RawHeader[]): string {
  return headers.map((h) => `${h.key}=${printable(h.value)}`).join(',');
}

/** One record as a line: partition, offset, timestamp (ISO 8601), key, value, headers. */
export function formatRecord(record: ConsumedRecord): string {
  const time = new Date(record.timestamp);
  const timestamp = Number.isNaN(time.getTime()) ? String(record.timestamp) : time.toISOString();
  return [
    `partition=${record.partition}`,
    `offset=${record.offset}`,
    `timestamp=${timestamp}`,
    `key=${printable(record.key)}`,
    `value=${printable(record.value)}`,
    `headers=${formatHeaders(record.headers)}`,
  ].join('  ');
}
