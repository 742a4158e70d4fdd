import { ConfigError } from '../../../src/api/errors.js';
import { formatLsn, type Lsn } from '../protocol/lsn.js';

/*
 * The replication commands Tidewater sends, as text. Pure functions of the server version and the caller's
 * options, so the exact command text is unit-tested. Identifiers are always double-quoted and literals
 * single-quoted: a slot or publication name cannot inject anything.
 */

/** `"name"`, doubling embedded double quotes. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) throw ConfigError.invalid('identifier', name, 'must not contain NUL');
  return `"${name.replaceAll('"', '""')}"`;
}

/** `'text'`, doubling embedded single quotes (standard_conforming_strings is always on in replication commands). */
export function quoteLiteral(text: string): string {
  if (text.includes('\0')) throw ConfigError.invalid('literal', text, 'must not contain NUL');
  return `'${text.replaceAll("'", "''")}'`;
}

/** What CREATE_REPLICATION_SLOT does with a snapshot: export it for other sessions, use it in this one, or none. */
export type SlotSnapshotAction = 'export' | 'use' | 'nothing';

export interface CreateSlotOptions {
  readonly slotName: string;
  /** A temporary slot is dropped when the connection closes. Default false. */
  readonly temporary?: boolean;
  /** Default 'export': the snapshot name comes back and stays valid until the next command on this connection. */
  readonly snapshot?: SlotSnapshotAction;
  /** Decode prepared transactions at PREPARE time (PostgreSQL 14+ legacy syntax, 15+ option). Default false. */
  readonly twoPhase?: boolean;
  /** Output plugin; default pgoutput. */
  readonly plugin?: string;
}

/** 150000 and later take the parenthesised option list; earlier servers the bare keywords. */
export const OPTION_SYNTAX_SINCE = 150000;

export function createSlotCommand(serverVersionNum: number, options: CreateSlotOptions): string {
  const snapshot = options.snapshot ?? 'export';
  const head = `CREATE_REPLICATION_SLOT ${quoteIdentifier(options.slotName)}${options.temporary ? ' TEMPORARY' : ''} LOGICAL ${quoteIdentifier(options.plugin ?? 'pgoutput')}`;
  if (serverVersionNum >= OPTION_SYNTAX_SINCE) {
    const list = [`SNAPSHOT ${quoteLiteral(snapshot)}`];
    if (options.twoPhase) list.push('TWO_PHASE true');
    return `${head} (${list.join(', ')})`;
  }
  if (options.twoPhase && serverVersionNum < 140000) {
    throw ConfigError.invalid('twoPhase', true, `two-phase decoding needs PostgreSQL 14 or later (server is ${serverVersionNum})`);
  }
  const keyword = snapshot === 'export' ? 'EXPORT_SNAPSHOT' : snapshot === 'use' ? 'USE_SNAPSHOT' : 'NOEXPORT_SNAPSHOT';
  return `${head} ${keyword}${options.twoPhase ? ' TWO_PHASE' : ''}`;
}

export function dropSlotCommand(slotName: string, wait: boolean): string {
  return `DROP_REPLICATION_SLOT ${quoteIdentifier(slotName)}${wait ? ' WAIT' : ''}`;
}

export type StreamingMode = 'off' | 'on' | 'parallel';

export interface PgoutputOptions {
  readonly publicationNames: readonly string[];
  /** Default: the highest version the server and the other options allow. */
  readonly protoVersion?: number;
  /** 'auto' (default): 'parallel' on PostgreSQL 16+, 'on' on 14 and 15, 'off' before. */
  readonly streaming?: StreamingMode | 'auto';
  /** Logical decoding messages (pg_logical_emit_message). Default true. */
  readonly messages?: boolean;
  /** Binary column values where the type has a send function. Default false. */
  readonly binary?: boolean;
  /** Decode at PREPARE (the slot must have been created with two-phase). Default false. */
  readonly twoPhase?: boolean;
  /** PostgreSQL 16+: 'none' publishes only changes without a replication origin. Not sent unless set. */
  readonly origin?: 'any' | 'none';
}

