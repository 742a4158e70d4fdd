/**
 * Debezium's extension points, which load Java classes (custom converters, post processors, naming and
 * metadata strategies) or talk to OpenLineage: accepted while they keep their defaults.
 */
import { isListOfMap } from '../debezium-checks.js';
import type { PgProperty, Support } from '../property.js';

/** A Java class property: only Debezium's own default can be honoured (Tidewater has its equivalent built in). */
function onlyDefaultClass(key: string, defaultClass: string): Support {
  return {
    status: 'not supported',
    unsupported: 'classes other than the default',
    reason: 'Java classes cannot be loaded; the default is built in',
    accepts: (v) => v.trim() === '' || v.trim() === defaultClass,
    reject: (v) => `Tidewater cannot load the Java class ${v}; remove ${key} or set it to ${defaultClass}`,
  };
}

/** A list of Java plug-in prefixes: only an empty one works. */
function noJavaPlugins(key: string, what: string): Support {
  return {
    status: 'not supported',
    reason: `${what} are Java classes, which Tidewater cannot load`,
    accepts: (v) => v.trim() === '',
    reject: () => `Tidewater cannot load ${what} (Java classes); remove ${key} and its <prefix>.* properties`,
  };
}

const lineageIgnored: Support = { status: 'ignored', reason: 'only read with openlineage.integration.enabled=true, which Tidewater does not support' };

/** One of the OpenLineage properties (group Connector, importance LOW, ignored). */
function lineage<const S extends string, const R extends Omit<PgProperty, 'name' | 'importance' | 'group' | 'orderInGroup' | 'origin'>>(order: number, suffix: S, rest: R) {
  const name = `openlineage.integration.${suffix}` as const;
  return { name, importance: 'LOW', group: 'Connector', orderInGroup: order, width: 'LONG', origin: 'debezium', support: lineageIgnored, ...rest } as const;
}

export const PLUGIN_PROPERTIES = [
  {
    name: 'converters',
    type: 'STRING',
    default: null,
    importance: 'LOW',
    group: 'Events',
    orderInGroup: 1,
    width: 'MEDIUM',
    displayName: 'List of prefixes defining custom values converters.',
    doc: 'Prefixes of custom column converters, each a Java class given by `<prefix>.type` and configured by `<prefix>.*`.',
    origin: 'debezium',
    support: noJavaPlugins('converters', 'custom converters'),
  },
  {
    name: 'post.processors',
    type: 'STRING',
    default: null,
    importance: 'LOW',
    group: 'Events',
    orderInGroup: 2,
    width: 'MEDIUM',
    displayName: 'List of change event post processors.',
    doc: 'Prefixes of post processors (e.g. Debezium\'s column reselector), each a Java class given by `<prefix>.type` and configured by `<prefix>.*`.',
    origin: 'debezium',
    support: noJavaPlugins('post.processors', 'post processors'),
  },
  {
    name: 'topic.naming.strategy',
    type: 'CLASS',
    default: 'io.debezium.schema.SchemaTopicNamingStrategy',
    importance: 'MEDIUM',
    group: 'Events',
    orderInGroup: 9,
    width: 'MEDIUM',
    displayName: 'Topic naming strategy class',
    doc: 'The class that names topics. The default names data topics `<topic.prefix>.<schema>.<table>`, and the heartbeat and transaction topics as their properties say.',
    origin: 'debezium',
    support: onlyDefaultClass('topic.naming.strategy', 'io.debezium.schema.SchemaTopicNamingStrategy'),
  },
  {
    name: 'transaction.metadata.factory',
    type: 'CLASS',
    default: 'io.debezium.pipeline.txmetadata.DefaultTransactionMetadataFactory',
    importance: 'LOW',
    group: 'Events',
    orderInGroup: 12,
    width: 'MEDIUM',
    displayName: 'Factory class to create transaction context & transaction struct maker classes',
    doc: 'The class that builds transaction metadata (the `transaction` block and the transaction topic\'s events).',
    origin: 'debezium',
    support: onlyDefaultClass('transaction.metadata.factory', 'io.debezium.pipeline.txmetadata.DefaultTransactionMetadataFactory'),
  },
  {
    name: 'sourceinfo.struct.maker',
    type: 'CLASS',
    default: 'io.debezium.connector.postgresql.PostgresSourceInfoStructMaker',
    importance: 'LOW',
    group: 'Events',
    orderInGroup: 33,
    width: 'MEDIUM',
    displayName: 'Source info struct maker class',
    doc: 'The class that builds the `source` block of change events.',
    origin: 'debezium',
    support: onlyDefaultClass('sourceinfo.struct.maker', 'io.debezium.connector.postgresql.PostgresSourceInfoStructMaker'),
  },
  lineage(26, 'enabled', {
    type: 'BOOLEAN',
    default: false,
    width: 'SHORT',
    displayName: 'Enables OpenLineage integration',
    doc: 'Reports data lineage (the connector as a job, tables as datasets) to OpenLineage.',
    support: {
      status: 'not supported',
      reason: 'no OpenLineage client',
      reject: () => 'Tidewater does not emit OpenLineage events; remove openlineage.integration.enabled or set it to false',
    },
  }),
  lineage(27, 'config.file.path', { type: 'STRING', default: './openlineage.yml', displayName: 'Path to OpenLineage file configuration', doc: 'The OpenLineage client\'s configuration file.' }),
  lineage(28, 'job.namespace', { type: 'STRING', default: null, displayName: 'Namespace used for Debezium job', doc: 'The namespace of the reported job.' }),
  lineage(29, 'job.description', {
    type: 'STRING',
    default: 'Debezium change data capture job',
    displayName: 'Description used for Debezium job',
    doc: 'The description of the reported job.',
  }),
  lineage(30, 'job.tags', { type: 'LIST', default: null, displayName: 'Debezium job tags', doc: 'Tags of the reported job, as `key=value` pairs (comma-separated).', checks: [isListOfMap] }),
  lineage(31, 'job.owners', { type: 'LIST', default: null, displayName: 'Debezium job owners', doc: 'Owners of the reported job, as `key=value` pairs (comma-separated).', checks: [isListOfMap] }),
] as const satisfies readonly PgProperty[];
