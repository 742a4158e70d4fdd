/**
 * Kafka's Cast SMT: casts the whole key/value, or named top-level fields of a Struct/Map, to int8…float64,
 * boolean or string, with Java's conversion rules (wrapping narrowing, `Byte.parseByte`, `Boolean.parseBoolean`,
 * base64 for bytes, Connect's ISO formats for dates). Null keys/values pass through unchanged.
 */
import { BigDecimal } from '../../api/data/big-decimal.js';
import { DateLogical, TimeLogical, TimestampLogical } from '../../api/data/logical.js';
import { SchemaBuilder, fieldsOf, type Schema, type SchemaType } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError, DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import type { ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import type { Validator } from '../../config/validators.js';
import { KAFKA_VERSION, SchemaCache, keyValuePlugins, operatingSchema, operatingValue, requireMap, requireStruct, withSide, type Side } from '../util.js';
import { REPLACE_NULL_WITH_DEFAULT_KEY, copySchemaBasics, fieldValue, keyValueOverview } from './insert-field.js';
import { inferSchemaType, javaClassName } from './mask-field.js';
import { javaListString, javaSplit } from './replace-field.js';

// ---- Java number semantics ------------------------------------------------------------------------------

/** A Java Number: Byte/Short/Integer/Long, Float, Double or BigDecimal. */
type JavaNumber = { kind: 'integral'; value: bigint } | { kind: 'float32' | 'float64'; value: number } | { kind: 'decimal'; value: BigDecimal };

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function toJavaNumber(value: unknown, type: SchemaType): JavaNumber | null {
  if (value instanceof BigDecimal) return { kind: 'decimal', value };
  if (typeof value === 'bigint') return { kind: 'integral', value };
  if (typeof value !== 'number') return null;
  if (type === 'float32' || type === 'float64') return { kind: type, value };
  return Number.isInteger(value) ? { kind: 'integral', value: BigInt(value) } : { kind: 'float64', value };
}

/** Java's narrowing of a floating value to an integral type of `bits`: NaN is 0, out of range saturates. */
function narrowFloating(value: number, bits: 32 | 64): bigint {
  if (Number.isNaN(value)) return 0n;
  const min = bits === 64 ? LONG_MIN : -(2n ** 31n);
  const max = bits === 64 ? LONG_MAX : 2n ** 31n - 1n;
  if (!Number.isFinite(value)) return value > 0 ? max : min;
  const truncated = BigInt(Math.trunc(value));
  return truncated < min ? min : truncated > max ? max : truncated;
}

function truncateDecimal(value: BigDecimal): bigint {
  return value.scale >= 0 ? value.unscaled / 10n ** BigInt(value.scale) : value.unscaled * 10n ** BigInt(-value.scale);
}

/** Number.byteValue/shortValue/intValue/longValue: narrowing wraps, except floating values clamp to int first. */
function integralValue(n: JavaNumber, bits: 8 | 16 | 32 | 64): bigint {
  if (n.kind === 'integral') return BigInt.asIntN(bits, n.value);
  if (n.kind === 'decimal') return BigInt.asIntN(bits, truncateDecimal(n.value));
  return BigInt.asIntN(bits, narrowFloating(n.value, bits === 64 ? 64 : 32));
}

function doubleValue(n: JavaNumber): number {
  if (n.kind === 'integral') return Number(n.value);
  if (n.kind === 'decimal') return Number(n.value.toString());
  return n.value;
}

/** int64 values are numbers while exact, bigints beyond 2^53. */
function longResult(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Java's Float.toString/Double.toString: shortest round-trip digits, plain within [1e-3, 1e7), else `d.dddE±n`. */
function formatJavaFloating(value: number, float32: boolean): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  const roundTrips = (text: string): boolean => (float32 ? Math.fround(Number(text)) : Number(text)) === magnitude;
  let text = magnitude.toExponential();
  if (float32) {
    for (let digits = 1; digits <= 9; digits++) {
      text = magnitude.toExponential(digits - 1);
      if (roundTrips(text)) break;
    }
  }
  // Java picks the closest of the 1- and 2-digit candidates when one digit would do (4.9E-324, 1.4E-45).
  if (/^\de/.test(text) && roundTrips(magnitude.toExponential(1))) text = magnitude.toExponential(1);
  const [mantissa = '0', exponentText = '0'] = text.split('e');
  const digits = mantissa.replace('.', '').replace(/(?<=.)0+$/, '');
  const exponent = Number(exponentText);
  const sign = value < 0 ? '-' : '';
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
  }
  return `${sign}${digits[0] ?? '0'}.${digits.slice(1) || '0'}E${exponent}`;
}

