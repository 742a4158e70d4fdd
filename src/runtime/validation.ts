/**
 * Connector config validation as Kafka's AbstractHerder.validateConnectorConfig does it: the common
 * connector keys (source or sink), each transformation's and predicate's keys embedded under its alias,
 * then the connector's own keys and checks. Every problem is reported at once, in Kafka's ConfigInfos shape.
 */
import { BadRequestError } from '../api/errors.js';
import type { ConnectorPlugin } from '../api/plugin.js';
import { ConfigSpec, keyInfo, valueInfo, type ConfigInfos, type ConfigValue } from '../config/spec.js';
import { parseType } from '../config/types.js';
import {
  predicateAliasSpec,
  sinkConnectorConfig,
  sourceConnectorConfig,
  transformationAliasSpec,
  transformationPredicateSpec,
} from './connector-config.js';
import type { PluginRegistry } from './plugins.js';

type Raw = Readonly<Record<string, string>>;

function aliases(raw: Raw, key: string): string[] {
  try {
    return parseType(key, raw[key] ?? '', 'LIST') ?? [];
  } catch {
    return [];
  }
}

/**
 * The connector keys plus, for every alias in `transforms`/`predicates`, its `.type` key and (when the type
 * resolves) the plugin's own keys embedded under `transforms.<alias>.` (Kafka's ConnectorConfig.enrich).
 */
export function enrichedConnectorSpec(plugins: PluginRegistry, connector: ConnectorPlugin, raw: Raw): ConfigSpec<Record<string, unknown>> {
  let spec: ConfigSpec<Record<string, unknown>> = connector.kind === 'sink' ? sinkConnectorConfig : sourceConnectorConfig;
  for (const alias of new Set(aliases(raw, 'transforms'))) {
    spec = spec.merge(transformationAliasSpec(alias, plugins.ofKind('transformation').map((p) => p.className)));
    const plugin = plugins.transformation(raw[`transforms.${alias}.type`] ?? '');
    const own = plugin ? plugin.config.withPrefix(`transforms.${alias}.`, { group: `Transforms: ${alias}`, firstOrder: 1 }) : ConfigSpec.empty();
    spec = spec.merge(own).merge(transformationPredicateSpec(alias, own.keys.length + 1));
  }
  for (const alias of new Set(aliases(raw, 'predicates'))) {
    spec = spec.merge(predicateAliasSpec(alias, plugins.ofKind('predicate').map((p) => p.className)));
    const plugin = plugins.predicate(raw[`predicates.${alias}.type`] ?? '');
    if (plugin) spec = spec.merge(plugin.config.withPrefix(`predicates.${alias}.`, { group: `Predicates: ${alias}`, firstOrder: 1 }));
  }
  return spec;
}

/**
 * Keys in the iteration order of `new java.util.HashMap<>(map)` (Java 17) for a map iterating in `keys` order:
 * the copy's table is sized for the map (next power of two of size / 0.75 + 1), then by bucket, then by
 * insertion within a bucket.
 */
