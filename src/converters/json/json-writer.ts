/**
 * Connect data to JSON text, byte for byte as Kafka 3.9's JsonConverter writes it through Jackson
 * (convertToJson, asJsonSchema). Text is built by concatenation in one pass, without an intermediate tree
 * or JSON.stringify: this runs for every record.
 */
import { BigDecimal } from '../../api/data/big-decimal.js';
import { Decimal, DateLogical, TimeLogical, TimestampLogical } from '../../api/data/logical.js';
import { timeFromLogical } from '../time-logical.js';
import { schemaEquals, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import { javaClassOf } from '../java/class-name.js';
import { longToString, type JavaNumberFormat } from '../java/number-format.js';
import { LruCache } from '../lru-cache.js';
import type { DecimalFormat } from './json-config.js';
import { encodeBase64, quoteJson } from './json-string.js';

export interface JsonWriterOptions {
  readonly decimalFormat: DecimalFormat;
  readonly replaceNullWithDefault: boolean;
  readonly numbers: JavaNumberFormat;
  readonly schemaCacheSize: number;
}

/** JsonSchema's type names: float32 and float64 are "float" and "double" on the wire. */
const JSON_TYPE_NAMES: Readonly<Record<Schema['type'], string>> = {
  boolean: 'boolean',
  int8: 'int8',
  int16: 'int16',
  int32: 'int32',
  int64: 'int64',
  float32: 'float',
  float64: 'double',
  bytes: 'bytes',
  string: 'string',
  array: 'array',
  map: 'map',
  struct: 'struct',
};

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Per struct schema, the `"name":` prefixes of its fields, so field names are escaped once. */
const fieldPrefixes = new WeakMap<Schema, string[]>();

function prefixesOf(schema: Schema): string[] {
  let prefixes = fieldPrefixes.get(schema);
  if (!prefixes) {
    prefixes = (schema.fields ?? []).map((f, i) => `${i === 0 ? '' : ','}${quoteJson(f.name)}:`);
    fieldPrefixes.set(schema, prefixes);
  }
  return prefixes;
}

function invalidType(schema: Schema, value: unknown): DataError {
  return new DataError(`Invalid type for ${schema.type.toUpperCase()}: ${javaClassOf(value)}`);
}

export class JsonWriter {
  private readonly schemaCache: LruCache<Schema, string>;
  /** Struct schemas found equal to the record's schema (Kafka compares with equals on every record). */
  private readonly equalSchemas = new WeakMap<Schema, WeakSet<Schema>>();

  constructor(private readonly options: JsonWriterOptions) {
    this.schemaCache = new LruCache(options.schemaCacheSize);
  }

  /** `{"schema":…,"payload":…}`, the schema written first as Kafka does (its errors win). */
  envelope(schema: Schema | null, value: unknown): string {
    const schemaJson = schema ? this.schema(schema) : 'null';
    return `{"schema":${schemaJson},"payload":${this.value(schema, value) ?? 'null'}}`;
  }

  /** Kafka's asJsonSchema. */
  schema(schema: Schema): string {
    const cached = this.schemaCache.get(schema);
    if (cached !== undefined) return cached;
    let json = `{"type":"${JSON_TYPE_NAMES[schema.type]}"`;
    if (schema.type === 'array') json += `,"items":${this.schema(schema.valueSchema as Schema)}`;
    else if (schema.type === 'map') json += `,"keys":${this.schema(schema.keySchema as Schema)},"values":${this.schema(schema.valueSchema as Schema)}`;
    else if (schema.type === 'struct') {
      const fields = (schema.fields ?? []).map((f) => `${this.schema(f.schema).slice(0, -1)},"field":${quoteJson(f.name)}}`);
      json += `,"fields":[${fields.join(',')}]`;
    }
    json += `,"optional":${schema.optional}`;
    if (schema.name !== null) json += `,"name":${quoteJson(schema.name)}`;
    if (schema.version !== null) json += `,"version":${schema.version}`;
    if (schema.doc !== null) json += `,"doc":${quoteJson(schema.doc)}`;
    if (schema.parameters !== null) {
      const params = Object.entries(schema.parameters).map(([k, v]) => `${quoteJson(k)}:${quoteJson(v)}`);
      json += `,"parameters":{${params.join(',')}}`;
    }
    if (schema.defaultValue !== null && schema.defaultValue !== undefined) json += `,"default":${this.value(schema, schema.defaultValue)}`;
    json += '}';
    this.schemaCache.set(schema, json);
    return json;
  }

  /**
   * Kafka's convertToJson. Returns undefined where Kafka returns a Java null (no schema and no value),
   * which Jackson writes as `null` inside containers.
   */
  value(schema: Schema | null, value: unknown): string | undefined {
    if (value === null || value === undefined) {
      if (!schema) return undefined;
      if (schema.defaultValue !== null && schema.defaultValue !== undefined && this.options.replaceNullWithDefault) return this.value(schema, schema.defaultValue);
      if (schema.optional) return 'null';
      throw new DataError('Conversion error: null value for field that is required and has no default value');
    }
    if (!schema) return this.schemaless(value);
    if (schema.name !== null) {
      const logical = this.logical(schema, value);
      if (logical !== undefined) return logical;
    }
    switch (schema.type) {
      case 'int8':
      case 'int16':
      case 'int32':
        if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidType(schema, value);
        return String(value);
      case 'int64':
        return this.int64(schema, value);
      case 'float32':
        if (typeof value !== 'number') throw invalidType(schema, value);
        return this.floating(this.options.numbers.float(value));
      case 'float64':
        if (typeof value !== 'number') throw invalidType(schema, value);
        return this.floating(this.options.numbers.double(value));
      case 'boolean':
        if (typeof value !== 'boolean') throw invalidType(schema, value);
        return value ? 'true' : 'false';
      case 'string':
        if (typeof value !== 'string') throw invalidType(schema, value);
        return quoteJson(value);
      case 'bytes':
        if (!(value instanceof Uint8Array)) throw new DataError(`Invalid type for bytes type: ${javaClassOf(value)}`);
        return `"${encodeBase64(value)}"`;
      case 'array':
        if (!Array.isArray(value)) throw invalidType(schema, value);
        return this.array(schema.valueSchema, value);
      case 'map':
        if (!(value instanceof Map)) throw invalidType(schema, value);
        return this.map(schema, value);
      case 'struct':
        return this.struct(schema, value);
    }
  }

  private logical(schema: Schema, value: unknown): string | undefined {
    switch (schema.name) {
      case Decimal.LOGICAL_NAME:
        if (!(value instanceof BigDecimal)) throw new DataError(`Invalid type for Decimal, expected BigDecimal but was ${javaClassOf(value)}`);
        return this.options.decimalFormat === 'NUMERIC' ? value.toString() : `"${encodeBase64(Decimal.fromLogical(schema, value))}"`;
      case DateLogical.LOGICAL_NAME:
        if (!(value instanceof Date)) throw new DataError(`Invalid type for Date, expected Date but was ${javaClassOf(value)}`);
        return String(DateLogical.fromLogical(schema, value));
      case TimeLogical.LOGICAL_NAME:
        if (!(value instanceof Date)) throw new DataError(`Invalid type for Time, expected Date but was ${javaClassOf(value)}`);
        return String(timeFromLogical(value));
      case TimestampLogical.LOGICAL_NAME:
        if (!(value instanceof Date)) throw new DataError(`Invalid type for Timestamp, expected Date but was ${javaClassOf(value)}`);
        return String(TimestampLogical.fromLogical(schema, value));
      default:
        return undefined;
    }
  }

  private int64(schema: Schema | null, value: unknown): string {
    if (typeof value === 'bigint') {
      if (value < INT64_MIN || value > INT64_MAX) throw new DataError(`Invalid value for INT64: ${value} is out of range`);
      return value.toString();
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) throw schema ? invalidType(schema, value) : new DataError(`Invalid type for INT64: ${javaClassOf(value)}`);
    return longToString(value);
  }

  /** Jackson writes NaN and the infinities as strings (QUOTE_NON_NUMERIC_NUMBERS). */
  private floating(text: string): string {
    return text.charCodeAt(text.length - 1) === 121 || text === 'NaN' ? `"${text}"` : text;
  }

  private array(elementSchema: Schema | null, values: readonly unknown[]): string {
    let json = '[';
    for (let i = 0; i < values.length; i++) {
      if (i > 0) json += ',';
      json += this.value(elementSchema, values[i]) ?? 'null';
    }
    return `${json}]`;
  }

  /** String-keyed maps are JSON objects; any other key type gives an array of [key, value] pairs. */
  private map(schema: Schema | null, map: ReadonlyMap<unknown, unknown>): string {
    const keySchema = schema ? schema.keySchema : null;
    const valueSchema = schema ? schema.valueSchema : null;
    let objectMode: boolean;
    if (keySchema) objectMode = keySchema.type === 'string';
    else {
      objectMode = true;
      for (const key of map.keys()) {
        if (typeof key !== 'string') {
          objectMode = false;
          break;
        }
      }
    }
    let json = objectMode ? '{' : '[';
    let first = true;
    for (const [key, value] of map) {
      if (!first) json += ',';
      first = false;
      // The key is converted before the value, as in Kafka, so its errors come first.
      const keyJson = objectMode ? quoteJson(this.objectKey(keySchema, key)) : (this.value(keySchema, key) ?? 'null');
      const valueJson = this.value(valueSchema, value) ?? 'null';
      json += objectMode ? `${keyJson}:${valueJson}` : `[${keyJson},${valueJson}]`;
    }
    return json + (objectMode ? '}' : ']');
  }

  /** A key's text in object mode: Kafka takes asText() of the converted key (a null key becomes "null"). */
  private objectKey(keySchema: Schema | null, key: unknown): string {
    if (typeof key === 'string') return key;
    if ((key === null || key === undefined) && keySchema) {
      const fallback = keySchema.defaultValue;
      if (fallback !== null && fallback !== undefined && this.options.replaceNullWithDefault) return this.objectKey(keySchema, fallback);
      this.value(keySchema, key);
      return 'null';
    }
    // Only a string key schema gets here with a key, and a non-string value fails its type check.
    this.value(keySchema, key);
    return String(key);
  }

  private struct(schema: Schema, value: unknown): string {
    if (!(value instanceof Struct)) throw invalidType(schema, value);
    if (value.schema !== schema && !this.sameSchema(value.schema, schema)) throw new DataError('Mismatching schema.');
    const fields = schema.fields ?? [];
    const prefixes = prefixesOf(schema);
    let json = '{';
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as (typeof fields)[number];
      json += `${prefixes[i] as string}${this.value(field.schema, value.getWithoutDefault(field)) ?? 'null'}`;
    }
    return `${json}}`;
  }

  private sameSchema(actual: Schema, expected: Schema): boolean {
    const known = this.equalSchemas.get(expected);
    if (known?.has(actual)) return true;
    if (!schemaEquals(actual, expected)) return false;
    if (known) known.add(actual);
    else this.equalSchemas.set(expected, new WeakSet([actual]));
    return true;
  }

  /**
   * Without a schema Kafka picks the type from the Java class. A JS number is a Long when it is a safe
   * integer and a Double otherwise; a bigint is a Long.
   */
  private schemaless(value: unknown): string | undefined {
    switch (typeof value) {
      case 'string':
        return quoteJson(value);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'bigint':
        return this.int64(null, value);
      case 'number':
        // Past 2^53 an int64 is a bigint in the data model, so a number there is taken for a double.
        return Number.isSafeInteger(value) ? String(value) : this.floating(this.options.numbers.double(value));
    }
    if (value instanceof Uint8Array) return `"${encodeBase64(value)}"`;
    if (Array.isArray(value)) return this.array(null, value);
    if (value instanceof Map) return this.map(null, value);
    if (value instanceof Struct) throw new DataError('Mismatching schema.');
    throw new DataError(`Java class ${javaClassOf(value)} does not have corresponding schema type.`);
  }
}