function javaNumberString(n: JavaNumber): string {
  if (n.kind === 'integral') return n.value.toString();
  if (n.kind === 'decimal') return n.value.toString();
  return formatJavaFloating(n.value, n.kind === 'float32');
}

const MILLIS_PER_DAY = 86_400_000;

/** Connect's Values.dateFormatFor (in UTC): a time before day one, a date at midnight, else a timestamp. */
export function formatConnectDate(date: Date): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  const year = date.getUTCFullYear();
  const day = `${pad(year > 0 ? year : 1 - year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
  const time = `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(date.getUTCMilliseconds(), 3)}Z`;
  const millis = date.getTime();
  if (millis < MILLIS_PER_DAY) return time;
  return millis % MILLIS_PER_DAY === 0 ? day : `${day}T${time}`;
}

/** Thrown by the Java-style parsers; turned into Kafka's "out of range" DataException. */
class NumberFormatError extends Error {}

/** Byte.parseByte … Long.parseLong: an optional sign and decimal digits, within range. */
function parseJavaIntegral(text: string, bits: 8 | 16 | 32 | 64): bigint {
  if (!/^[+-]?\d+$/.test(text)) throw new NumberFormatError(text);
  const value = BigInt(text);
  if (value !== BigInt.asIntN(bits, value)) throw new NumberFormatError(text);
  return value;
}

/** Double.parseDouble: surrounding whitespace, NaN, Infinity and an f/d suffix are accepted. */
function parseJavaDouble(text: string): number {
  const trimmed = text.replace(/^[\0- ]+|[\0- ]+$/g, '');
  if (!/^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/.test(trimmed)) throw new NumberFormatError(text);
  return Number(trimmed.replace(/[fFdD]$/, ''));
}

// ---- The cast -------------------------------------------------------------------------------------------

const SUPPORTED_INPUT_TYPES: readonly SchemaType[] = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'boolean', 'string', 'bytes'];
const SUPPORTED_OUTPUT_TYPES: readonly SchemaType[] = SUPPORTED_INPUT_TYPES.slice(0, -1);
const ALL_TYPES: readonly SchemaType[] = [...SUPPORTED_INPUT_TYPES, 'array', 'map', 'struct'];
const typeList = (types: readonly SchemaType[]): string => javaListString(types.map((t) => t.toUpperCase()));
const INTEGRAL_BITS: Partial<Record<SchemaType, 8 | 16 | 32 | 64>> = { int8: 8, int16: 16, int32: 32, int64: 64 };

/** Date/Time/Timestamp become their int32/int64 encoding before a cast to anything but string. */
function encodeLogical(schema: Schema, value: unknown): unknown {
  if (!(value instanceof Date)) return value;
  if (schema.name === DateLogical.LOGICAL_NAME) return DateLogical.fromLogical(schema, value);
  if (schema.name === TimeLogical.LOGICAL_NAME) return TimeLogical.fromLogical(schema, value);
  if (schema.name === TimestampLogical.LOGICAL_NAME) return TimestampLogical.fromLogical(schema, value);
  return value;
}

function unexpectedType(value: unknown, schema: Schema | null): DataError {
  return new DataError(`Unexpected type in Cast transformation: class ${javaClassName(value, schema)}`);
}

function castToIntegral(value: unknown, n: JavaNumber | null, bits: 8 | 16 | 32 | 64, schema: Schema | null): bigint {
  if (n) return integralValue(n, bits);
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'string') return parseJavaIntegral(value, bits);
  throw unexpectedType(value, schema);
}

function castToDouble(value: unknown, n: JavaNumber | null, schema: Schema | null): number {
  if (n) return doubleValue(n);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return parseJavaDouble(value);
  throw unexpectedType(value, schema);
}

function castToString(value: unknown, n: JavaNumber | null): string {
  if (value instanceof Date) return formatConnectDate(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return n ? javaNumberString(n) : String(value);
}

/** Kafka's Cast.castValueToType, for one value with its schema (null when schemaless). */
function castValueToType(schema: Schema | null, original: unknown, target: SchemaType): unknown {
  if (original === null || original === undefined) return null;
  const inferred = schema ? schema.type : inferSchemaType(original);
  if (inferred === null) {
    throw new DataError(`Cast transformation was passed a value of type class ${javaClassName(original)} which is not supported by Connect's data API`);
  }
  if (!SUPPORTED_INPUT_TYPES.includes(inferred)) {
    throw new DataError(`Cast transformation does not support casting from ${inferred.toUpperCase()}; supported types are ${typeList(SUPPORTED_INPUT_TYPES)}`);
  }
  const value = schema?.name && target !== 'string' ? encodeLogical(schema, original) : original;
  const n = toJavaNumber(value, inferred);
  try {
    const bits = INTEGRAL_BITS[target];
    if (bits) {
      const integral = castToIntegral(value, n, bits, schema);
      return bits === 64 ? longResult(integral) : Number(integral);
    }
    switch (target) {
      case 'float32':
        return Math.fround(castToDouble(value, n, schema));
      case 'float64':
        return castToDouble(value, n, schema);
      case 'boolean':
        if (n) return integralValue(n, 64) !== 0n;
        if (typeof value === 'boolean') return value;
        if (typeof value === 'string') return value.toLowerCase() === 'true';
        throw unexpectedType(value, schema);
      case 'string':
        return castToString(value, n);
      default:
        throw new DataError(`${target.toUpperCase()} is not supported in the Cast transformation.`);
    }
  } catch (err) {
    if (err instanceof NumberFormatError) throw new DataError(`Value (${String(value)}) was out of range for requested data type`, { cause: err });
    throw err;
  }
}

