/**
 * The PostgreSQL connector's property tables (connectors/postgres/README.md): every Debezium 3.2 property
 * with how Tidewater treats it, then the Tidewater extensions, from the connector's property list.
 */
import { keyInfo, type ConfigKey } from '../../src/config/spec.js';
import { POSTGRES_PROPERTIES, type PgProperty } from '../../connectors/postgres/config/index.js';
import { code, htmlToMarkdown, table } from './markdown.js';

function defaultCell(property: PgProperty): string {
  const shown = keyInfo(property as ConfigKey).default_value;
  const ours = shown === null ? 'null' : code(shown);
  return property.debeziumDefault === undefined ? ours : `${ours} (Debezium: ${code(property.debeziumDefault)})`;
}

function validValues(property: PgProperty): string {
  return property.enumValues ? property.enumValues.map((v) => code(v.toLowerCase())).join(', ') : '';
}

function status(property: PgProperty): string {
  const support = property.support ?? { status: 'supported' };
  switch (support.status) {
    case 'supported':
      return 'supported';
    case 'ignored':
      return `ignored: ${support.reason}`;
    case 'not supported':
      return support.unsupported ? `**not supported**: ${support.unsupported} (${support.reason})` : `**not supported**: ${support.reason}`;
  }
}

function nameCell(property: PgProperty): string {
  const old = property.deprecatedNames?.length ? `<br>(also ${property.deprecatedNames.map(code).join(', ')}, deprecated)` : '';
  const runtime = property.origin === 'debezium-runtime' ? ' †' : '';
  return `${code(property.name)}${runtime}${old}`;
}

const byName = (a: PgProperty, b: PgProperty) => a.name.localeCompare(b.name);

/** The section body: Debezium's properties in name order, then the extensions. */
export function postgresPropertiesMarkdown(): string {
  const debezium = POSTGRES_PROPERTIES.filter((p) => p.origin !== 'tidewater').sort(byName);
  const extensions = POSTGRES_PROPERTIES.filter((p) => p.origin === 'tidewater');
  const counts = (status: string) => debezium.filter((p) => (p.support?.status ?? 'supported') === status).length;
  return [
    `${debezium.length} Debezium properties: ${counts('supported')} supported, ${counts('ignored')} ignored, ${counts('not supported')} not supported ` +
      '(accepted only with their default or the values named). † marks properties Debezium reads but does not list in its ' +
      'ConfigDef, so its validate output does not show them; Tidewater validates and shows them.',
    '',
    table(
      ['Property', 'Type', 'Default', 'Valid values', 'Tidewater', 'Description'],
      debezium.map((p) => [nameCell(p), p.type, defaultCell(p), validValues(p), status(p), htmlToMarkdown(p.doc)]),
    ),
    '',
    '### Tidewater extensions',
    '',
    table(
      ['Property', 'Type', 'Default', 'Description'],
      extensions.map((p) => [code(p.name), p.type, defaultCell(p), htmlToMarkdown(p.doc)]),
    ),
  ].join('\n');
}
