/**
 * The normalisation applied to captured Debezium records: only values that necessarily differ from one run to the
 * next (clock readings, transaction ids, WAL positions) are replaced; everything else stays byte for byte.
 *
 * A replaced non-null number becomes `0`, a replaced non-null string `"~"`; nulls stay null, so "absent" and
 * "present" still compare. Two strings keep their structure: `source.sequence` (`["<lsn>","<lsn>"]`, entries
 * may be null) becomes `["~","~"]`, and a transaction id `"<txId>:<lsn>"` becomes `"~:~"`.
 *
 * Which paths are replaced depends on the record's value schema name (JsonConverter with schemas.enable=true):
 *
 * | record | schema.name | paths |
 * |---|---|---|
 * | change event, truncate, logical message | `*.Envelope`, `io.debezium.connector.postgresql.MessageValue` | `payload.ts_ms`, `payload.ts_us`, `payload.ts_ns`, `payload.source.{ts_ms,ts_us,ts_ns,txId,lsn,xmin,sequence,origin_lsn}`, `payload.transaction.id` |
 * | transaction BEGIN/END | `io.debezium.connector.common.TransactionMetadataValue` | `payload.id`, `payload.ts_ms`; in `payload.data_collections[*].data_collection` the Java identity hash of `io.debezium.connector.postgresql.LogicalDecodingMessageMonitor$LogicalDecodingMessageId@<hex>` (a transaction with a logical message) becomes `@~` |
 * | transaction key | `io.debezium.connector.common.TransactionMetadataKey` | `payload.id` |
 * | heartbeat | `io.debezium.connector.common.Heartbeat` | `payload.ts_ms` |
 * | ExtractNewRecordState output | anything else with a struct payload | top-level payload fields `__ts_ms`, `__ts_us`, `__ts_ns`, `__source_ts_ms`, `__source_ts_us`, `__source_ts_ns`, `__source_txId`, `__source_lsn`, `__source_xmin`, `__source_sequence`, `__transaction_id` |
 */
import { rewriteJson, schemaNameOf, type JsonPath } from './json-rewrite.js';

export const NUMBER_PLACEHOLDER = '0';
export const STRING_PLACEHOLDER = '"~"';

const TIMES = new Set(['ts_ms', 'ts_us', 'ts_ns']);
const SOURCE_VOLATILE = new Set(['ts_ms', 'ts_us', 'ts_ns', 'txId', 'lsn', 'xmin', 'sequence', 'origin_lsn']);
const UNWRAPPED_VOLATILE = new Set([
  '__ts_ms',
  '__ts_us',
  '__ts_ns',
  '__source_ts_ms',
  '__source_ts_us',
  '__source_ts_ns',
  '__source_txId',
  '__source_lsn',
  '__source_xmin',
  '__source_sequence',
  '__transaction_id',
]);

function placeholder(token: string): string {
  if (token === 'null') return token;
  return token.startsWith('"') ? STRING_PLACEHOLDER : NUMBER_PLACEHOLDER;
}

/** `"[\"1\",\"2\"]"` → `"[\"~\",\"~\"]"`, keeping null entries. */
function normaliseSequence(token: string): string {
  if (token === 'null') return token;
  const entries = JSON.parse(JSON.parse(token) as string) as Array<string | null>;
  return JSON.stringify(JSON.stringify(entries.map((e) => (e === null ? null : '~'))));
}

/** `"575:28103504"` → `"~:~"`. */
function normaliseTransactionId(token: string): string {
  if (token === 'null') return token;
  const id = JSON.parse(token) as string;
  return JSON.stringify(id.split(':').map(() => '~').join(':'));
}

const MESSAGE_COLLECTION = /^"io\.debezium\.connector\.postgresql\.LogicalDecodingMessageMonitor\$LogicalDecodingMessageId@[0-9a-f]+"$/;

/** END records count a transaction's logical messages under a Java object's toString(), identity hash included. */
function normaliseDataCollection(token: string): string | undefined {
  return MESSAGE_COLLECTION.test(token) ? token.replace(/@[0-9a-f]+"$/, '@~"') : undefined;
}

function transactionRule(path: JsonPath, token: string): string | undefined {
  if (is(path, 'payload', 'id')) return normaliseTransactionId(token);
  if (is(path, 'payload', 'ts_ms')) return placeholder(token);
  if (path.length === 4 && path[0] === 'payload' && path[1] === 'data_collections' && path[3] === 'data_collection') {
    return normaliseDataCollection(token);
  }
  return undefined;
}

function is(path: JsonPath, ...expected: ReadonlyArray<string | number>): boolean {
  return path.length === expected.length && expected.every((p, i) => path[i] === p);
}

function envelopeRule(path: JsonPath, token: string): string | undefined {
  if (path[0] !== 'payload') return undefined;
  if (path.length === 2 && TIMES.has(String(path[1]))) return placeholder(token);
  if (path.length === 3 && path[1] === 'source' && SOURCE_VOLATILE.has(String(path[2]))) {
    return path[2] === 'sequence' ? normaliseSequence(token) : placeholder(token);
  }
  if (is(path, 'payload', 'transaction', 'id')) return normaliseTransactionId(token);
  return undefined;
}

function unwrappedRule(path: JsonPath, token: string): string | undefined {
  if (path.length !== 2 || path[0] !== 'payload' || !UNWRAPPED_VOLATILE.has(String(path[1]))) return undefined;
  if (path[1] === '__source_sequence') return normaliseSequence(token);
  if (path[1] === '__transaction_id') return normaliseTransactionId(token);
  return placeholder(token);
}

/** Normalises a record value as emitted by JsonConverter (schemas enabled); null (tombstone) stays null. */
export function normaliseValue(text: string | null): string | null {
  if (text === null) return null;
  const name = schemaNameOf(text) ?? '';
  if (name.endsWith('.Envelope') || name === 'io.debezium.connector.postgresql.MessageValue') return rewriteJson(text, envelopeRule);
  if (name === 'io.debezium.connector.common.TransactionMetadataValue') {
    return rewriteJson(text, transactionRule);
  }
  if (name === 'io.debezium.connector.common.Heartbeat') {
    return rewriteJson(text, (path, token) => (is(path, 'payload', 'ts_ms') ? placeholder(token) : undefined));
  }
  return rewriteJson(text, unwrappedRule);
}

/** Normalises a record key: only the transaction topic's key (`{id}`) carries a volatile value. */
export function normaliseKey(text: string | null): string | null {
  if (text === null) return null;
  if (schemaNameOf(text) !== 'io.debezium.connector.common.TransactionMetadataKey') return text;
  return rewriteJson(text, (path, token) => (is(path, 'payload', 'id') ? normaliseTransactionId(token) : undefined));
}
