import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetricGroup, MetricsRegistry, escapeHelp, escapeLabelValue, formatValue, type MetricDefinition } from './registry.js';

const RECORDS: MetricDefinition = { name: 'demo_records_total', type: 'counter', help: 'Records seen.' };
const DEPTH: MetricDefinition = { name: 'demo_queue_depth', type: 'gauge', help: 'Queued records.' };
const ODD_HELP: MetricDefinition = { name: 'demo_odd', type: 'gauge', help: 'Back\\slash and\nnewline.' };

describe('Prometheus text exposition', () => {
  it('escapes HELP text and label values as the 0.0.4 format requires', () => {
    assert.equal(escapeHelp('a\\b\nc "quoted"'), 'a\\\\b\\nc "quoted"');
    assert.equal(escapeLabelValue('a\\b\nc "quoted"'), 'a\\\\b\\nc \\"quoted\\"');
  });

  it('writes NaN and infinities the way Prometheus parses them', () => {
    assert.equal(formatValue(Number.NaN), 'NaN');
    assert.equal(formatValue(Number.POSITIVE_INFINITY), '+Inf');
    assert.equal(formatValue(Number.NEGATIVE_INFINITY), '-Inf');
    assert.equal(formatValue(0.25), '0.25');
    assert.equal(formatValue(1_700_000_000_000), '1700000000000');
  });

  it('sorts families by name and series by label values, task ids numerically', () => {
    const registry = new MetricsRegistry(() => 0);
    for (const task of ['10', '2', '1']) {
      const group = new MetricGroup(registry, { connector: 'b', task });
      group.counter(RECORDS).inc(Number(task));
    }
    const other = new MetricGroup(registry, { connector: 'a', task: '7' });
    other.gauge(DEPTH).set(3);
    other.counter(RECORDS);
    const unlabelled = new MetricGroup(registry, {});
    unlabelled.computed(ODD_HELP, () => Number.NaN);

    assert.equal(
      registry.render(),
      [
        '# HELP demo_odd Back\\\\slash and\\nnewline.',
        '# TYPE demo_odd gauge',
        'demo_odd NaN',
        '# HELP demo_queue_depth Queued records.',
        '# TYPE demo_queue_depth gauge',
        'demo_queue_depth{connector="a",task="7"} 3',
        '# HELP demo_records_total Records seen.',
        '# TYPE demo_records_total counter',
        'demo_records_total{connector="a",task="7"} 0',
        'demo_records_total{connector="b",task="1"} 1',
        'demo_records_total{connector="b",task="2"} 2',
        'demo_records_total{connector="b",task="10"} 10',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values in sample lines', () => {
    const registry = new MetricsRegistry(() => 0);
    new MetricGroup(registry, { connector: 'say "hi"\\\nbye' }).gauge(DEPTH, 1);
    assert.equal(
      registry.render(),
      '# HELP demo_queue_depth Queued records.\n# TYPE demo_queue_depth gauge\ndemo_queue_depth{connector="say \\"hi\\"\\\\\\nbye"} 1\n',
    );
  });

  it('computes callback series at scrape time with the registry clock', () => {
    let now = 1_000;
    const registry = new MetricsRegistry(() => now);
    new MetricGroup(registry, {}).computed(DEPTH, (nowMs) => nowMs / 1000);
    assert.match(registry.render(), /^demo_queue_depth 1$/m);
    now = 2_500;
    assert.match(registry.render(), /^demo_queue_depth 2.5$/m);
  });

  it('removes a closed group and omits families left without series', () => {
    const registry = new MetricsRegistry(() => 0);
    const kept = new MetricGroup(registry, { connector: 'kept' });
    kept.counter(RECORDS).inc(5);
    const gone = new MetricGroup(registry, { connector: 'gone' });
    gone.counter(RECORDS).inc(1);
    gone.gauge(DEPTH, 9);
    gone.close();
    assert.equal(
      registry.render(),
      '# HELP demo_records_total Records seen.\n# TYPE demo_records_total counter\ndemo_records_total{connector="kept"} 5\n',
    );
    kept.close();
    assert.equal(registry.render(), '');
  });

  it('collects series whose labels are decided at scrape time, keeping the first of duplicates', () => {
    const registry = new MetricsRegistry(() => 0);
    let status = 'running';
    const group = new MetricGroup(registry, { connector: 'c' });
    group.collect((_nowMs, emit) => {
      emit(DEPTH, { connector: 'c', status }, 1);
      emit(DEPTH, { connector: 'c', status }, 2);
    });
    assert.match(registry.render(), /^demo_queue_depth\{connector="c",status="running"\} 1$/m);
    status = 'paused';
    assert.doesNotMatch(registry.render(), /running/);
    assert.match(registry.render(), /^demo_queue_depth\{connector="c",status="paused"\} 1$/m);
  });
});
