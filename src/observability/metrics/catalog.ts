/**
 * Every Kafka Connect metric Tidewater exposes, with its Kafka group and name (ConnectMetricsRegistry) and its
 * Prometheus name. The Prometheus name is what the usual JMX-exporter rules make of Kafka's MBean
 * `kafka.connect:type=<group>,connector=…,task=…` attribute `<name>`: `kafka_connect_<prefix>_<name>` with
 * dashes turned into underscores, connector and task as labels. Existing dashboards keep working.
 *
 * Kafka's own units stay in the names (`-ms`, `-rate` per second, `-percentage` as a fraction 0…1), because
 * renaming them would break those dashboards. Cumulative sums are typed `counter`; everything else `gauge`.
 * String-valued attributes become labels on a series of value 1: `status` (the current state only) and the
 * connector's class, type and version (one `_info` series).
 */
import type { MetricDefinition, MetricType } from './registry.js';

export interface KafkaMetricDefinition extends MetricDefinition {
  /** Kafka's metric group (the MBean `type`). */
  readonly kafkaGroup: string;
  /** Kafka's metric name (the MBean attribute). */
  readonly kafkaName: string;
}

const PROMETHEUS_PREFIX_BY_GROUP = {
  'connect-worker-metrics': 'kafka_connect_worker_',
  'connect-worker-rebalance-metrics': 'kafka_connect_worker_rebalance_',
  'connector-metrics': 'kafka_connect_connector_',
  'connector-task-metrics': 'kafka_connect_task_',
  'source-task-metrics': 'kafka_connect_source_task_',
  'sink-task-metrics': 'kafka_connect_sink_task_',
  'task-error-metrics': 'kafka_connect_task_error_',
} as const;

type KafkaGroup = keyof typeof PROMETHEUS_PREFIX_BY_GROUP;

function metric(kafkaGroup: KafkaGroup, kafkaName: string, type: MetricType, help: string): KafkaMetricDefinition {
  const name = PROMETHEUS_PREFIX_BY_GROUP[kafkaGroup] + kafkaName.replace(/-/g, '_');
  return { kafkaGroup, kafkaName, name, type, help };
}

const WORKER = 'connect-worker-metrics';
export const WORKER_METRICS = {
  connectorCount: metric(WORKER, 'connector-count', 'gauge', 'Connectors running in this worker.'),
  taskCount: metric(WORKER, 'task-count', 'gauge', 'Tasks running in this worker.'),
  connectorStartupAttempts: metric(WORKER, 'connector-startup-attempts-total', 'counter', 'Connector startups this worker attempted.'),
  connectorStartupSuccesses: metric(WORKER, 'connector-startup-success-total', 'counter', 'Connector startups that succeeded.'),
  connectorStartupSuccessFraction: metric(WORKER, 'connector-startup-success-percentage', 'gauge', 'Fraction (0 to 1) of recent connector startups that succeeded.'),
  connectorStartupFailures: metric(WORKER, 'connector-startup-failure-total', 'counter', 'Connector startups that failed.'),
  connectorStartupFailureFraction: metric(WORKER, 'connector-startup-failure-percentage', 'gauge', 'Fraction (0 to 1) of recent connector startups that failed.'),
  taskStartupAttempts: metric(WORKER, 'task-startup-attempts-total', 'counter', 'Task startups this worker attempted.'),
  taskStartupSuccesses: metric(WORKER, 'task-startup-success-total', 'counter', 'Task startups that succeeded.'),
  taskStartupSuccessFraction: metric(WORKER, 'task-startup-success-percentage', 'gauge', 'Fraction (0 to 1) of recent task startups that succeeded.'),
  taskStartupFailures: metric(WORKER, 'task-startup-failure-total', 'counter', 'Task startups that failed.'),
  taskStartupFailureFraction: metric(WORKER, 'task-startup-failure-percentage', 'gauge', 'Fraction (0 to 1) of recent task startups that failed.'),
} as const;

/** Per-connector task counts of the worker group (label `connector`), by task state. */
export const WORKER_CONNECTOR_TASK_COUNTS = {
  total: metric(WORKER, 'connector-total-task-count', 'gauge', "The connector's tasks in this worker."),
  RUNNING: metric(WORKER, 'connector-running-task-count', 'gauge', "The connector's running tasks in this worker."),
  PAUSED: metric(WORKER, 'connector-paused-task-count', 'gauge', "The connector's paused tasks in this worker."),
  FAILED: metric(WORKER, 'connector-failed-task-count', 'gauge', "The connector's failed tasks in this worker."),
  UNASSIGNED: metric(WORKER, 'connector-unassigned-task-count', 'gauge', "The connector's unassigned tasks in this worker."),
  DESTROYED: metric(WORKER, 'connector-destroyed-task-count', 'gauge', "The connector's destroyed tasks in this worker."),
  RESTARTING: metric(WORKER, 'connector-restarting-task-count', 'gauge', "The connector's restarting tasks in this worker."),
} as const;

