import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectMetrics } from './connect-metrics.js';
import { SinkTaskMetrics, SourceTaskMetrics } from './task-metrics.js';

const T0 = 1_700_000_000_000;

function harness(): { metrics: ConnectMetrics; at: (seconds: number) => void } {
  let now = T0;
  const metrics = new ConnectMetrics({ clock: () => now, processStats: false });
  return { metrics, at: (seconds) => (now = T0 + seconds * 1000) };
}

/** The sample lines of the named families, in exposition order (HELP and TYPE lines dropped). */
function samples(exposition: string, ...names: string[]): string {
  const wanted = exposition
    .split('\n')
    .filter((line) => names.some((name) => line.startsWith(`${name}{`) || line.startsWith(`${name} `)));
  return wanted.join('\n');
}

describe('ConnectMetrics', () => {
  it('removes a task’s series when its handle closes, and the worker counts follow', () => {
    const { metrics } = harness();
    metrics.connector('inv').setStatus('RUNNING');
    metrics.sourceTask('inv', 0).setStatus('RUNNING');
    metrics.sourceTask('inv', 1).setStatus('RUNNING');
    metrics.sourceTask('inv', 1).close();
    const text = metrics.renderMetrics();
    assert.equal(
      samples(text, 'kafka_connect_task_status', 'kafka_connect_worker_task_count', 'kafka_connect_worker_connector_total_task_count'),
      [
        'kafka_connect_task_status{connector="inv",task="0",status="running"} 1',
        'kafka_connect_worker_connector_total_task_count{connector="inv"} 1',
        'kafka_connect_worker_task_count 1',
      ].join('\n'),
    );
    assert.doesNotMatch(text, /task="1"/);
  });

  it('removes a connector with all its tasks, leaving only worker-level series', () => {
    const { metrics } = harness();
    metrics.connector('gone', { connectorClass: 'x.Y', type: 'sink' }).setStatus('RUNNING');
    metrics.sinkTask('gone', 0).setStatus('RUNNING');
    metrics.sinkTask('gone', 1).setStatus('RUNNING');
    metrics.removeConnector('gone');
    const text = metrics.renderMetrics();
    assert.doesNotMatch(text, /connector="gone"/);
    assert.equal(
      samples(text, 'kafka_connect_worker_connector_count', 'kafka_connect_worker_task_count', 'kafka_connect_worker_task_startup_success_total'),
      ['kafka_connect_worker_connector_count 0', 'kafka_connect_worker_task_count 0', 'kafka_connect_worker_task_startup_success_total 2'].join(
        '\n',
      ),
    );
  });

  it('starts a restarted task from zero and counts its second startup', () => {
    const { metrics } = harness();
    const first = metrics.sourceTask('inv', 0);
    first.setStatus('RUNNING');
    first.recordPoll(10, 1);
    metrics.removeTask('inv', 0);
    const second = metrics.sourceTask('inv', 0);
    assert.notEqual(second, first);
    second.setStatus('RUNNING');
    second.recordPoll(3, 1);
    assert.equal(
      samples(metrics.renderMetrics(), 'kafka_connect_source_task_source_record_poll_total', 'kafka_connect_worker_task_startup_attempts_total'),
      ['kafka_connect_source_task_source_record_poll_total{connector="inv",task="0"} 3', 'kafka_connect_worker_task_startup_attempts_total 2'].join(
        '\n',
      ),
    );
  });

  it('lets rates decay to zero and averages to NaN once the window has passed', () => {
    const { metrics, at } = harness();
    const sink = metrics.sinkTask('s', 0);
    sink.recordRead(300);
    sink.recordPut(8);
    at(30);
    const names = [
      'kafka_connect_sink_task_sink_record_read_rate',
      'kafka_connect_sink_task_put_batch_avg_time_ms',
      'kafka_connect_sink_task_sink_record_read_total',
    ];
    assert.equal(
      samples(metrics.renderMetrics(), ...names),
      [
        'kafka_connect_sink_task_put_batch_avg_time_ms{connector="s",task="0"} 8',
        'kafka_connect_sink_task_sink_record_read_rate{connector="s",task="0"} 10',
        'kafka_connect_sink_task_sink_record_read_total{connector="s",task="0"} 300',
      ].join('\n'),
    );
    at(60);
    assert.equal(
      samples(metrics.renderMetrics(), ...names),
      [
        'kafka_connect_sink_task_put_batch_avg_time_ms{connector="s",task="0"} NaN',
        'kafka_connect_sink_task_sink_record_read_rate{connector="s",task="0"} 0',
        'kafka_connect_sink_task_sink_record_read_total{connector="s",task="0"} 300',
      ].join('\n'),
    );
  });

  it('counts a startup failure only for a FAILED before the first RUNNING', () => {
    const { metrics } = harness();
    const ok = metrics.task('c', 0);
    ok.setStatus('RUNNING');
    ok.setStatus('FAILED');
    metrics.task('c', 1).setStatus('FAILED');
    metrics.connector('c').setStatus('FAILED');
    assert.equal(
      samples(
        metrics.renderMetrics(),
        'kafka_connect_worker_task_startup_success_total',
        'kafka_connect_worker_task_startup_failure_total',
        'kafka_connect_worker_connector_startup_failure_total',
        'kafka_connect_worker_connector_failed_task_count',
      ),
      [
        'kafka_connect_worker_connector_failed_task_count{connector="c"} 2',
        'kafka_connect_worker_connector_startup_failure_total 1',
        'kafka_connect_worker_task_startup_failure_total 1',
        'kafka_connect_worker_task_startup_success_total 1',
      ].join('\n'),
    );
  });

  it('tracks rebalances although a standalone worker never has one', () => {
    const { metrics, at } = harness();
    const worker = metrics.worker();
    const names = [
      'kafka_connect_worker_rebalance_completed_rebalances_total',
      'kafka_connect_worker_rebalance_rebalancing',
      'kafka_connect_worker_rebalance_rebalance_avg_time_ms',
      'kafka_connect_worker_rebalance_time_since_last_rebalance_ms',
      'kafka_connect_worker_rebalance_epoch',
    ];
    at(1);
    worker.recordRebalanceStarted();
    assert.match(metrics.renderMetrics(), /^kafka_connect_worker_rebalance_rebalancing 1$/m);
    at(3);
    worker.recordRebalanceCompleted();
    worker.recordEpoch(4);
    at(10);
    assert.equal(
      samples(metrics.renderMetrics(), ...names),
      [
        'kafka_connect_worker_rebalance_completed_rebalances_total 1',
        'kafka_connect_worker_rebalance_epoch 4',
        'kafka_connect_worker_rebalance_rebalance_avg_time_ms 2000',
        'kafka_connect_worker_rebalance_rebalancing 0',
        'kafka_connect_worker_rebalance_time_since_last_rebalance_ms 7000',
      ].join('\n'),
    );
  });

  it('hands out one handle per task and refuses to reopen it as another kind', () => {
    const { metrics } = harness();
    const source = metrics.sourceTask('c', 0);
    assert.equal(metrics.sourceTask('c', 0), source);
    assert.equal(metrics.task('c', 0), source);
    assert.ok(source instanceof SourceTaskMetrics);
    assert.throws(() => metrics.sinkTask('c', 0), /open as a source task, not a sink task/);
    assert.ok(metrics.sinkTask('c', 1) instanceof SinkTaskMetrics);
  });

  it('never lets the source active count go below zero', () => {
    const { metrics } = harness();
    const source = metrics.sourceTask('c', 0);
    source.recordPoll(5, 1);
    source.recordWrite(8);
    const active = 'kafka_connect_source_task_source_record_active_count';
    assert.equal(samples(metrics.renderMetrics(), active), `${active}{connector="c",task="0"} 0`);
    source.recordActive(12);
    assert.equal(samples(metrics.renderMetrics(), active), `${active}{connector="c",task="0"} 12`);
  });

  it('escapes awkward connector names in labels', () => {
    const { metrics } = harness();
    metrics.connector('say "hi"\\now').setStatus('PAUSED');
    assert.equal(
      samples(metrics.renderMetrics(), 'kafka_connect_connector_status'),
      'kafka_connect_connector_status{connector="say \\"hi\\"\\\\now",status="paused"} 1',
    );
  });

  it('adds the Node process metrics unless turned off', () => {
    const metrics = new ConnectMetrics();
    try {
      const text = metrics.renderMetrics();
      const names = ['process_resident_memory_bytes', 'process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds', 'process_start_time_seconds'];
      for (const name of names) {
        assert.match(text, new RegExp(`^${name} \\d+(\\.\\d+)?(e[-+]\\d+)?$`, 'm'), name);
      }
      assert.match(text, /^# TYPE process_cpu_seconds_total counter$/m);
    } finally {
      metrics.close();
    }
    assert.doesNotMatch(harness().metrics.renderMetrics(), /process_|nodejs_/);
  });
});
