/**
 * Parsed JSON to Connect schemas and values, as Kafka 3.9's JsonConverter does (asConnectSchema,
 * convertToConnect), including Jackson's lenient accessors: a value of the wrong JSON type reads as
 * 0, false or null instead of failing (`intValue()` of a string is 0), numbers are truncated to the
 * field's width like Java casts, and an array schema reads the values of an object.
 */
import { BigDecimal } from '../../api/data/big-decimal.js';
import { Decimal, DateLogical, TimeLogical, TimestampLogical } from '../../api/data/logical.js';
import { SchemaBuilder, type Schema, type SchemaType } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import { decimalTextToFloat } from '../java/number-format.js';
import { LruCache } from '../lru-cache.js';
import { timeToLogical } from '../time-logical.js';
import { JsonDecimal, type JsonObject, type JsonValue } from './json-parser.js';
import { decodeBase64Strict } from './json-string.js';

type Node = JsonValue | undefined;

/** Jackson's JsonNodeType names, used in Kafka's messages. */
function nodeType(node: Node): string {
  if (node === undefined) return 'MISSING';
  if (node === null) return 'NULL';
  switch (typeof node) {
    case 'boolean':
      return 'BOOLEAN';
    case 'string':
      return 'STRING';
    case 'number':
    case 'bigint':
      return 'NUMBER';
  }
  if (node instanceof JsonDecimal) return 'NUMBER';
  return Array.isArray(node) ? 'ARRAY' : 'OBJECT';
}

const isObject = (node: Node): node is JsonObject => node instanceof Map;
const isNumber = (node: Node) => typeof node === 'number' || typeof node === 'bigint' || node instanceof JsonDecimal;
/** Jackson's isInt(): an integer that fits an int (an IntNode). */
const isInt = (node: Node) => typeof node === 'number' && node >= -2147483648 && node <= 2147483647;
const isIntegral = (node: Node) => typeof node === 'number' || typeof node === 'bigint';

/** The integer part of a number node (Java's BigDecimal.toBigInteger for decimals), or 0 for others. */
function integerPart(node: Node): bigint {
  if (typeof node === 'number') return BigInt(node);
  if (typeof node === 'bigint') return node;
  if (node instanceof JsonDecimal) {
    const decimal = BigDecimal.parse(node.text);
    return decimal.scale <= 0 ? decimal.unscaled * 10n ** BigInt(-decimal.scale) : decimal.unscaled / 10n ** BigInt(decimal.scale);
  }
  return 0n;
}

function intValue(node: Node): number {
  if (typeof node === 'number') return node | 0;
  return Number(BigInt.asIntN(32, integerPart(node)));
}

function longValue(node: Node): number | bigint {
  if (typeof node === 'number') return node;
  const long = BigInt.asIntN(64, integerPart(node));
  return long >= -9007199254740991n && long <= 9007199254740991n ? Number(long) : long;
}

/** BigDecimal has no negative zero, so a parsed "-0.0" reads as 0.0, as in Kafka. */
function doubleValue(node: Node): number {
  if (typeof node === 'number') return node;
  if (typeof node === 'bigint') return Number(node);
  if (node instanceof JsonDecimal) return Number(node.text) || 0;
  return 0;
}

function floatValue(node: Node): number {
  if (typeof node === 'number') return Math.fround(node);
  if (typeof node === 'bigint') return decimalTextToFloat(node.toString());
  if (node instanceof JsonDecimal) return decimalTextToFloat(node.text) || 0;
  return 0;
}

function decimalValue(node: Node): BigDecimal {
  if (node instanceof JsonDecimal) return BigDecimal.parse(node.text);
  return new BigDecimal(integerPart(node), 0);
}

/** Values of an array node; an object iterates over its values; anything else over nothing (Jackson). */
function elementsOf(node: Node): readonly JsonValue[] {
  if (Array.isArray(node)) return node;
  if (isObject(node)) return [...node.values()];
  return [];
}

const BUILDERS: Readonly<Record<string, () => SchemaBuilder>> = {
  boolean: SchemaBuilder.bool,
  int8: SchemaBuilder.int8,
  int16: SchemaBuilder.int16,
  int32: SchemaBuilder.int32,
  int64: SchemaBuilder.int64,
  float: SchemaBuilder.float32,
  double: SchemaBuilder.float64,
  bytes: SchemaBuilder.bytes,
  string: SchemaBuilder.string,
};

