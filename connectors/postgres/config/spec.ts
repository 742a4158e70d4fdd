/**
 * The PostgreSQL connector's configuration spec: every property of Debezium 3.2's PostgreSQL connector
 * plus the Tidewater extensions, in Debezium's ConfigDef order. Debezium's ConfigDef has three groups,
 * `Postgres`, `Connector` and `Events`, each numbered from 1; the properties Debezium reads without
 * declaring them follow in `Debezium runtime`, then the extensions in `Tidewater`.
 */
import { ConfigSpec, type AnyConfigKey } from '../../../src/config/spec.js';
import { CONNECTION_PROPERTIES } from './keys/connection.js';
import { EVENT_PROPERTIES } from './keys/events.js';
import { FILTER_PROPERTIES } from './keys/filters.js';
import { HANDLING_MODE_PROPERTIES } from './keys/handling-modes.js';
import { PLUGIN_PROPERTIES } from './keys/plugins.js';
import { REPLICATION_PROPERTIES } from './keys/replication.js';
import { SNAPSHOT_PROPERTIES } from './keys/snapshot.js';
import { STREAMING_PROPERTIES } from './keys/streaming.js';
import { TIDEWATER_PROPERTIES } from './keys/tidewater.js';
import { withSpecValidator, type PgProperty, type ValuesOf } from './property.js';

/** Debezium's version whose properties these are. */
export const DEBEZIUM_VERSION = '3.2.7.Final';

const DECLARED = [
  ...CONNECTION_PROPERTIES,
  ...REPLICATION_PROPERTIES,
  ...FILTER_PROPERTIES,
  ...SNAPSHOT_PROPERTIES,
  ...STREAMING_PROPERTIES,
  ...EVENT_PROPERTIES,
  ...PLUGIN_PROPERTIES,
  ...HANDLING_MODE_PROPERTIES,
  ...TIDEWATER_PROPERTIES,
] as const;

/** Every property's parsed type, by name: enum properties as their literals, null where the default is null. */
export type PostgresSpecValues = ValuesOf<typeof DECLARED>;

export const POSTGRES_GROUPS = ['Postgres', 'Connector', 'Events', 'Debezium runtime', 'Tidewater'] as const;

/** Sorted by group, then by order in the group; the groups Debezium does not have are numbered as declared. */
function inSpecOrder(properties: readonly PgProperty[]): PgProperty[] {
  const next = new Map<string, number>();
  const numbered = properties.map((p) => {
    if (p.orderInGroup !== undefined) return p;
    const order = (next.get(p.group ?? '') ?? 0) + 1;
    next.set(p.group ?? '', order);
    return { ...p, orderInGroup: order } as PgProperty;
  });
  const rank = (p: PgProperty) => POSTGRES_GROUPS.indexOf(p.group as (typeof POSTGRES_GROUPS)[number]);
  return numbered.sort((a, b) => rank(a) - rank(b) || (a.orderInGroup ?? 0) - (b.orderInGroup ?? 0));
}

/** Every property with what the spec cannot hold (origin, Debezium's checks, Tidewater's support), in spec order. */
export const POSTGRES_PROPERTIES: readonly PgProperty[] = inSpecOrder(DECLARED);

export const POSTGRES_PROPERTY_BY_NAME: ReadonlyMap<string, PgProperty> = new Map(POSTGRES_PROPERTIES.map((p) => [p.name, p]));

/**
 * The ConfigSpec (REST metadata, docs, per-value validation). Checks across keys, Debezium's exact
 * messages for unparsable values and Tidewater's support rules are added by validatePostgresConfig;
 * parsePostgresConfig does all of it and returns the typed config.
 */
export const POSTGRES_CONNECTOR_SPEC: ConfigSpec<Record<string, unknown>> = POSTGRES_PROPERTIES.reduce<ConfigSpec<Record<string, unknown>>>(
  (spec, property) => spec.define(withSpecValidator(property) as AnyConfigKey),
  ConfigSpec.empty(),
);
