/**
 * Debezium's topic names (DefaultTopicNamingStrategy, SchemaTopicNamingStrategy's default shape): data
 * `<topic.prefix><delim><schema><delim><table>`, transactions `<topic.prefix><delim>transaction`
 * (`topic.transaction`), heartbeats `__debezium-heartbeat<delim><topic.prefix>` (`topic.heartbeat.prefix`),
 * and schema names made Avro-safe as Debezium's SchemaNameAdjuster does by default (`avro`: invalid characters
 * become `_`).
 */
export interface TopicNamingOptions {
  readonly prefix: string;
  /** `topic.delimiter` (default `.`). */
  readonly delimiter: string;
  /** `topic.transaction` (default `transaction`). */
  readonly transactionSuffix: string;
  /** `topic.heartbeat.prefix` (default `__debezium-heartbeat`). */
  readonly heartbeatPrefix: string;
}

export class TopicNaming {
  constructor(readonly options: TopicNamingOptions) {}

  /** `<prefix>.<parts>` with blank parts left out, sanitised as a Kafka topic name. */
  dataTopic(parts: readonly (string | null)[]): string {
    const all = [this.options.prefix, ...parts].filter((p): p is string => p !== null && p.trim() !== '');
    return sanitizeTopicName(all.join(this.options.delimiter));
  }

  transactionTopic(): string {
    return `${this.options.prefix}${this.options.delimiter}${this.options.transactionSuffix}`;
  }

  heartbeatTopic(): string {
    return `${this.options.heartbeatPrefix}${this.options.delimiter}${this.options.prefix}`;
  }
}

const MAX_TOPIC_NAME_LENGTH = 249;

const validTopicChar = (c: string): boolean => c === '.' || c === '_' || c === '-' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

/**
 * Debezium's sanitizedTopicName: characters outside [A-Za-z0-9._-] become `_`, names are cut to 249
 * characters, and the names `.` and `..` become `_` and `__`.
 */
export function sanitizeTopicName(name: string): string {
  let out = '';
  for (const c of name) out += validTopicChar(c) && c.length === 1 ? c : '_'.repeat(c.length);
  if (out.length > MAX_TOPIC_NAME_LENGTH) return out.slice(0, MAX_TOPIC_NAME_LENGTH);
  if (out === '.') return '_';
  if (out === '..') return '__';
  return out;
}

const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/**
 * Debezium's schema name adjustment (`schema.name.adjustment.mode`, default `none` since Debezium 2.0),
 * SchemaNameAdjuster.validFullname. `avro`: letters and `_` may start a name, letters, `_`, digits and `.`
 * may follow; anything else becomes `_`, and an invalid leading digit is kept after its `_` (`1a` → `_1a`).
 * `avro_unicode`: only letters may start a name and `_` is escaped too; an invalid character becomes
 * `_u` and its UTF-16 code unit in hex, padded with "00" when it has at most two digits (`_u002e`, `_u394`).
 */
export function adjustSchemaName(name: string, mode: 'none' | 'avro' | 'avro_unicode'): string {
  if (mode === 'none' || name.length === 0) return name;
  const unicode = mode === 'avro_unicode';
  const validFirst = (c: string) => isLetter(c) || (!unicode && c === '_');
  const validNext = (c: string) => validFirst(c) || c === '.' || isDigit(c);
  const replace = (c: string) => {
    if (!unicode) return '_';
    const hex = c.charCodeAt(0).toString(16);
    return `_u${hex.length <= 2 ? `00${hex}` : hex}`;
  };
  let adjusted = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i] as string;
    if (i === 0 ? validFirst(c) : validNext(c)) adjusted += c;
    else adjusted += replace(c) + (i === 0 && !unicode && isDigit(c) ? c : '');
  }
  return adjusted;
}
