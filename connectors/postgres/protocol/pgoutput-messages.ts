import type { Lsn } from './lsn.js';
import type { TupleData } from './tuple.js';

/*
 * The messages of PostgreSQL's pgoutput plugin ("Logical Replication Message Formats"), protocol versions 1–4.
 * Every timestamp is microseconds since the Unix epoch (PostgreSQL sends microseconds since 2000-01-01).
 * `xid` on Relation, Type, Insert, Update, Delete, Truncate and Message is the transaction id PostgreSQL
 * prefixes inside a streamed transaction's block (Stream Start … Stream Stop, protocol 2+): the id of the
 * (sub)transaction that made the change, which is not always the streamed top-level transaction's. It is
 * undefined outside such blocks.
 */

/** 'B': a transaction starts. */
export interface BeginMessage {
  readonly type: 'begin';
  /** The final LSN of the transaction: where its commit record starts (the Commit's `commitLsn`). */
  readonly finalLsn: Lsn;
  readonly commitTime: bigint;
  readonly xid: number;
}

/** 'C': a transaction committed. */
export interface CommitMessage {
  readonly type: 'commit';
  readonly flags: number;
  /** Where the commit record starts. */
  readonly commitLsn: Lsn;
  /** Where the commit record ends: the position to acknowledge once the transaction is safely handled. */
  readonly endLsn: Lsn;
  readonly commitTime: bigint;
}

/** 'O': the transaction came from another replication origin. */
export interface OriginMessage {
  readonly type: 'origin';
  /** The commit LSN on the origin server. */
  readonly originLsn: Lsn;
  readonly name: string;
}

/** REPLICA IDENTITY of a relation: `d`efault (primary key), `n`othing, `f`ull, or `i`ndex. */
export type ReplicaIdentity = 'default' | 'nothing' | 'full' | 'index';

export interface RelationColumn {
  /** Raw flags: bit 1 marks a replica identity (key) column. */
  readonly flags: number;
  readonly isKey: boolean;
  readonly name: string;
  readonly typeOid: number;
  /** atttypmod; -1 when the type has none. */
  readonly typeMod: number;
}

/** 'R': the description of a relation, sent before its first change and again after it changes. */
export interface RelationMessage {
  readonly type: 'relation';
  readonly xid: number | undefined;
  readonly relationId: number;
  /** Schema name; PostgreSQL sends an empty string for pg_catalog, reported here as 'pg_catalog'. */
  readonly namespace: string;
  readonly name: string;
  readonly replicaIdentity: ReplicaIdentity;
  readonly columns: readonly RelationColumn[];
}

/** 'Y': a user-defined type used by a following relation (for a domain: the domain's oid, its base type's name). */
export interface TypeMessage {
  readonly type: 'type';
  readonly xid: number | undefined;
  readonly typeOid: number;
  readonly namespace: string;
  readonly name: string;
}

/** 'I': a new row. */
export interface InsertMessage {
  readonly type: 'insert';
  readonly xid: number | undefined;
  readonly relationId: number;
  readonly newTuple: TupleData;
}

/**
 * 'U': a changed row. `oldKey` ('K') is sent when the replica identity key changed; `oldTuple` ('O') under
 * REPLICA IDENTITY FULL. At most one of them is present.
 */
export interface UpdateMessage {
  readonly type: 'update';
  readonly xid: number | undefined;
  readonly relationId: number;
  readonly oldKey: TupleData | undefined;
  readonly oldTuple: TupleData | undefined;
  readonly newTuple: TupleData;
}

/** 'D': a removed row: its key ('K') or, under REPLICA IDENTITY FULL, the whole old row ('O'). Exactly one is present. */
export interface DeleteMessage {
  readonly type: 'delete';
  readonly xid: number | undefined;
  readonly relationId: number;
  readonly oldKey: TupleData | undefined;
  readonly oldTuple: TupleData | undefined;
}

/** 'T': TRUNCATE of one or more relations. */
export interface TruncateMessage {
  readonly type: 'truncate';
  readonly xid: number | undefined;
  /** Raw option bits: 1 CASCADE, 2 RESTART IDENTITY. */
  readonly flags: number;
  readonly cascade: boolean;
  readonly restartIdentity: boolean;
  readonly relationIds: readonly number[];
}

