import { DataError } from '../errors.js';
import { BigDecimal } from './big-decimal.js';
import { SchemaBuilder, describeValueType, registerLogicalValidator, type Schema } from './schema.js';

const MILLIS_PER_DAY = 86_400_000;

/** Kafka's Decimal logical type: bytes holding the unscaled two's-complement value, `scale` as a parameter. */
export const Decimal = {
  LOGICAL_NAME: 'org.apache.kafka.connect.data.Decimal',
  SCALE_FIELD: 'scale',
  builder(scale: number): SchemaBuilder {
    return SchemaBuilder.bytes().name(Decimal.LOGICAL_NAME).parameter(Decimal.SCALE_FIELD, String(scale)).version(1);
  },
  schema(scale: number): Schema {
    return Decimal.builder(scale).build();
  },
  scaleOf(schema: Schema): number {
    const scale = schema.parameters?.[Decimal.SCALE_FIELD];
    if (scale === undefined) throw new DataError('Invalid Decimal schema: scale parameter not found.');
    return Number(scale);
  },
  fromLogical(schema: Schema, value: BigDecimal): Uint8Array {
    const scale = Decimal.scaleOf(schema);
    if (value.scale !== scale) throw new DataError(`Decimal value has mismatching scale for given Decimal schema. Schema has scale ${scale}, value has scale ${value.scale}.`);
    return value.unscaledBytes();
  },
  toLogical(schema: Schema, value: Uint8Array): BigDecimal {
    return BigDecimal.fromUnscaledBytes(value, Decimal.scaleOf(schema));
  },
} as const;

/** Kafka's Date logical type: int32 days since the epoch; the value is a Date at midnight UTC. */
export const DateLogical = {
  LOGICAL_NAME: 'org.apache.kafka.connect.data.Date',
  builder(): SchemaBuilder {
    return SchemaBuilder.int32().name(DateLogical.LOGICAL_NAME).version(1);
  },
  SCHEMA: SchemaBuilder.int32().name('org.apache.kafka.connect.data.Date').version(1).build(),
  fromLogical(_schema: Schema, value: Date): number {
    const ms = value.getTime();
    if (ms % MILLIS_PER_DAY !== 0) throw new DataError('Kafka Connect Date type should not have any time fields set to non-zero values.');
    return ms / MILLIS_PER_DAY;
  },
  toLogical(_schema: Schema, value: number): Date {
    return new Date(value * MILLIS_PER_DAY);
  },
} as const;

/** Kafka's Time logical type: int32 milliseconds since midnight; the value is a Date on 1970-01-01 UTC. */
export const TimeLogical = {
  LOGICAL_NAME: 'org.apache.kafka.connect.data.Time',
  builder(): SchemaBuilder {
    return SchemaBuilder.int32().name(TimeLogical.LOGICAL_NAME).version(1);
  },
  SCHEMA: SchemaBuilder.int32().name('org.apache.kafka.connect.data.Time').version(1).build(),
  fromLogical(_schema: Schema, value: Date): number {
    const ms = value.getTime();
    if (ms < 0 || ms > MILLIS_PER_DAY) throw new DataError('Kafka Connect Time type should not have any date fields set to non-zero values.');
    return ms;
  },
  toLogical(_schema: Schema, value: number): Date {
    // Kafka accepts 86400000 itself (its check is `> MILLIS_PER_DAY`), despite the message.
    if (value < 0 || value > MILLIS_PER_DAY) throw new DataError('Time values must use number of milliseconds greater than 0 and less than 86400000');
    return new Date(value);
  },
} as const;

/** Kafka's Timestamp logical type: int64 milliseconds since the epoch; the value is a Date. */
export const TimestampLogical = {
  LOGICAL_NAME: 'org.apache.kafka.connect.data.Timestamp',
  builder(): SchemaBuilder {
    return SchemaBuilder.int64().name(TimestampLogical.LOGICAL_NAME).version(1);
  },
  SCHEMA: SchemaBuilder.int64().name('org.apache.kafka.connect.data.Timestamp').version(1).build(),
  fromLogical(_schema: Schema, value: Date): number {
    return value.getTime();
  },
  toLogical(_schema: Schema, value: number | bigint): Date {
    return new Date(Number(value));
  },
} as const;

function requireInstance(schema: Schema, value: unknown, expected: string, ok: boolean): void {
  if (!ok) {
    throw new DataError(`Invalid Java object for schema "${schema.name}" with type ${schema.type.toUpperCase()}: ${describeValueType(value)} (expected ${expected})`);
  }
}

registerLogicalValidator(Decimal.LOGICAL_NAME, (s, v) => requireInstance(s, v, 'BigDecimal', v instanceof BigDecimal));
registerLogicalValidator(DateLogical.LOGICAL_NAME, (s, v) => requireInstance(s, v, 'Date', v instanceof Date));
registerLogicalValidator(TimeLogical.LOGICAL_NAME, (s, v) => requireInstance(s, v, 'Date', v instanceof Date));
registerLogicalValidator(TimestampLogical.LOGICAL_NAME, (s, v) => requireInstance(s, v, 'Date', v instanceof Date));

/** The logical type conversions keyed by schema name, for converters. */
export const LOGICAL_TYPES = new Map<string, { fromLogical(s: Schema, v: never): unknown; toLogical(s: Schema, v: never): unknown }>([
  [Decimal.LOGICAL_NAME, Decimal],
  [DateLogical.LOGICAL_NAME, DateLogical],
  [TimeLogical.LOGICAL_NAME, TimeLogical],
  [TimestampLogical.LOGICAL_NAME, TimestampLogical],
]);
