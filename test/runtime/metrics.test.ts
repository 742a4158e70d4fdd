/**
 * `GET /metrics` while a file source and a file sink move records through the embedded topic log: the worker,
 * connector and task series Kafka Connect exposes over JMX, under the names a JMX exporter would give them.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { allRunning, createConnector, eventually, removeDir, startTestWorker, type TestWorker } from './support/worker.js';

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics on a running pipeline', () => {
  let w: TestWorker;
  let metrics = '';

  before(async () => {
    w = await startTestWorker();
    const input = join(w.dir, 'in.txt');
    const output = join(w.dir, 'out.txt');
    writeFileSync(input, Array.from({ length: 50 }, (_, i) => `line-${i}\n`).join(''));
    await createConnector(w, 'm-source', { 'connector.class': 'FileStreamSource', file: input, topic: 'm-lines' });
    await createConnector(w, 'm-sink', { 'connector.class': 'FileStreamSink', file: output, topics: 'm-lines' });
    await w.statusWhen('m-source', 'to run', allRunning(1));
    await w.statusWhen('m-sink', 'to run', allRunning(1));
    await eventually('50 lines in the sink file', () => {
      try {
        return readFileSync(output, 'utf8').split('\n').filter(Boolean).length === 50;
      } catch {
        return false;
      }
    });
    metrics = await eventually('offset commits to be counted', async () => {
      const text = (await w.request('GET', '/metrics')).text;
      return (sample(text, 'kafka_connect_task_offset_commit_success_percentage{connector="m-sink",task="0"}') ?? 0) > 0 ? text : undefined;
    });
  });

  after(async () => {
    await w.stop();
    removeDir(w.dir);
  });

  it('counts connectors and tasks on the worker, and tasks by state per connector', () => {
    assert.equal(sample(metrics, 'kafka_connect_worker_connector_count'), 2);
    assert.equal(sample(metrics, 'kafka_connect_worker_task_count'), 2);
    assert.equal(sample(metrics, 'kafka_connect_worker_connector_running_task_count{connector="m-source"}'), 1);
    assert.equal(sample(metrics, 'kafka_connect_worker_connector_failed_task_count{connector="m-source"}'), 0);
    assert.ok((sample(metrics, 'kafka_connect_worker_connector_startup_success_total') ?? 0) >= 2);
  });

  it('reports connector and task status as running', () => {
    assert.equal(sample(metrics, 'kafka_connect_connector_status{connector="m-sink",status="running"}'), 1);
    assert.equal(sample(metrics, 'kafka_connect_task_status{connector="m-source",task="0",status="running"}'), 1);
  });

  it('counts the records the source polled and wrote and the sink read and sent', () => {
    assert.equal(sample(metrics, 'kafka_connect_source_task_source_record_poll_total{connector="m-source",task="0"}'), 50);
    assert.equal(sample(metrics, 'kafka_connect_source_task_source_record_write_total{connector="m-source",task="0"}'), 50);
    assert.equal(sample(metrics, 'kafka_connect_sink_task_sink_record_read_total{connector="m-sink",task="0"}'), 50);
    assert.equal(sample(metrics, 'kafka_connect_sink_task_sink_record_send_total{connector="m-sink",task="0"}'), 50);
  });

  it('exposes Node process metrics under Prometheus standard names', () => {
    assert.ok((sample(metrics, 'process_resident_memory_bytes') ?? 0) > 0);
    assert.match(metrics, /^# TYPE process_cpu_seconds_total counter$/m);
  });
});
