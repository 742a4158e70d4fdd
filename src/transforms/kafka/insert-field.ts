/**
 * Kafka's InsertField SMT: adds the record's topic, partition, offset (sink records only) and timestamp, and
 * a static string, as fields of the key or value. Field names take a `!` (required) or `?` (optional, the
 * default) suffix. Null keys/values (tombstones) pass through unchanged.
 *
 * This file also holds the small pieces the other Kafka SMTs of this group share (the
 * `replace.null.with.default` key, Kafka's SchemaUtil.copySchemaBasics, the overview sentence), since
 * src/transforms/util.ts does not have them.
 */
import { Schemas, type Field, type Schema, SchemaBuilder } from '../../api/data/schema.js';
import { TimestampLogical } from '../../api/data/logical.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import type { ConnectRecord, SinkRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { ConfigSpec } from '../../config/spec.js';
import { KAFKA_VERSION, SchemaCache, keyValuePlugins, operatingSchema, operatingValue, requireMap, requireStruct, withSide, type Side } from '../util.js';

/** The `replace.null.with.default` key Kafka 3.9 (KIP-1040) adds to several SMTs, with its wording. */
export const REPLACE_NULL_WITH_DEFAULT_KEY = {
  name: 'replace.null.with.default',
  type: 'BOOLEAN',
  default: true,
  importance: 'MEDIUM',
  doc: 'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.',
} as const;

/** A struct field's value, with or without its schema default, as `replace.null.with.default` says. */
export function fieldValue(struct: Struct, field: Field | string, replaceNullWithDefault: boolean): unknown {
  return replaceNullWithDefault ? struct.get(field) : struct.getWithoutDefault(field);
}

/**
 * Kafka's SchemaUtil.copySchemaBasics: name, version, doc and parameters go to `builder`; optionality and the
 * default value do not, so a derived schema is required unless the SMT says otherwise.
 */
export function copySchemaBasics(source: Schema, builder: SchemaBuilder): SchemaBuilder {
  return builder.name(source.name).version(source.version).doc(source.doc).parameters(source.parameters);
}

/** The sentence Kafka appends to the overview of every SMT with `$Key` and `$Value` variants. */
export function keyValueOverview(summary: string, className: string): string {
  return (
    `${summary}<p/>Use the concrete transformation type designed for the record key (<code>${className}$Key</code>) ` +
    `or value (<code>${className}$Value</code>).`
  );
}

const CLASS_NAME = 'org.apache.kafka.connect.transforms.InsertField';
const PURPOSE = 'field insertion';
const OPTIONALITY_DOC = 'Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).';

export const INSERT_FIELD_CONFIG = ConfigSpec.empty()
  .define({ name: 'topic.field', type: 'STRING', default: null, importance: 'MEDIUM', doc: `Field name for Kafka topic. ${OPTIONALITY_DOC}` })
  .define({ name: 'partition.field', type: 'STRING', default: null, importance: 'MEDIUM', doc: `Field name for Kafka partition. ${OPTIONALITY_DOC}` })
  .define({
    name: 'offset.field',
    type: 'STRING',
    default: null,
    importance: 'MEDIUM',
    doc: `Field name for Kafka offset - only applicable to sink connectors.<br/>${OPTIONALITY_DOC}`,
  })
  .define({ name: 'timestamp.field', type: 'STRING', default: null, importance: 'MEDIUM', doc: `Field name for record timestamp. ${OPTIONALITY_DOC}` })
  .define({ name: 'static.field', type: 'STRING', default: null, importance: 'MEDIUM', doc: `Field name for static data field. ${OPTIONALITY_DOC}` })
  .define({ name: 'static.value', type: 'STRING', default: null, importance: 'MEDIUM', doc: 'Static field value, if field name configured.' })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

interface InsertionSpec {
  readonly name: string;
  readonly optional: boolean;
}

/** `name!` is required, `name?` and a bare `name` are optional. */
function parseInsertionSpec(spec: string | null): InsertionSpec | null {
  if (spec === null) return null;
  if (spec.endsWith('?')) return { name: spec.slice(0, -1), optional: true };
  if (spec.endsWith('!')) return { name: spec.slice(0, -1), optional: false };
  return { name: spec, optional: true };
}

interface Settings {
  readonly topic: InsertionSpec | null;
  readonly partition: InsertionSpec | null;
  readonly offset: InsertionSpec | null;
  readonly timestamp: InsertionSpec | null;
  readonly staticField: InsertionSpec | null;
  readonly staticValue: string | null;
  readonly replaceNullWithDefault: boolean;
}

const OPTIONAL_TIMESTAMP_SCHEMA = TimestampLogical.builder().optional().build();

