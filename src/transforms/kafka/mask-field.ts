/**
 * Kafka's MaskField SMT: replaces the named top-level fields with the "null value" of their Java type
 * (0, false, "", epoch, BigDecimal.ZERO, empty list/map), or with a configured `replacement` converted to
 * the field's type (numbers and strings only). The Java type is the field schema's for Structs and the
 * value's own (JsonConverter's Long/Double for numbers) for schemaless Maps.
 *
 * As in Kafka, a null key/value is not passed through: it fails the Map/Struct requirement.
 *
 * This file also holds the Java view of Connect values (class names, ConnectSchema.schemaType) that Cast and
 * Flatten need for Kafka's behaviour and error wording.
 */
import { BigDecimal } from '../../api/data/big-decimal.js';
import { fieldsOf, type Schema, type SchemaType } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError, DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import type { ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import type { Validator } from '../../config/validators.js';
import { KAFKA_VERSION, keyValuePlugins, operatingSchema, operatingValue, requireMap, requireStruct, withSide, type Side } from '../util.js';
import { REPLACE_NULL_WITH_DEFAULT_KEY, fieldValue, keyValueOverview } from './insert-field.js';
import { javaListString } from './replace-field.js';

// ---- The Java view of Connect values -------------------------------------------------------------------

const JAVA_CLASS_BY_SCHEMA_TYPE: Partial<Record<SchemaType, string>> = {
  int8: 'java.lang.Byte',
  int16: 'java.lang.Short',
  int32: 'java.lang.Integer',
  int64: 'java.lang.Long',
  float32: 'java.lang.Float',
  float64: 'java.lang.Double',
};

/**
 * The Java class Kafka would report for a value. Schemaless numbers are taken to be what JsonConverter
 * makes of them: Long when integral, Double otherwise.
 */
export function javaClassName(value: unknown, schema: Schema | null = null): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') {
    const bySchema = schema ? JAVA_CLASS_BY_SCHEMA_TYPE[schema.type] : undefined;
    return bySchema ?? (typeof value === 'bigint' || Number.isInteger(value) ? 'java.lang.Long' : 'java.lang.Double');
  }
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (value instanceof Uint8Array) return '[B';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (value instanceof Map || isPlainObject(value)) return 'java.util.HashMap';
  if (value instanceof Struct) return 'org.apache.kafka.connect.data.Struct';
  if (value instanceof Date) return 'java.util.Date';
  if (value instanceof BigDecimal) return 'java.math.BigDecimal';
  return typeof value === 'object' ? ((value as object).constructor?.name ?? 'java.lang.Object') : typeof value;
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** Kafka's ConnectSchema.schemaType(value.getClass()): null for logical values (Date, BigDecimal) and others. */
export function inferSchemaType(value: unknown): SchemaType | null {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'bigint') return 'int64';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Map || isPlainObject(value)) return 'map';
  if (value instanceof Struct) return 'struct';
  return null;
}

// ---- MaskField ------------------------------------------------------------------------------------------

const CLASS_NAME = 'org.apache.kafka.connect.transforms.MaskField';
const PURPOSE = 'mask fields';

/** Kafka's NonEmptyListValidator. */
export const nonEmptyList: Validator<string[]> = Object.assign(
  (name: string, value: string[] | null): void => {
    if (!value || value.length === 0) throw ConfigError.invalid(name, value ? javaListString(value) : null, 'Empty list');
  },
  { describe: 'non-empty list' },
);

/** Kafka's ConfigDef.NonEmptyString: null (no replacement) is fine, an empty string is not. */
const nonEmptyStringOrNull: Validator<string> = Object.assign(
  (name: string, value: string | null): void => {
    if (value === '') throw ConfigError.invalid(name, value, 'String must be non-empty');
  },
  { describe: 'non-empty string' },
);

