/**
 * The configuration keys every connector has (Kafka's ConnectorConfig, SourceConnectorConfig and
 * SinkConnectorConfig): same names, types, defaults, groups, order, widths and display names as Kafka
 * Connect 3.9, so `PUT /connector-plugins/{plugin}/config/validate` answers as Kafka's does.
 */
import { ConfigSpec } from '../config/spec.js';
import { Range, nonEmptyStringWithoutControlChars, oneOf, nonNull } from '../config/validators.js';

const COMMON = 'Common';
const TRANSFORMS = 'Transforms';
const PREDICATES = 'Predicates';
const ERRORS = 'Error Handling';

export const commonConnectorConfig = ConfigSpec.empty()
  .define({ name: 'name', type: 'STRING', importance: 'HIGH', doc: 'Globally unique name of this connector.', group: COMMON, orderInGroup: 1, width: 'MEDIUM', displayName: 'Connector name', validator: nonEmptyStringWithoutControlChars })
  .define({ name: 'connector.class', type: 'STRING', importance: 'HIGH', doc: 'Name or alias of the connector plugin, e.g. org.apache.kafka.connect.file.FileStreamSinkConnector or FileStreamSink.', group: COMMON, orderInGroup: 2, width: 'LONG', displayName: 'Connector class' })
  .define({ name: 'tasks.max', type: 'INT', default: 1, importance: 'HIGH', doc: 'Maximum number of tasks for this connector.', group: COMMON, orderInGroup: 3, width: 'SHORT', displayName: 'Tasks max', validator: Range.atLeast(1) })
  .define({ name: 'tasks.max.enforce', type: 'BOOLEAN', default: true, importance: 'LOW', doc: 'Deprecated. Whether to fail a connector that generates more task configs than tasks.max.', group: COMMON, orderInGroup: 4, width: 'SHORT', displayName: 'Enforce tasks max' })
  .define({ name: 'key.converter', type: 'CLASS', default: null, importance: 'LOW', doc: 'Converter for record keys; overrides the worker setting.', group: COMMON, orderInGroup: 5, width: 'SHORT', displayName: 'Key converter class' })
  .define({ name: 'value.converter', type: 'CLASS', default: null, importance: 'LOW', doc: 'Converter for record values; overrides the worker setting.', group: COMMON, orderInGroup: 6, width: 'SHORT', displayName: 'Value converter class' })
  .define({ name: 'header.converter', type: 'CLASS', default: null, importance: 'LOW', doc: 'Converter for record headers; overrides the worker setting.', group: COMMON, orderInGroup: 7, width: 'SHORT', displayName: 'Header converter class' })
  .define({ name: 'transforms', type: 'LIST', default: [], importance: 'LOW', doc: 'Aliases of the transformations to apply to records, in order.', group: TRANSFORMS, orderInGroup: 8, width: 'LONG', displayName: 'Transforms' })
  .define({ name: 'predicates', type: 'LIST', default: [], importance: 'LOW', doc: 'Aliases of the predicates transformations can refer to.', group: PREDICATES, orderInGroup: 9, width: 'LONG', displayName: 'Predicates' })
  .define({ name: 'config.action.reload', type: 'STRING', default: 'restart', importance: 'LOW', doc: 'What to do when an externalized config value changes: restart or none.', group: COMMON, orderInGroup: 10, width: 'MEDIUM', displayName: 'Reload Action', validator: oneOf('none', 'restart') })
  .define({ name: 'errors.retry.timeout', type: 'LONG', default: 0, importance: 'MEDIUM', doc: 'How long, in milliseconds, a failed operation is retried; 0 means no retries, -1 retries forever.', group: ERRORS, orderInGroup: 1, width: 'MEDIUM', displayName: 'Retry Timeout for Errors' })
  .define({ name: 'errors.retry.delay.max.ms', type: 'LONG', default: 60000, importance: 'MEDIUM', doc: 'Longest wait, in milliseconds, between retries (exponential backoff up to this, plus jitter).', group: ERRORS, orderInGroup: 2, width: 'MEDIUM', displayName: 'Maximum Delay Between Retries for Errors' })
  .define({ name: 'errors.tolerance', type: 'STRING', default: 'none', importance: 'MEDIUM', doc: "'none' fails the task on any error; 'all' skips problematic records.", group: ERRORS, orderInGroup: 3, width: 'SHORT', displayName: 'Error Tolerance', validator: oneOf('none', 'all') })
  .define({ name: 'errors.log.enable', type: 'BOOLEAN', default: false, importance: 'MEDIUM', doc: 'Log each tolerated error with the failed operation.', group: ERRORS, orderInGroup: 4, width: 'SHORT', displayName: 'Log Errors' })
  .define({ name: 'errors.log.include.messages', type: 'BOOLEAN', default: false, importance: 'MEDIUM', doc: 'Include the failed record in error logs (topic, partition, offset and timestamp for sink records).', group: ERRORS, orderInGroup: 5, width: 'SHORT', displayName: 'Log Error Details' });