// ---- Configuration --------------------------------------------------------------------------------------

/** The field casts of a spec; the key `null` holds a whole-value cast (Kafka's WHOLE_VALUE_CAST). */
function parseFieldTypes(mappings: readonly string[]): Map<string | null, SchemaType> {
  const casts = new Map<string | null, SchemaType>();
  const outputType = (type: SchemaType): SchemaType => {
    if (SUPPORTED_OUTPUT_TYPES.includes(type)) return type;
    throw new ConfigError(`Cast transformation does not support casting to ${type.toUpperCase()}; supported types are ${typeList(SUPPORTED_OUTPUT_TYPES)}`);
  };
  for (const mapping of mappings) {
    const parts = javaSplit(mapping, ':');
    // Kafka reports too many colons against ReplaceField's `renames` key, and so do we.
    if (parts.length > 2) throw ConfigError.invalid('renames', javaListString(mappings), `Invalid rename mapping: ${mapping}`);
    const typeName = (parts.length === 1 ? (parts[0] ?? '') : (parts[1] ?? '')).trim();
    const type = ALL_TYPES.find((t) => t === typeName.toLowerCase());
    if (parts.length <= 1) {
      // Kafka fails here with IllegalArgumentException from Schema.Type.valueOf; the wording is kept.
      if (!type) throw new ConfigError(`No enum constant org.apache.kafka.connect.data.Schema.Type.${typeName.toUpperCase()}`, { key: 'spec' });
      casts.set(null, outputType(type));
    } else {
      if (!type) throw new ConfigError(`Invalid type found in casting spec: ${typeName}`, { key: 'spec' });
      casts.set((parts[0] ?? '').trim(), outputType(type));
    }
  }
  if (casts.has(null) && mappings.length > 1) {
    throw new ConfigError('Cast transformations that specify a type to cast the entire value to may ony specify a single cast in their spec');
  }
  return casts;
}

const castSpec: Validator<string[]> = Object.assign(
  (_name: string, value: string[] | null): void => {
    if (!value || value.length === 0) throw new ConfigError('Must specify at least one field to cast.', { key: 'spec' });
    parseFieldTypes(value);
  },
  { describe: 'list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>' },
);

