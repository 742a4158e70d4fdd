/**
 * The `source` block of change events (Debezium's SourceInfo + SchemaFactory.sourceInfoSchemaBuilder): the
 * fields every connector has (version, connector, name, ts_ms, snapshot, db, sequence, ts_us, ts_ns) followed
 * by the connector's own (PostgreSQL: schema, table, txId, lsn, xmin).
 */
import { SchemaBuilder, Schemas, type Schema } from '../api/data/schema.js';
import { Struct } from '../api/data/struct.js';

/** Debezium's `source.snapshot` values. */
export type SnapshotMarker = 'true' | 'first' | 'first_in_data_collection' | 'last_in_data_collection' | 'last' | 'false' | 'incremental';

export const SNAPSHOT_MARKERS: readonly SnapshotMarker[] = ['true', 'first', 'first_in_data_collection', 'last_in_data_collection', 'last', 'false', 'incremental'];

/** Debezium's io.debezium.data.Enum for `snapshot`, with its allowed values and default "false". */
export const SNAPSHOT_SCHEMA: Schema = SchemaBuilder.string()
  .name('io.debezium.data.Enum')
  .version(1)
  .parameter('allowed', SNAPSHOT_MARKERS.join(','))
  .defaultValue('false')
  .optional()
  .build();

export interface SourceInfoCommon {
  readonly version: string;
  readonly connector: string;
  /** The logical name: topic.prefix. */
  readonly name: string;
  readonly db: string;
}

/** Builds a connector's source schema: common fields, then `extra` fields in order. */
export function sourceInfoSchema(name: string, extra: ReadonlyArray<readonly [string, Schema]>): Schema {
  const builder = SchemaBuilder.struct()
    .name(name)
    .version(1)
    .field('version', Schemas.STRING)
    .field('connector', Schemas.STRING)
    .field('name', Schemas.STRING)
    .field('ts_ms', Schemas.INT64)
    .field('snapshot', SNAPSHOT_SCHEMA)
    .field('db', Schemas.STRING)
    .field('sequence', Schemas.OPTIONAL_STRING)
    .field('ts_us', Schemas.OPTIONAL_INT64)
    .field('ts_ns', Schemas.OPTIONAL_INT64);
  for (const [field, schema] of extra) builder.field(field, schema);
  return builder.build();
}

/**
 * One event's source struct. `commitMicros` is the source timestamp (commit time in streaming, snapshot time
 * in snapshots); `extra` are the connector's own field values in schema order.
 */
export function sourceInfoValue(
  schema: Schema,
  common: SourceInfoCommon,
  event: { commitMicros: bigint; snapshot: SnapshotMarker; sequence: string | null; extra: readonly unknown[] },
): Struct {
  const struct = new Struct(schema)
    .putUnchecked(0, common.version)
    .putUnchecked(1, common.connector)
    .putUnchecked(2, common.name)
    .putUnchecked(3, Number(event.commitMicros / 1000n))
    .putUnchecked(4, event.snapshot === 'false' ? null : event.snapshot)
    .putUnchecked(5, common.db)
    .putUnchecked(6, event.sequence)
    .putUnchecked(7, Number(event.commitMicros))
    .putUnchecked(8, event.commitMicros * 1000n);
  for (let i = 0; i < event.extra.length; i++) struct.putUnchecked(9 + i, event.extra[i]);
  return struct;
}
