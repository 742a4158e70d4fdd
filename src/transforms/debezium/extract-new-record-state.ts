/**
 * Debezium's ExtractNewRecordState (event flattening), value side: replaces a change event envelope
 * (`before`, `after`, `source`, `op`, `ts_ms`, `transaction`) with its `after` row, handles delete events and
 * tombstones as `delete.tombstone.handling.mode` says, and can add metadata as fields or headers, route by
 * a column and drop fields named in a header. Records that are not change events (heartbeats, schema
 * changes, transaction metadata, schemaless values) pass through unchanged, as in Debezium.
 */
import { fieldOf, Schemas, type Schema } from '../../api/data/schema.js';
import { Struct } from '../../api/data/struct.js';
import { DataError } from '../../api/errors.js';
import type { Headers } from '../../api/headers.js';
import type { TransformationPlugin } from '../../api/plugin.js';
import { withChanges, type ConnectRecord } from '../../api/record.js';
import type { Transformation } from '../../api/transformation.js';
import { requireStruct } from '../util.js';
import {
  DELETED_FIELD,
  EXTRACT_NEW_RECORD_STATE_CONFIG,
  resolveBehaviour,
  type DeleteTombstoneBehaviour,
} from './extract-new-record-state-config.js';
import { parseFieldReferences, referencedFieldSchema, referencedFieldValue, type FieldReference } from './field-reference.js';
import { fieldsToDrop, MetadataFieldAdder, StaticStringFieldInserter, withoutFields } from './struct-rewrite.js';

export const DEBEZIUM_VERSION = '3.2.7.Final';
const ENVELOPE_SCHEMA_NAME_SUFFIX = '.Envelope';
const DELETE_OPERATION_CODE = 'd';

interface Settings {
  readonly behaviour: DeleteTombstoneBehaviour;
  readonly routeByField: string | null;
  readonly addedFields: readonly FieldReference[];
  readonly addedHeaders: readonly FieldReference[];
  readonly dropFieldsHeaderName: string | null;
  readonly dropFieldsFromKey: boolean;
  readonly dropFieldsKeepSchemaCompatible: boolean;
}

/** Debezium's test for a change event: a value schema whose name ends with `.Envelope`. */
export function isChangeEventSchema(schema: Schema | null): boolean {
  return schema?.name?.endsWith(ENVELOPE_SCHEMA_NAME_SUFFIX) ?? false;
}

export class ExtractNewRecordState implements Transformation {
  private settings: Settings | null = null;
  private deletedMarker = new StaticStringFieldInserter(DELETED_FIELD, true);
  private metadataAdder = new MetadataFieldAdder([]);

  configure(config: Readonly<Record<string, string>>): void {
    const parsed = EXTRACT_NEW_RECORD_STATE_CONFIG.parse(config);
    const dropFieldsHeaderName = parsed['drop.fields.header.name'];
    const routeByField = parsed['route.by.field'];
    this.settings = {
      behaviour: resolveBehaviour(config, parsed),
      routeByField: routeByField === '' ? null : routeByField,
      addedFields: parseFieldReferences(parsed['add.fields.prefix'], parsed['add.fields']),
      addedHeaders: parseFieldReferences(parsed['add.headers.prefix'], parsed['add.headers']),
      dropFieldsHeaderName: dropFieldsHeaderName === null || dropFieldsHeaderName.trim() === '' ? null : dropFieldsHeaderName,
      dropFieldsFromKey: parsed['drop.fields.from.key'],
      dropFieldsKeepSchemaCompatible: parsed['drop.fields.keep.schema.compatible'],
    };
    this.deletedMarker = new StaticStringFieldInserter(DELETED_FIELD, parsed['replace.null.with.default']);
    this.metadataAdder = new MetadataFieldAdder(this.settings.addedFields);
  }

  apply(record: ConnectRecord): ConnectRecord | null {
    const settings = this.requireSettings();
    if (record.value === null || record.value === undefined) return this.handleTombstone(record, settings);
    if (!isChangeEventSchema(record.valueSchema)) return record;

    const envelope = requireStruct(record.value, 'field extraction');
    const withHeaders = this.withMetadataHeaders(record, envelope, settings);
    const after = extractEnvelopeField(envelope, 'after');
    const before = extractEnvelopeField(envelope, 'before');
    // A truncate event has neither row; Debezium always drops it here.
    if (after.value === null && before.value === null) return null;

    const isDelete = after.value === null;
    let unwrapped = isDelete ? this.unwrapDelete(withHeaders, after, before, settings) : this.unwrapChange(withHeaders, after, settings);
    if (unwrapped === null) return null;

    const topic = isDelete
      ? this.routedTopic(before.value, 'Read record to set topic routing for DELETE', settings)
      : this.routedTopic(unwrapped.value, 'Read record to set topic routing for CREATE / UPDATE', settings);
    if (topic !== null) unwrapped = withChanges(unwrapped, { topic });
    // Debezium runs its add-fields step on every flattened row, even with add.fields empty, so the value
    // schema always ends up a rebuilt, required copy of the row schema; consumers see that schema.
    if (unwrapped.value instanceof Struct) {
      const value = this.metadataAdder.apply(unwrapped.value, envelope);
      unwrapped = withChanges(unwrapped, { valueSchema: value.schema, value });
    }
    return this.dropFieldsNamedInHeader(unwrapped, settings);
  }

