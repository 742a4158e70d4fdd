/**
 * Test support: loads the captured pgoutput fixtures (connectors/postgres/test/fixtures/captured/) and
 * decodes them with the protocol layer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lsn } from '../lsn.js';
import { createPgoutputState } from '../pgoutput.js';
import type { PgoutputMessage } from '../pgoutput-messages.js';
import { plainMessage, type PlainColumn, type PlainMessage } from '../plain.js';
import { decodeCopyData, type PrimaryKeepalive } from '../replication-messages.js';

export const CAPTURED_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'captured');
export const END_PREFIX = 'tidewater-capture-end';

export interface Fixture {
  readonly name: string;
  readonly description: string;
  readonly server: { readonly version: string; readonly versionNum: number };
  readonly startReplication: { readonly protoVersion: number; readonly streaming: string; readonly binary: boolean };
  readonly settings: Readonly<Record<string, string>>;
  readonly sql: readonly string[];
  readonly facts: {
    readonly consistentPoint: string;
    readonly capturedFromMicros: string;
    readonly capturedToMicros: string;
    readonly xids: readonly number[];
    readonly relations: Readonly<Record<string, number>>;
    readonly types: Readonly<Record<string, number>>;
    readonly origin?: string;
  };
  readonly peekLsns: readonly string[];
  readonly messages: readonly string[];
}

export interface DataItem {
  readonly walStart: Lsn;
  readonly walEnd: Lsn;
  readonly message: PgoutputMessage;
}

export interface DecodedFixture {
  readonly fixture: Fixture;
  /** XLogData messages, in order. */
  readonly data: readonly DataItem[];
  readonly keepalives: readonly PrimaryKeepalive[];
  /** The decoder state after the last message. */
  readonly inStreamAtEnd: boolean;
}

export function fixtureNames(): string[] {
  return readdirSync(CAPTURED_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(join(CAPTURED_DIR, `${name}.json`), 'utf8')) as Fixture;
}

export function decodeFixture(fixture: Fixture): DecodedFixture {
  const state = createPgoutputState();
  const data: DataItem[] = [];
  const keepalives: PrimaryKeepalive[] = [];
  for (const body of fixture.messages) {
    const event = decodeCopyData(Buffer.from(body, 'base64'), state);
    if (event.type === 'keepalive') keepalives.push(event);
    else data.push({ walStart: event.walStart, walEnd: event.walEnd, message: event.message });
  }
  return { fixture, data, keepalives, inStreamAtEnd: state.inStream };
}

/**
 * A message without its positions and clocks (LSNs, commit and abort times), which differ per capture and
 * are checked against the SQL peek and each other separately. What remains must match exactly.
 */
export type Shape =
  | { readonly type: 'begin'; readonly xid: number }
  | { readonly type: 'commit'; readonly flags: number }
  | { readonly type: 'stream-commit'; readonly xid: number; readonly flags: number }
  | { readonly type: 'stream-abort'; readonly xid: number; readonly subxid: number; readonly withAbortInfo: boolean }
  | Exclude<PlainMessage, { type: 'begin' | 'commit' | 'stream-commit' | 'stream-abort' | 'message' }>
  | { readonly type: 'message'; readonly xid: number | undefined; readonly transactional: boolean; readonly prefix: string; readonly content: string };

export function shape(message: PgoutputMessage): Shape {
  switch (message.type) {
    case 'begin':
      return { type: 'begin', xid: message.xid };
    case 'commit':
      return { type: 'commit', flags: message.flags };
    case 'stream-commit':
      return { type: 'stream-commit', xid: message.xid, flags: message.flags };
    case 'stream-abort':
      return { type: 'stream-abort', xid: message.xid, subxid: message.subxid, withAbortInfo: message.abortLsn !== undefined };
    case 'message':
      return {
        type: 'message',
        xid: message.xid,
        transactional: message.transactional,
        prefix: message.prefix,
        content: Buffer.from(message.content).toString('hex'),
      };
    default:
      return plainMessage(message) as Shape;
  }
}

/** Shapes of every data message except the capture's end marker. */
export function shapes(decoded: DecodedFixture): Shape[] {
  return decoded.data
    .filter((d) => !(d.message.type === 'message' && d.message.prefix === END_PREFIX))
    .map((d) => shape(d.message));
}

// Builders for expected shapes.
export const t = (text: string): PlainColumn => ({ kind: 'text', text });
export const NUL: PlainColumn = { kind: 'null' };
export const TOAST: PlainColumn = { kind: 'unchanged-toast' };
export const b = (hex: string): PlainColumn => ({ kind: 'binary', hex });
export const col = (name: string, typeOid: number, typeMod = -1, isKey = false) => ({ flags: isKey ? 1 : 0, isKey, name, typeOid, typeMod });