export const MASK_FIELD_CONFIG = ConfigSpec.empty()
  .define({ name: 'fields', type: 'LIST', validator: nonEmptyList, importance: 'HIGH', doc: 'Names of fields to mask.' })
  .define({
    name: 'replacement',
    type: 'STRING',
    default: null,
    validator: nonEmptyStringOrNull,
    importance: 'LOW',
    doc: "Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only).",
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

/** The masked value for each Java class Kafka knows a "null value" for. */
const NULL_VALUES: Readonly<Record<string, () => unknown>> = {
  'java.lang.Boolean': () => false,
  'java.lang.Byte': () => 0,
  'java.lang.Short': () => 0,
  'java.lang.Integer': () => 0,
  'java.lang.Long': () => 0,
  'java.lang.Float': () => 0,
  'java.lang.Double': () => 0,
  'java.math.BigDecimal': () => new BigDecimal(0n, 0),
  'java.util.Date': () => new Date(0),
  'java.lang.String': () => '',
  // Fresh, mutable collections, as Kafka's ArrayList/HashMap.
  'java.util.ArrayList': () => [],
  'java.util.HashMap': () => new Map(),
};

/** Java's new BigDecimal(String): no surrounding whitespace allowed. */
function parseJavaBigDecimal(text: string): BigDecimal | null {
  if (text !== text.trim()) return null;
  try {
    return BigDecimal.parse(text);
  } catch {
    return null;
  }
}

/** Connect's Values.asLong for a string: the decimal's integral part, or Kafka's conversion error. */
function replacementAsLong(replacement: string): bigint {
  const decimal = parseJavaBigDecimal(replacement);
  if (!decimal) throw new DataError(`Unable to convert ${replacement} (class java.lang.String) to a number`);
  const whole = decimal.scale >= 0 ? decimal.unscaled / 10n ** BigInt(decimal.scale) : decimal.unscaled * 10n ** BigInt(-decimal.scale);
  return BigInt.asIntN(64, whole);
}

function replacementAsDouble(replacement: string): number {
  const decimal = parseJavaBigDecimal(replacement);
  if (!decimal) throw new DataError(`Unable to convert ${replacement} (class java.lang.String) to a number`);
  return Number(decimal.toString());
}

/** How `replacement` becomes a value of each Java class (Connect's Values.convertTo… and the BigDecimal constructor). */
const REPLACEMENT_CONVERSIONS: Readonly<Record<string, (replacement: string) => unknown>> = {
  'java.lang.Byte': (r) => Number(BigInt.asIntN(8, replacementAsLong(r))),
  'java.lang.Short': (r) => Number(BigInt.asIntN(16, replacementAsLong(r))),
  'java.lang.Integer': (r) => Number(BigInt.asIntN(32, replacementAsLong(r))),
  'java.lang.Long': (r) => {
    const value = replacementAsLong(r);
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  },
  'java.lang.Float': (r) => Math.fround(replacementAsDouble(r)),
  'java.lang.Double': (r) => replacementAsDouble(r),
  'java.lang.String': (r) => r,
  'java.math.BigDecimal': (r) => {
    const decimal = parseJavaBigDecimal(r);
    if (!decimal) throw new DataError(`Unable to convert ${r} (class java.lang.String) to number`);
    return decimal;
  },
};

function masked(value: unknown, schema: Schema | null, replacement: string | null): unknown {
  if (value === null || value === undefined) return null;
  const javaClass = javaClassName(value, schema);
  if (replacement === null) {
    const nullValue = NULL_VALUES[javaClass];
    if (!nullValue) throw new DataError(`Cannot mask value of type: class ${javaClass}`);
    return nullValue();
  }
  const convert = REPLACEMENT_CONVERSIONS[javaClass];
  if (!convert) throw new DataError(`Cannot mask value of type class ${javaClass} with custom replacement.`);
  return convert(replacement);
}

interface Settings {
  readonly fields: ReadonlySet<string>;
  readonly replacement: string | null;
  readonly replaceNullWithDefault: boolean;
}

export class MaskField implements Transformation {
  private settings: Settings | null = null;

  constructor(private readonly side: Side) {}

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = MASK_FIELD_CONFIG.parse(config);
    this.settings = {
      fields: new Set(parsed.fields),
      replacement: parsed.replacement,
      replaceNullWithDefault: parsed['replace.null.with.default'],
    };
  }

  private get configured(): Settings {
    if (!this.settings) throw new DataError('MaskField used before configure()');
    return this.settings;
  }

  apply(record: ConnectRecord): ConnectRecord {
    const value = operatingValue(record, this.side);
    return operatingSchema(record, this.side) === null ? this.applySchemaless(record, value) : this.applyWithSchema(record, value);
  }

  private applySchemaless(record: ConnectRecord, value: unknown): ConnectRecord {
    const { fields, replacement } = this.configured;
    const original = requireMap(value, PURPOSE);
    const updated = new Map(original);
    // Like Kafka, a masked field missing from the map is added with a null value.
    for (const field of fields) updated.set(field, masked(original.get(field) ?? null, null, replacement));
    return withSide(record, this.side, null, updated);
  }

  private applyWithSchema(record: ConnectRecord, value: unknown): ConnectRecord {
    const { fields, replacement, replaceNullWithDefault } = this.configured;
    const struct = requireStruct(value, PURPOSE);
    const updated = new Struct(struct.schema);
    for (const field of fieldsOf(struct.schema)) {
      const original = fieldValue(struct, field, replaceNullWithDefault);
      updated.put(field, fields.has(field.name) ? masked(original, field.schema, replacement) : original);
    }
    // The schema is unchanged: the record keeps its own schema object.
    return withSide(record, this.side, operatingSchema(record, this.side), updated);
  }
}

export const MASK_FIELD_PLUGINS: readonly TransformationPlugin[] = keyValuePlugins({
  className: CLASS_NAME,
  version: KAFKA_VERSION,
  doc: keyValueOverview(
    'Mask specified fields with a valid null value for the field type (i.e. 0, false, empty string, and so on).' +
      '<p/>For numeric and string fields, an optional replacement value can be specified that is converted to the correct type.',
    CLASS_NAME,
  ),
  config: MASK_FIELD_CONFIG,
  create: (side) => new MaskField(side),
});
