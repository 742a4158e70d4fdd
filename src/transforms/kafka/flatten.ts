/**
 * Kafka's Flatten SMT: lifts the fields of nested Structs (schemaful) or Maps (schemaless) to the top level,
 * naming them `parent<delimiter>child`. Arrays and primitives are kept as they are; a field under an optional
 * parent becomes optional and takes its default from the parent's default. Maps inside Structs are rejected,
 * as in Kafka. Null keys/values pass through unchanged.
 */
import { SchemaBuilder, fieldsOf, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import type { ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { KAFKA_VERSION, SchemaCache, keyValuePlugins, operatingSchema, operatingValue, requireMap, requireStruct, withSide, type Side } from '../util.js';
import { inferSchemaType, javaClassName } from './mask-field.js';
import { copySchemaBasics, keyValueOverview } from './insert-field.js';

const CLASS_NAME = 'org.apache.kafka.connect.transforms.Flatten';
const PURPOSE = 'flattening';

export const FLATTEN_CONFIG = ConfigSpec.empty().define({
  name: 'delimiter',
  type: 'STRING',
  default: '.',
  importance: 'MEDIUM',
  doc: 'Delimiter to insert between field names from the input record when generating field names for the output record',
});

/** Types copied as they are; structs (and, schemaless, maps) are flattened; anything else is rejected. */
const KEPT_TYPES = new Set(['int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'boolean', 'string', 'bytes', 'array']);

function unsupportedWithSchema(type: string, fieldName: string): DataError {
  return new DataError(`Flatten transformation does not support ${type.toUpperCase()} for record with schemas (for field ${fieldName}).`);
}

/** The flattened copy of a leaf field's schema: its basics, optional under an optional parent, parent's default. */
function flattenedFieldSchema(original: Schema, optional: boolean, defaultValue: unknown): Schema {
  const base = original.type === 'array' ? SchemaBuilder.array(original.valueSchema as Schema) : SchemaBuilder.type(original.type);
  const builder = copySchemaBasics(original, base);
  if (optional) builder.optional();
  if (defaultValue !== null && defaultValue !== undefined) builder.defaultValue(defaultValue);
  return builder.build();
}

export class Flatten implements Transformation {
  private delimiter: string | null = null;
  private schemaCache = new SchemaCache();

  constructor(private readonly side: Side) {}

  configure(config: Readonly<Record<string, string>>): void {
    this.delimiter = FLATTEN_CONFIG.parse(config).delimiter;
    this.schemaCache = new SchemaCache();
  }

  apply(record: ConnectRecord): ConnectRecord {
    const value = operatingValue(record, this.side);
    if (value === null || value === undefined) return record;
    if (operatingSchema(record, this.side) === null) {
      const flattened = new Map<unknown, unknown>();
      this.flattenMap(requireMap(value, PURPOSE), '', flattened);
      return withSide(record, this.side, null, flattened);
    }
    const struct = requireStruct(value, PURPOSE);
    const updatedSchema = this.schemaCache.getOrCreate(struct.schema, (schema) => {
      const builder = copySchemaBasics(schema, SchemaBuilder.struct());
      this.flattenSchema(schema, '', builder, schema.optional, schema.defaultValue instanceof Struct ? schema.defaultValue : null);
      return builder.build();
    });
    const updated = new Struct(updatedSchema);
    this.flattenStruct(struct, '', updated);
    return withSide(record, this.side, updatedSchema, updated);
  }

  private fieldName(prefix: string, name: unknown): unknown {
    if (this.delimiter === null) throw new DataError('Flatten used before configure()');
    return prefix === '' ? name : `${prefix}${this.delimiter}${String(name)}`;
  }

  private flattenMap(original: Map<unknown, unknown>, prefix: string, flattened: Map<unknown, unknown>): void {
    for (const [key, value] of original) {
      const name = this.fieldName(prefix, key);
      if (value === null || value === undefined) {
        flattened.set(name, null);
        continue;
      }
      const type = inferSchemaType(value);
      if (type === null) {
        throw new DataError(`Flatten transformation was passed a value of type class ${javaClassName(value)} which is not supported by Connect's data API`);
      }
      if (KEPT_TYPES.has(type)) flattened.set(name, value);
      else if (type === 'map') this.flattenMap(requireMap(value, PURPOSE), String(name), flattened);
      else {
        throw new DataError(`Flatten transformation does not support class ${javaClassName(value)} for record without schemas (for field ${String(name)}).`);
      }
    }
  }

  private flattenSchema(schema: Schema, prefix: string, builder: SchemaBuilder, optional: boolean, parentDefault: Struct | null): void {
    for (const field of fieldsOf(schema)) {
      const name = String(this.fieldName(prefix, field.name));
      const fieldOptional = optional || field.schema.optional;
      const own = field.schema.defaultValue;
      const defaultValue = own !== null && own !== undefined ? own : parentDefault ? parentDefault.get(field) : null;
      if (KEPT_TYPES.has(field.schema.type)) builder.field(name, flattenedFieldSchema(field.schema, fieldOptional, defaultValue));
      else if (field.schema.type === 'struct') this.flattenSchema(field.schema, name, builder, fieldOptional, defaultValue instanceof Struct ? defaultValue : null);
      else throw unsupportedWithSchema(field.schema.type, name);
    }
  }

  private flattenStruct(struct: Struct | null, prefix: string, flattened: Struct): void {
    if (struct === null) return;
    for (const field of fieldsOf(struct.schema)) {
      const name = String(this.fieldName(prefix, field.name));
      if (KEPT_TYPES.has(field.schema.type)) flattened.put(name, struct.get(field));
      // Kafka reads nested structs without their defaults (Struct.getStruct).
      else if (field.schema.type === 'struct') this.flattenStruct(struct.getWithoutDefault(field) as Struct | null, name, flattened);
      else throw unsupportedWithSchema(field.schema.type, name);
    }
  }

  close(): void {
    this.schemaCache = new SchemaCache();
  }
}

export const FLATTEN_PLUGINS: readonly TransformationPlugin[] = keyValuePlugins({
  className: CLASS_NAME,
  version: KAFKA_VERSION,
  doc: keyValueOverview(
    'Flatten a nested data structure, generating names for each field by concatenating the field names at each level ' +
      "with a configurable delimiter character. Applies to Struct when schema present, or a Map in the case of schemaless data. The default delimiter is '.'.",
    CLASS_NAME,
  ),
  config: FLATTEN_CONFIG,
  create: (side) => new Flatten(side),
});