export const sourceConnectorConfig = commonConnectorConfig
  .define({ name: 'topic.creation.groups', type: 'LIST', default: [], importance: 'LOW', doc: 'Groups of topic settings for topics this source creates.', group: 'Topic Creation', orderInGroup: 1, width: 'LONG', displayName: 'Topic Creation Groups' })
  .define({ name: 'exactly.once.support', type: 'STRING', default: 'requested', importance: 'MEDIUM', doc: 'Whether the connector must (required) or may (requested) provide exactly-once delivery.', group: 'Exactly Once Support', orderInGroup: 2, width: 'SHORT', displayName: 'Exactly once support', validator: oneOf('requested', 'required') })
  .define({ name: 'transaction.boundary', type: 'STRING', default: 'poll', importance: 'MEDIUM', doc: 'How transactions are defined with exactly-once support: poll, interval or connector.', group: 'Exactly Once Support', orderInGroup: 3, width: 'SHORT', displayName: 'Transaction Boundary', validator: oneOf('poll', 'interval', 'connector') })
  .define({ name: 'transaction.boundary.interval.ms', type: 'LONG', default: null, importance: 'LOW', doc: 'Transaction length with transaction.boundary=interval.', group: 'Exactly Once Support', orderInGroup: 4, width: 'SHORT', displayName: 'Transaction boundary interval' })
  .define({ name: 'offsets.storage.topic', type: 'STRING', default: null, importance: 'LOW', doc: 'A separate offsets topic for this connector.', group: 'offsets.topic', orderInGroup: 1, width: 'LONG', displayName: 'Offsets topic' });

export const sinkConnectorConfig = commonConnectorConfig
  .define({ name: 'topics', type: 'LIST', default: [], importance: 'HIGH', doc: 'Topics to consume (or use topics.regex).', group: COMMON, orderInGroup: 4, width: 'LONG', displayName: 'Topics' })
  .define({ name: 'topics.regex', type: 'STRING', default: '', importance: 'HIGH', doc: 'Regular expression of topics to consume (or use topics).', group: COMMON, orderInGroup: 4, width: 'LONG', displayName: 'Topics regex' })
  .define({ name: 'errors.deadletterqueue.topic.name', type: 'STRING', default: '', importance: 'MEDIUM', doc: 'Topic for records that fail in conversion, transformation or the connector; empty disables the dead letter queue.', group: ERRORS, orderInGroup: 6, width: 'MEDIUM', displayName: 'Dead Letter Queue Topic Name' })
  .define({ name: 'errors.deadletterqueue.topic.replication.factor', type: 'SHORT', default: 3, importance: 'MEDIUM', doc: 'Replication factor of the dead letter queue topic when it is created.', group: ERRORS, orderInGroup: 7, width: 'MEDIUM', displayName: 'Dead Letter Queue Topic Replication Factor' })
  .define({ name: 'errors.deadletterqueue.context.headers.enable', type: 'BOOLEAN', default: false, importance: 'MEDIUM', doc: 'Add __connect.errors.* headers with the error context to dead letter queue records.', group: ERRORS, orderInGroup: 8, width: 'MEDIUM', displayName: 'Enable Error Context Headers' });

/** The keys Kafka adds for each transformation alias (`transforms.<alias>.type`, `.predicate`, `.negate`). */
export function transformationAliasSpec(alias: string, recommended: readonly string[] = []): ConfigSpec<Record<string, unknown>> {
  const group = `Transforms: ${alias}`;
  return ConfigSpec.empty().define({
    name: `transforms.${alias}.type`,
    type: 'CLASS',
    importance: 'HIGH',
    doc: `Class for the '${alias}' transformation.`,
    group,
    orderInGroup: 0,
    width: 'LONG',
    displayName: `Transformation type for ${alias}`,
    validator: nonNull,
    recommended,
  });
}

/** The keys Kafka appends after a transformation's own keys: its predicate and negate. */
export function transformationPredicateSpec(alias: string, firstOrder: number): ConfigSpec<Record<string, unknown>> {
  const group = `Transforms: ${alias}`;
  return ConfigSpec.empty()
    .define({ name: `transforms.${alias}.negate`, type: 'BOOLEAN', default: false, importance: 'MEDIUM', doc: 'Whether the configured predicate should be negated.', group, orderInGroup: firstOrder, displayName: 'negate' })
    .define({ name: `transforms.${alias}.predicate`, type: 'STRING', default: null, importance: 'MEDIUM', doc: 'The alias of a predicate used to determine whether to apply this transformation.', group, orderInGroup: firstOrder + 1, displayName: 'predicate' });
}

export function predicateAliasSpec(alias: string, recommended: readonly string[] = []): ConfigSpec<Record<string, unknown>> {
  return ConfigSpec.empty().define({
    name: `predicates.${alias}.type`,
    type: 'CLASS',
    importance: 'HIGH',
    doc: `Class for the '${alias}' predicate.`,
    group: `Predicates: ${alias}`,
    orderInGroup: 0,
    width: 'LONG',
    displayName: `Predicate type for ${alias}`,
    validator: nonNull,
    recommended,
  });
}
