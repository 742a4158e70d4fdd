import { DataError } from '../errors.js';

/** The Connect data model's types (Kafka's Schema.Type), in their lower-case JSON spelling. */
export type SchemaType =
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'float32'
  | 'float64'
  | 'boolean'
  | 'string'
  | 'bytes'
  | 'array'
  | 'map'
  | 'struct';

export const PRIMITIVE_TYPES: readonly SchemaType[] = [
  'int8',
  'int16',
  'int32',
  'int64',
  'float32',
  'float64',
  'boolean',
  'string',
  'bytes',
];

export interface Field {
  readonly name: string;
  readonly index: number;
  readonly schema: Schema;
}

/**
 * An immutable Connect schema (Kafka's ConnectSchema). `fields` is set for structs, `keySchema` and
 * `valueSchema` for maps, `valueSchema` for arrays. Values are:
 * int8/int16/int32/float32/float64 → number; int64 → number or bigint (bigint beyond 2^53);
 * boolean → boolean; string → string; bytes → Uint8Array; array → unknown[]; map → Map; struct → Struct.
 * Logical types (Decimal, Date, Time, Timestamp) are named schemas over these; see logical.ts.
 */
export interface Schema {
  readonly type: SchemaType;
  readonly optional: boolean;
  readonly defaultValue: unknown;
  readonly name: string | null;
  readonly version: number | null;
  readonly doc: string | null;
  readonly parameters: Readonly<Record<string, string>> | null;
  readonly fields: readonly Field[] | null;
  readonly keySchema: Schema | null;
  readonly valueSchema: Schema | null;
}

/** Looks a struct field up by name (Kafka's Schema.field). */
export function fieldOf(schema: Schema, name: string): Field | undefined {
  if (schema.type !== 'struct') throw new DataError('Cannot look up fields on non-struct type');
  return schemaFieldIndex(schema).get(name);
}

export function fieldsOf(schema: Schema): readonly Field[] {
  if (schema.type !== 'struct' || !schema.fields) throw new DataError('Cannot list fields on non-struct type');
  return schema.fields;
}

const fieldIndexes = new WeakMap<Schema, Map<string, Field>>();

function schemaFieldIndex(schema: Schema): Map<string, Field> {
  let index = fieldIndexes.get(schema);
  if (!index) {
    index = new Map((schema.fields ?? []).map((f) => [f.name, f]));
    fieldIndexes.set(schema, index);
  }
  return index;
}

/**
 * Builds schemas fluently, like Kafka's SchemaBuilder:
 * `SchemaBuilder.struct().name('x.Value').field('id', Schemas.INT32).optional().build()`.
 */
export class SchemaBuilder {
  private isOptional = false;
  private defaultVal: unknown = null;
  private schemaName: string | null = null;
  private schemaVersion: number | null = null;
  private schemaDoc: string | null = null;
  private params: Record<string, string> | null = null;
  private readonly fieldList: Field[] = [];
  private readonly fieldNames = new Set<string>();

  private constructor(
    readonly type: SchemaType,
    private readonly key: Schema | null = null,
    private readonly value: Schema | null = null,
  ) {}

  static type(type: SchemaType): SchemaBuilder {
    if (type === 'array' || type === 'map') throw new DataError(`use SchemaBuilder.${type}() for ${type} schemas`);
    return new SchemaBuilder(type);
  }
  static int8(): SchemaBuilder {
    return new SchemaBuilder('int8');
  }
  static int16(): SchemaBuilder {
    return new SchemaBuilder('int16');
  }
  static int32(): SchemaBuilder {
    return new SchemaBuilder('int32');
  }
  static int64(): SchemaBuilder {
    return new SchemaBuilder('int64');
  }
  static float32(): SchemaBuilder {
    return new SchemaBuilder('float32');
  }
  static float64(): SchemaBuilder {
    return new SchemaBuilder('float64');
  }
  static bool(): SchemaBuilder {
    return new SchemaBuilder('boolean');
  }
  static string(): SchemaBuilder {
    return new SchemaBuilder('string');
  }
  static bytes(): SchemaBuilder {
    return new SchemaBuilder('bytes');
  }
  static struct(): SchemaBuilder {
    return new SchemaBuilder('struct');
  }
  static array(valueSchema: Schema): SchemaBuilder {
    return new SchemaBuilder('array', null, valueSchema);
  }
  static map(keySchema: Schema, valueSchema: Schema): SchemaBuilder {
    return new SchemaBuilder('map', keySchema, valueSchema);
  }