/** Kafka's Requirements.requireSinkRecord: the offset exists only on records read from Kafka. */
function requireSinkRecord(record: ConnectRecord, purpose: string): SinkRecord {
  if (record.kind !== 'sink') throw new DataError(`Only SinkRecord supported for [${purpose}], found: org.apache.kafka.connect.source.SourceRecord`);
  return record;
}

export class InsertField implements Transformation {
  private settings: Settings | null = null;
  private schemaCache = new SchemaCache();

  constructor(private readonly side: Side) {}

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = INSERT_FIELD_CONFIG.parse(config);
    this.settings = {
      topic: parseInsertionSpec(parsed['topic.field']),
      partition: parseInsertionSpec(parsed['partition.field']),
      offset: parseInsertionSpec(parsed['offset.field']),
      timestamp: parseInsertionSpec(parsed['timestamp.field']),
      staticField: parseInsertionSpec(parsed['static.field']),
      staticValue: parsed['static.value'],
      replaceNullWithDefault: parsed['replace.null.with.default'],
    };
    this.schemaCache = new SchemaCache();
  }

  apply(record: ConnectRecord): ConnectRecord {
    const value = operatingValue(record, this.side);
    if (value === null || value === undefined) return record;
    return operatingSchema(record, this.side) === null ? this.applySchemaless(record, value) : this.applyWithSchema(record, value);
  }

  private get configured(): Settings {
    if (!this.settings) throw new DataError('InsertField used before configure()');
    return this.settings;
  }

  private applySchemaless(record: ConnectRecord, value: unknown): ConnectRecord {
    const s = this.configured;
    const updated = new Map(requireMap(value, PURPOSE));
    if (s.topic) updated.set(s.topic.name, record.topic);
    if (s.partition && record.kafkaPartition !== null) updated.set(s.partition.name, record.kafkaPartition);
    if (s.offset) updated.set(s.offset.name, requireSinkRecord(record, PURPOSE).kafkaOffset);
    // Schemaless values get the timestamp as epoch millis, structs get a Timestamp (Date), as in Kafka.
    if (s.timestamp && record.timestamp !== null) updated.set(s.timestamp.name, record.timestamp);
    if (s.staticField && s.staticValue !== null) updated.set(s.staticField.name, s.staticValue);
    return withSide(record, this.side, null, updated);
  }

  private applyWithSchema(record: ConnectRecord, value: unknown): ConnectRecord {
    const s = this.configured;
    const struct = requireStruct(value, PURPOSE);
    const updatedSchema = this.schemaCache.getOrCreate(struct.schema, (schema) => this.makeUpdatedSchema(schema));
    const updated = new Struct(updatedSchema);
    for (const field of struct.schema.fields ?? []) updated.put(field.name, fieldValue(struct, field, s.replaceNullWithDefault));
    if (s.topic) updated.put(s.topic.name, record.topic);
    if (s.partition && record.kafkaPartition !== null) updated.put(s.partition.name, record.kafkaPartition);
    if (s.offset) updated.put(s.offset.name, requireSinkRecord(record, PURPOSE).kafkaOffset);
    if (s.timestamp && record.timestamp !== null) updated.put(s.timestamp.name, new Date(record.timestamp));
    if (s.staticField && s.staticValue !== null) updated.put(s.staticField.name, s.staticValue);
    return withSide(record, this.side, updatedSchema, updated);
  }

  private makeUpdatedSchema(schema: Schema): Schema {
    const s = this.configured;
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const field of schema.fields ?? []) builder.field(field.name, field.schema);
    const add = (spec: InsertionSpec | null, optional: Schema, required: Schema): void => {
      if (spec) builder.field(spec.name, spec.optional ? optional : required);
    };
    add(s.topic, Schemas.OPTIONAL_STRING, Schemas.STRING);
    add(s.partition, Schemas.OPTIONAL_INT32, Schemas.INT32);
    add(s.offset, Schemas.OPTIONAL_INT64, Schemas.INT64);
    add(s.timestamp, OPTIONAL_TIMESTAMP_SCHEMA, TimestampLogical.SCHEMA);
    add(s.staticField, Schemas.OPTIONAL_STRING, Schemas.STRING);
    return builder.build();
  }

  close(): void {
    this.schemaCache = new SchemaCache();
  }
}

export const INSERT_FIELD_PLUGINS: readonly TransformationPlugin[] = keyValuePlugins({
  className: CLASS_NAME,
  version: KAFKA_VERSION,
  doc: keyValueOverview('Insert field(s) using attributes from the record metadata or a configured static value.', CLASS_NAME),
  config: INSERT_FIELD_CONFIG,
  create: (side) => new InsertField(side),
});