function javaHashMapCopyOrder(keys: readonly string[]): string[] {
  let capacity = 1;
  while (capacity < Math.floor(keys.length / 0.75 + 1)) capacity *= 2;
  const bucket = (key: string) => {
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (Math.imul(31, h) + key.charCodeAt(i)) | 0;
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return keys
    .map((key, index) => ({ key, index, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key);
}

/** Kafka's message when a config has no connector.class: `Connector config {a=b, …} contains no connector type`. */
export function requireConnectorClass(raw: Raw): string {
  const className = raw['connector.class'];
  if (!className) {
    // Kafka prints a java.util.HashMap copy of the config.
    const shown = javaHashMapCopyOrder(Object.keys(raw)).map((k) => `${k}=${raw[k] ?? ''}`).join(', ');
    throw new BadRequestError(`Connector config {${shown}} contains no connector type`);
  }
  return className;
}

function addError(values: ConfigValue[], key: string, message: string): void {
  values.find((v) => v.name === key)?.errors.push(message);
}

/** Class names that do not resolve to a plugin of the right kind: Kafka's "could not be found". */
function checkPluginClasses(plugins: PluginRegistry, raw: Raw, values: ConfigValue[]): void {
  for (const v of values) {
    const match = /^(transforms|predicates)\.([^.]+)\.type$/.exec(v.name);
    const className = raw[v.name];
    if (!match || !className) continue;
    const found = match[1] === 'transforms' ? plugins.transformation(className) : plugins.predicate(className);
    if (!found) v.errors.push(`Invalid value ${className} for configuration ${v.name}: Class ${className} could not be found.`);
  }
  for (const alias of aliases(raw, 'transforms')) {
    const predicate = raw[`transforms.${alias}.predicate`];
    if (predicate && !aliases(raw, 'predicates').includes(predicate)) {
      addError(values, `transforms.${alias}.predicate`, `Invalid value ${predicate} for configuration transforms.${alias}.predicate: Unknown predicate '${predicate}'`);
    }
  }
}

/** Kafka's SinkConnectorConfig.validate: exactly one of topics/topics.regex, and the DLQ topic not consumed. */
function checkSinkTopics(raw: Raw, values: ConfigValue[]): void {
  const topics = aliases(raw, 'topics');
  const regex = (raw['topics.regex'] ?? '').trim();
  if (topics.length && regex) {
    for (const key of ['topics', 'topics.regex']) addError(values, key, 'topics and topics.regex are mutually exclusive.');
  } else if (!topics.length && !regex) {
    for (const key of ['topics', 'topics.regex']) addError(values, key, 'Must configure one of topics or topics.regex');
  }
  const dlq = (raw['errors.deadletterqueue.topic.name'] ?? '').trim();
  if (dlq && topics.includes(dlq)) {
    addError(values, 'errors.deadletterqueue.topic.name', `The DLQ topic '${dlq}' may not be included in the list of topics ('topics=${raw.topics}') consumed by the connector`);
  }
  if (dlq && regex) {
    let matches = false;
    try {
      matches = new RegExp(`^(?:${regex})$`).test(dlq);
    } catch {
      addError(values, 'topics.regex', `Invalid value ${regex} for configuration topics.regex: Invalid regex`);
    }
    if (matches) {
      addError(values, 'errors.deadletterqueue.topic.name', `The DLQ topic '${dlq}' may not be included in the regex matching topics ('topics.regex=${regex}') consumed by the connector`);
    }
  }
}

/**
 * Validates a connector config. Throws BadRequestError without a connector.class and ConnectError (500 in
 * Kafka) for an unknown connector class; every other problem lands in the result's errors.
 */
export async function validateConnectorConfig(plugins: PluginRegistry, raw: Raw): Promise<ConfigInfos> {
  const className = requireConnectorClass(raw);
  const connector = plugins.connector(className);
  const enriched = enrichedConnectorSpec(plugins, connector, raw);
  const enrichedValues = enriched.validate(raw);
  checkPluginClasses(plugins, raw, enrichedValues);
  if (connector.kind === 'sink') checkSinkTopics(raw, enrichedValues);
  const ownValues = connector.config.validate(raw);
  await connector.create().validate?.(raw, ownValues);

  const specs = [...enriched.keys, ...connector.config.keys];
  const values = [...enrichedValues, ...ownValues];
  const configs = values
    .map((value, i) => ({ key: specs[i], value }))
    .filter((e): e is { key: NonNullable<typeof e.key>; value: ConfigValue } => !!e.key && !e.key.internal)
    .map(({ key, value }) => ({ definition: keyInfo(key), value: valueInfo(key, value) }));
  return {
    name: className,
    error_count: values.reduce((n, v) => n + v.errors.length, 0),
    groups: [...new Set([...enriched.groups, ...connector.config.groups])],
    configs,
  };
}

/** The problems of a validation, in Kafka's create/update error message. */
export function invalidConfigMessage(infos: ConfigInfos): string {
  const errors = infos.configs.flatMap((c) => c.value.errors);
  return (
    `Connector configuration is invalid and contains the following ${errors.length} error(s):\n${errors.join('\n')}\n` +
    'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`'
  );
}
