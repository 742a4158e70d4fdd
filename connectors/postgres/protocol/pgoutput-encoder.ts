import type { Lsn } from './lsn.js';
import type { PgoutputMessage } from './pgoutput-messages.js';
import { unixToPostgresMicros } from './reader.js';
import type { TupleColumn, TupleData } from './tuple.js';

/*
 * The inverse of decodePgoutput: writes pgoutput messages as PostgreSQL does, so tests (here and in the
 * connector) can build streams byte for byte. Tuples are given as arrays of TupleColumn.
 */

type Encodable<M> = {
  readonly [K in keyof M]: M[K] extends TupleData ? readonly TupleColumn[] : M[K] extends TupleData | undefined ? readonly TupleColumn[] | undefined : M[K];
};

/** A pgoutput message to encode: a PgoutputMessage whose tuples are arrays of columns. */
export type PgoutputMessageSpec = PgoutputMessage extends infer M ? (M extends PgoutputMessage ? Encodable<M> : never) : never;

class Writer {
  #buffer = Buffer.allocUnsafe(256);
  #length = 0;

  #ensure(n: number): void {
    if (this.#length + n <= this.#buffer.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.#length + n));
    this.#buffer.copy(next, 0, 0, this.#length);
    this.#buffer = next;
  }

  u8(value: number): this {
    this.#ensure(1);
    this.#buffer[this.#length++] = value;
    return this;
  }

  char(value: string): this {
    return this.u8(value.charCodeAt(0));
  }

  u16(value: number): this {
    this.#ensure(2);
    this.#length = this.#buffer.writeUInt16BE(value, this.#length);
    return this;
  }

  u32(value: number): this {
    this.#ensure(4);
    this.#length = this.#buffer.writeUInt32BE(value >>> 0, this.#length);
    return this;
  }

  u64(value: bigint): this {
    this.#ensure(8);
    this.#length = this.#buffer.writeBigUInt64BE(value, this.#length);
    return this;
  }

  timestamp(unixMicros: bigint): this {
    this.#ensure(8);
    this.#length = this.#buffer.writeBigInt64BE(unixToPostgresMicros(unixMicros), this.#length);
    return this;
  }

  bytes(value: Uint8Array): this {
    this.#ensure(value.length);
    this.#buffer.set(value, this.#length);
    this.#length += value.length;
    return this;
  }

  cstring(value: string): this {
    return this.bytes(Buffer.from(value, 'utf8')).u8(0);
  }