  /** A builder holding the basics (type, name, version, doc, parameters, optional, default) of `schema`. */
  static from(schema: Schema, options: { fields?: boolean } = {}): SchemaBuilder {
    const builder = new SchemaBuilder(schema.type, schema.keySchema, schema.valueSchema);
    builder.schemaName = schema.name;
    builder.schemaVersion = schema.version;
    builder.schemaDoc = schema.doc;
    builder.params = schema.parameters ? { ...schema.parameters } : null;
    if (options.fields !== false && schema.type === 'struct') {
      for (const f of schema.fields ?? []) builder.field(f.name, f.schema);
    }
    builder.isOptional = schema.optional;
    builder.defaultVal = schema.defaultValue;
    return builder;
  }

  optional(): this {
    this.isOptional = true;
    return this;
  }
  required(): this {
    this.isOptional = false;
    return this;
  }
  defaultValue(value: unknown): this {
    this.defaultVal = value;
    return this;
  }
  name(name: string | null): this {
    this.schemaName = name;
    return this;
  }
  version(version: number | null): this {
    this.schemaVersion = version;
    return this;
  }
  doc(doc: string | null): this {
    this.schemaDoc = doc;
    return this;
  }
  parameter(key: string, value: string): this {
    this.params = { ...(this.params ?? {}), [key]: value };
    return this;
  }
  parameters(params: Readonly<Record<string, string>> | null): this {
    this.params = params ? { ...(this.params ?? {}), ...params } : this.params;
    return this;
  }
  field(name: string, schema: Schema): this {
    if (this.type !== 'struct') throw new DataError('Cannot create fields on type ' + this.type);
    if (!name) throw new DataError('fieldName cannot be null.');
    if (this.fieldNames.has(name)) throw new DataError(`Cannot create field because of field name duplication ${name}`);
    this.fieldNames.add(name);
    this.fieldList.push({ name, index: this.fieldList.length, schema });
    return this;
  }
  get fields(): readonly Field[] {
    return this.fieldList;
  }

  build(): Schema {
    const schema: Schema = {
      type: this.type,
      optional: this.isOptional,
      defaultValue: this.defaultVal,
      name: this.schemaName,
      version: this.schemaVersion,
      doc: this.schemaDoc,
      parameters: this.params ? Object.freeze({ ...this.params }) : null,
      fields: this.type === 'struct' ? Object.freeze([...this.fieldList]) : null,
      keySchema: this.key,
      valueSchema: this.value,
    };
    if (schema.defaultValue !== null && schema.defaultValue !== undefined) validateValue(schema, schema.defaultValue);
    return Object.freeze(schema);
  }
}

function primitive(type: SchemaType, optional: boolean): Schema {
  const builder = SchemaBuilder.type(type);
  return (optional ? builder.optional() : builder).build();
}

/** The predefined primitive schemas (Kafka's Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA, …). */
export const Schemas = {
  INT8: primitive('int8', false),
  INT16: primitive('int16', false),
  INT32: primitive('int32', false),
  INT64: primitive('int64', false),
  FLOAT32: primitive('float32', false),
  FLOAT64: primitive('float64', false),
  BOOLEAN: primitive('boolean', false),
  STRING: primitive('string', false),
  BYTES: primitive('bytes', false),
  OPTIONAL_INT8: primitive('int8', true),
  OPTIONAL_INT16: primitive('int16', true),
  OPTIONAL_INT32: primitive('int32', true),
  OPTIONAL_INT64: primitive('int64', true),
  OPTIONAL_FLOAT32: primitive('float32', true),
  OPTIONAL_FLOAT64: primitive('float64', true),
  OPTIONAL_BOOLEAN: primitive('boolean', true),
  OPTIONAL_STRING: primitive('string', true),
  OPTIONAL_BYTES: primitive('bytes', true),
} as const;

