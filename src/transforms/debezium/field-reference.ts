/**
 * The entries of `add.fields` and `add.headers`: which change event field each one reads (`op`,
 * `source.ts_ms`, `transaction.id`, …) and the name it is written under (`__op`, `__source_ts_ms`, …).
 */
import { fieldOf, SchemaBuilder, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError, DataError } from '../../api/errors.js';

export interface FieldReference {
  /** The envelope struct holding the field (`source`, `transaction`, …), or null for a top-level field. */
  readonly struct: string | null;
  readonly field: string;
  /** The name of the added field or header, prefix included. */
  readonly outputName: string;
}

const TRANSACTION_FIELDS: ReadonlySet<string> = new Set(['id', 'total_order', 'data_collection_order']);
const TOP_LEVEL_FIELDS: ReadonlySet<string> = new Set(['op', 'ts_ms']);
// MongoDB's change events carry updateDescription as a struct of its own.
const UPDATE_DESCRIPTION = 'updateDescription';

/** Where Debezium looks for an unqualified name: most metadata lives in `source`. */
function hostingStruct(field: string): string | null {
  if (TRANSACTION_FIELDS.has(field)) return 'transaction';
  if (TOP_LEVEL_FIELDS.has(field)) return null;
  if (field === UPDATE_DESCRIPTION) return UPDATE_DESCRIPTION;
  return 'source';
}

/** Splits like Java's String.split: trailing empty parts are dropped, so `op:` means `op`. */
function splitDroppingTrailingEmpties(text: string, separator: string): string[] {
  const parts = text.split(separator);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export function parseFieldReference(prefix: string, entry: string): FieldReference {
  const renameParts = splitDroppingTrailingEmpties(entry.trim(), ':');
  if (renameParts.length > 2) throw new ConfigError(`Unexpected field name: ${entry.trim()}`);
  const pathParts = splitDroppingTrailingEmpties(renameParts[0] ?? '', '.');
  const qualified = pathParts.length > 1;
  const field = (qualified ? pathParts[1] : pathParts[0]) ?? '';
  const struct = qualified ? (pathParts[0] ?? '') : hostingStruct(field);
  const defaultName = qualified ? `${struct}_${field}` : field;
  return { struct, field, outputName: prefix + (renameParts.length === 2 ? (renameParts[1] ?? '') : defaultName) };
}

export function parseFieldReferences(prefix: string, entries: readonly string[]): FieldReference[] {
  return entries.map((entry) => parseFieldReference(prefix, entry));
}

/**
 * The schema the referenced field is added with: the source field's type, name, version, doc and
 * parameters, always optional and without a default. Null when the envelope has no such field, in which
 * case nothing is added. A field that is not in its struct is looked for at the top level of the envelope,
 * where an earlier SMT (HeaderToValue) may have put it.
 */
export function referencedFieldSchema(reference: FieldReference, envelopeSchema: Schema): Schema | null {
  const parentSchema = reference.struct === null ? envelopeSchema : fieldOf(envelopeSchema, reference.struct)?.schema;
  if (!parentSchema) {
    // Debezium fails here too (a NullPointerException); say what is wrong instead.
    throw new DataError(`The change event has no '${reference.struct}' struct to read '${reference.field}' from`);
  }
  const found = fieldOf(parentSchema, reference.field) ?? fieldOf(envelopeSchema, reference.field);
  return found ? optionalCopyOfBasics(found.schema) : null;
}

/** The referenced value, read without falling back to schema defaults; null when its struct is null. */
export function referencedFieldValue(reference: FieldReference, envelope: Struct): unknown {
  const parent = reference.struct === null ? envelope : envelope.getWithoutDefault(reference.struct);
  if (parent === null) return null;
  if (!(parent instanceof Struct)) throw new DataError(`'${reference.struct}' of the change event is not a struct`);
  return fieldOf(parent.schema, reference.field) ? parent.getWithoutDefault(reference.field) : envelope.getWithoutDefault(reference.field);
}

/** An empty builder of the same type (Kafka's `new SchemaBuilder(type)`), keeping array/map element schemas. */
export function builderOfSameType(schema: Schema): SchemaBuilder {
  if (schema.type === 'array') return SchemaBuilder.array(schema.valueSchema as Schema);
  if (schema.type === 'map') return SchemaBuilder.map(schema.keySchema as Schema, schema.valueSchema as Schema);
  return SchemaBuilder.type(schema.type);
}

/** Kafka's SchemaUtil.copySchemaBasics: name, version, doc and parameters; not optionality, default or fields. */
export function copySchemaBasics(source: Schema, builder: SchemaBuilder): SchemaBuilder {
  return builder.name(source.name).version(source.version).doc(source.doc).parameters(source.parameters);
}

function optionalCopyOfBasics(schema: Schema): Schema {
  return copySchemaBasics(schema, builderOfSameType(schema)).optional().build();
}