export class JsonReader {
  private readonly schemaCache: LruCache<string, Schema | null>;
  private lastSchemaText: string | undefined;
  private lastSchema: Schema | null = null;

  constructor(
    private readonly replaceNullWithDefault: boolean,
    schemaCacheSize: number,
  ) {
    this.schemaCache = new LruCache(schemaCacheSize);
  }

  /** Kafka's asConnectSchema. */
  schema(node: Node): Schema | null {
    return node === null ? null : this.buildSchema(node);
  }

  /**
   * The schema of an envelope, cached by its source text (Kafka caches by JSON tree, which only costs
   * more); `node` builds the tree on a miss.
   */
  cachedSchema(text: string, node: () => Node): Schema | null {
    // Records in a row mostly share their schema; comparing texts is cheaper than hashing one.
    if (text === this.lastSchemaText) return this.lastSchema;
    let schema = this.schemaCache.get(text);
    if (schema === undefined) {
      schema = this.schema(node());
      this.schemaCache.set(text, schema);
    }
    this.lastSchemaText = text;
    this.lastSchema = schema;
    return schema;
  }

  private buildSchema(node: Node): Schema {
    const get = (key: string): Node => (isObject(node) ? node.get(key) : undefined);
    const typeNode = get('type');
    if (typeof typeNode !== 'string') throw new DataError("Schema must contain 'type' field");
    let builder: SchemaBuilder;
    switch (typeNode) {
      case 'array': {
        const items = get('items');
        if (items === undefined || items === null) throw new DataError('Array schema did not specify the element type');
        builder = SchemaBuilder.array(this.schema(items) as Schema);
        break;
      }
      case 'map': {
        const keys = get('keys');
        if (keys === undefined) throw new DataError('Map schema did not specify the key type');
        const values = get('values');
        if (values === undefined) throw new DataError('Map schema did not specify the value type');
        const keySchema = this.schema(keys);
        const valueSchema = this.schema(values);
        if (!keySchema) throw new DataError('keySchema cannot be null.');
        if (!valueSchema) throw new DataError('valueSchema cannot be null.');
        builder = SchemaBuilder.map(keySchema, valueSchema);
        break;
      }
      case 'struct': {
        builder = SchemaBuilder.struct();
        const fields = get('fields');
        if (!Array.isArray(fields)) throw new DataError('Struct schema\'s "fields" argument is not an array.');
        for (const field of fields) {
          const name = isObject(field) ? field.get('field') : undefined;
          if (typeof name !== 'string') throw new DataError("Struct schema's field name not specified properly");
          builder.field(name, this.schema(field) as Schema);
        }
        break;
      }
      default: {
        const make = BUILDERS[typeNode];
        if (!make) throw new DataError(`Unknown schema type: ${typeNode}`);
        builder = make();
      }
    }
    if (get('optional') === true) builder.optional();
    else builder.required();
    const name = get('name');
    if (typeof name === 'string') builder.name(name);
    const version = get('version');
    if (isIntegral(version)) builder.version(intValue(version));
    const doc = get('doc');
    if (typeof doc === 'string') builder.doc(doc);
    const parameters = get('parameters');
    if (isObject(parameters)) {
      for (const [key, value] of parameters) {
        if (typeof value !== 'string') throw new DataError('Schema parameters must have string values.');
        builder.parameter(key, value);
      }
    }
    const defaultNode = get('default');
    // Kafka converts the default against the builder itself, which has no default yet.
    if (defaultNode !== undefined) builder.defaultValue(this.value(builder.build(), defaultNode));
    return builder.build();
  }

