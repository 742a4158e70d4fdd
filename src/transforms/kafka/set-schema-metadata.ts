/**
 * Kafka's SetSchemaMetadata$Key/$Value: sets the name and/or version of the key or value schema, and
 * rebuilds a Struct key/value against the renamed schema so the two stay consistent. Like Kafka 3.9, it
 * only works on struct schemas: any other schema fails with "Cannot list fields on non-struct type".
 */
import { fieldsOf, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { ConfigError, DataError } from '../../api/errors.js';
import type { ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { KAFKA_VERSION, SchemaCache, keyValuePlugins, operatingSchema, operatingValue, withSide, type Side } from '../util.js';
import { REPLACE_NULL_WITH_DEFAULT_KEY, fieldValue } from './group-b-support.js';

const CLASS_NAME = 'org.apache.kafka.connect.transforms.SetSchemaMetadata';

export const SET_SCHEMA_METADATA_CONFIG = ConfigSpec.empty()
  .define({ name: 'schema.name', type: 'STRING', default: null, importance: 'HIGH', doc: 'Schema name to set.' })
  .define({ name: 'schema.version', type: 'INT', default: null, importance: 'HIGH', doc: 'Schema version to set.' })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

export class SetSchemaMetadata implements Transformation {
  private schemaName: string | null = null;
  private schemaVersion: number | null = null;
  private replaceNullWithDefault = true;
  // Kafka builds a new schema per record; one per input schema keeps identity-keyed caches downstream warm.
  private schemaCache = new SchemaCache();

  constructor(private readonly side: Side) {}

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = SET_SCHEMA_METADATA_CONFIG.parse(config);
    if (parsed['schema.name'] === null && parsed['schema.version'] === null) throw new ConfigError('Neither schema name nor version configured');
    this.schemaName = parsed['schema.name'];
    this.schemaVersion = parsed['schema.version'];
    this.replaceNullWithDefault = parsed['replace.null.with.default'];
    this.schemaCache = new SchemaCache();
  }

  apply<R extends ConnectRecord>(record: R): R {
    const schema = operatingSchema(record, this.side);
    const value = operatingValue(record, this.side);
    // A schemaless tombstone has nothing to rename.
    if ((value === null || value === undefined) && schema === null) return record;
    if (schema === null) throw new DataError('Schema required for [updating schema metadata]');
    const updated = this.schemaCache.getOrCreate(schema, (s) => this.renamed(s));
    return withSide(record, this.side, updated, this.updateSchemaIn(value ?? null, updated));
  }

  /** Kafka's new ConnectSchema(...): everything kept but name and version; fields are read through fields(). */
  private renamed(schema: Schema): Schema {
    return Object.freeze({ ...schema, fields: fieldsOf(schema), name: this.schemaName ?? schema.name, version: this.schemaVersion ?? schema.version });
  }

  /** A Struct rebuilt against the updated schema (same fields); any other value as it is. */
  private updateSchemaIn(value: unknown, updated: Schema): unknown {
    if (!(value instanceof Struct)) return value;
    const struct = new Struct(updated);
    for (const field of fieldsOf(updated)) struct.put(field, fieldValue(value, field.name, this.replaceNullWithDefault));
    return struct;
  }
}

export const SET_SCHEMA_METADATA_PLUGINS = keyValuePlugins({
  className: CLASS_NAME,
  version: KAFKA_VERSION,
  doc: `Set the schema name, version or both on the record's key (<code>${CLASS_NAME}$Key</code>) or value (<code>${CLASS_NAME}$Value</code>) schema.`,
  config: SET_SCHEMA_METADATA_CONFIG,
  create: (side) => new SetSchemaMetadata(side),
});
