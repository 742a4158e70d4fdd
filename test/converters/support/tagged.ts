/**
 * The tagged form in which test cases travel to the Kafka oracle and Kafka's results come back (see
 * JsonConverterOracle.java): `encode*` turns Tidewater schemas and values into it, `describe*` turns
 * what Tidewater read back into it, so both sides can be compared as plain JSON.
 */
import { BigDecimal } from '../../../src/api/data/big-decimal.js';
import { schemaEquals, type Schema } from '../../../src/api/data/schema.js';
import { Struct } from '../../../src/api/data/struct.js';
import type { SchemaAndValue } from '../../../src/api/converter.js';

export type Tagged = null | { [tag: string]: unknown };

const NUMERIC = new Set(['int8', 'int16', 'int32', 'int64', 'float32', 'float64']);

const view = new DataView(new ArrayBuffer(8));

export function float64Bits(value: number): string {
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

export function float32Bits(value: number): string {
  view.setFloat32(0, value);
  return view.getUint32(0).toString(16).padStart(8, '0');
}

export function encodeSchema(schema: Schema | null): Tagged {
  if (!schema) return null;
  const out: Record<string, unknown> = { type: schema.type, optional: schema.optional };
  if (schema.name !== null) out.name = schema.name;
  if (schema.version !== null) out.version = schema.version;
  if (schema.doc !== null) out.doc = schema.doc;
  if (schema.parameters !== null) out.parameters = Object.entries(schema.parameters);
  if (schema.defaultValue !== null && schema.defaultValue !== undefined) out.default = encodeValue(schema, schema.defaultValue);
  if (schema.type === 'struct') out.fields = (schema.fields ?? []).map((f) => ({ name: f.name, schema: encodeSchema(f.schema) }));
  if (schema.type === 'map') {
    out.keys = encodeSchema(schema.keySchema);
    out.values = encodeSchema(schema.valueSchema);
  }
  if (schema.type === 'array') out.items = encodeSchema(schema.valueSchema);
  return out;
}

/** Values to send: typed by the schema, or by JavaScript type without one (integers as Long, others Double). */
export function encodeValue(schema: Schema | null, value: unknown): Tagged {
  if (value === null || value === undefined) return null;
  if (value instanceof BigDecimal) return { decimal: { unscaled: value.unscaled.toString(), scale: value.scale } };
  if (value instanceof Date) return { date: String(value.getTime()) };
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('base64') };
  if (value instanceof Struct) {
    const entries = (value.schema.fields ?? [])
      .filter((f) => value.getWithoutDefault(f) !== null)
      .map((f) => [f.name, encodeValue(f.schema, value.getWithoutDefault(f))]);
    // A struct built on another schema than the one it is written with carries its own.
    return schema && schemaEquals(schema, value.schema) ? { struct: entries } : { struct: entries, schema: encodeSchema(value.schema) };
  }
  if (Array.isArray(value)) return { array: value.map((v) => encodeValue(schema?.valueSchema ?? null, v)) };
  if (value instanceof Map) {
    return { map: [...value].map(([k, v]) => [encodeValue(schema?.keySchema ?? null, k), encodeValue(schema?.valueSchema ?? null, v)]) };
  }
  if (typeof value === 'string') return { string: value };
  if (typeof value === 'boolean') return { boolean: value };
  if (typeof value === 'bigint') return { [schema?.type ?? 'int64']: value.toString() };
  if (typeof value === 'number') {
    const type = schema && NUMERIC.has(schema.type) ? schema.type : Number.isSafeInteger(value) ? (schema ? 'int32' : 'int64') : 'float64';
    if (type === 'float64') return { float64: float64Bits(value) };
    if (type === 'float32') return { float32: float32Bits(value) };
    return { [type]: Number.isSafeInteger(value) ? String(value) : BigInt(value).toString() };
  }
  throw new Error(`cannot encode ${String(value)}`);
}

export function describeRead(read: SchemaAndValue): { schema: Tagged; value: Tagged } {
  return { schema: encodeSchema(read.schema), value: describeValue(read.schema, read.value) };
}

/** Mirrors the oracle's describeValue, including how it blurs schemaless numbers (1.0 reads as 1). */
export function describeValue(schema: Schema | null, value: unknown): Tagged {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (!schema) {
      if (typeof value === 'bigint' || Number.isSafeInteger(value)) return { number: String(value) };
      return { float64: float64Bits(value) };
    }
    // Like the oracle, an integer under a non-numeric schema (Kafka's merged list schemas allow that) is tagged by the schema.
    if (!NUMERIC.has(schema.type) && (typeof value === 'bigint' || Number.isInteger(value))) return { [schema.type]: String(value) };
    return encodeValue(schema, value);
  }
  if (value instanceof Struct) {
    return { struct: (value.schema.fields ?? []).map((f) => [f.name, describeValue(f.schema, value.getWithoutDefault(f))]) };
  }
  if (Array.isArray(value)) return { array: value.map((v) => describeValue(schema?.valueSchema ?? null, v)) };
  if (value instanceof Map) {
    return { map: [...value].map(([k, v]) => [describeValue(schema?.keySchema ?? null, k), describeValue(schema?.valueSchema ?? null, v)]) };
  }
  return encodeValue(schema, value);
}

/** Maps come back from Kafka as HashMaps: order map entries so the comparison ignores iteration order. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, canonical(v)] as const);
    const out = Object.fromEntries(entries) as Record<string, unknown>;
    if (Array.isArray(out.map)) {
      out.map = [...(out.map as unknown[][])].sort((a, b) => (JSON.stringify(a[0]) < JSON.stringify(b[0]) ? -1 : JSON.stringify(a[0]) > JSON.stringify(b[0]) ? 1 : 0));
    }
    return out;
  }
  return value;
}
