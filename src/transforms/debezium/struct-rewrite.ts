/**
 * The value rewrites ExtractNewRecordState performs on a flattened row, each with the schema and value
 * semantics of the Kafka SMT Debezium delegates to: adding `__deleted` (InsertField), adding change event
 * metadata (Debezium's own addFields) and dropping fields (ReplaceField's exclude). Derived schemas are
 * cached per input schema, so a stream of one table builds each derived schema once.
 */
import { fieldOf, Schemas, SchemaBuilder, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { copySchemaBasics, referencedFieldSchema, referencedFieldValue, type FieldReference } from './field-reference.js';

/** Like Kafka's derived schemas: the struct's name, version, doc and parameters, required, no default. */
function structBuilderLike(schema: Schema): SchemaBuilder {
  return copySchemaBasics(schema, SchemaBuilder.struct());
}

/**
 * Adds an optional string field with a fixed value after the existing fields (InsertField with
 * `static.field`). With `replaceNullWithDefault`, null fields take their schema's default on the way, as
 * InsertField's `replace.null.with.default` does.
 */
export class StaticStringFieldInserter {
  private readonly schemas = new WeakMap<Schema, Schema>();

  constructor(
    private readonly fieldName: string,
    private readonly replaceNullWithDefault: boolean,
  ) {}

  apply(value: Struct, text: string): Struct {
    const schema = this.schemaFor(value.schema);
    const updated = new Struct(schema);
    for (const field of value.schema.fields ?? []) {
      updated.put(field.name, this.replaceNullWithDefault ? value.get(field) : value.getWithoutDefault(field));
    }
    return updated.put(this.fieldName, text);
  }

  private schemaFor(schema: Schema): Schema {
    let derived = this.schemas.get(schema);
    if (!derived) {
      const builder = structBuilderLike(schema);
      for (const field of schema.fields ?? []) builder.field(field.name, field.schema);
      derived = builder.field(this.fieldName, Schemas.OPTIONAL_STRING).build();
      this.schemas.set(schema, derived);
    }
    return derived;
  }
}

/**
 * Appends the `add.fields` metadata read from the change event. Fields the envelope does not have are left
 * out; fields whose struct is null (e.g. `transaction` during a snapshot) are added with a null value.
 * Existing values are copied as they are, nulls included.
 */
export class MetadataFieldAdder {
  // Keyed by row schema, then by envelope schema: the added fields' schemas come from the envelope.
  private readonly schemas = new WeakMap<Schema, WeakMap<Schema, { schema: Schema; present: FieldReference[] }>>();

  constructor(private readonly references: readonly FieldReference[]) {}

  apply(value: Struct, envelope: Struct): Struct {
    const { schema, present } = this.schemaFor(value.schema, envelope.schema);
    const updated = new Struct(schema);
    for (const field of value.schema.fields ?? []) updated.put(field.name, value.getWithoutDefault(field));
    for (const reference of present) updated.put(reference.outputName, referencedFieldValue(reference, envelope));
    return updated;
  }

  private schemaFor(rowSchema: Schema, envelopeSchema: Schema): { schema: Schema; present: FieldReference[] } {
    let byEnvelope = this.schemas.get(rowSchema);
    if (!byEnvelope) this.schemas.set(rowSchema, (byEnvelope = new WeakMap()));
    let derived = byEnvelope.get(envelopeSchema);
    if (!derived) {
      const builder = structBuilderLike(rowSchema);
      for (const field of rowSchema.fields ?? []) builder.field(field.name, field.schema);
      const present: FieldReference[] = [];
      for (const reference of this.references) {
        const fieldSchema = referencedFieldSchema(reference, envelopeSchema);
        if (!fieldSchema) continue;
        builder.field(reference.outputName, fieldSchema);
        present.push(reference);
      }
      derived = { schema: builder.build(), present };
      byEnvelope.set(envelopeSchema, derived);
    }
    return derived;
  }
}

/**
 * Removes the named fields (ReplaceField with `exclude`); names the struct does not have are ignored. Kept
 * fields are read with `get`, so nulls take their schema's default, as ReplaceField does.
 */
export function withoutFields(value: Struct, names: ReadonlySet<string>): Struct {
  const builder = structBuilderLike(value.schema);
  const kept = (value.schema.fields ?? []).filter((field) => !names.has(field.name));
  for (const field of kept) builder.field(field.name, field.schema);
  const updated = new Struct(builder.build());
  for (const field of kept) updated.put(field.name, value.get(field));
  return updated;
}

/** The listed fields to drop from a struct schema: only optional ones when keeping schemas compatible. */
export function fieldsToDrop(schema: Schema, listed: readonly string[], keepSchemaCompatible: boolean): Set<string> {
  if (!keepSchemaCompatible) return new Set(listed);
  return new Set(listed.filter((name) => fieldOf(schema, name)?.schema.optional === true));
}
