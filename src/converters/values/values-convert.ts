/**
 * The schema inference behind Kafka's Values.parseString for lists and maps: element schemas merge into
 * one (numbers widen: int8 < int16 < int32 < int64 < float32 < float64; anything else must match), and the
 * elements are then converted to the merged schema (Values.convertTo), so `[1, 300]` is an array of int16.
 */
import { BigDecimal } from '../../api/data/big-decimal.js';
import { DateLogical, Decimal, TimeLogical, TimestampLogical } from '../../api/data/logical.js';
import { timeToLogical } from '../time-logical.js';
import { schemaEquals, type Schema, type SchemaType } from '../../api/data/schema.js';
import { DataError } from '../../api/errors.js';
import { javaClassOf } from '../java/class-name.js';
import { decimalTextToFloat } from '../java/number-format.js';

const WIDENING: readonly SchemaType[] = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64'];

/** Kafka's mergeSchemas: a schema for values of both, or null when there is none. */
export function mergeSchemas(previous: Schema, next: Schema): Schema | null {
  if (previous.type !== next.type) {
    const from = WIDENING.indexOf(previous.type);
    const to = WIDENING.indexOf(next.type);
    if (from < 0 || to < 0) return null;
    return to > from ? next : previous;
  }
  if (previous.optional === next.optional) return previous.optional ? previous : next;
  return schemaEquals(previous, next) ? previous : null;
}

/** Kafka's SchemaMerger: null until a schema is seen, and for good once two schemas have nothing in common. */
export class SchemaMerger {
  private common: Schema | null = null;
  private compatible = true;

  merge(schema: Schema | null | undefined): void {
    if (!schema || !this.compatible) return;
    if (this.common === null) {
      this.common = schema;
      return;
    }
    this.common = mergeSchemas(this.common, schema);
    this.compatible = this.common !== null;
  }

  get schema(): Schema | null {
    return this.common;
  }
}

function unable(value: unknown, target: string): DataError {
  return new DataError(`Unable to convert ${String(value)} (${javaClassOf(value)}) to ${target}`);
}

/** Values.asLong for the values the parser produces (numbers, decimals, numeric strings). */
function asLong(value: unknown): number | bigint {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'bigint') return value;
  if (value instanceof BigDecimal || typeof value === 'string') {
    const decimal = value instanceof BigDecimal ? value : parseDecimal(value);
    if (decimal) {
      const whole = decimal.scale <= 0 ? decimal.unscaled * 10n ** BigInt(-decimal.scale) : decimal.unscaled / 10n ** BigInt(decimal.scale);
      const long = BigInt.asIntN(64, whole);
      return long >= -9007199254740991n && long <= 9007199254740991n ? Number(long) : long;
    }
  }
  throw unable(value, 'a number');
}

function asDouble(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof BigDecimal) return Number(value.toString());
  if (typeof value === 'string' && parseDecimal(value)) return Number(value);
  return Number(asLong(value));
}

function parseDecimal(text: string): BigDecimal | undefined {
  try {
    return BigDecimal.parse(text);
  } catch {
    return undefined;
  }
}

const wrap = (value: number | bigint, bits: 8 | 16 | 32) => Number(BigInt.asIntN(bits, BigInt(value)));

/** Kafka's Values.convertTo(toSchema, null, value), for aligning parsed elements with their merged schema. */
export function convertTo(schema: Schema, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (schema.optional) return null;
    throw new DataError('Unable to convert a null value to a schema that requires a value');
  }
  const logical = schema.name;
  switch (schema.type) {
    case 'int8':
      return typeof value === 'number' && Number.isInteger(value) && value >= -128 && value <= 127 ? value : wrap(asLong(value), 8);
    case 'int16':
      return wrap(asLong(value), 16);
    case 'int32':
      if (logical === DateLogical.LOGICAL_NAME || logical === TimeLogical.LOGICAL_NAME) {
        if (value instanceof Date) return value;
        const numeric = wrap(asLong(value), 32);
        return logical === DateLogical.LOGICAL_NAME ? DateLogical.toLogical(schema, numeric) : timeToLogical(numeric);
      }
      return wrap(asLong(value), 32);
    case 'int64':
      if (logical === TimestampLogical.LOGICAL_NAME) return value instanceof Date ? value : TimestampLogical.toLogical(schema, asLong(value));
      return asLong(value);
    case 'float32':
      if (typeof value === 'number') return Math.fround(value);
      return typeof value === 'bigint' ? decimalTextToFloat(value.toString()) : Math.fround(asDouble(value));
    case 'float64':
      return asDouble(value);
    case 'bytes':
      if (logical === Decimal.LOGICAL_NAME && value instanceof BigDecimal) return value;
      if (value instanceof Uint8Array) return value;
      throw unable(value, describe(schema));
    default:
      // Strings, booleans, lists and maps only merge with their own type, so they are already aligned.
      return value;
  }
}

/** ConnectSchema.toString, for messages: `Schema{INT32}` or `Schema{name:INT32}`. */
function describe(schema: Schema): string {
  return schema.name ? `Schema{${schema.name}:${schema.type.toUpperCase()}}` : `Schema{${schema.type.toUpperCase()}}`;
}
