/**
 * The configuration of ExtractNewRecordState: the keys Debezium 3.2 declares, the two options 3.2 removed
 * (`drop.tombstones`, `delete.handling.mode`) still accepted so configs written for older Debezium keep
 * working, and the resolution of all of them into one DeleteTombstoneBehaviour.
 */
import { ConfigSpec } from '../../config/spec.js';
import { oneOfIgnoringCase } from '../../config/validators.js';

export const DELETE_TOMBSTONE_HANDLING_MODE = 'delete.tombstone.handling.mode';
export const LEGACY_DROP_TOMBSTONES = 'drop.tombstones';
export const LEGACY_DELETE_HANDLING_MODE = 'delete.handling.mode';

export const DELETE_TOMBSTONE_HANDLING_MODES = ['drop', 'tombstone', 'rewrite', 'rewrite-with-tombstone', 'delete-to-tombstone'] as const;
export type DeleteTombstoneHandlingMode = (typeof DELETE_TOMBSTONE_HANDLING_MODES)[number];

export const LEGACY_DELETE_HANDLING_MODES = ['none', 'drop', 'rewrite'] as const;
export type LegacyDeleteHandlingMode = (typeof LEGACY_DELETE_HANDLING_MODES)[number];

/** The field the rewrite modes add, and the prefix of added fields and headers. */
export const DELETED_FIELD = '__deleted';
export const METADATA_PREFIX = '__';

/**
 * Every mode is a point on two independent axes: what becomes of a delete event, and whether tombstones
 * (records with a null value) survive. Modelling the axes rather than the mode names lets the legacy
 * options express combinations no 3.2 mode has (e.g. drop deletes but keep tombstones).
 */
export interface DeleteTombstoneBehaviour {
  /**
   * drop: the delete event disappears. nullValue: the record stays with a null value but keeps the row's
   * value schema (what Debezium's `tombstone` mode emits; the JDBC sink reads it as a delete). rewrite: the
   * `before` row plus `__deleted: "true"`. toTombstone: a real tombstone, value and value schema both null.
   */
  readonly onDelete: 'drop' | 'nullValue' | 'rewrite' | 'toTombstone';
  readonly keepTombstones: boolean;
}

const MODE_BEHAVIOURS: Readonly<Record<DeleteTombstoneHandlingMode, DeleteTombstoneBehaviour>> = {
  drop: { onDelete: 'drop', keepTombstones: false },
  tombstone: { onDelete: 'nullValue', keepTombstones: false },
  rewrite: { onDelete: 'rewrite', keepTombstones: false },
  'rewrite-with-tombstone': { onDelete: 'rewrite', keepTombstones: true },
  'delete-to-tombstone': { onDelete: 'toTombstone', keepTombstones: false },
};

const LEGACY_DELETE_BEHAVIOURS: Readonly<Record<LegacyDeleteHandlingMode, DeleteTombstoneBehaviour['onDelete']>> = {
  none: 'nullValue',
  drop: 'drop',
  rewrite: 'rewrite',
};

export function behaviourOfMode(mode: DeleteTombstoneHandlingMode): DeleteTombstoneBehaviour {
  return MODE_BEHAVIOURS[mode];
}

/**
 * What Debezium 3.1 did with the deprecated pair (its LegacyDeleteHandlingStrategy), with 3.1's defaults
 * for whichever of the two is missing (`drop.tombstones=true`, `delete.handling.mode=drop`):
 *
 * | delete.handling.mode | drop.tombstones | same output as delete.tombstone.handling.mode |
 * |----------------------|-----------------|-----------------------------------------------|
 * | drop                 | true            | drop                                          |
 * | none                 | true            | tombstone                                     |
 * | rewrite              | true            | rewrite                                       |
 * | rewrite              | false           | rewrite-with-tombstone                        |
 * | drop                 | false           | (none: deletes dropped, tombstones kept)      |
 * | none                 | false           | (none: deletes → null value, tombstones kept) |
 */
export function behaviourOfLegacyOptions(deleteHandling: LegacyDeleteHandlingMode | null, dropTombstones: boolean | null): DeleteTombstoneBehaviour {
  return { onDelete: LEGACY_DELETE_BEHAVIOURS[deleteHandling ?? 'drop'], keepTombstones: !(dropTombstones ?? true) };
}

/** The new option wins when given; else the deprecated ones when either is given; else 3.2's default. */
export function resolveBehaviour(raw: Readonly<Record<string, unknown>>, parsed: ExtractNewRecordStateConfig): DeleteTombstoneBehaviour {
  const newOptionGiven = typeof raw[DELETE_TOMBSTONE_HANDLING_MODE] === 'string' && (raw[DELETE_TOMBSTONE_HANDLING_MODE] as string).trim() !== '';
  const legacyGiven = raw[LEGACY_DROP_TOMBSTONES] !== undefined || raw[LEGACY_DELETE_HANDLING_MODE] !== undefined;
  if (!newOptionGiven && legacyGiven) {
    const legacyMode = parsed[LEGACY_DELETE_HANDLING_MODE];
    return behaviourOfLegacyOptions(legacyMode === null ? null : (legacyMode.trim().toLowerCase() as LegacyDeleteHandlingMode), parsed[LEGACY_DROP_TOMBSTONES]);
  }
  return behaviourOfMode(parsed[DELETE_TOMBSTONE_HANDLING_MODE].trim().toLowerCase() as DeleteTombstoneHandlingMode);
}