  close(): void {
    this.settings = null;
  }

  private requireSettings(): Settings {
    if (!this.settings) throw new DataError('ExtractNewRecordState used before configure()');
    return this.settings;
  }

  private handleTombstone(record: ConnectRecord, settings: Settings): ConnectRecord | null {
    if (!settings.behaviour.keepTombstones) return null;
    // A tombstone carries no envelope: only `op` can be told, and it is always a delete. Like Debezium, any
    // entry whose field is `op` counts, whatever struct it names.
    const opHeaders = settings.addedHeaders.filter((reference) => reference.field === 'op');
    if (opHeaders.length === 0) return record;
    const headers = record.headers.duplicate();
    for (const reference of opHeaders) headers.add(reference.outputName, DELETE_OPERATION_CODE, Schemas.STRING);
    return withChanges(record, { headers });
  }

  private withMetadataHeaders(record: ConnectRecord, envelope: Struct, settings: Settings): ConnectRecord {
    if (settings.addedHeaders.length === 0) return record;
    const headers: Headers = record.headers.duplicate();
    for (const reference of settings.addedHeaders) {
      const schema = referencedFieldSchema(reference, envelope.schema);
      if (schema) headers.add(reference.outputName, referencedFieldValue(reference, envelope), schema);
    }
    return withChanges(record, { headers });
  }

  private unwrapChange(record: ConnectRecord, after: ExtractedField, settings: Settings): ConnectRecord {
    if (settings.behaviour.onDelete === 'rewrite') {
      const value = this.deletedMarker.apply(requireStruct(after.value, 'field insertion'), 'false');
      return withChanges(record, { valueSchema: value.schema, value });
    }
    return withChanges(record, { valueSchema: after.schema, value: after.value });
  }

  private unwrapDelete(record: ConnectRecord, after: ExtractedField, before: ExtractedField, settings: Settings): ConnectRecord | null {
    switch (settings.behaviour.onDelete) {
      case 'drop':
        return null;
      case 'nullValue':
        // Not a true tombstone: the value schema stays, which the JDBC sink reads as a flattened delete.
        return withChanges(record, { valueSchema: after.schema, value: null });
      case 'toTombstone':
        return withChanges(record, { valueSchema: null, value: null });
      case 'rewrite': {
        const value = this.deletedMarker.apply(requireStruct(before.value, 'field insertion'), 'true');
        return withChanges(record, { valueSchema: value.schema, value });
      }
    }
  }

  /** The topic named by `route.by.field` in the row (`before` for deletes), or null to keep the topic. */
  private routedTopic(row: unknown, purpose: string, settings: Settings): string | null {
    if (settings.routeByField === null) return null;
    const struct = requireStruct(row, purpose);
    const field = fieldOf(struct.schema, settings.routeByField);
    if (!field) throw new DataError(`${settings.routeByField} is not a valid field name`);
    if (field.schema.type !== 'string') throw new DataError(`Field '${settings.routeByField}' is not of type STRING`);
    const topic = struct.get(field) as string | null;
    return topic === null || topic.trim() === '' ? null : topic;
  }

  private dropFieldsNamedInHeader(record: ConnectRecord, settings: Settings): ConnectRecord {
    if (settings.dropFieldsHeaderName === null) return record;
    const listed = fieldNamesInHeader(record.headers, settings.dropFieldsHeaderName);
    if (listed.length === 0) return record;
    let result = record;
    if (settings.dropFieldsFromKey && result.key instanceof Struct) {
      const names = fieldsToDrop(result.key.schema, listed, settings.dropFieldsKeepSchemaCompatible);
      if (names.size > 0) {
        const key = withoutFields(result.key, names);
        result = withChanges(result, { keySchema: key.schema, key });
      }
    }
    if (result.value instanceof Struct) {
      const names = fieldsToDrop(result.value.schema, listed, settings.dropFieldsKeepSchemaCompatible);
      if (names.size > 0) {
        const value = withoutFields(result.value, names);
        result = withChanges(result, { valueSchema: value.schema, value });
      }
    }
    return result;
  }
}

interface ExtractedField {
  readonly schema: Schema;
  readonly value: unknown;
}

/** Kafka's ExtractField$Value on the envelope: the field's schema and value. */
function extractEnvelopeField(envelope: Struct, name: 'before' | 'after'): ExtractedField {
  const field = fieldOf(envelope.schema, name);
  if (!field) throw new DataError(`Unknown field: ${name}`);
  return { schema: field.schema, value: envelope.get(field) };
}

/** The first header with that name, read as the list of field names it holds. */
function fieldNamesInHeader(headers: Headers, name: string): string[] {
  const header = headers.toArray().find((h) => h.key === name);
  if (!header || header.value === null || header.value === undefined) return [];
  if (!Array.isArray(header.value)) throw new DataError(`Header ${name} must hold a list of field names`);
  return header.value.map(String);
}

export const EXTRACT_NEW_RECORD_STATE: TransformationPlugin = {
  kind: 'transformation',
  className: 'io.debezium.transforms.ExtractNewRecordState',
  version: DEBEZIUM_VERSION,
  doc:
    "Flattens Debezium change events to the row they describe (the event's `after` state), with configurable " +
    'handling of delete events and tombstones and optional change event metadata as fields or headers.',
  config: EXTRACT_NEW_RECORD_STATE_CONFIG,
  create: () => new ExtractNewRecordState(),
};
