/**
 * Kafka's ValueToKey SMT: replaces the record key with a Struct (or, schemaless, a Map) of the named fields
 * of the value. Unlike most Kafka SMTs it has no `$Key`/`$Value` variants: it always reads the value and
 * writes the key. As in Kafka, a null value fails the Map/Struct requirement.
 */
import { SchemaBuilder, fieldOf, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import { withChanges, type ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { KAFKA_VERSION, SchemaCache, requireMap, requireStruct } from '../util.js';
import { REPLACE_NULL_WITH_DEFAULT_KEY, fieldValue } from './insert-field.js';
import { nonEmptyList } from './mask-field.js';

const PURPOSE = 'copying fields from value to key';

export const VALUE_TO_KEY_CONFIG = ConfigSpec.empty()
  .define({ name: 'fields', type: 'LIST', validator: nonEmptyList, importance: 'HIGH', doc: 'Field names on the record value to extract as the record key.' })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

interface Settings {
  readonly fields: readonly string[];
  readonly replaceNullWithDefault: boolean;
}

export class ValueToKey implements Transformation {
  private settings: Settings | null = null;
  private schemaCache = new SchemaCache();

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = VALUE_TO_KEY_CONFIG.parse(config);
    this.settings = { fields: parsed.fields, replaceNullWithDefault: parsed['replace.null.with.default'] };
    this.schemaCache = new SchemaCache();
  }

  private get configured(): Settings {
    if (!this.settings) throw new DataError('ValueToKey used before configure()');
    return this.settings;
  }

  apply(record: ConnectRecord): ConnectRecord {
    return record.valueSchema === null ? this.applySchemaless(record) : this.applyWithSchema(record);
  }

  private applySchemaless(record: ConnectRecord): ConnectRecord {
    const value = requireMap(record.value, PURPOSE);
    const key = new Map<string, unknown>();
    for (const field of this.configured.fields) key.set(field, value.get(field) ?? null);
    return withChanges(record, { keySchema: null, key });
  }

  private applyWithSchema(record: ConnectRecord): ConnectRecord {
    const { fields, replaceNullWithDefault } = this.configured;
    const value = requireStruct(record.value, PURPOSE);
    const keySchema = this.schemaCache.getOrCreate(value.schema, (schema) => this.makeKeySchema(schema));
    const key = new Struct(keySchema);
    for (const field of fields) key.put(field, fieldValue(value, field, replaceNullWithDefault));
    // Kafka rebuilds the record with the Struct's own schema as the value schema.
    return withChanges(record, { keySchema, key, valueSchema: value.schema, value });
  }

  private makeKeySchema(valueSchema: Schema): Schema {
    const builder = SchemaBuilder.struct();
    for (const field of this.configured.fields) {
      const fromValue = fieldOf(valueSchema, field);
      if (!fromValue) throw new DataError(`Field does not exist: ${field}`);
      builder.field(field, fromValue.schema);
    }
    return builder.build();
  }

  close(): void {
    this.schemaCache = new SchemaCache();
  }
}

export const VALUE_TO_KEY_PLUGIN: TransformationPlugin = {
  kind: 'transformation',
  className: 'org.apache.kafka.connect.transforms.ValueToKey',
  version: KAFKA_VERSION,
  doc: 'Replace the record key with a new key formed from a subset of fields in the record value.',
  config: VALUE_TO_KEY_CONFIG,
  create: () => new ValueToKey(),
};