/** Structural equality of schemas (Kafka's ConnectSchema.equals). */
export function schemaEquals(a: Schema | null, b: Schema | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (
    a.type !== b.type ||
    a.optional !== b.optional ||
    a.name !== b.name ||
    a.version !== b.version ||
    a.doc !== b.doc ||
    !shallowEqual(a.parameters, b.parameters) ||
    !valueEquals(a.defaultValue, b.defaultValue)
  ) {
    return false;
  }
  if (a.type === 'struct') {
    const fa = a.fields ?? [];
    const fb = b.fields ?? [];
    return fa.length === fb.length && fa.every((f, i) => f.name === fb[i]?.name && schemaEquals(f.schema, fb[i]?.schema ?? null));
  }
  return schemaEquals(a.keySchema, b.keySchema) && schemaEquals(a.valueSchema, b.valueSchema);
}

function shallowEqual(a: Readonly<Record<string, string>> | null, b: Readonly<Record<string, string>> | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Deep equality of Connect values (bytes by content, structs by schema and values, maps by entries). */
export function valueEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    return (typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number') && BigInt(a) === BigInt(b);
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => valueEquals(x, b[i]));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !valueEquals(v, b.get(k))) return false;
    return true;
  }
  if (typeof a === 'object' && typeof b === 'object' && 'equals' in a && typeof a.equals === 'function') {
    return (a as { equals(o: unknown): boolean }).equals(b);
  }
  return false;
}

/** A short description of a schema for error messages, e.g. `Schema{io.debezium.time.Date:INT32}`. */
export function describeSchema(schema: Schema): string {
  return schema.name ? `Schema{${schema.name}:${schema.type.toUpperCase()}}` : `Schema{${schema.type.toUpperCase()}}`;
}

type Validator = (schema: Schema, value: unknown) => void;
const validators: Map<string, Validator> = new Map();

/** Lets logical types (Decimal, Date, …) check their own values. */
export function registerLogicalValidator(name: string, validator: Validator): void {
  validators.set(name, validator);
}

/**
 * Checks that `value` conforms to `schema` (Kafka's ConnectSchema.validateValue), throwing DataError with
 * Kafka's wording when it does not. `field` names the struct field being checked, for the message.
 */
export function validateValue(schema: Schema, value: unknown, field?: string): void {
  if (value === null || value === undefined) {
    if (!schema.optional) {
      const where = field ? `field: "${field}"` : 'value';
      throw new DataError(`Invalid value: null used for required ${where}, schema type: ${schema.type.toUpperCase()}`);
    }
    return;
  }
  const logical = schema.name ? validators.get(schema.name) : undefined;
  if (logical) return logical(schema, value);
  const fail = (): never => {
    const where = field ? ` for field: "${field}"` : '';
    throw new DataError(
      `Invalid Java object for schema ${describeSchema(schema)} with type ${schema.type.toUpperCase()}: ${describeValueType(value)}${where}`,
    );
  };
  switch (schema.type) {
    case 'int8':
    case 'int16':
    case 'int32':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail();
      return;
    case 'int64':
      if (typeof value === 'bigint') return;
      if (typeof value !== 'number' || !Number.isInteger(value)) fail();
      return;
    case 'float32':
    case 'float64':
      if (typeof value !== 'number') fail();
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail();
      return;
    case 'string':
      if (typeof value !== 'string') fail();
      return;
    case 'bytes':
      if (!(value instanceof Uint8Array)) fail();
      return;
    case 'array':
      if (!Array.isArray(value)) fail();
      for (const element of value as unknown[]) validateValue(schema.valueSchema as Schema, element);
      return;
    case 'map':
      if (!(value instanceof Map)) fail();
      for (const [k, v] of value as Map<unknown, unknown>) {
        validateValue(schema.keySchema as Schema, k);
        validateValue(schema.valueSchema as Schema, v);
      }
      return;
    case 'struct': {
      const struct = value as { schema?: Schema; validate?: () => void };
      if (typeof struct !== 'object' || !struct.schema || typeof struct.validate !== 'function') fail();
      if (!schemaEquals(struct.schema as Schema, schema)) throw new DataError('Struct schemas do not match.');
      (struct.validate as () => void)();
      return;
    }
  }
}

export function describeValueType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Uint8Array) return 'bytes';
  if (value instanceof Map) return 'map';
  if (value instanceof Date) return 'Date';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