export const EXTRACT_NEW_RECORD_STATE_CONFIG = ConfigSpec.empty()
  .define({
    name: DELETE_TOMBSTONE_HANDLING_MODE,
    type: 'STRING',
    default: 'tombstone',
    importance: 'MEDIUM',
    width: 'MEDIUM',
    displayName: 'Handle delete and tombstone records',
    validator: oneOfIgnoringCase(...DELETE_TOMBSTONE_HANDLING_MODES),
    recommended: [...DELETE_TOMBSTONE_HANDLING_MODES],
    doc:
      'What to do with delete events and tombstones. drop: remove both. tombstone (default): turn each delete ' +
      'event into a record with a null value and remove tombstones. rewrite: turn each delete event into the ' +
      '`before` row with `__deleted` set to "true" and remove tombstones. rewrite-with-tombstone: like rewrite, ' +
      'but keep tombstones. delete-to-tombstone: turn each delete event into a tombstone (null value and null ' +
      'value schema) and remove the original tombstones.',
  })
  .define({
    name: 'route.by.field',
    type: 'STRING',
    default: '',
    importance: 'LOW',
    width: 'LONG',
    displayName: 'Route by field name',
    doc: 'A row column whose value becomes the topic of the record (read from `before` for deletes); empty keeps the topic.',
  })
  .define({
    name: 'add.fields.prefix',
    type: 'STRING',
    default: METADATA_PREFIX,
    importance: 'LOW',
    width: 'SHORT',
    displayName: 'Field prefix to be added to each field.',
    doc: 'The prefix put before the name of every field that add.fields adds.',
  })
  .define({
    name: 'add.fields',
    type: 'LIST',
    default: [],
    importance: 'LOW',
    width: 'LONG',
    displayName: 'Adds the specified field(s) to the message if they exist.',
    doc:
      'Change event fields to copy into the flattened value, e.g. `op,table,source.ts_ms`. A plain name is ' +
      'looked up in `source` (or at the top level for op and ts_ms, in `transaction` for id, total_order and ' +
      'data_collection_order); `struct.field` names the struct. The new field is named prefix + name, or ' +
      'prefix + struct_field; `name:NEW_NAME` chooses the (case-sensitive) name after the prefix.',
  })
  .define({
    name: 'add.headers.prefix',
    type: 'STRING',
    default: METADATA_PREFIX,
    importance: 'LOW',
    width: 'SHORT',
    displayName: 'Header prefix to be added to each header.',
    doc: 'The prefix put before the name of every header that add.headers adds.',
  })
  .define({
    name: 'add.headers',
    type: 'LIST',
    default: [],
    importance: 'LOW',
    width: 'LONG',
    displayName: 'Adds the specified fields to the header if they exist.',
    doc: 'Change event fields to copy into record headers; same syntax as add.fields.',
  })
  .define({
    name: 'drop.fields.header.name',
    type: 'STRING',
    default: null,
    importance: 'LOW',
    width: 'SHORT',
    displayName: 'Specifies a header that contains a list of field names to be removed',
    doc: 'The header whose value lists the fields to remove from the flattened value.',
  })
  .define({
    name: 'drop.fields.from.key',
    type: 'BOOLEAN',
    default: false,
    importance: 'LOW',
    width: 'SHORT',
    displayName: 'Specifies whether the fields to be dropped should also be omitted from the key',
    doc: 'Whether the fields listed in the drop.fields.header.name header are removed from the key too.',
  })
  .define({
    name: 'drop.fields.keep.schema.compatible',
    type: 'BOOLEAN',
    default: true,
    importance: 'LOW',
    width: 'SHORT',
    displayName: "Specifies if fields are dropped, will the event's schemas be compatible",
    doc: 'true: only optional fields are removed, so schemas stay compatible; false: listed fields are removed whether optional or not.',
  })
  .define({
    name: 'replace.null.with.default',
    type: 'BOOLEAN',
    default: true,
    importance: 'LOW',
    width: 'SHORT',
    displayName: 'replace null field value with default',
    doc: 'Whether a rewrite (adding `__deleted`) replaces null field values with the default of their schema.',
  })
  .define({
    name: LEGACY_DROP_TOMBSTONES,
    type: 'BOOLEAN',
    default: null,
    importance: 'LOW',
    internal: true,
    doc: 'Removed in Debezium 3.2; still accepted. Used only when delete.tombstone.handling.mode is not set.',
  })
  .define({
    name: LEGACY_DELETE_HANDLING_MODE,
    type: 'STRING',
    default: null,
    importance: 'LOW',
    internal: true,
    validator: (name, value) => {
      if (value !== null) oneOfIgnoringCase(...LEGACY_DELETE_HANDLING_MODES)(name, value.trim());
    },
    doc: 'Removed in Debezium 3.2; still accepted. Used only when delete.tombstone.handling.mode is not set.',
  });

export type ExtractNewRecordStateConfig = ReturnType<typeof EXTRACT_NEW_RECORD_STATE_CONFIG.parse>;
