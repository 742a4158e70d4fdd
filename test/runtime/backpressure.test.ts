/**
 * Bounded memory: a source task whose records are not being acknowledged (a slow or stalled Kafka) stops
 * being polled once the in-flight limit is reached, and resumes as acknowledgements arrive.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Writable } from 'node:stream';
import type { SourceTask } from '../../src/api/connector.js';
import { Schemas } from '../../src/api/data/schema.js';
import { sourceRecord, type SourceRecord } from '../../src/api/record.js';
import type { ProduceResult, ProducedRecord, TopicProducer } from '../../src/kafka/port.js';
import { createRootLogger } from '../../src/observability/logger.js';
import { BUILTIN_PLUGINS } from '../../src/runtime/builtin-plugins.js';
import { RetryWithToleranceOperator } from '../../src/runtime/errors/retry-with-tolerance.js';
import { PluginRegistry } from '../../src/runtime/plugins.js';
import { createConverters } from '../../src/runtime/record-conversion.js';
import { SourceTaskRunner } from '../../src/runtime/source-task-runner.js';
import { TransformationChain } from '../../src/runtime/transformation-chain.js';
import { MemoryOffsetStore } from '../../src/storage/offset-store.js';
import { eventually } from './support/worker.js';

/** A producer that holds every send until released: a broker that has stopped acknowledging. */
class StalledProducer implements TopicProducer {
  private held: Array<() => void> = [];
  sent = 0;

  send(records: readonly ProducedRecord[]): Promise<ProduceResult[]> {
    this.sent += records.length;
    return new Promise((resolve) => {
      this.held.push(() => resolve(records.map((r, i) => ({ topic: r.topic, partition: 0, offset: i, timestamp: 0 }))));
    });
  }

  release(): void {
    const held = this.held;
    this.held = [];
    for (const ack of held) ack();
  }

  async flush(): Promise<void> {
    this.release();
  }

  async close(): Promise<void> {}
}

/** Emits 50 records per poll, forever, counting how many it was asked for. */
class EndlessSource implements SourceTask {
  polled = 0;
  start(): void {}
  async poll(): Promise<SourceRecord[]> {
    return Array.from({ length: 50 }, () => {
      const n = this.polled++;
      return sourceRecord({ topic: 'bp', valueSchema: Schemas.STRING, value: `r${n}`, sourcePartition: { s: 1 }, sourceOffset: { n } });
    });
  }
  stop(): void {}
}

describe('source task backpressure', () => {
  it('stops polling at the in-flight limit while nothing is acknowledged, and resumes after acknowledgements', async () => {
    const logger = createRootLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });
    const plugins = new PluginRegistry(BUILTIN_PLUGINS);
    const strings = { 'key.converter': 'org.apache.kafka.connect.storage.StringConverter', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' };
    const producer = new StalledProducer();
    const task = new EndlessSource();
    const runner = new SourceTaskRunner({
      connector: 'bp',
      taskId: 0,
      task,
      config: {},
      logger,
      chain: TransformationChain.empty<SourceRecord>(),
      converters: createConverters(plugins, strings, {}),
      operator: new RetryWithToleranceOperator({ tolerance: 'none', retryTimeoutMs: 0, retryMaxDelayMs: 0, reporters: [] }),
      producer,
      offsetStore: new MemoryOffsetStore(),
      topicCreation: null,
      listener: { onRunning: () => undefined, onPaused: () => undefined, onFailed: () => undefined, onStopped: () => undefined },
      offsetFlushIntervalMs: 60_000,
      gracefulShutdownMs: 2_000,
      maxInFlightRecords: 200,
    });
    runner.start();
    await eventually('the in-flight limit to be reached', () => task.polled > 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stalledAt = task.polled;
    assert.ok(stalledAt <= 250, `polled ${stalledAt} records with 200 allowed in flight`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(task.polled, stalledAt, 'no polling while the producer acknowledges nothing');

    producer.release();
    await eventually('polling to resume', () => task.polled > stalledAt);
    await runner.stop();
  });
});
