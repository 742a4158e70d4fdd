/**
 * Kafka's HeaderFrom$Key/$Value: copies or moves top-level fields of the key/value into headers. The i-th
 * entry of `fields` goes to the header named by the i-th entry of `headers`; with a schema the header keeps
 * the field's schema, and `move` also drops the fields from the struct schema.
 */
import { SchemaBuilder, fieldOf, fieldsOf, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError, DataError } from '../../api/errors.js';
import type { ConnectRecord } from '../../api/record.js';
import { withChanges } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { oneOf } from '../../config/validators.js';
import { KAFKA_VERSION, SchemaCache, keyValuePlugins, operatingSchema, operatingValue, requireMap, requireStruct, withSide, type Side } from '../util.js';
import { REPLACE_NULL_WITH_DEFAULT_KEY, fieldValue, nonEmptyList } from './group-b-support.js';

const CLASS_NAME = 'org.apache.kafka.connect.transforms.HeaderFrom';

export const HEADER_FROM_CONFIG = ConfigSpec.empty()
  .define({
    name: 'fields',
    type: 'LIST',
    importance: 'HIGH',
    validator: nonEmptyList,
    doc: 'Field names in the record whose values are to be copied or moved to headers.',
  })
  .define({
    name: 'headers',
    type: 'LIST',
    importance: 'HIGH',
    validator: nonEmptyList,
    doc: 'Header names, in the same order as the field names listed in the fields configuration property.',
  })
  .define({
    name: 'operation',
    type: 'STRING',
    importance: 'HIGH',
    validator: oneOf('move', 'copy'),
    doc:
      'Either <code>move</code> if the fields are to be moved to the headers (removed from the key/value), ' +
      'or <code>copy</code> if the fields are to be copied to the headers (retained in the key/value).',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

interface Settings {
  readonly fields: readonly string[];
  readonly headers: readonly string[];
  readonly operation: 'move' | 'copy';
  readonly replaceNullWithDefault: boolean;
}

export class HeaderFrom implements Transformation {
  private settings: Settings | null = null;
  private moveSchemaCache = new SchemaCache();

  constructor(private readonly side: Side) {}

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = HEADER_FROM_CONFIG.parse(config);
    if (parsed.headers.length !== parsed.fields.length) {
      throw new ConfigError("'fields' config must have the same number of elements as 'headers' config.");
    }
    this.settings = {
      fields: parsed.fields,
      headers: parsed.headers,
      operation: parsed.operation as 'move' | 'copy',
      replaceNullWithDefault: parsed['replace.null.with.default'],
    };
    this.moveSchemaCache = new SchemaCache();
  }

  apply<R extends ConnectRecord>(record: R): R {
    const settings = this.settings;
    if (!settings) throw new Error('HeaderFrom used before configure()');
    const schema = operatingSchema(record, this.side);
    const value = operatingValue(record, this.side);
    return schema === null ? this.applySchemaless(record, value, settings) : this.applyWithSchema(record, value, schema, settings);
  }

  private applyWithSchema<R extends ConnectRecord>(record: R, value: unknown, schema: Schema, settings: Settings): R {
    const headers = record.headers.duplicate();
    const struct = requireStruct(value, `header ${settings.operation}`);
    let updatedSchema = schema;
    let updatedValue = struct;
    if (settings.operation === 'move') {
      updatedSchema = this.moveSchemaCache.getOrCreate(schema, (s) => this.schemaWithoutFields(s, settings.fields));
      updatedValue = new Struct(updatedSchema);
      for (const field of fieldsOf(updatedSchema)) updatedValue.put(field, fieldValue(struct, field.name, settings.replaceNullWithDefault));
    }
    settings.fields.forEach((name, i) => {
      const field = fieldOf(struct.schema, name);
      // Kafka reads the schema of a missing field and fails with a NullPointerException.
      if (!field) throw new DataError(`${name} is not a valid field name`);
      headers.add(settings.headers[i] as string, fieldValue(struct, name, settings.replaceNullWithDefault), field.schema);
    });
    return withChanges(withSide(record, this.side, updatedSchema, updatedValue), { headers });
  }

  private schemaWithoutFields(schema: Schema, moved: readonly string[]): Schema {
    const builder = SchemaBuilder.struct().name(schema.name).version(schema.version).doc(schema.doc).parameters(schema.parameters);
    for (const field of fieldsOf(schema)) if (!moved.includes(field.name)) builder.field(field.name, field.schema);
    return builder.build();
  }

  private applySchemaless<R extends ConnectRecord>(record: R, value: unknown, settings: Settings): R {
    const headers = record.headers.duplicate();
    const map = requireMap(value, `header ${settings.operation}`);
    const updated = new Map(map);
    settings.fields.forEach((name, i) => {
      if (settings.operation === 'move') updated.delete(name);
      headers.add(settings.headers[i] as string, map.get(name) ?? null, null);
    });
    return withChanges(withSide(record, this.side, null, updated), { headers });
  }
}

export const HEADER_FROM_PLUGINS = keyValuePlugins({
  className: CLASS_NAME,
  version: KAFKA_VERSION,
  doc:
    "Moves or copies fields in the key/value of a record into that record's headers. " +
    'Corresponding elements of <code>fields</code> and <code>headers</code> together identify a field and the header it should be moved or copied to. ' +
    `Use the concrete transformation type designed for the record key (<code>${CLASS_NAME}$Key</code>) or value (<code>${CLASS_NAME}$Value</code>).`,
  config: HEADER_FROM_CONFIG,
  create: (side) => new HeaderFrom(side),
});