const REBALANCE = 'connect-worker-rebalance-metrics';
export const REBALANCE_METRICS = {
  completed: metric(REBALANCE, 'completed-rebalances-total', 'counter', 'Rebalances this worker completed.'),
  rebalancing: metric(REBALANCE, 'rebalancing', 'gauge', '1 while this worker is rebalancing, else 0.'),
  maxTime: metric(REBALANCE, 'rebalance-max-time-ms', 'gauge', 'Longest recent rebalance of this worker, in milliseconds.'),
  avgTime: metric(REBALANCE, 'rebalance-avg-time-ms', 'gauge', 'Mean duration of recent rebalances of this worker, in milliseconds.'),
  timeSinceLast: metric(REBALANCE, 'time-since-last-rebalance-ms', 'gauge', 'Milliseconds since this worker completed its latest rebalance; +Inf if it never rebalanced.'),
  epoch: metric(REBALANCE, 'epoch', 'gauge', 'The epoch (generation) of this worker.'),
} as const;

const CONNECTOR = 'connector-metrics';
export const CONNECTOR_METRICS = {
  status: metric(CONNECTOR, 'status', 'gauge', 'The connector state, as the status label of a series of value 1: unassigned, running, paused, stopped, failed, restarting or destroyed.'),
  info: {
    kafkaGroup: CONNECTOR,
    kafkaName: 'connector-class, connector-type, connector-version',
    name: 'kafka_connect_connector_info',
    type: 'gauge',
    help: 'The connector class, type (source or sink) and version, as labels of a series of value 1.',
  },
} as const satisfies Record<string, KafkaMetricDefinition>;

const TASK = 'connector-task-metrics';
export const TASK_METRICS = {
  status: metric(TASK, 'status', 'gauge', 'The task state, as the status label of a series of value 1: unassigned, running, paused, failed, restarting or destroyed.'),
  runningRatio: metric(TASK, 'running-ratio', 'gauge', 'Fraction of its lifetime this task spent running.'),
  pauseRatio: metric(TASK, 'pause-ratio', 'gauge', 'Fraction of its lifetime this task spent paused.'),
  commitMaxTime: metric(TASK, 'offset-commit-max-time-ms', 'gauge', 'Longest recent successful offset commit of this task, in milliseconds.'),
  commitAvgTime: metric(TASK, 'offset-commit-avg-time-ms', 'gauge', 'Mean duration of recent successful offset commits of this task, in milliseconds.'),
  commitSuccessFraction: metric(TASK, 'offset-commit-success-percentage', 'gauge', 'Fraction (0 to 1) of recent offset commit attempts of this task that succeeded.'),
  commitFailureFraction: metric(TASK, 'offset-commit-failure-percentage', 'gauge', 'Fraction (0 to 1) of recent offset commit attempts of this task that failed.'),
  batchSizeMax: metric(TASK, 'batch-size-max', 'gauge', 'Largest recent batch processed by this task, in records.'),
  batchSizeAvg: metric(TASK, 'batch-size-avg', 'gauge', 'Mean size of recent batches processed by this task, in records.'),
} as const;

const SOURCE = 'source-task-metrics';
export const SOURCE_TASK_METRICS = {
  pollRate: metric(SOURCE, 'source-record-poll-rate', 'gauge', 'Records polled from the source task per second (before transformations), recently.'),
  pollTotal: metric(SOURCE, 'source-record-poll-total', 'counter', 'Records polled from the source task (before transformations) since the task started.'),
  writeRate: metric(SOURCE, 'source-record-write-rate', 'gauge', 'Records written to Kafka per second (after transformations, filtered records excluded), recently.'),
  writeTotal: metric(SOURCE, 'source-record-write-total', 'counter', 'Records written to Kafka (after transformations, filtered records excluded) since the task started.'),
  pollBatchMaxTime: metric(SOURCE, 'poll-batch-max-time-ms', 'gauge', 'Longest recent poll for a batch of source records, in milliseconds.'),
  pollBatchAvgTime: metric(SOURCE, 'poll-batch-avg-time-ms', 'gauge', 'Mean duration of recent polls for a batch of source records, in milliseconds.'),
  activeCount: metric(SOURCE, 'source-record-active-count', 'gauge', 'Records polled but not yet completely written to Kafka.'),
  activeCountMax: metric(SOURCE, 'source-record-active-count-max', 'gauge', 'Recent maximum of records polled but not yet completely written to Kafka.'),
  activeCountAvg: metric(SOURCE, 'source-record-active-count-avg', 'gauge', 'Recent mean of records polled but not yet completely written to Kafka.'),
} as const;

