import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectMetrics } from './connect-metrics.js';
import type { ProcessStatsSource } from './process-metrics.js';

/**
 * The naming contract: one scripted run of a source and a sink connector, scraped with an injected clock,
 * against the exact exposition. Every value below was worked out by hand from Kafka's window rules
 * (2 samples of 30 s; a rate divides by the time since the oldest sample started, at least 30 s).
 */

const T0 = 1_700_000_000_000;

const FIXED_PROCESS: ProcessStatsSource = {
  read: () => ({
    cpuUserSeconds: 1.5,
    cpuSystemSeconds: 0.25,
    residentMemoryBytes: 104_857_600,
    heapTotalBytes: 52_428_800,
    heapUsedBytes: 31_457_280,
    startTimeSeconds: 1_699_999_990,
    eventLoopLagSeconds: 0.0012,
    eventLoopLagMaxSeconds: 0.015,
    eventLoopLagP99Seconds: 0.01,
  }),
  close: () => undefined,
};

function runScriptedScenario(): string {
  let now = T0;
  const at = (seconds: number): void => {
    now = T0 + seconds * 1000;
  };
  const metrics = new ConnectMetrics({ clock: () => now, processStats: FIXED_PROCESS });

  at(0);
  metrics
    .connector('inventory', { connectorClass: 'io.debezium.connector.postgresql.PostgresConnector', type: 'source', version: '2.7.0' })
    .setStatus('RUNNING');
  metrics.connector('audit', { connectorClass: 'io.confluent.connect.jdbc.JdbcSinkConnector', type: 'sink' }).setStatus('RUNNING');
  const source = metrics.sourceTask('inventory', 0);
  source.setStatus('RUNNING');
  const sink = metrics.sinkTask('audit', 0);
  sink.setStatus('RUNNING');
  metrics.sinkTask('audit', 1).setStatus('FAILED'); // a failed startup
  source.recordPoll(100, 20); // 100 records polled in 20 ms, all active
  source.recordBatchSize(100);

  at(2);
  source.recordWrite(100, 10); // the batch is done: 90 written, 10 filtered; none active
  source.recordPoll(50, 40);
  source.recordBatchSize(50);
  sink.recordRead(60);
  sink.recordSend(45);
  sink.recordBatchSize(45);
  sink.recordPut(30);
  sink.recordLag(7);
  sink.recordPartitionCount(3);
  sink.recordActive(45);
  sink.recordOffsetSequenceNumber(1);
  sink.recordOffsetCommitCompletion();
  sink.recordCommit(true, 12);
  sink.recordActive(0);

  at(10);
  source.recordCommit(true, 15);

  at(12);
  source.errors.recordFailure();
  source.errors.recordFailure();
  source.errors.recordRetry();
  source.errors.recordError();
  source.errors.recordSkipped();
  source.errors.recordErrorLogged();
  source.errors.recordDeadLetterQueueProduceRequest();
  source.errors.recordDeadLetterQueueProduceFailure();
  source.errors.recordErrorTimestamp();

  at(16);
  sink.setStatus('PAUSED');

  at(20);
  source.recordCommit(false, 40);

  at(32);
  return metrics.renderMetrics();
}

describe('ConnectMetrics exposition (golden)', () => {
  it('renders every Kafka Connect and process metric for a scripted run', () => {
    assert.equal(runScriptedScenario(), EXPECTED);
  });
});

