/**
 * Parsing once at start: every problem at once (as `PUT …/config/validate` reports them), warnings for
 * deprecated names and ignored settings, then one frozen, typed config with the derived settings the
 * connector needs (filter inputs, key columns, column mappers, replica identities, select overrides).
 */
import { ConfigError } from '../../../src/api/errors.js';
import type { ConfigWarn } from '../../../src/config/spec.js';
import { findColumnMappers, type ColumnMapperRule } from './column-mappers.js';
import { javaSplit } from './debezium-checks.js';
import { parseMessageKeyColumns, type MessageKeyColumnsRule } from './message-key-columns.js';
import { parseReplicaIdentityAutoset, type ReplicaIdentityRule } from './replica-identity.js';
import { parseSelectOverrides, type SelectOverride } from './select-overrides.js';
import { parseStreamParams, splitInitialStatements } from './session-settings.js';
import { POSTGRES_CONNECTOR_SPEC, POSTGRES_PROPERTY_BY_NAME, type PostgresSpecValues } from './spec.js';
import { givenValue, ignoredSettings, validatePostgresConfig } from './validate.js';

type Raw = Readonly<Record<string, unknown>>;

/** Keys that must be set: parsing fails without them, so the typed config has them as strings. */
type RequiredKeys = 'topic.prefix' | 'database.hostname' | 'database.user' | 'database.dbname';

export type PostgresConfigValues = Omit<PostgresSpecValues, RequiredKeys> & { readonly [K in RequiredKeys]: string };

/**
 * The raw include/exclude lists (as given, deprecated names included; null when not set): what the
 * table, column and message filters are built from (src/cdc/filters.ts splits them the same way).
 */
export interface FilterInputs {
  readonly schemaInclude: string | null;
  readonly schemaExclude: string | null;
  readonly tableInclude: string | null;
  readonly tableExclude: string | null;
  readonly columnInclude: string | null;
  readonly columnExclude: string | null;
  readonly messagePrefixInclude: string | null;
  readonly messagePrefixExclude: string | null;
  readonly snapshotInclude: string | null;
}

export interface PostgresConnectorConfig {
  /** Every property, typed, by Debezium's names; enum values normalised to their literals. */
  readonly values: PostgresConfigValues;
  readonly filters: FilterInputs;
  readonly messageKeyColumns: readonly MessageKeyColumnsRule[];
  readonly snapshotSelectOverrides: readonly SelectOverride[];
  /** Truncate, mask and hash rules from the `column.*` key families, first match wins. */
  readonly columnMappers: readonly ColumnMapperRule[];
  readonly replicaIdentityAutoset: readonly ReplicaIdentityRule[];
  /** `custom.metric.tags` in order (a repeated key keeps its first position and last value). */
  readonly customMetricTags: ReadonlyMap<string, string>;
  /** `snapshot.fetch.size`, or PostgreSQL's default 10240 when unset. */
  readonly snapshotFetchSize: number;
  /** `signal.kafka.topic`, or `<topic.prefix>-signal` when unset. */
  readonly signalKafkaTopic: string;
  /** `unavailable.value.placeholder` as bytes: the hex after a `hex:` prefix, else the text's UTF-8. */
  readonly unavailableValuePlaceholder: Uint8Array;
  /** `database.initial.statements`, one statement each. */
  readonly initialStatements: readonly string[];
  /** `slot.stream.params` as options for START_REPLICATION. */
  readonly streamParams: ReadonlyMap<string, string>;
}

const DEFAULT_SNAPSHOT_FETCH_SIZE = 10240;

const FILTER_KEYS: Readonly<Record<keyof FilterInputs, string>> = {
  schemaInclude: 'schema.include.list',
  schemaExclude: 'schema.exclude.list',
  tableInclude: 'table.include.list',
  tableExclude: 'table.exclude.list',
  columnInclude: 'column.include.list',
  columnExclude: 'column.exclude.list',
  messagePrefixInclude: 'message.prefix.include.list',
  messagePrefixExclude: 'message.prefix.exclude.list',
  snapshotInclude: 'snapshot.include.collection.list',
};

