import type { Lsn } from './lsn.js';
import { decodePgoutput, type PgoutputState } from './pgoutput.js';
import type { PgoutputMessage } from './pgoutput-messages.js';
import { ByteReader, ProtocolError, asBuffer, postgresToUnixMicros, unixToPostgresMicros } from './reader.js';

/*
 * The streaming replication sub-protocol carried in CopyData messages once START_REPLICATION has switched
 * the connection to CopyBoth mode: XLogData ('w') and Primary keepalive ('k') from the server, Standby
 * status update ('r') from the client. Clocks are microseconds since the Unix epoch here (PostgreSQL sends
 * microseconds since 2000-01-01).
 */

/** 'w': WAL data; for logical replication, one output plugin message. */
export interface XLogData {
  readonly type: 'xlogdata';
  /** The LSN of the change or transaction event this message carries. */
  readonly walStart: Lsn;
  /** The server's current end of WAL. */
  readonly walEnd: Lsn;
  readonly serverClock: bigint;
  /** The plugin output, a view into the received bytes. */
  readonly payload: Uint8Array;
}

/** 'k': a keepalive. With `replyRequested` the server wants a status update now, or it will time the client out. */
export interface PrimaryKeepalive {
  readonly type: 'keepalive';
  readonly walEnd: Lsn;
  readonly serverClock: bigint;
  readonly replyRequested: boolean;
}

export type ReplicationMessage = XLogData | PrimaryKeepalive;

/** An XLogData message with its pgoutput payload decoded. */
export interface PgoutputData {
  readonly type: 'data';
  readonly walStart: Lsn;
  readonly walEnd: Lsn;
  readonly serverClock: bigint;
  readonly message: PgoutputMessage;
}

export type DecodedReplicationMessage = PgoutputData | PrimaryKeepalive;

/** 'r': what the client reports. For logical slots the server confirms `flushed` as the slot's confirmed_flush_lsn. */
export interface StandbyStatusUpdate {
  readonly written: Lsn;
  readonly flushed: Lsn;
  readonly applied: Lsn;
  /** Microseconds since the Unix epoch. */
  readonly clock: bigint;
  readonly replyRequested: boolean;
}

export const XLOG_DATA_TAG = 0x77; // w
export const KEEPALIVE_TAG = 0x6b; // k
export const STATUS_UPDATE_TAG = 0x72; // r
/** Bytes before an XLogData payload: tag, walStart, walEnd, clock. */
export const XLOG_DATA_HEADER_LENGTH = 25;

const reader = new ByteReader(new Uint8Array(0));

function keepalive(r: ByteReader): PrimaryKeepalive {
  const message: PrimaryKeepalive = {
    type: 'keepalive',
    walEnd: r.u64('keepalive walEnd'),
    serverClock: postgresToUnixMicros(r.i64('keepalive clock')),
    replyRequested: r.u8('keepalive reply flag') === 1,
  };
  r.expectEnd('primary keepalive');
  return message;
}

/** Decodes the body of one CopyData message from a walsender, leaving an XLogData payload undecoded. */
export function decodeReplicationMessage(buffer: Uint8Array, start = 0, end = buffer.length): ReplicationMessage {
  const r = reader.reset(buffer, start, end);
  const tag = r.u8('replication message tag');
  if (tag === KEEPALIVE_TAG) return keepalive(r);
  if (tag !== XLOG_DATA_TAG) throw new ProtocolError(`unknown replication message tag 0x${tag.toString(16)}`);
  const walStart = r.u64('XLogData walStart');
  const walEnd = r.u64('XLogData walEnd');
  const serverClock = postgresToUnixMicros(r.i64('XLogData clock'));
  return { type: 'xlogdata', walStart, walEnd, serverClock, payload: r.buffer.subarray(r.pos, end) };
}

/**
 * Decodes the body of one CopyData message from a logical walsender running pgoutput, payload included, in
 * one step (no intermediate XLogData object). `state` is the stream's pgoutput decoder state.
 */
export function decodeCopyData(buffer: Uint8Array, state: PgoutputState, start = 0, end = buffer.length): DecodedReplicationMessage {
  const r = reader.reset(buffer, start, end);
  const tag = r.u8('replication message tag');
  if (tag === KEEPALIVE_TAG) return keepalive(r);
  if (tag !== XLOG_DATA_TAG) throw new ProtocolError(`unknown replication message tag 0x${tag.toString(16)}`);
  const walStart = r.u64('XLogData walStart');
  const walEnd = r.u64('XLogData walEnd');
  const serverClock = postgresToUnixMicros(r.i64('XLogData clock'));
  return { type: 'data', walStart, walEnd, serverClock, message: decodePgoutput(buffer, state, r.pos, end) };
}

/** The 34-byte body of a Standby Status Update ('r'), to be sent in a CopyData message. */
export function encodeStandbyStatusUpdate(update: StandbyStatusUpdate): Buffer {
  const out = Buffer.allocUnsafe(34);
  out[0] = STATUS_UPDATE_TAG;
  out.writeBigUInt64BE(update.written, 1);
  out.writeBigUInt64BE(update.flushed, 9);
  out.writeBigUInt64BE(update.applied, 17);
  out.writeBigInt64BE(unixToPostgresMicros(update.clock), 25);
  out[33] = update.replyRequested ? 1 : 0;
  return out;
}

/** Decodes a Standby Status Update body (for tests and diagnostics). */
export function decodeStandbyStatusUpdate(buffer: Uint8Array): StandbyStatusUpdate {
  const r = new ByteReader(buffer);
  const tag = r.u8();
  if (tag !== STATUS_UPDATE_TAG) throw new ProtocolError(`not a standby status update: tag 0x${tag.toString(16)}`);
  const update = {
    written: r.u64(),
    flushed: r.u64(),
    applied: r.u64(),
    clock: postgresToUnixMicros(r.i64()),
    replyRequested: r.u8() === 1,
  };
  r.expectEnd('standby status update');
  return update;
}

/** A frontend CopyData message ('d', Int32 length, body). */
export function encodeCopyData(body: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(5 + body.length);
  out[0] = 0x64;
  out.writeUInt32BE(4 + body.length, 1);
  asBuffer(body).copy(out, 5);
  return out;
}

/** A frontend CopyDone message ('c'): ends the client's half of CopyBoth mode. */
export function encodeCopyDone(): Buffer {
  return Buffer.from([0x63, 0, 0, 0, 4]);
}

/** The current time in microseconds since the Unix epoch. */
export function unixMicrosNow(): bigint {
  return BigInt(Date.now()) * 1000n;
}