/** 'M': a logical decoding message (pg_logical_emit_message). */
export interface LogicalMessage {
  readonly type: 'message';
  readonly xid: number | undefined;
  readonly flags: number;
  /** True when emitted as part of a transaction (inside Begin … Commit), false when sent on its own. */
  readonly transactional: boolean;
  readonly lsn: Lsn;
  readonly prefix: string;
  /** The content, a view into the received message. */
  readonly content: Uint8Array;
}

/** 'S' (protocol 2+): a block of a streamed, still in-progress transaction begins. */
export interface StreamStartMessage {
  readonly type: 'stream-start';
  readonly xid: number;
  /** True for the transaction's first block. */
  readonly firstSegment: boolean;
}

/** 'E' (protocol 2+): the current streamed block ends. */
export interface StreamStopMessage {
  readonly type: 'stream-stop';
}

/** 'c' (protocol 2+): a streamed transaction committed. */
export interface StreamCommitMessage {
  readonly type: 'stream-commit';
  readonly xid: number;
  readonly flags: number;
  readonly commitLsn: Lsn;
  readonly endLsn: Lsn;
  readonly commitTime: bigint;
}

/**
 * 'A' (protocol 2+): a streamed (sub)transaction aborted; discard its changes. `xid === subxid` for the
 * top-level transaction. `abortLsn`/`abortTime` are sent with protocol 4 and `streaming 'parallel'` only.
 */
export interface StreamAbortMessage {
  readonly type: 'stream-abort';
  readonly xid: number;
  readonly subxid: number;
  readonly abortLsn: Lsn | undefined;
  readonly abortTime: bigint | undefined;
}

/** 'b' (protocol 3+, two_phase): a prepared transaction starts. */
export interface BeginPrepareMessage {
  readonly type: 'begin-prepare';
  readonly prepareLsn: Lsn;
  readonly endLsn: Lsn;
  readonly prepareTime: bigint;
  readonly xid: number;
  readonly gid: string;
}

/** 'P' (protocol 3+): PREPARE TRANSACTION. */
export interface PrepareMessage {
  readonly type: 'prepare';
  readonly flags: number;
  readonly prepareLsn: Lsn;
  readonly endLsn: Lsn;
  readonly prepareTime: bigint;
  readonly xid: number;
  readonly gid: string;
}

/** 'K' (protocol 3+): COMMIT PREPARED. */
export interface CommitPreparedMessage {
  readonly type: 'commit-prepared';
  readonly flags: number;
  readonly commitLsn: Lsn;
  readonly endLsn: Lsn;
  readonly commitTime: bigint;
  readonly xid: number;
  readonly gid: string;
}

/** 'r' (protocol 3+): ROLLBACK PREPARED. */
export interface RollbackPreparedMessage {
  readonly type: 'rollback-prepared';
  readonly flags: number;
  readonly prepareEndLsn: Lsn;
  readonly rollbackEndLsn: Lsn;
  readonly prepareTime: bigint;
  readonly rollbackTime: bigint;
  readonly xid: number;
  readonly gid: string;
}

/** 'p' (protocol 3+ with streaming): a streamed transaction was prepared. */
export interface StreamPrepareMessage {
  readonly type: 'stream-prepare';
  readonly flags: number;
  readonly prepareLsn: Lsn;
  readonly endLsn: Lsn;
  readonly prepareTime: bigint;
  readonly xid: number;
  readonly gid: string;
}

export type PgoutputMessage =
  | BeginMessage
  | CommitMessage
  | OriginMessage
  | RelationMessage
  | TypeMessage
  | InsertMessage
  | UpdateMessage
  | DeleteMessage
  | TruncateMessage
  | LogicalMessage
  | StreamStartMessage
  | StreamStopMessage
  | StreamCommitMessage
  | StreamAbortMessage
  | BeginPrepareMessage
  | PrepareMessage
  | CommitPreparedMessage
  | RollbackPreparedMessage
  | StreamPrepareMessage;

export type PgoutputMessageType = PgoutputMessage['type'];