  /** Kafka's convertToConnect. */
  value(schema: Schema | null, node: Node): unknown {
    let type: SchemaType;
    if (schema) {
      if (node === undefined || node === null) {
        if (schema.defaultValue !== null && schema.defaultValue !== undefined && this.replaceNullWithDefault) return schema.defaultValue;
        if (schema.optional) return null;
        throw new DataError(`Invalid null value for required ${schema.type.toUpperCase()} field`);
      }
      type = schema.type;
      if (schema.name !== null) {
        const logical = this.logical(schema, node);
        if (logical !== undefined) return logical;
      }
    } else {
      if (node === undefined || node === null) return null;
      type = inferType(node);
    }
    switch (type) {
      case 'boolean':
        return typeof node === 'boolean' ? node : false;
      case 'int8':
        return (intValue(node) << 24) >> 24;
      case 'int16':
        return (intValue(node) << 16) >> 16;
      case 'int32':
        return intValue(node);
      case 'int64':
        return longValue(node);
      case 'float32':
        return floatValue(node);
      case 'float64':
        return doubleValue(node);
      case 'string':
        return typeof node === 'string' ? node : null;
      case 'bytes':
        return this.bytes(node);
      case 'array': {
        const elementSchema = schema ? schema.valueSchema : null;
        return elementsOf(node).map((element) => this.value(elementSchema, element));
      }
      case 'map':
        return this.map(schema, node);
      case 'struct':
        return this.struct(schema as Schema, node);
    }
  }

  private bytes(node: Node): Uint8Array | null {
    if (typeof node !== 'string') return null;
    try {
      return decodeBase64Strict(node);
    } catch (err) {
      throw new DataError('Invalid bytes field', { cause: err });
    }
  }

  private map(schema: Schema | null, node: Node): Map<unknown, unknown> {
    const keySchema = schema ? schema.keySchema : null;
    const valueSchema = schema ? schema.valueSchema : null;
    const result = new Map<unknown, unknown>();
    if (!schema || (keySchema as Schema).type === 'string') {
      if (!isObject(node)) throw new DataError(`Maps with string fields should be encoded as JSON objects, but found ${nodeType(node)}`);
      for (const [key, value] of node) result.set(key, this.value(valueSchema, value));
      return result;
    }
    if (!Array.isArray(node)) throw new DataError(`Maps with non-string fields should be encoded as JSON array of tuples, but found ${nodeType(node)}`);
    for (const entry of node) {
      if (!Array.isArray(entry)) throw new DataError(`Found invalid map entry instead of array tuple: ${nodeType(entry)}`);
      if (entry.length !== 2) throw new DataError(`Found invalid map entry, expected length 2 but found :${entry.length}`);
      result.set(this.value(keySchema, entry[0]), this.value(valueSchema, entry[1]));
    }
    return result;
  }

  private struct(schema: Schema, node: Node): Struct {
    if (!isObject(node)) throw new DataError(`Structs should be encoded as JSON objects, but found ${nodeType(node)}`);
    const struct = new Struct(schema);
    for (const field of schema.fields ?? []) {
      const value = this.value(field.schema, node.get(field.name));
      // Kafka's Struct.put validates every value. Scalars and structs built here are valid by construction,
      // so only nulls (a lenient accessor's result) and containers (which may hold such nulls) are checked.
      if (value === null || Array.isArray(value) || value instanceof Map) struct.put(field, value);
      else struct.putUnchecked(field.index, value);
    }
    return struct;
  }

  private logical(schema: Schema, node: Node): unknown {
    switch (schema.name) {
      case Decimal.LOGICAL_NAME:
        if (isNumber(node)) return decimalValue(node);
        if (typeof node === 'string') {
          try {
            return Decimal.toLogical(schema, decodeBase64Strict(node));
          } catch (err) {
            throw new DataError('Invalid bytes for Decimal field', { cause: err });
          }
        }
        throw new DataError(`Invalid type for Decimal, underlying representation should be numeric or bytes but was ${nodeType(node)}`);
      case DateLogical.LOGICAL_NAME:
        if (!isInt(node)) throw new DataError(`Invalid type for Date, underlying representation should be integer but was ${nodeType(node)}`);
        return DateLogical.toLogical(schema, node as number);
      case TimeLogical.LOGICAL_NAME:
        if (!isInt(node)) throw new DataError(`Invalid type for Time, underlying representation should be integer but was ${nodeType(node)}`);
        return timeToLogical(node as number);
      case TimestampLogical.LOGICAL_NAME:
        if (!isIntegral(node)) throw new DataError(`Invalid type for Timestamp, underlying representation should be integral but was ${nodeType(node)}`);
        return TimestampLogical.toLogical(schema, longValue(node));
      default:
        return undefined;
    }
  }
}

/** Without a schema: objects are maps, integers int64, other numbers float64 (Kafka's inference). */
function inferType(node: JsonValue): SchemaType {
  switch (typeof node) {
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'int64';
  }
  if (node instanceof JsonDecimal) return 'float64';
  return Array.isArray(node) ? 'array' : 'map';
}