  result(): Buffer {
    return Buffer.from(this.#buffer.subarray(0, this.#length));
  }
}

const IDENTITY_CODES = { default: 'd', nothing: 'n', full: 'f', index: 'i' } as const;

function tuple(w: Writer, columns: readonly TupleColumn[]): void {
  w.u16(columns.length);
  for (const column of columns) {
    switch (column.kind) {
      case 'null':
        w.char('n');
        break;
      case 'unchanged-toast':
        w.char('u');
        break;
      case 'text':
        w.char('t').u32(column.bytes.length).bytes(column.bytes);
        break;
      case 'binary':
        w.char('b').u32(column.bytes.length).bytes(column.bytes);
        break;
      default: {
        const never: never = column;
        throw new Error(`unknown column ${String(never)}`);
      }
    }
  }
}

function xid(w: Writer, value: number | undefined): void {
  if (value !== undefined) w.u32(value);
}

function namespace(name: string): string {
  return name === 'pg_catalog' ? '' : name;
}

function prepared(w: Writer, tag: string, m: { flags: number; prepareLsn: Lsn; endLsn: Lsn; prepareTime: bigint; xid: number; gid: string }): void {
  w.char(tag).u8(m.flags).u64(m.prepareLsn).u64(m.endLsn).timestamp(m.prepareTime).u32(m.xid).cstring(m.gid);
}

/** Encodes one pgoutput message. `xid` fields that are set are written, as inside a streamed block. */
export function encodePgoutput(m: PgoutputMessageSpec): Buffer {
  const w = new Writer();
  switch (m.type) {
    case 'begin':
      w.char('B').u64(m.finalLsn).timestamp(m.commitTime).u32(m.xid);
      break;
    case 'commit':
      w.char('C').u8(m.flags).u64(m.commitLsn).u64(m.endLsn).timestamp(m.commitTime);
      break;
    case 'origin':
      w.char('O').u64(m.originLsn).cstring(m.name);
      break;
    case 'relation':
      w.char('R');
      xid(w, m.xid);
      w.u32(m.relationId).cstring(namespace(m.namespace)).cstring(m.name).char(IDENTITY_CODES[m.replicaIdentity]).u16(m.columns.length);
      for (const c of m.columns) w.u8(c.flags).cstring(c.name).u32(c.typeOid).u32(c.typeMod);
      break;
    case 'type':
      w.char('Y');
      xid(w, m.xid);
      w.u32(m.typeOid).cstring(namespace(m.namespace)).cstring(m.name);
      break;
    case 'insert':
      w.char('I');
      xid(w, m.xid);
      w.u32(m.relationId).char('N');
      tuple(w, m.newTuple);
      break;
    case 'update':
      w.char('U');
      xid(w, m.xid);
      w.u32(m.relationId);
      if (m.oldKey) tuple(w.char('K'), m.oldKey);
      else if (m.oldTuple) tuple(w.char('O'), m.oldTuple);
      tuple(w.char('N'), m.newTuple);
      break;
    case 'delete':
      w.char('D');
      xid(w, m.xid);
      w.u32(m.relationId);
      if (m.oldKey) tuple(w.char('K'), m.oldKey);
      else tuple(w.char('O'), m.oldTuple ?? []);
      break;
    case 'truncate':
      w.char('T');
      xid(w, m.xid);
      w.u32(m.relationIds.length).u8(m.flags);
      for (const id of m.relationIds) w.u32(id);
      break;
    case 'message':
      w.char('M');
      xid(w, m.xid);
      w.u8(m.flags).u64(m.lsn).cstring(m.prefix).u32(m.content.length).bytes(m.content);
      break;
    case 'stream-start':
      w.char('S').u32(m.xid).u8(m.firstSegment ? 1 : 0);
      break;
    case 'stream-stop':
      w.char('E');
      break;
    case 'stream-commit':
      w.char('c').u32(m.xid).u8(m.flags).u64(m.commitLsn).u64(m.endLsn).timestamp(m.commitTime);
      break;
    case 'stream-abort':
      w.char('A').u32(m.xid).u32(m.subxid);
      if (m.abortLsn !== undefined) w.u64(m.abortLsn).timestamp(m.abortTime ?? 0n);
      break;
    case 'begin-prepare':
      w.char('b').u64(m.prepareLsn).u64(m.endLsn).timestamp(m.prepareTime).u32(m.xid).cstring(m.gid);
      break;
    case 'prepare':
      prepared(w, 'P', m);
      break;
    case 'commit-prepared':
      w.char('K').u8(m.flags).u64(m.commitLsn).u64(m.endLsn).timestamp(m.commitTime).u32(m.xid).cstring(m.gid);
      break;
    case 'rollback-prepared':
      w.char('r').u8(m.flags).u64(m.prepareEndLsn).u64(m.rollbackEndLsn).timestamp(m.prepareTime).timestamp(m.rollbackTime);
      w.u32(m.xid).cstring(m.gid);
      break;
    case 'stream-prepare':
      prepared(w, 'p', m);
      break;
    default: {
      const never: never = m;
      throw new Error(`unknown message ${String(never)}`);
    }
  }
  return w.result();
}

/** An XLogData ('w') body around a payload. */
export function encodeXLogData(walStart: Lsn, walEnd: Lsn, serverClock: bigint, payload: Uint8Array): Buffer {
  return new Writer().char('w').u64(walStart).u64(walEnd).timestamp(serverClock).bytes(payload).result();
}

/** A Primary keepalive ('k') body. */
export function encodeKeepalive(walEnd: Lsn, serverClock: bigint, replyRequested: boolean): Buffer {
  return new Writer().char('k').u64(walEnd).timestamp(serverClock).u8(replyRequested ? 1 : 0).result();
}
