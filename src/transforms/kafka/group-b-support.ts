/**
 * Small pieces the SMTs of group B share: config keys and validators with Kafka's wording, and Java's
 * spelling of values and classes for messages that quote them.
 */
import { BigDecimal } from '../../api/data/big-decimal.js';
import { describeSchema, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError } from '../../api/errors.js';
import type { Headers } from '../../api/headers.js';
import type { ConnectRecord } from '../../api/record.js';
import type { Validator } from '../../config/validators.js';
import { JavaPatternSyntaxError, JavaPattern } from './java-regex.js';
import { JavaDateFormat } from './java-date-format.js';

/** The `replace.null.with.default` key Kafka 3.9 (KIP-1040) adds to several SMTs, with its wording. */
export const REPLACE_NULL_WITH_DEFAULT_KEY = {
  name: 'replace.null.with.default',
  type: 'BOOLEAN',
  default: true,
  importance: 'MEDIUM',
  doc: 'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.',
} as const;

/** A struct field's value, with or without its schema default, as `replace.null.with.default` says. */
export function fieldValue(struct: Struct, field: string, replaceNullWithDefault: boolean): unknown {
  return replaceNullWithDefault ? struct.get(field) : struct.getWithoutDefault(field);
}

/** Kafka's NonEmptyListValidator ("non-empty list"). */
export const nonEmptyList: Validator<string[]> = Object.assign(
  (name: string, value: string[] | null) => {
    if (value !== null && value.length === 0) throw ConfigError.invalid(name, '[]', 'Empty list');
  },
  { describe: 'non-empty list' },
);

/** Kafka's ConfigDef.NonNullValidator ("non-null string"). */
export const nonNullString: Validator<string> = Object.assign(
  (name: string, value: string | null) => {
    if (value === null || value === undefined) throw ConfigError.invalid(name, 'null', 'entry must be non null');
  },
  { describe: 'non-null string' },
);

/** Kafka's RegexValidator ("valid regex"): the value compiles as a Java regular expression. */
export const javaRegex: Validator<string> = Object.assign(
  (name: string, value: string | null) => {
    if (value === null) return;
    try {
      JavaPattern.compile(value);
    } catch (err) {
      if (err instanceof JavaPatternSyntaxError) throw ConfigError.invalid(name, value, `Invalid regex: ${err.message}`);
      throw err;
    }
  },
  { describe: 'valid regex' },
);

/** What Java's getClass() prints for a Connect value (integers read as Long, as schemaless JSON gives them). */
export function javaClassOf(value: unknown): string {
  if (typeof value === 'string') return 'class java.lang.String';
  if (typeof value === 'boolean') return 'class java.lang.Boolean';
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return 'class java.lang.Long';
  if (typeof value === 'number') return 'class java.lang.Double';
  if (value instanceof Date) return 'class java.util.Date';
  if (value instanceof Uint8Array) return 'class [B';
  if (value instanceof Struct) return 'class org.apache.kafka.connect.data.Struct';
  if (value instanceof BigDecimal) return 'class java.math.BigDecimal';
  if (value instanceof Map) return 'class java.util.HashMap';
  if (Array.isArray(value)) return 'class java.util.ArrayList';
  return 'class java.lang.Object';
}

const JAVA_DATE = new JavaDateFormat('EEE MMM dd HH:mm:ss zzz yyyy');

/** Java's toString of a Connect value (Map `{k=v}`, List `[a, b]`, Date in Java's default format, UTC). */
export function javaToString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JAVA_DATE.format(value);
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${javaToString(k)}=${javaToString(v)}`).join(', ')}}`;
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
  if (value instanceof Uint8Array) return `[B@${value.length.toString(16)}`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return javaToString(new Map(Object.entries(value)));
  return String(value);
}

function schemaToString(schema: Schema | null): string {
  return schema ? describeSchema(schema) : 'null';
}

function headersToString(headers: Headers): string {
  if (headers.size === 0) return 'ConnectHeaders(headers=)';
  const list = headers.toArray().map((h) => `ConnectHeader(key=${h.key}, value=${javaToString(h.value)}, schema=${schemaToString(h.schema)})`);
  return `ConnectHeaders(headers=[${list.join(', ')}])`;
}

/** Java's SourceRecord/SinkRecord toString, for messages that quote a record. */
export function describeRecord(record: ConnectRecord): string {
  const prefix =
    record.kind === 'source'
      ? `SourceRecord{sourcePartition=${javaToString(record.sourcePartition)}, sourceOffset=${javaToString(record.sourceOffset)}}`
      : `SinkRecord{kafkaOffset=${record.kafkaOffset}, timestampType=${record.timestampType}, originalTopic=${record.originalTopic}, ` +
        `originalKafkaPartition=${record.originalKafkaPartition}, originalKafkaOffset=${record.originalKafkaOffset}}`;
  return (
    `${prefix} ConnectRecord{topic='${record.topic}', kafkaPartition=${record.kafkaPartition}, key=${javaToString(record.key)}, ` +
    `keySchema=${schemaToString(record.keySchema)}, value=${javaToString(record.value)}, valueSchema=${schemaToString(record.valueSchema)}, ` +
    `timestamp=${record.timestamp}, headers=${headersToString(record.headers)}}`
  );
}
