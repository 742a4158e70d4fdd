import type {
  DeleteMessage,
  PgoutputMessage,
  RelationColumn,
  RelationMessage,
  ReplicaIdentity,
  UpdateMessage,
} from './pgoutput-messages.js';
import { ByteReader, ProtocolError, postgresToUnixMicros } from './reader.js';
import { TupleData } from './tuple.js';

/**
 * What the decoder must remember between messages: whether it is inside a streamed transaction's block
 * (Stream Start … Stream Stop), where Relation, Type, Insert, Update, Delete, Truncate and Message carry a
 * transaction id after their tag. One state per replication stream, fed every message in order.
 */
export interface PgoutputState {
  inStream: boolean;
}

export function createPgoutputState(): PgoutputState {
  return { inStream: false };
}

const TAG_BEGIN = 0x42; // B
const TAG_COMMIT = 0x43; // C
const TAG_ORIGIN = 0x4f; // O
const TAG_RELATION = 0x52; // R
const TAG_TYPE = 0x59; // Y
const TAG_INSERT = 0x49; // I
const TAG_UPDATE = 0x55; // U
const TAG_DELETE = 0x44; // D
const TAG_TRUNCATE = 0x54; // T
const TAG_MESSAGE = 0x4d; // M
const TAG_STREAM_START = 0x53; // S
const TAG_STREAM_STOP = 0x45; // E
const TAG_STREAM_COMMIT = 0x63; // c
const TAG_STREAM_ABORT = 0x41; // A
const TAG_BEGIN_PREPARE = 0x62; // b
const TAG_PREPARE = 0x50; // P
const TAG_COMMIT_PREPARED = 0x4b; // K
const TAG_ROLLBACK_PREPARED = 0x72; // r
const TAG_STREAM_PREPARE = 0x70; // p

const TUPLE_NEW = 0x4e; // N
const TUPLE_KEY = 0x4b; // K
const TUPLE_OLD = 0x4f; // O

/** One reader serves every call: decoding is synchronous and the reader keeps nothing between messages. */
const reader = new ByteReader(new Uint8Array(0));

/**
 * Decodes one pgoutput message: the payload of an XLogData message, `buffer[start, end)`. Pure apart from
 * `state`, which it advances on Stream Start/Stop. Byte fields (tuple columns, message content) are views
 * into `buffer`, which must therefore not be modified while the message is in use.
 */
export function decodePgoutput(buffer: Uint8Array, state: PgoutputState, start = 0, end = buffer.length): PgoutputMessage {
  const r = reader.reset(buffer, start, end);
  const tag = r.u8('pgoutput message tag');
  let message: PgoutputMessage;
  switch (tag) {
    case TAG_BEGIN:
      message = { type: 'begin', finalLsn: r.u64(), commitTime: timestamp(r), xid: r.u32() };
      break;
    case TAG_COMMIT:
      message = { type: 'commit', flags: r.u8(), commitLsn: r.u64(), endLsn: r.u64(), commitTime: timestamp(r) };
      break;
    case TAG_ORIGIN:
      message = { type: 'origin', originLsn: r.u64(), name: r.cstring('origin name') };
      break;
    case TAG_RELATION:
      message = relation(r, streamXid(r, state));
      break;
    case TAG_TYPE: {
      const xid = streamXid(r, state);
      message = { type: 'type', xid, typeOid: r.u32(), namespace: namespace(r), name: r.cstring('type name') };
      break;
    }
    case TAG_INSERT: {
      const xid = streamXid(r, state);
      const relationId = r.u32();
      const kind = r.u8('Insert tuple kind');
      if (kind !== TUPLE_NEW) throw new ProtocolError(`Insert: expected a new tuple ('N'), got ${describe(kind)}`);
      message = { type: 'insert', xid, relationId, newTuple: TupleData.read(r) };
      break;
    }
    case TAG_UPDATE:
      message = update(r, streamXid(r, state));
      break;
    case TAG_DELETE:
      message = remove(r, streamXid(r, state));
      break;
    case TAG_TRUNCATE: {
      const xid = streamXid(r, state);
      const count = r.u32('Truncate relation count');
      const flags = r.u8('Truncate options');
      const relationIds = new Array<number>(count);
      for (let i = 0; i < count; i++) relationIds[i] = r.u32('Truncate relation id');
      message = { type: 'truncate', xid, flags, cascade: (flags & 1) !== 0, restartIdentity: (flags & 2) !== 0, relationIds };
      break;
    }
    case TAG_MESSAGE: {
      const xid = streamXid(r, state);
      const flags = r.u8('Message flags');
      const lsn = r.u64();
      const prefix = r.cstring('Message prefix');
      const content = r.bytes(r.u32('Message content length'), 'Message content');
      message = { type: 'message', xid, flags, transactional: (flags & 1) !== 0, lsn, prefix, content };
      break;
    }
    case TAG_STREAM_START:
      if (state.inStream) throw new ProtocolError('Stream Start inside a streamed block (missing Stream Stop)');
      message = { type: 'stream-start', xid: r.u32(), firstSegment: r.u8() === 1 };
      state.inStream = true;
      break;
    case TAG_STREAM_STOP:
      if (!state.inStream) throw new ProtocolError('Stream Stop outside a streamed block');
      message = { type: 'stream-stop' };
      state.inStream = false;
      break;
    case TAG_STREAM_COMMIT:
      message = { type: 'stream-commit', xid: r.u32(), flags: r.u8(), commitLsn: r.u64(), endLsn: r.u64(), commitTime: timestamp(r) };
      break;
    case TAG_STREAM_ABORT: {
      const xid = r.u32();
      const subxid = r.u32();
      // Protocol 4 with streaming 'parallel' adds the abort LSN and time; the length tells which form this is.
      const withInfo = r.remaining > 0;
      message = {
        type: 'stream-abort',
        xid,
        subxid,
        abortLsn: withInfo ? r.u64('Stream Abort LSN') : undefined,
        abortTime: withInfo ? timestamp(r) : undefined,
      };
      break;
    }
    case TAG_BEGIN_PREPARE:
      message = { type: 'begin-prepare', prepareLsn: r.u64(), endLsn: r.u64(), prepareTime: timestamp(r), xid: r.u32(), gid: r.cstring('gid') };
      break;
    case TAG_PREPARE:
      message = { type: 'prepare', flags: r.u8(), prepareLsn: r.u64(), endLsn: r.u64(), prepareTime: timestamp(r), xid: r.u32(), gid: r.cstring('gid') };
      break;
    case TAG_COMMIT_PREPARED:
      message = { type: 'commit-prepared', flags: r.u8(), commitLsn: r.u64(), endLsn: r.u64(), commitTime: timestamp(r), xid: r.u32(), gid: r.cstring('gid') };
      break;
    case TAG_ROLLBACK_PREPARED:
      message = {
        type: 'rollback-prepared',
        flags: r.u8(),
        prepareEndLsn: r.u64(),
        rollbackEndLsn: r.u64(),
        prepareTime: timestamp(r),
        rollbackTime: timestamp(r),
        xid: r.u32(),
        gid: r.cstring('gid'),
      };
      break;
    case TAG_STREAM_PREPARE:
      message = { type: 'stream-prepare', flags: r.u8(), prepareLsn: r.u64(), endLsn: r.u64(), prepareTime: timestamp(r), xid: r.u32(), gid: r.cstring('gid') };
      break;
    default:
      throw new ProtocolError(`unknown pgoutput message tag ${describe(tag)}`);
  }
  r.expectEnd(`pgoutput ${message.type} message`);
  return message;
}