/** The pgoutput options actually sent, after defaults and version checks. */
export interface ResolvedPgoutputOptions {
  readonly protoVersion: number;
  readonly streaming: StreamingMode;
  readonly messages: boolean;
  readonly binary: boolean;
  readonly twoPhase: boolean;
  readonly origin: 'any' | 'none' | undefined;
  readonly publicationNames: readonly string[];
}

/** Highest pgoutput protocol per server: 1 up to 13, 2 in 14, 3 in 15, 4 from 16. */
export function maxProtoVersion(serverVersionNum: number): number {
  return serverVersionNum >= 160000 ? 4 : serverVersionNum >= 150000 ? 3 : serverVersionNum >= 140000 ? 2 : 1;
}

export function resolvePgoutputOptions(serverVersionNum: number, options: PgoutputOptions): ResolvedPgoutputOptions {
  if (options.publicationNames.length === 0) throw ConfigError.invalid('publicationNames', '[]', 'at least one publication is needed');
  const max = maxProtoVersion(serverVersionNum);
  if (options.protoVersion !== undefined && !(Number.isInteger(options.protoVersion) && options.protoVersion >= 1 && options.protoVersion <= max)) {
    throw ConfigError.invalid('protoVersion', options.protoVersion, `the server (${serverVersionNum}) supports pgoutput protocol 1 to ${max}`);
  }
  const twoPhase = options.twoPhase ?? false;
  let streaming: StreamingMode;
  if (options.streaming === undefined || options.streaming === 'auto') {
    const proto = options.protoVersion ?? max;
    streaming = proto >= 4 ? 'parallel' : proto >= 2 ? 'on' : 'off';
  } else {
    streaming = options.streaming;
  }
  const needed = Math.max(streaming === 'parallel' ? 4 : streaming === 'on' ? 2 : 1, twoPhase ? 3 : 1);
  if (needed > max) {
    const [key, value] = twoPhase && needed === 3 ? ['twoPhase', true] : ['streaming', streaming];
    throw ConfigError.invalid(key, value, `needs pgoutput protocol ${needed}; the server (${serverVersionNum}) supports ${max} at most`);
  }
  const protoVersion = options.protoVersion ?? max;
  if (protoVersion < needed) {
    const what = twoPhase && needed === 3 ? 'two-phase decoding' : streaming === 'parallel' ? "streaming 'parallel'" : 'streaming';
    throw ConfigError.invalid('protoVersion', protoVersion, `${what} needs protocol ${needed} or later`);
  }
  if (options.origin !== undefined && serverVersionNum < 160000) {
    throw ConfigError.invalid('origin', options.origin, 'the origin option needs PostgreSQL 16 or later');
  }
  return {
    protoVersion,
    streaming,
    messages: options.messages ?? true,
    binary: options.binary ?? false,
    twoPhase,
    origin: options.origin,
    publicationNames: options.publicationNames,
  };
}

export function startReplicationCommand(slotName: string, startLsn: Lsn, options: ResolvedPgoutputOptions): string {
  const list: Array<[string, string]> = [
    ['proto_version', String(options.protoVersion)],
    ['publication_names', options.publicationNames.map(quoteIdentifier).join(',')],
    ['messages', String(options.messages)],
    ['binary', String(options.binary)],
  ];
  if (options.streaming !== 'off') list.push(['streaming', options.streaming]);
  if (options.twoPhase) list.push(['two_phase', 'true']);
  if (options.origin !== undefined) list.push(['origin', options.origin]);
  const rendered = list.map(([name, value]) => `${quoteIdentifier(name)} ${quoteLiteral(value)}`).join(', ');
  return `START_REPLICATION SLOT ${quoteIdentifier(slotName)} LOGICAL ${formatLsn(startLsn)} (${rendered})`;
}
