/**
 * Kafka's HoistField SMT: wraps the whole key/value in a Struct (schemaful) or a Map (schemaless) with one
 * field. Null values are wrapped too, as in Kafka (a null under a required schema fails the Struct check).
 */
import { SchemaBuilder } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import type { ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { KAFKA_VERSION, SchemaCache, keyValuePlugins, operatingSchema, operatingValue, withSide, type Side } from '../util.js';
import { keyValueOverview } from './insert-field.js';

const CLASS_NAME = 'org.apache.kafka.connect.transforms.HoistField';

export const HOIST_FIELD_CONFIG = ConfigSpec.empty().define({
  name: 'field',
  type: 'STRING',
  importance: 'MEDIUM',
  doc: 'Field name for the single field that will be created in the resulting Struct or Map.',
});

export class HoistField implements Transformation {
  private fieldName: string | null = null;
  private schemaCache = new SchemaCache();

  constructor(private readonly side: Side) {}

  configure(config: Readonly<Record<string, string>>): void {
    this.fieldName = HOIST_FIELD_CONFIG.parse(config).field;
    this.schemaCache = new SchemaCache();
  }

  apply(record: ConnectRecord): ConnectRecord {
    const fieldName = this.fieldName;
    if (fieldName === null) throw new DataError('HoistField used before configure()');
    const schema = operatingSchema(record, this.side);
    const value = operatingValue(record, this.side) ?? null;
    if (schema === null) return withSide(record, this.side, null, new Map([[fieldName, value]]));
    const updatedSchema = this.schemaCache.getOrCreate(schema, (s) => SchemaBuilder.struct().field(fieldName, s).build());
    return withSide(record, this.side, updatedSchema, new Struct(updatedSchema).put(fieldName, value));
  }

  close(): void {
    this.schemaCache = new SchemaCache();
  }
}

export const HOIST_FIELD_PLUGINS: readonly TransformationPlugin[] = keyValuePlugins({
  className: CLASS_NAME,
  version: KAFKA_VERSION,
  doc: keyValueOverview('Wrap data using the specified field name in a Struct when schema present, or a Map in the case of schemaless data.', CLASS_NAME),
  config: HOIST_FIELD_CONFIG,
  create: (side) => new HoistField(side),
});