function timestamp(r: ByteReader): bigint {
  return postgresToUnixMicros(r.i64('timestamp'));
}

function streamXid(r: ByteReader, state: PgoutputState): number | undefined {
  return state.inStream ? r.u32('streamed transaction id') : undefined;
}

function namespace(r: ByteReader): string {
  const name = r.cstring('namespace');
  return name === '' ? 'pg_catalog' : name;
}

function replicaIdentity(code: number): ReplicaIdentity {
  switch (code) {
    case 0x64: // d
      return 'default';
    case 0x6e: // n
      return 'nothing';
    case 0x66: // f
      return 'full';
    case 0x69: // i
      return 'index';
    default:
      throw new ProtocolError(`Relation: unknown replica identity ${describe(code)}`);
  }
}

function relation(r: ByteReader, xid: number | undefined): RelationMessage {
  const relationId = r.u32();
  const ns = namespace(r);
  const name = r.cstring('relation name');
  const identity = replicaIdentity(r.u8('replica identity'));
  const count = r.u16('Relation column count');
  const columns = new Array<RelationColumn>(count);
  for (let i = 0; i < count; i++) {
    const flags = r.u8('column flags');
    columns[i] = { flags, isKey: (flags & 1) !== 0, name: r.cstring('column name'), typeOid: r.u32(), typeMod: r.i32() };
  }
  return { type: 'relation', xid, relationId, namespace: ns, name, replicaIdentity: identity, columns };
}

function update(r: ByteReader, xid: number | undefined): UpdateMessage {
  const relationId = r.u32();
  let kind = r.u8('Update tuple kind');
  let oldKey: TupleData | undefined;
  let oldTuple: TupleData | undefined;
  if (kind === TUPLE_KEY || kind === TUPLE_OLD) {
    if (kind === TUPLE_KEY) oldKey = TupleData.read(r);
    else oldTuple = TupleData.read(r);
    kind = r.u8('Update tuple kind');
  }
  if (kind !== TUPLE_NEW) throw new ProtocolError(`Update: expected a new tuple ('N'), got ${describe(kind)}`);
  return { type: 'update', xid, relationId, oldKey, oldTuple, newTuple: TupleData.read(r) };
}

function remove(r: ByteReader, xid: number | undefined): DeleteMessage {
  const relationId = r.u32();
  const kind = r.u8('Delete tuple kind');
  if (kind === TUPLE_KEY) return { type: 'delete', xid, relationId, oldKey: TupleData.read(r), oldTuple: undefined };
  if (kind === TUPLE_OLD) return { type: 'delete', xid, relationId, oldKey: undefined, oldTuple: TupleData.read(r) };
  throw new ProtocolError(`Delete: expected an old key ('K') or old tuple ('O'), got ${describe(kind)}`);
}

function describe(code: number): string {
  return code >= 0x20 && code < 0x7f ? `'${String.fromCharCode(code)}' (0x${code.toString(16)})` : `0x${code.toString(16)}`;
}
