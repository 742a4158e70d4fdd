/**
 * Config tables from live ConfigSpecs, and plugin sections (class names, short names, kind, version, doc,
 * config table) from the plugin descriptors. Defaults are rendered as `GET /connector-plugins/{plugin}/config`
 * renders them (keyInfo), so the docs and the REST API agree.
 */
import type { Plugin } from '../../src/api/plugin.js';
import { keyInfo, type ConfigKey, type ConfigSpec } from '../../src/config/spec.js';
import type { PluginRegistry } from '../../src/runtime/plugins.js';
import { code, htmlToMarkdown, table } from './markdown.js';

type AnySpec = ConfigSpec<Record<string, unknown>>;

function defaultCell(key: ConfigKey): string {
  const info = keyInfo(key);
  if (info.required) return '*required*';
  return info.default_value === null ? 'null' : code(info.default_value);
}

function validValues(key: ConfigKey): string {
  const described = key.validator?.describe;
  if (described) return htmlToMarkdown(described);
  return key.recommended?.length ? key.recommended.join(', ') : '';
}

function description(key: ConfigKey): string {
  const doc = htmlToMarkdown(key.doc);
  const old = key.deprecatedNames?.length ? ` Also read from ${key.deprecatedNames.map(code).join(', ')} (deprecated).` : '';
  return doc + old;
}

/** The documented (non-internal) keys of a spec, as one table. */
export function configTable(keys: readonly ConfigKey[]): string {
  const visible = keys.filter((k) => !k.internal);
  if (visible.length === 0) return 'No configuration keys.';
  return table(
    ['Key', 'Type', 'Default', 'Valid values', 'Importance', 'Description'],
    visible.map((k) => [code(k.name), k.type, defaultCell(k), validValues(k), k.importance, description(k)]),
  );
}

/** One table per group (in the spec's group order); keys without a group go under `ungrouped`. */
export function groupedConfigTables(keys: readonly ConfigKey[], heading: string, ungrouped = 'Other'): string {
  const groups = [...new Set(keys.map((k) => k.group ?? ungrouped))];
  return groups
    .map((group) => {
      const inGroup = keys.filter((k) => (k.group ?? ungrouped) === group).sort((a, b) => (a.orderInGroup ?? 0) - (b.orderInGroup ?? 0));
      return `${heading} ${group}\n\n${configTable(inGroup)}`;
    })
    .join('\n\n');
}

/** Keys of `spec` that `base` does not have. */
export function extraKeys(spec: AnySpec, base: AnySpec): ConfigKey[] {
  const known = new Set(base.keys.map((k) => k.name));
  return spec.keys.filter((k) => !known.has(k.name));
}

/** `org.x.Cast$Key` → `org.x.Cast`: the class the `$Key`/`$Value` variants share. */
export function baseClassName(className: string): string {
  return className.replace(/\$(Key|Value)$/, '');
}

export function simpleName(className: string): string {
  return className.slice(className.lastIndexOf('.') + 1);
}

/** The names a worker resolves to the plugin besides its class name (only those that are unambiguous). */
function shortNames(plugin: Plugin, registry: PluginRegistry): string[] {
  const simple = simpleName(plugin.className);
  const pruned = simple.replace(/(Connector|Converter|Transformation|Predicate)$/, '');
  const candidates = [...(plugin.aliases ?? []), simple, pruned].filter((n) => n !== '' && n !== plugin.className);
  return [...new Set(candidates)].filter((name) => registry.findOfKind(name, plugin.kind) === plugin);
}

const KIND_LABEL: Record<Plugin['kind'], string> = {
  source: 'source connector',
  sink: 'sink connector',
  converter: 'converter',
  header_converter: 'header converter',
  transformation: 'transformation (SMT)',
  predicate: 'predicate',
};

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/**
 * The section of one plugin class, of the `$Key`/`$Value` pair of one transformation, or of a class that
 * serves two kinds (a converter that is a header converter too): a heading (the simple base name), its
 * names, kinds and version, its doc and its config table.
 */
export function pluginSection(variants: readonly Plugin[], registry: PluginRegistry, headingLevel: number): string {
  const first = variants[0];
  if (!first) throw new Error('pluginSection needs at least one plugin');
  const base = baseClassName(first.className);
  const lines = [`${'#'.repeat(headingLevel)} ${simpleName(base)}`, ''];
  const classes = unique(variants.map((p) => p.className)).map((className) => {
    const part = /\$Key$/.test(className) ? ' (record key)' : /\$Value$/.test(className) ? ' (record value)' : '';
    return `${code(className)}${part}`;
  });
  lines.push(`- **Class${classes.length > 1 ? 'es' : ''}:** ${classes.join(', ')}`);
  const shorts = unique(variants.flatMap((p) => shortNames(p, registry)));
  if (shorts.length) lines.push(`- **Also accepted as:** ${shorts.map(code).join(', ')}`);
  const versions = unique(variants.map((p) => p.version)).join(', ');
  lines.push(`- **Kind:** ${unique(variants.map((p) => KIND_LABEL[p.kind])).join(', ')}; **version:** ${versions}`);
  if (first.doc) lines.push('', htmlToMarkdown(first.doc));
  const tables = variants.map((p) => configTable(p.config.keys));
  if (tables.every((t) => t === tables[0])) {
    lines.push('', tables[0] ?? '');
  } else {
    variants.forEach((p, i) => lines.push('', `Configuration of ${code(p.className)} as a ${KIND_LABEL[p.kind]}:`, '', tables[i] ?? ''));
  }
  return lines.join('\n');
}

/** Plugins grouped by base class name, in registration order. */
export function byBaseClass(plugins: readonly Plugin[]): Map<string, Plugin[]> {
  const groups = new Map<string, Plugin[]>();
  for (const plugin of plugins) {
    const base = baseClassName(plugin.className);
    const group = groups.get(base);
    if (group) group.push(plugin);
    else groups.set(base, [plugin]);
  }
  return groups;
}