export const CAST_CONFIG = ConfigSpec.empty()
  .define({
    name: 'spec',
    type: 'LIST',
    validator: castSpec,
    importance: 'HIGH',
    doc:
      'List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. ' +
      'A single type to cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string. ' +
      'Note that binary fields can only be cast to string.',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

const CLASS_NAME = 'org.apache.kafka.connect.transforms.Cast';
const PURPOSE = 'cast types';

interface Settings {
  readonly casts: ReadonlyMap<string | null, SchemaType>;
  readonly wholeValueCastType: SchemaType | null;
  readonly replaceNullWithDefault: boolean;
}

export class Cast implements Transformation {
  private settings: Settings | null = null;
  private schemaCache = new SchemaCache();

  constructor(private readonly side: Side) {}

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = CAST_CONFIG.parse(config);
    const casts = parseFieldTypes(parsed.spec);
    this.settings = { casts, wholeValueCastType: casts.get(null) ?? null, replaceNullWithDefault: parsed['replace.null.with.default'] };
    this.schemaCache = new SchemaCache();
  }

  private get configured(): Settings {
    if (!this.settings) throw new DataError('Cast used before configure()');
    return this.settings;
  }

  apply(record: ConnectRecord): ConnectRecord {
    const value = operatingValue(record, this.side);
    if (value === null || value === undefined) return record;
    const schema = operatingSchema(record, this.side);
    return schema === null ? this.applySchemaless(record, value) : this.applyWithSchema(record, schema, value);
  }

  private applySchemaless(record: ConnectRecord, value: unknown): ConnectRecord {
    const { casts, wholeValueCastType } = this.configured;
    if (wholeValueCastType) return withSide(record, this.side, null, castValueToType(null, value, wholeValueCastType));
    const original = requireMap(value, PURPOSE);
    const updated = new Map(original);
    // Like Kafka, a cast field missing from the map is added with a null value.
    for (const [field, type] of casts) updated.set(field, castValueToType(null, original.get(field) ?? null, type));
    return withSide(record, this.side, null, updated);
  }

  private applyWithSchema(record: ConnectRecord, schema: Schema, value: unknown): ConnectRecord {
    const { casts, wholeValueCastType, replaceNullWithDefault } = this.configured;
    const updatedSchema = this.schemaCache.getOrCreate(schema, (s) => this.buildUpdatedSchema(s));
    if (wholeValueCastType) return withSide(record, this.side, updatedSchema, castValueToType(schema, value, wholeValueCastType));
    const struct = requireStruct(value, PURPOSE);
    const updated = new Struct(updatedSchema);
    for (const field of fieldsOf(struct.schema)) {
      const original = fieldValue(struct, field, replaceNullWithDefault);
      const target = casts.get(field.name);
      updated.put(field.name, target ? castValueToType(field.schema, original, target) : original);
    }
    return withSide(record, this.side, updatedSchema, updated);
  }

  private buildUpdatedSchema(schema: Schema): Schema {
    const { casts, wholeValueCastType } = this.configured;
    const builder = copySchemaBasics(schema, SchemaBuilder.type(wholeValueCastType ?? 'struct'));
    if (!wholeValueCastType) {
      for (const field of fieldsOf(schema)) {
        const target = casts.get(field.name);
        if (!target) {
          builder.field(field.name, field.schema);
          continue;
        }
        const fieldBuilder = SchemaBuilder.type(target);
        if (field.schema.optional) fieldBuilder.optional();
        if (field.schema.defaultValue != null) fieldBuilder.defaultValue(castValueToType(field.schema, field.schema.defaultValue, target));
        builder.field(field.name, fieldBuilder.build());
      }
    }
    if (schema.optional) builder.optional();
    if (schema.defaultValue != null) builder.defaultValue(castValueToType(schema, schema.defaultValue, builder.type));
    return builder.build();
  }

  close(): void {
    this.schemaCache = new SchemaCache();
  }
}

export const CAST_PLUGINS: readonly TransformationPlugin[] = keyValuePlugins({
  className: CLASS_NAME,
  version: KAFKA_VERSION,
  doc: keyValueOverview(
    'Cast fields or the entire key or value to a specific type, e.g. to force an integer field to a smaller width. ' +
      'Cast from integers, floats, boolean and string to any other type, and cast binary to string (base64 encoded).',
    CLASS_NAME,
  ),
  config: CAST_CONFIG,
  create: (side) => new Cast(side),
});