const SINK = 'sink-task-metrics';
export const SINK_TASK_METRICS = {
  readRate: metric(SINK, 'sink-record-read-rate', 'gauge', 'Records read from Kafka per second (before transformations), recently.'),
  readTotal: metric(SINK, 'sink-record-read-total', 'counter', 'Records read from Kafka (before transformations) since the task started.'),
  sendRate: metric(SINK, 'sink-record-send-rate', 'gauge', 'Records put to the sink task per second (after transformations, filtered records excluded), recently.'),
  sendTotal: metric(SINK, 'sink-record-send-total', 'counter', 'Records put to the sink task (after transformations, filtered records excluded) since the task started.'),
  lagMax: metric(SINK, 'sink-record-lag-max', 'gauge', 'Recent maximum, over assigned partitions, of records the consumer position is behind the log end.'),
  partitionCount: metric(SINK, 'partition-count', 'gauge', 'Topic partitions assigned to this task.'),
  commitSequenceNumber: metric(SINK, 'offset-commit-seq-no', 'gauge', 'Sequence number of the latest offset commit.'),
  commitCompletionRate: metric(SINK, 'offset-commit-completion-rate', 'gauge', 'Offset commits completed successfully per second, recently.'),
  commitCompletionTotal: metric(SINK, 'offset-commit-completion-total', 'counter', 'Offset commits completed successfully.'),
  commitSkipRate: metric(SINK, 'offset-commit-skip-rate', 'gauge', 'Offset commit completions received too late and ignored, per second, recently.'),
  commitSkipTotal: metric(SINK, 'offset-commit-skip-total', 'counter', 'Offset commit completions received too late and ignored.'),
  putBatchMaxTime: metric(SINK, 'put-batch-max-time-ms', 'gauge', 'Longest recent put of a batch of sink records, in milliseconds.'),
  putBatchAvgTime: metric(SINK, 'put-batch-avg-time-ms', 'gauge', 'Mean duration of recent puts of a batch of sink records, in milliseconds.'),
  activeCount: metric(SINK, 'sink-record-active-count', 'gauge', 'Records read from Kafka but not yet committed, flushed or acknowledged by the sink task.'),
  activeCountMax: metric(SINK, 'sink-record-active-count-max', 'gauge', 'Recent maximum of records read but not yet committed, flushed or acknowledged.'),
  activeCountAvg: metric(SINK, 'sink-record-active-count-avg', 'gauge', 'Recent mean of records read but not yet committed, flushed or acknowledged.'),
} as const;

const ERRORS = 'task-error-metrics';
export const TASK_ERROR_METRICS = {
  recordFailures: metric(ERRORS, 'total-record-failures', 'counter', 'Record processing failures (retriable or not) in this task.'),
  recordErrors: metric(ERRORS, 'total-record-errors', 'counter', 'Record processing operations that could not be completed in this task.'),
  recordsSkipped: metric(ERRORS, 'total-records-skipped', 'counter', 'Records skipped because of errors.'),
  retries: metric(ERRORS, 'total-retries', 'counter', 'Operations retried.'),
  errorsLogged: metric(ERRORS, 'total-errors-logged', 'counter', 'Errors written to the log.'),
  deadLetterQueueRequests: metric(ERRORS, 'deadletterqueue-produce-requests', 'counter', 'Attempted writes to the dead letter queue.'),
  deadLetterQueueFailures: metric(ERRORS, 'deadletterqueue-produce-failures', 'counter', 'Failed writes to the dead letter queue.'),
  lastErrorTimestamp: metric(ERRORS, 'last-error-timestamp', 'gauge', 'Epoch milliseconds of the latest error in this task; 0 if none.'),
} as const;

/** All Kafka Connect definitions, for documentation and tests. */
export const KAFKA_CONNECT_METRICS: readonly KafkaMetricDefinition[] = [
  WORKER_METRICS,
  WORKER_CONNECTOR_TASK_COUNTS,
  REBALANCE_METRICS,
  CONNECTOR_METRICS,
  TASK_METRICS,
  SOURCE_TASK_METRICS,
  SINK_TASK_METRICS,
  TASK_ERROR_METRICS,
].flatMap((group) => Object.values(group));
