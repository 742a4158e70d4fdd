/** Helpers shared by the scenario definitions. */
import type { Scenario } from '../scenario.js';

export const POSTGRES_CONNECTOR = 'io.debezium.connector.postgresql.PostgresConnector';

/** The id a scenario's names derive from: its name with dashes as underscores. */
export function idOf(name: string): string {
  return name.replaceAll('-', '_');
}

/**
 * The config every scenario starts from: pgoutput, a filtered publication, and topic prefix, slot, publication
 * and database all named `cap_<id>`. A table name without a dot is qualified with `public.`; a name with a dot
 * (another schema, or a regex such as `public\\.meas.*`) is taken as written.
 */
export function baseConfig(name: string, tables: readonly string[]): Record<string, string> {
  const id = `cap_${idOf(name)}`;
  return {
    'connector.class': POSTGRES_CONNECTOR,
    'plugin.name': 'pgoutput',
    'topic.prefix': id,
    'slot.name': id,
    'publication.name': id,
    'publication.autocreate.mode': 'filtered',
    'table.include.list': tables.map((t) => (t.includes('.') ? t : `public.${t}`)).join(','),
  };
}

export function databaseOf(name: string): string {
  return `cap_${idOf(name)}`;
}

/** A scenario with the base config (plus `extra`) for `tables`. */
export function scenario(
  fields: Omit<Scenario, 'database' | 'config'> & { readonly tables: readonly string[]; readonly extra?: Readonly<Record<string, string>> },
): Scenario {
  const { tables, extra, ...rest } = fields;
  return { ...rest, database: databaseOf(fields.name), config: { ...baseConfig(fields.name, tables), ...extra } };
}
