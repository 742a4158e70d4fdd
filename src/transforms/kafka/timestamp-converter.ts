/**
 * Kafka's TimestampConverter$Key/$Value: converts a timestamp, the whole key/value or one top-level field,
 * between a formatted string, Unix time (int64 at `unix.precision`), and Connect's Date, Time and Timestamp
 * logical types. Every conversion goes through a millisecond instant, so sub-millisecond parts are lost, as
 * in Kafka. Strings are formatted and parsed with a SimpleDateFormat pattern in UTC (java-date-format.ts),
 * including SimpleDateFormat's leniency: `SSS` reads all the digits it finds as milliseconds.
 */
import { DateLogical, TimeLogical, TimestampLogical } from '../../api/data/logical.js';
import { SchemaBuilder, Schemas, describeSchema, fieldsOf, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError, ConnectError, DataError } from '../../api/errors.js';
import type { ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { oneOf } from '../../config/validators.js';
import { KAFKA_VERSION, SchemaCache, keyValuePlugins, operatingSchema, operatingValue, requireMap, requireStructOrNull, withSide, type Side } from '../util.js';
import { REPLACE_NULL_WITH_DEFAULT_KEY, fieldValue, javaClassOf } from './group-b-support.js';
import { DateParseError, IllegalDatePatternError, JavaDateFormat } from './java-date-format.js';

const CLASS_NAME = 'org.apache.kafka.connect.transforms.TimestampConverter';
const PURPOSE = 'converting timestamp formats';
const MILLIS_PER_DAY = 86_400_000;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

type TimestampType = 'string' | 'unix' | 'Date' | 'Time' | 'Timestamp';

export const TIMESTAMP_CONVERTER_CONFIG = ConfigSpec.empty()
  .define({ name: 'field', type: 'STRING', default: '', importance: 'HIGH', doc: 'The field containing the timestamp, or empty if the entire value is a timestamp' })
  .define({
    name: 'target.type',
    type: 'STRING',
    importance: 'HIGH',
    validator: oneOf('string', 'unix', 'Date', 'Time', 'Timestamp'),
    doc: 'The desired timestamp representation: string, unix, Date, Time, or Timestamp',
  })
  .define({
    name: 'format',
    type: 'STRING',
    default: '',
    importance: 'MEDIUM',
    doc: 'A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string or used to parse the input if the input is a string.',
  })
  .define({
    name: 'unix.precision',
    type: 'STRING',
    default: 'milliseconds',
    importance: 'LOW',
    validator: oneOf('nanoseconds', 'microseconds', 'milliseconds', 'seconds'),
    doc:
      'The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. ' +
      'Used to generate the output when type=unix or used to parse the input if the input is a Long.' +
      'Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

const OPTIONAL_SCHEMAS: Readonly<Record<Exclude<TimestampType, 'string' | 'unix'>, Schema>> = {
  Date: DateLogical.builder().optional().build(),
  Time: TimeLogical.builder().optional().build(),
  Timestamp: TimestampLogical.builder().optional().build(),
};

/** The schema of a converted timestamp, optional when the original was. */
function typeSchema(type: TimestampType, optional: boolean): Schema {
  switch (type) {
    case 'string':
      return optional ? Schemas.OPTIONAL_STRING : Schemas.STRING;
    case 'unix':
      return optional ? Schemas.OPTIONAL_INT64 : Schemas.INT64;
    case 'Date':
      return optional ? OPTIONAL_SCHEMAS.Date : DateLogical.SCHEMA;
    case 'Time':
      return optional ? OPTIONAL_SCHEMAS.Time : TimeLogical.SCHEMA;
    case 'Timestamp':
      return optional ? OPTIONAL_SCHEMAS.Timestamp : TimestampLogical.SCHEMA;
  }
}

/** How a schema says its timestamps are represented (TimestampConverter.timestampTypeFromSchema). */
function timestampTypeFromSchema(schema: Schema): TimestampType {
  if (schema.name === TimestampLogical.LOGICAL_NAME) return 'Timestamp';
  if (schema.name === DateLogical.LOGICAL_NAME) return 'Date';
  if (schema.name === TimeLogical.LOGICAL_NAME) return 'Time';
  // Otherwise strings use the configured format and longs are Unix time.
  if (schema.type === 'string') return 'string';
  if (schema.type === 'int64') return 'unix';
  throw new ConnectError(`Schema ${describeSchema(schema)} does not correspond to a known timestamp type format`);
}

/** The representation of a schemaless timestamp (Date, Time and Timestamp all look alike: Timestamp). */
function inferTimestampType(value: unknown): TimestampType {
  if (value instanceof Date) return 'Timestamp';
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return 'unix';
  if (typeof value === 'string') return 'string';
  throw new DataError(`TimestampConverter does not support ${javaClassOf(value)} objects as timestamps`);
}

/** An int64 value in the data model's form: a number while safe, a bigint beyond (saturated as TimeUnit does). */
function int64(value: bigint): number | bigint {
  const saturated = value > INT64_MAX ? INT64_MAX : value < INT64_MIN ? INT64_MIN : value;
  return Number.isSafeInteger(Number(saturated)) ? Number(saturated) : saturated;
}

interface Settings {
  readonly field: string;
  readonly type: TimestampType;
  readonly format: JavaDateFormat | null;
  readonly unixPrecision: string;
  readonly replaceNullWithDefault: boolean;
}

export class TimestampConverter implements Transformation {
  private settings: Settings | null = null;
  private schemaCache = new SchemaCache();

  constructor(private readonly side: Side) {}

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = TIMESTAMP_CONVERTER_CONFIG.parse(config);
    const type = parsed['target.type'] as TimestampType;
    const pattern = parsed.format;
    const blank = pattern.trim() === '';
    if (type === 'string' && blank) throw new ConfigError('TimestampConverter requires format option to be specified when using string timestamps');
    let format: JavaDateFormat | null = null;
    if (!blank) {
      try {
        format = new JavaDateFormat(pattern);
      } catch (err) {
        if (!(err instanceof IllegalDatePatternError)) throw err;
        throw new ConfigError(`TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: ${pattern}`, { cause: err });
      }
    }
    this.settings = {
      field: parsed.field,
      type,
      format,
      unixPrecision: parsed['unix.precision'],
      replaceNullWithDefault: parsed['replace.null.with.default'],
    };
    this.schemaCache = new SchemaCache();
  }

  apply<R extends ConnectRecord>(record: R): R {
    const settings = this.configured();
    const schema = operatingSchema(record, this.side);
    const value = operatingValue(record, this.side);
    if (schema === null) {
      if (value === null || value === undefined || settings.field === '') return withSide(record, this.side, null, this.convert(value ?? null));
      const map = requireMap(value, PURPOSE);
      const updated = new Map(map);
      updated.set(settings.field, this.convert(map.get(settings.field) ?? null));
      return withSide(record, this.side, null, updated);
    }
    if (settings.field === '') {
      // The target type alone decides the new schema.
      const sourceType = timestampTypeFromSchema(schema);
      return withSide(record, this.side, typeSchema(settings.type, schema.optional), this.convert(value ?? null, sourceType));
    }
    const struct = requireStructOrNull(value, PURPOSE);
    const updatedSchema = this.schemaCache.getOrCreate(schema, (s) => this.updatedSchema(s));
    return withSide(record, this.side, updatedSchema, this.convertStruct(struct, updatedSchema));
  }

  private configured(): Settings {
    if (!this.settings) throw new Error('TimestampConverter used before configure()');
    return this.settings;
  }

  private updatedSchema(schema: Schema): Schema {
    const { field: target, type } = this.configured();
    const builder = SchemaBuilder.struct().name(schema.name).version(schema.version).doc(schema.doc).parameters(schema.parameters);
    for (const field of fieldsOf(schema)) builder.field(field.name, field.name === target ? typeSchema(type, field.schema.optional) : field.schema);
    if (schema.optional) builder.optional();
    const updated = builder.build();
    if (schema.defaultValue === null || schema.defaultValue === undefined) return updated;
    // Kafka converts the default struct too. It is built against the schema without its default, since a
    // schema cannot hold a struct of itself; nothing compares the two.
    return Object.freeze({ ...updated, defaultValue: this.convertStruct(schema.defaultValue as Struct, updated) });
  }

  private convertStruct(struct: Struct | null, updatedSchema: Schema): Struct | null {
    if (struct === null) return null;
    const { field: target, replaceNullWithDefault } = this.configured();
    const updated = new Struct(updatedSchema);
    for (const field of struct.schema.fields ?? []) {
      const original = fieldValue(struct, field.name, replaceNullWithDefault);
      updated.put(field.name, field.name === target ? this.convert(original, timestampTypeFromSchema(field.schema)) : original);
    }
    return updated;
  }

  /** Converts through a millisecond instant; `sourceType` is inferred from the value when not given. */
  private convert(value: unknown, sourceType?: TimestampType): unknown {
    if (value === null) return null;
    return this.fromInstant(this.toInstant(value, sourceType ?? inferTimestampType(value)));
  }

  private toInstant(value: unknown, type: TimestampType): Date {
    const { format, unixPrecision } = this.configured();
    switch (type) {
      case 'string':
        if (typeof value !== 'string') throw new DataError(`Expected string timestamp to be a String, but found ${javaClassOf(value)}`);
        // Kafka fails with a NullPointerException here when no format is configured.
        if (!format) throw new DataError('TimestampConverter requires format option to be specified when parsing string timestamps');
        try {
          return format.parse(value);
        } catch (err) {
          if (!(err instanceof DateParseError)) throw err;
          throw new DataError(`Could not parse timestamp: value (${value}) does not match pattern (${format.toPattern()})`, { cause: err });
        }
      case 'unix': {
        if (typeof value !== 'bigint' && !(typeof value === 'number' && Number.isInteger(value))) {
          throw new DataError(`Expected Unix timestamp to be a Long, but found ${javaClassOf(value)}`);
        }
        const unix = BigInt(value);
        // TimeUnit conversions: truncating division, saturating multiplication.
        const millis = { seconds: unix * 1000n, microseconds: unix / 1000n, nanoseconds: unix / 1_000_000n }[unixPrecision] ?? unix;
        return new Date(Number(int64(millis)));
      }
      default:
        if (!(value instanceof Date)) throw new DataError(`Expected ${type} to be a java.util.Date, but found ${javaClassOf(value)}`);
        // Connect Dates and Times are already instants on 1970-01-01 or at midnight.
        return value;
    }
  }

  private fromInstant(instant: Date): unknown {
    const { type, format, unixPrecision } = this.configured();
    const millis = instant.getTime();
    switch (type) {
      case 'string':
        return (format as JavaDateFormat).format(instant);
      case 'unix': {
        if (unixPrecision === 'seconds') return Math.trunc(millis / 1000) || 0;
        const factor = { microseconds: 1000n, nanoseconds: 1_000_000n }[unixPrecision] ?? 1n;
        return int64(BigInt(millis) * factor);
      }
      case 'Date':
        return new Date(millis - (((millis % MILLIS_PER_DAY) + MILLIS_PER_DAY) % MILLIS_PER_DAY));
      case 'Time':
        return new Date(((millis % MILLIS_PER_DAY) + MILLIS_PER_DAY) % MILLIS_PER_DAY);
      case 'Timestamp':
        return instant;
    }
  }
}

export const TIMESTAMP_CONVERTER_PLUGINS = keyValuePlugins({
  className: CLASS_NAME,
  version: KAFKA_VERSION,
  doc:
    'Convert timestamps between different formats such as Unix epoch, strings, and Connect Date/Timestamp types.' +
    'Applies to individual fields or to the entire value.' +
    `<p/>Use the concrete transformation type designed for the record key (<code>${CLASS_NAME}$Key</code>) ` +
    `or value (<code>${CLASS_NAME}$Value</code>).`,
  config: TIMESTAMP_CONVERTER_CONFIG,
  create: (side) => new TimestampConverter(side),
});