function filterInputs(raw: Raw): FilterInputs {
  const entries = Object.entries(FILTER_KEYS).map(([field, key]) => {
    const property = POSTGRES_PROPERTY_BY_NAME.get(key);
    return [field, property ? givenValue(raw, property) : null];
  });
  return Object.fromEntries(entries) as unknown as FilterInputs;
}

/** `k1=v1,k2=v2` as Debezium reads it (validation has made sure every entry has one `=`). */
export function parseCustomMetricTags(text: string | null, warn?: ConfigWarn): Map<string, string> {
  const tags = new Map<string, string>();
  if (text === null || text.trim() === '') return tags;
  const entries = javaSplit(text, ',').map((e) => e.trim());
  for (const entry of entries) {
    const [key = '', value = ''] = javaSplit(entry, '=').map((part) => part.trim());
    tags.set(key, value);
  }
  if (tags.size < entries.length) warn?.(`There are duplicated key-value pairs: ${text}`, { key: 'custom.metric.tags' });
  return tags;
}

function placeholderBytes(text: string): Uint8Array {
  return text.startsWith('hex:') ? new Uint8Array(Buffer.from(text.slice(4), 'hex')) : new TextEncoder().encode(text);
}

/** Enum values as their declared literal (Debezium accepts any case and surrounding spaces). */
function normalised(name: string, value: unknown): unknown {
  const literals = POSTGRES_PROPERTY_BY_NAME.get(name)?.enumValues;
  if (!literals || typeof value !== 'string') return value;
  return literals.find((l) => l.toLowerCase() === value.trim().toLowerCase()) ?? value;
}

/**
 * Validates `raw` like `PUT /connector-plugins/{class}/config/validate` and returns the typed config, or
 * throws one ConfigError listing every problem. `warn` receives deprecated names, ignored settings and
 * Debezium's warnings (a flush-less slot, select overrides without a statement, unusable mask lengths).
 */
export function parsePostgresConfig(raw: Raw, warn?: ConfigWarn): PostgresConnectorConfig {
  const values = POSTGRES_CONNECTOR_SPEC.validate(raw, warn);
  validatePostgresConfig(raw, values);
  const failed = values.filter((v) => v.errors.length);
  if (failed.length) throw new ConfigError(failed.flatMap((v) => v.errors).join('\n'), { key: failed[0]?.name });

  for (const { key, reason } of ignoredSettings(raw)) warn?.(`Configuration "${key}" is ignored by Tidewater: ${reason}`, { key });
  const typed = Object.fromEntries(values.map((v) => [v.name, normalised(v.name, v.value)])) as unknown as PostgresConfigValues;
  if (typed['flush.lsn.source'] === false) {
    warn?.('flush.lsn.source=false: positions are not confirmed to the slot, so PostgreSQL keeps its WAL until something else advances the slot', {
      key: 'flush.lsn.source',
    });
  }
  const topicPrefix = typed['topic.prefix'];
  return Object.freeze({
    values: Object.freeze(typed),
    filters: Object.freeze(filterInputs(raw)),
    messageKeyColumns: parseMessageKeyColumns(typed['message.key.columns']),
    snapshotSelectOverrides: parseSelectOverrides(raw, warn),
    columnMappers: findColumnMappers(raw, warn).rules,
    replicaIdentityAutoset: parseReplicaIdentityAutoset(typed['replica.identity.autoset.values']),
    customMetricTags: parseCustomMetricTags(givenValue(raw, { name: 'custom.metric.tags' }), warn),
    snapshotFetchSize: typed['snapshot.fetch.size'] ?? DEFAULT_SNAPSHOT_FETCH_SIZE,
    signalKafkaTopic: typed['signal.kafka.topic'] ?? `${topicPrefix}-signal`,
    unavailableValuePlaceholder: placeholderBytes(typed['unavailable.value.placeholder']),
    initialStatements: splitInitialStatements(givenValue(raw, { name: 'database.initial.statements' })),
    streamParams: parseStreamParams(givenValue(raw, { name: 'slot.stream.params' }), warn),
  });
}