const EXPECTED = `# HELP kafka_connect_connector_info The connector class, type (source or sink) and version, as labels of a series of value 1.
# TYPE kafka_connect_connector_info gauge
kafka_connect_connector_info{connector="audit",connector_class="io.confluent.connect.jdbc.JdbcSinkConnector",connector_type="sink",connector_version="unknown"} 1
kafka_connect_connector_info{connector="inventory",connector_class="io.debezium.connector.postgresql.PostgresConnector",connector_type="source",connector_version="2.7.0"} 1
# HELP kafka_connect_connector_status The connector state, as the status label of a series of value 1: unassigned, running, paused, stopped, failed, restarting or destroyed.
# TYPE kafka_connect_connector_status gauge
kafka_connect_connector_status{connector="audit",status="running"} 1
kafka_connect_connector_status{connector="inventory",status="running"} 1
# HELP kafka_connect_sink_task_offset_commit_completion_rate Offset commits completed successfully per second, recently.
# TYPE kafka_connect_sink_task_offset_commit_completion_rate gauge
kafka_connect_sink_task_offset_commit_completion_rate{connector="audit",task="0"} 0.03333333333333333
kafka_connect_sink_task_offset_commit_completion_rate{connector="audit",task="1"} 0
# HELP kafka_connect_sink_task_offset_commit_completion_total Offset commits completed successfully.
# TYPE kafka_connect_sink_task_offset_commit_completion_total counter
kafka_connect_sink_task_offset_commit_completion_total{connector="audit",task="0"} 1
kafka_connect_sink_task_offset_commit_completion_total{connector="audit",task="1"} 0
# HELP kafka_connect_sink_task_offset_commit_seq_no Sequence number of the latest offset commit.
# TYPE kafka_connect_sink_task_offset_commit_seq_no gauge
kafka_connect_sink_task_offset_commit_seq_no{connector="audit",task="0"} 1
kafka_connect_sink_task_offset_commit_seq_no{connector="audit",task="1"} 0
# HELP kafka_connect_sink_task_offset_commit_skip_rate Offset commit completions received too late and ignored, per second, recently.
# TYPE kafka_connect_sink_task_offset_commit_skip_rate gauge
kafka_connect_sink_task_offset_commit_skip_rate{connector="audit",task="0"} 0
kafka_connect_sink_task_offset_commit_skip_rate{connector="audit",task="1"} 0
# HELP kafka_connect_sink_task_offset_commit_skip_total Offset commit completions received too late and ignored.
# TYPE kafka_connect_sink_task_offset_commit_skip_total counter
kafka_connect_sink_task_offset_commit_skip_total{connector="audit",task="0"} 0
kafka_connect_sink_task_offset_commit_skip_total{connector="audit",task="1"} 0
# HELP kafka_connect_sink_task_partition_count Topic partitions assigned to this task.
# TYPE kafka_connect_sink_task_partition_count gauge
kafka_connect_sink_task_partition_count{connector="audit",task="0"} 3
kafka_connect_sink_task_partition_count{connector="audit",task="1"} 0
# HELP kafka_connect_sink_task_put_batch_avg_time_ms Mean duration of recent puts of a batch of sink records, in milliseconds.
# TYPE kafka_connect_sink_task_put_batch_avg_time_ms gauge
kafka_connect_sink_task_put_batch_avg_time_ms{connector="audit",task="0"} 30
kafka_connect_sink_task_put_batch_avg_time_ms{connector="audit",task="1"} NaN
# HELP kafka_connect_sink_task_put_batch_max_time_ms Longest recent put of a batch of sink records, in milliseconds.
# TYPE kafka_connect_sink_task_put_batch_max_time_ms gauge
kafka_connect_sink_task_put_batch_max_time_ms{connector="audit",task="0"} 30
kafka_connect_sink_task_put_batch_max_time_ms{connector="audit",task="1"} NaN
# HELP kafka_connect_sink_task_sink_record_active_count Records read from Kafka but not yet committed, flushed or acknowledged by the sink task.
# TYPE kafka_connect_sink_task_sink_record_active_count gauge
kafka_connect_sink_task_sink_record_active_count{connector="audit",task="0"} 0
kafka_connect_sink_task_sink_record_active_count{connector="audit",task="1"} 0
# HELP kafka_connect_sink_task_sink_record_active_count_avg Recent mean of records read but not yet committed, flushed or acknowledged.
# TYPE kafka_connect_sink_task_sink_record_active_count_avg gauge
kafka_connect_sink_task_sink_record_active_count_avg{connector="audit",task="0"} 22.5
kafka_connect_sink_task_sink_record_active_count_avg{connector="audit",task="1"} NaN
# HELP kafka_connect_sink_task_sink_record_active_count_max Recent maximum of records read but not yet committed, flushed or acknowledged.
# TYPE kafka_connect_sink_task_sink_record_active_count_max gauge
kafka_connect_sink_task_sink_record_active_count_max{connector="audit",task="0"} 45
kafka_connect_sink_task_sink_record_active_count_max{connector="audit",task="1"} NaN
# HELP kafka_connect_sink_task_sink_record_lag_max Recent maximum, over assigned partitions, of records the consumer position is behind the log end.
# TYPE kafka_connect_sink_task_sink_record_lag_max gauge
kafka_connect_sink_task_sink_record_lag_max{connector="audit",task="0"} 7
kafka_connect_sink_task_sink_record_lag_max{connector="audit",task="1"} NaN
# HELP kafka_connect_sink_task_sink_record_read_rate Records read from Kafka per second (before transformations), recently.
# TYPE kafka_connect_sink_task_sink_record_read_rate gauge
kafka_connect_sink_task_sink_record_read_rate{connector="audit",task="0"} 2
kafka_connect_sink_task_sink_record_read_rate{connector="audit",task="1"} 0
# HELP kafka_connect_sink_task_sink_record_read_total Records read from Kafka (before transformations) since the task started.
# TYPE kafka_connect_sink_task_sink_record_read_total counter
kafka_connect_sink_task_sink_record_read_total{connector="audit",task="0"} 60
kafka_connect_sink_task_sink_record_read_total{connector="audit",task="1"} 0
# HELP kafka_connect_sink_task_sink_record_send_rate Records put to the sink task per second (after transformations, filtered records excluded), recently.
# TYPE kafka_connect_sink_task_sink_record_send_rate gauge
kafka_connect_sink_task_sink_record_send_rate{connector="audit",task="0"} 1.5
kafka_connect_sink_task_sink_record_send_rate{connector="audit",task="1"} 0
# HELP kafka_connect_sink_task_sink_record_send_total Records put to the sink task (after transformations, filtered records excluded) since the task started.
# TYPE kafka_connect_sink_task_sink_record_send_total counter
kafka_connect_sink_task_sink_record_send_total{connector="audit",task="0"} 45
kafka_connect_sink_task_sink_record_send_total{connector="audit",task="1"} 0
# HELP kafka_connect_source_task_poll_batch_avg_time_ms Mean duration of recent polls for a batch of source records, in milliseconds.
# TYPE kafka_connect_source_task_poll_batch_avg_time_ms gauge
kafka_connect_source_task_poll_batch_avg_time_ms{connector="inventory",task="0"} 30
# HELP kafka_connect_source_task_poll_batch_max_time_ms Longest recent poll for a batch of source records, in milliseconds.
# TYPE kafka_connect_source_task_poll_batch_max_time_ms gauge
kafka_connect_source_task_poll_batch_max_time_ms{connector="inventory",task="0"} 40
# HELP kafka_connect_source_task_source_record_active_count Records polled but not yet completely written to Kafka.
# TYPE kafka_connect_source_task_source_record_active_count gauge
kafka_connect_source_task_source_record_active_count{connector="inventory",task="0"} 50
# HELP kafka_connect_source_task_source_record_active_count_avg Recent mean of records polled but not yet completely written to Kafka.
# TYPE kafka_connect_source_task_source_record_active_count_avg gauge
kafka_connect_source_task_source_record_active_count_avg{connector="inventory",task="0"} 50
# HELP kafka_connect_source_task_source_record_active_count_max Recent maximum of records polled but not yet completely written to Kafka.
# TYPE kafka_connect_source_task_source_record_active_count_max gauge
kafka_connect_source_task_source_record_active_count_max{connector="inventory",task="0"} 100
# HELP kafka_connect_source_task_source_record_poll_rate Records polled from the source task per second (before transformations), recently.
# TYPE kafka_connect_source_task_source_record_poll_rate gauge
kafka_connect_source_task_source_record_poll_rate{connector="inventory",task="0"} 4.6875
# HELP kafka_connect_source_task_source_record_poll_total Records polled from the source task (before transformations) since the task started.
# TYPE kafka_connect_source_task_source_record_poll_total counter
kafka_connect_source_task_source_record_poll_total{connector="inventory",task="0"} 150
# HELP kafka_connect_source_task_source_record_write_rate Records written to Kafka per second (after transformations, filtered records excluded), recently.
# TYPE kafka_connect_source_task_source_record_write_rate gauge
kafka_connect_source_task_source_record_write_rate{connector="inventory",task="0"} 3
# HELP kafka_connect_source_task_source_record_write_total Records written to Kafka (after transformations, filtered records excluded) since the task started.
# TYPE kafka_connect_source_task_source_record_write_total counter
kafka_connect_source_task_source_record_write_total{connector="inventory",task="0"} 90
# HELP kafka_connect_task_batch_size_avg Mean size of recent batches processed by this task, in records.
# TYPE kafka_connect_task_batch_size_avg gauge
kafka_connect_task_batch_size_avg{connector="audit",task="0"} 45
kafka_connect_task_batch_size_avg{connector="audit",task="1"} NaN
kafka_connect_task_batch_size_avg{connector="inventory",task="0"} 75
# HELP kafka_connect_task_batch_size_max Largest recent batch processed by this task, in records.
# TYPE kafka_connect_task_batch_size_max gauge
kafka_connect_task_batch_size_max{connector="audit",task="0"} 45
kafka_connect_task_batch_size_max{connector="audit",task="1"} NaN
kafka_connect_task_batch_size_max{connector="inventory",task="0"} 100
# HELP kafka_connect_task_error_deadletterqueue_produce_failures Failed writes to the dead letter queue.
# TYPE kafka_connect_task_error_deadletterqueue_produce_failures counter
kafka_connect_task_error_deadletterqueue_produce_failures{connector="audit",task="0"} 0
kafka_connect_task_error_deadletterqueue_produce_failures{connector="audit",task="1"} 0
kafka_connect_task_error_deadletterqueue_produce_failures{connector="inventory",task="0"} 1
# HELP kafka_connect_task_error_deadletterqueue_produce_requests Attempted writes to the dead letter queue.
# TYPE kafka_connect_task_error_deadletterqueue_produce_requests counter
kafka_connect_task_error_deadletterqueue_produce_requests{connector="audit",task="0"} 0
kafka_connect_task_error_deadletterqueue_produce_requests{connector="audit",task="1"} 0
kafka_connect_task_error_deadletterqueue_produce_requests{connector="inventory",task="0"} 1
# HELP kafka_connect_task_error_last_error_timestamp Epoch milliseconds of the latest error in this task; 0 if none.
# TYPE kafka_connect_task_error_last_error_timestamp gauge
kafka_connect_task_error_last_error_timestamp{connector="audit",task="0"} 0
kafka_connect_task_error_last_error_timestamp{connector="audit",task="1"} 0
kafka_connect_task_error_last_error_timestamp{connector="inventory",task="0"} 1700000012000
# HELP kafka_connect_task_error_total_errors_logged Errors written to the log.
# TYPE kafka_connect_task_error_total_errors_logged counter
kafka_connect_task_error_total_errors_logged{connector="audit",task="0"} 0
kafka_connect_task_error_total_errors_logged{connector="audit",task="1"} 0
kafka_connect_task_error_total_errors_logged{connector="inventory",task="0"} 1
# HELP kafka_connect_task_error_total_record_errors Record processing operations that could not be completed in this task.
# TYPE kafka_connect_task_error_total_record_errors counter
kafka_connect_task_error_total_record_errors{connector="audit",task="0"} 0
kafka_connect_task_error_total_record_errors{connector="audit",task="1"} 0
kafka_connect_task_error_total_record_errors{connector="inventory",task="0"} 1
# HELP kafka_connect_task_error_total_record_failures Record processing failures (retriable or not) in this task.
# TYPE kafka_connect_task_error_total_record_failures counter
kafka_connect_task_error_total_record_failures{connector="audit",task="0"} 0
kafka_connect_task_error_total_record_failures{connector="audit",task="1"} 0
kafka_connect_task_error_total_record_failures{connector="inventory",task="0"} 2
# HELP kafka_connect_task_error_total_records_skipped Records skipped because of errors.
# TYPE kafka_connect_task_error_total_records_skipped counter
kafka_connect_task_error_total_records_skipped{connector="audit",task="0"} 0
kafka_connect_task_error_total_records_skipped{connector="audit",task="1"} 0
kafka_connect_task_error_total_records_skipped{connector="inventory",task="0"} 1
# HELP kafka_connect_task_error_total_retries Operations retried.
# TYPE kafka_connect_task_error_total_retries counter
kafka_connect_task_error_total_retries{connector="audit",task="0"} 0
kafka_connect_task_error_total_retries{connector="audit",task="1"} 0
kafka_connect_task_error_total_retries{connector="inventory",task="0"} 1
# HELP kafka_connect_task_offset_commit_avg_time_ms Mean duration of recent successful offset commits of this task, in milliseconds.
# TYPE kafka_connect_task_offset_commit_avg_time_ms gauge
kafka_connect_task_offset_commit_avg_time_ms{connector="audit",task="0"} 12
kafka_connect_task_offset_commit_avg_time_ms{connector="audit",task="1"} NaN
kafka_connect_task_offset_commit_avg_time_ms{connector="inventory",task="0"} 15
# HELP kafka_connect_task_offset_commit_failure_percentage Fraction (0 to 1) of recent offset commit attempts of this task that failed.
# TYPE kafka_connect_task_offset_commit_failure_percentage gauge
kafka_connect_task_offset_commit_failure_percentage{connector="audit",task="0"} 0
kafka_connect_task_offset_commit_failure_percentage{connector="audit",task="1"} 0
kafka_connect_task_offset_commit_failure_percentage{connector="inventory",task="0"} 0.5
# HELP kafka_connect_task_offset_commit_max_time_ms Longest recent successful offset commit of this task, in milliseconds.
# TYPE kafka_connect_task_offset_commit_max_time_ms gauge
kafka_connect_task_offset_commit_max_time_ms{connector="audit",task="0"} 12
kafka_connect_task_offset_commit_max_time_ms{connector="audit",task="1"} NaN
kafka_connect_task_offset_commit_max_time_ms{connector="inventory",task="0"} 15
# HELP kafka_connect_task_offset_commit_success_percentage Fraction (0 to 1) of recent offset commit attempts of this task that succeeded.
# TYPE kafka_connect_task_offset_commit_success_percentage gauge
kafka_connect_task_offset_commit_success_percentage{connector="audit",task="0"} 1
kafka_connect_task_offset_commit_success_percentage{connector="audit",task="1"} 0
kafka_connect_task_offset_commit_success_percentage{connector="inventory",task="0"} 0.5
# HELP kafka_connect_task_pause_ratio Fraction of its lifetime this task spent paused.
# TYPE kafka_connect_task_pause_ratio gauge
kafka_connect_task_pause_ratio{connector="audit",task="0"} 0.5
kafka_connect_task_pause_ratio{connector="audit",task="1"} 0
kafka_connect_task_pause_ratio{connector="inventory",task="0"} 0
# HELP kafka_connect_task_running_ratio Fraction of its lifetime this task spent running.
# TYPE kafka_connect_task_running_ratio gauge
kafka_connect_task_running_ratio{connector="audit",task="0"} 0.5
kafka_connect_task_running_ratio{connector="audit",task="1"} 0
kafka_connect_task_running_ratio{connector="inventory",task="0"} 1
# HELP kafka_connect_task_status The task state, as the status label of a series of value 1: unassigned, running, paused, failed, restarting or destroyed.
# TYPE kafka_connect_task_status gauge
kafka_connect_task_status{connector="audit",task="0",status="paused"} 1
kafka_connect_task_status{connector="audit",task="1",status="failed"} 1
kafka_connect_task_status{connector="inventory",task="0",status="running"} 1
# HELP kafka_connect_worker_connector_count Connectors running in this worker.
# TYPE kafka_connect_worker_connector_count gauge
kafka_connect_worker_connector_count 2
# HELP kafka_connect_worker_connector_destroyed_task_count The connector's destroyed tasks in this worker.
# TYPE kafka_connect_worker_connector_destroyed_task_count gauge
kafka_connect_worker_connector_destroyed_task_count{connector="audit"} 0
kafka_connect_worker_connector_destroyed_task_count{connector="inventory"} 0
# HELP kafka_connect_worker_connector_failed_task_count The connector's failed tasks in this worker.
# TYPE kafka_connect_worker_connector_failed_task_count gauge
kafka_connect_worker_connector_failed_task_count{connector="audit"} 1
kafka_connect_worker_connector_failed_task_count{connector="inventory"} 0
# HELP kafka_connect_worker_connector_paused_task_count The connector's paused tasks in this worker.
# TYPE kafka_connect_worker_connector_paused_task_count gauge
kafka_connect_worker_connector_paused_task_count{connector="audit"} 1
kafka_connect_worker_connector_paused_task_count{connector="inventory"} 0
# HELP kafka_connect_worker_connector_restarting_task_count The connector's restarting tasks in this worker.
# TYPE kafka_connect_worker_connector_restarting_task_count gauge
kafka_connect_worker_connector_restarting_task_count{connector="audit"} 0
kafka_connect_worker_connector_restarting_task_count{connector="inventory"} 0
# HELP kafka_connect_worker_connector_running_task_count The connector's running tasks in this worker.
# TYPE kafka_connect_worker_connector_running_task_count gauge
kafka_connect_worker_connector_running_task_count{connector="audit"} 0
kafka_connect_worker_connector_running_task_count{connector="inventory"} 1
# HELP kafka_connect_worker_connector_startup_attempts_total Connector startups this worker attempted.
# TYPE kafka_connect_worker_connector_startup_attempts_total counter
kafka_connect_worker_connector_startup_attempts_total 2
# HELP kafka_connect_worker_connector_startup_failure_percentage Fraction (0 to 1) of recent connector startups that failed.
# TYPE kafka_connect_worker_connector_startup_failure_percentage gauge
kafka_connect_worker_connector_startup_failure_percentage 0
# HELP kafka_connect_worker_connector_startup_failure_total Connector startups that failed.
# TYPE kafka_connect_worker_connector_startup_failure_total counter
kafka_connect_worker_connector_startup_failure_total 0
# HELP kafka_connect_worker_connector_startup_success_percentage Fraction (0 to 1) of recent connector startups that succeeded.
# TYPE kafka_connect_worker_connector_startup_success_percentage gauge
kafka_connect_worker_connector_startup_success_percentage 1
# HELP kafka_connect_worker_connector_startup_success_total Connector startups that succeeded.
# TYPE kafka_connect_worker_connector_startup_success_total counter
kafka_connect_worker_connector_startup_success_total 2
# HELP kafka_connect_worker_connector_total_task_count The connector's tasks in this worker.
# TYPE kafka_connect_worker_connector_total_task_count gauge
kafka_connect_worker_connector_total_task_count{connector="audit"} 2
kafka_connect_worker_connector_total_task_count{connector="inventory"} 1
# HELP kafka_connect_worker_connector_unassigned_task_count The connector's unassigned tasks in this worker.
# TYPE kafka_connect_worker_connector_unassigned_task_count gauge
kafka_connect_worker_connector_unassigned_task_count{connector="audit"} 0
kafka_connect_worker_connector_unassigned_task_count{connector="inventory"} 0
# HELP kafka_connect_worker_rebalance_completed_rebalances_total Rebalances this worker completed.
# TYPE kafka_connect_worker_rebalance_completed_rebalances_total counter
kafka_connect_worker_rebalance_completed_rebalances_total 0
# HELP kafka_connect_worker_rebalance_epoch The epoch (generation) of this worker.
# TYPE kafka_connect_worker_rebalance_epoch gauge
kafka_connect_worker_rebalance_epoch 0
# HELP kafka_connect_worker_rebalance_rebalance_avg_time_ms Mean duration of recent rebalances of this worker, in milliseconds.
# TYPE kafka_connect_worker_rebalance_rebalance_avg_time_ms gauge
kafka_connect_worker_rebalance_rebalance_avg_time_ms NaN
# HELP kafka_connect_worker_rebalance_rebalance_max_time_ms Longest recent rebalance of this worker, in milliseconds.
# TYPE kafka_connect_worker_rebalance_rebalance_max_time_ms gauge
kafka_connect_worker_rebalance_rebalance_max_time_ms NaN
# HELP kafka_connect_worker_rebalance_rebalancing 1 while this worker is rebalancing, else 0.
# TYPE kafka_connect_worker_rebalance_rebalancing gauge
kafka_connect_worker_rebalance_rebalancing 0
# HELP kafka_connect_worker_rebalance_time_since_last_rebalance_ms Milliseconds since this worker completed its latest rebalance; +Inf if it never rebalanced.
# TYPE kafka_connect_worker_rebalance_time_since_last_rebalance_ms gauge
kafka_connect_worker_rebalance_time_since_last_rebalance_ms +Inf
# HELP kafka_connect_worker_task_count Tasks running in this worker.
# TYPE kafka_connect_worker_task_count gauge
kafka_connect_worker_task_count 3
# HELP kafka_connect_worker_task_startup_attempts_total Task startups this worker attempted.
# TYPE kafka_connect_worker_task_startup_attempts_total counter
kafka_connect_worker_task_startup_attempts_total 3
# HELP kafka_connect_worker_task_startup_failure_percentage Fraction (0 to 1) of recent task startups that failed.
# TYPE kafka_connect_worker_task_startup_failure_percentage gauge
kafka_connect_worker_task_startup_failure_percentage 0.3333333333333333
# HELP kafka_connect_worker_task_startup_failure_total Task startups that failed.
# TYPE kafka_connect_worker_task_startup_failure_total counter
kafka_connect_worker_task_startup_failure_total 1
# HELP kafka_connect_worker_task_startup_success_percentage Fraction (0 to 1) of recent task startups that succeeded.
# TYPE kafka_connect_worker_task_startup_success_percentage gauge
kafka_connect_worker_task_startup_success_percentage 0.6666666666666666
# HELP kafka_connect_worker_task_startup_success_total Task startups that succeeded.
# TYPE kafka_connect_worker_task_startup_success_total counter
kafka_connect_worker_task_startup_success_total 2
# HELP nodejs_eventloop_lag_max_seconds Largest event loop delay beyond the 10 ms sampling interval since the previous scrape, in seconds.
# TYPE nodejs_eventloop_lag_max_seconds gauge
nodejs_eventloop_lag_max_seconds 0.015
# HELP nodejs_eventloop_lag_p99_seconds 99th percentile of the event loop delay beyond the 10 ms sampling interval since the previous scrape, in seconds.
# TYPE nodejs_eventloop_lag_p99_seconds gauge
nodejs_eventloop_lag_p99_seconds 0.01
# HELP nodejs_eventloop_lag_seconds Mean event loop delay beyond the 10 ms sampling interval since the previous scrape, in seconds.
# TYPE nodejs_eventloop_lag_seconds gauge
nodejs_eventloop_lag_seconds 0.0012
# HELP nodejs_heap_size_total_bytes V8 heap size, in bytes.
# TYPE nodejs_heap_size_total_bytes gauge
nodejs_heap_size_total_bytes 52428800
# HELP nodejs_heap_size_used_bytes V8 heap in use, in bytes.
# TYPE nodejs_heap_size_used_bytes gauge
nodejs_heap_size_used_bytes 31457280
# HELP process_cpu_seconds_total User and system CPU time spent, in seconds.
# TYPE process_cpu_seconds_total counter
process_cpu_seconds_total 1.75
# HELP process_cpu_system_seconds_total System CPU time spent, in seconds.
# TYPE process_cpu_system_seconds_total counter
process_cpu_system_seconds_total 0.25
# HELP process_cpu_user_seconds_total User CPU time spent, in seconds.
# TYPE process_cpu_user_seconds_total counter
process_cpu_user_seconds_total 1.5
# HELP process_resident_memory_bytes Resident memory size, in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 104857600
# HELP process_start_time_seconds Start time of the process since the Unix epoch, in seconds.
# TYPE process_start_time_seconds gauge
process_start_time_seconds 1699999990
`;
