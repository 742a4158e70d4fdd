/** PostgreSQL's logical replication wire formats: LSNs, pgoutput messages, the replication sub-protocol. */
export * from './lsn.js';
export { ByteReader, ProtocolError, POSTGRES_EPOCH_OFFSET_MICROS, postgresToUnixMicros, unixToPostgresMicros } from './reader.js';
export * from './pgoutput-messages.js';
export { createPgoutputState, decodePgoutput, type PgoutputState } from './pgoutput.js';
export { TupleData, UNCHANGED_TOAST, type TupleColumn, type TupleColumnKind, type TupleValue } from './tuple.js';
export * from './replication-messages.js';
export { encodeKeepalive, encodePgoutput, encodeXLogData, type PgoutputMessageSpec } from './pgoutput-encoder.js';
export { plainMessage, plainTuple, type PlainColumn, type PlainMessage } from './plain.js';
