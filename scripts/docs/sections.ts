/**
 * Which generated sections exist, what each one holds, and which files must have which. Section ids:
 *
 *   config:<class>          a plugin (transformations: the class without `$Key`/`$Value`, both variants)
 *   config:worker           worker properties
 *   config:connector-*      connector keys: common, source, sink, aliases
 *   smt-list                one line per transformation and predicate (README)
 *   rest-api                every route of the REST API
 *   metrics:kafka-connect   Kafka Connect metrics; metrics:process: process metrics
 *   postgres:properties     the PostgreSQL connector's properties with Tidewater's support (its README)
 */
import type { Plugin } from '../../src/api/plugin.js';
import { BUILTIN_PLUGINS } from '../../src/runtime/builtin-plugins.js';
import {
  commonConnectorConfig,
  predicateAliasSpec,
  sinkConnectorConfig,
  sourceConnectorConfig,
  transformationAliasSpec,
  transformationPredicateSpec,
} from '../../src/runtime/connector-config.js';
import { PluginRegistry } from '../../src/runtime/plugins.js';
import { workerConfigSpec } from '../../src/runtime/worker-config.js';
import { byBaseClass, configTable, extraKeys, groupedConfigTables, pluginSection, simpleName } from './config-tables.js';
import { anchor, code, firstSentence } from './markdown.js';
import { kafkaConnectMetricsMarkdown, processMetricsMarkdown } from './metrics.js';
import { postgresPropertiesMarkdown } from './postgres-properties.js';
import { restApiMarkdown, type OpenApiDocument } from './rest-api.js';

/** A file with generated sections and the ids it must have (appended at its end when missing). */
export interface Target {
  readonly path: string;
  readonly required: readonly string[];
}

const registry = new PluginRegistry(BUILTIN_PLUGINS);
const ofKind = (...kinds: ReadonlyArray<Plugin['kind']>) => BUILTIN_PLUGINS.filter((p) => kinds.includes(p.kind));
const TRANSFORMATION_PLUGINS = ofKind('transformation');
const PREDICATE_PLUGINS = ofKind('predicate');

const pluginId = (base: string) => `config:${base}`;

function pluginSections(plugins: readonly Plugin[], headingLevel: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const [base, variants] of byBaseClass(plugins)) out.set(pluginId(base), pluginSection(variants, registry, headingLevel));
  return out;
}

const transformSections = pluginSections([...TRANSFORMATION_PLUGINS, ...PREDICATE_PLUGINS], 3);
const converterSections = pluginSections(ofKind('converter', 'header_converter'), 3);
const connectorSections = pluginSections(ofKind('source', 'sink'), 2);

/** README's list: one line per SMT and predicate, linking to its section in src/transforms/README.md. */
function smtList(): string {
  const line = (variants: readonly Plugin[], base: string) => {
    const name = simpleName(base);
    const suffix = variants.length > 1 ? ` (${variants.map((p) => code(p.className.slice(base.length))).join(' / ')})` : '';
    const doc = variants[0]?.doc ? `: ${firstSentence(variants[0].doc)}` : '';
    return `- [${code(name)}](src/transforms/README.md#${anchor(name)})${suffix}${doc}`;
  };
  const list = (plugins: readonly Plugin[]) => [...byBaseClass(plugins)].map(([base, variants]) => line(variants, base)).join('\n');
  return `Transformations:\n\n${list(TRANSFORMATION_PLUGINS)}\n\nPredicates:\n\n${list(PREDICATE_PLUGINS)}`;
}

function connectorAliasKeys(): string {
  const alias = '<alias>';
  const transform = transformationAliasSpec(alias).merge(transformationPredicateSpec(alias, 1));
  return [
    `For each alias in ${code('transforms')}, besides the transformation's own keys under ${code('transforms.<alias>.')}:`,
    '',
    configTable(transform.keys),
    '',
    `For each alias in ${code('predicates')}, besides the predicate's own keys under ${code('predicates.<alias>.')}:`,
    '',
    configTable(predicateAliasSpec(alias).keys),
  ].join('\n');
}

/** Every section body, by id. */
export function renderSections(openApi: OpenApiDocument): Map<string, string> {
  return new Map<string, string>([
    ...transformSections,
    ...converterSections,
    ...connectorSections,
    ['smt-list', smtList()],
    ['config:worker', configTable(workerConfigSpec.keys)],
    ['config:connector-common', groupedConfigTables(commonConnectorConfig.keys, '###')],
    ['config:connector-source', groupedConfigTables(extraKeys(sourceConnectorConfig, commonConnectorConfig), '###')],
    ['config:connector-sink', groupedConfigTables(extraKeys(sinkConnectorConfig, commonConnectorConfig), '###')],
    ['config:connector-aliases', connectorAliasKeys()],
    ['rest-api', restApiMarkdown(openApi)],
    ['metrics:kafka-connect', kafkaConnectMetricsMarkdown()],
    ['metrics:process', processMetricsMarkdown()],
    ['postgres:properties', postgresPropertiesMarkdown()],
  ]);
}

/** The files with generated sections, each with the sections it must have. */
export const TARGETS: readonly Target[] = [
  { path: 'README.md', required: ['smt-list'] },
  { path: 'docs/worker-config.md', required: ['config:worker'] },
  { path: 'docs/connector-config.md', required: ['config:connector-common', 'config:connector-source', 'config:connector-sink', 'config:connector-aliases'] },
  { path: 'docs/rest-api.md', required: ['rest-api'] },
  { path: 'docs/metrics.md', required: ['metrics:kafka-connect', 'metrics:process'] },
  { path: 'src/transforms/README.md', required: [...transformSections.keys()] },
  { path: 'src/converters/README.md', required: [...converterSections.keys()] },
];

/** Connector sections live in their folder's README (connectors/<folder>/README.md); every connector needs one. */
export const CONNECTOR_SECTION_IDS: readonly string[] = [...connectorSections.keys()];
