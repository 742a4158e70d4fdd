/**
 * Shared pieces of the SMTs: the key/value side an SMT works on (Kafka's `$Key`/`$Value` variants), the
 * Struct/Map requirements with Kafka's error wording, and a cache for derived schemas.
 */
import type { Schema } from '../api/data/schema.js';
import { describeValueType } from '../api/data/schema.js';
import { Struct } from '../api/data/struct.js';
import { DataError } from '../api/errors.js';
import type { TransformationPlugin } from '../api/plugin.js';
import { withChanges, type ConnectRecord } from '../api/record.js';
import type { Transformation } from '../api/transformation.js';
import type { ConfigSpec } from '../config/spec.js';

export type Side = 'key' | 'value';

export function operatingSchema(record: ConnectRecord, side: Side): Schema | null {
  return side === 'key' ? record.keySchema : record.valueSchema;
}

export function operatingValue(record: ConnectRecord, side: Side): unknown {
  return side === 'key' ? record.key : record.value;
}

/** A copy of the record with the operating side replaced. */
export function withSide<R extends ConnectRecord>(record: R, side: Side, schema: Schema | null, value: unknown): R {
  return side === 'key' ? withChanges(record, { keySchema: schema, key: value }) : withChanges(record, { valueSchema: schema, value });
}

/** Kafka's Requirements.requireStruct. */
export function requireStruct(value: unknown, purpose: string): Struct {
  if (!(value instanceof Struct)) {
    throw new DataError(`Only Struct objects supported for [${purpose}], found: ${value === null || value === undefined ? 'null' : describeValueType(value)}`);
  }
  return value;
}

/** Kafka's Requirements.requireMap: schemaless values must be maps (a plain object is accepted as one). */
export function requireMap(value: unknown, purpose: string): Map<unknown, unknown> {
  if (value instanceof Map) return value;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return new Map(Object.entries(value as Record<string, unknown>));
  }
  throw new DataError(
    `Only Map objects supported in absence of schema for [${purpose}], found: ${value === null || value === undefined ? 'null' : describeValueType(value)}`,
  );
}

export function requireStructOrNull(value: unknown, purpose: string): Struct | null {
  return value === null || value === undefined ? null : requireStruct(value, purpose);
}

export function requireMapOrNull(value: unknown, purpose: string): Map<unknown, unknown> | null {
  return value === null || value === undefined ? null : requireMap(value, purpose);
}

/** Kafka's SchemaUtil.copySchemaBasics via SchemaBuilder.from(schema, { fields: false }). */
export { SchemaBuilder } from '../api/data/schema.js';

/**
 * Remembers the schema an SMT derived from an input schema (Kafka's SynchronizedCache over an LRU), so a
 * stream of records with one schema builds the derived schema once.
 */
export class SchemaCache {
  private readonly cache = new WeakMap<Schema, Schema>();

  get(schema: Schema): Schema | undefined {
    return this.cache.get(schema);
  }

  getOrCreate(schema: Schema, create: (schema: Schema) => Schema): Schema {
    let derived = this.cache.get(schema);
    if (!derived) {
      derived = create(schema);
      this.cache.set(schema, derived);
    }
    return derived;
  }
}

/**
 * The `$Key` and `$Value` plugins of one SMT: `className` is the outer Java class name, e.g.
 * `org.apache.kafka.connect.transforms.InsertField`, giving `…InsertField$Key` and `…InsertField$Value`.
 */
export function keyValuePlugins(options: {
  className: string;
  version: string;
  doc: string;
  config: ConfigSpec<Record<string, unknown>>;
  create: (side: Side) => Transformation;
}): [TransformationPlugin, TransformationPlugin] {
  const plugin = (side: Side, suffix: string): TransformationPlugin => ({
    kind: 'transformation',
    className: `${options.className}$${suffix}`,
    version: options.version,
    doc: options.doc,
    config: options.config,
    create: () => options.create(side),
  });
  return [plugin('key', 'Key'), plugin('value', 'Value')];
}

/** Kafka's version for the built-in SMTs it mirrors. */
export const KAFKA_VERSION = '3.9.1';
