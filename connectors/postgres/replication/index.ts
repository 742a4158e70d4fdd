/** Logical replication over pg: replication commands and the START_REPLICATION stream. */
export {
  ReplicationConnection,
  type CreatedSlot,
  type ReplicationConnectionOptions,
  type StartReplicationOptions,
  type SystemIdentity,
} from './connection.js';
export {
  ReplicationStream,
  type ReplicationEvent,
  type ReplicationStreamState,
  type ReplicationStreamStats,
} from './stream.js';
export {
  createSlotCommand,
  dropSlotCommand,
  maxProtoVersion,
  quoteIdentifier,
  quoteLiteral,
  resolvePgoutputOptions,
  startReplicationCommand,
  type CreateSlotOptions,
  type PgoutputOptions,
  type ResolvedPgoutputOptions,
  type SlotSnapshotAction,
  type StreamingMode,
} from './commands.js';
export { describeServerError, toReplicationError } from './errors.js';
