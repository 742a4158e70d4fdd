/**
 * Tidewater's SPI extensions for CDC sources: offset-only position markers (never written, committed in
 * order like a dropped record) and `commit(committed)` receiving the offsets it just made durable.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import type { SourceTask } from '../../src/api/connector.js';
import { Schemas } from '../../src/api/data/schema.js';
import { sourceRecord, type SourceOffset, type SourcePartition, type SourceRecord } from '../../src/api/record.js';
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

class CountingProducer implements TopicProducer {
  readonly topics: string[] = [];
  async send(records: readonly ProducedRecord[]): Promise<ProduceResult[]> {
    this.topics.push(...records.map((r) => r.topic));
    return records.map((r, i) => ({ topic: r.topic, partition: 0, offset: i, timestamp: 0 }));
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

class MarkerSource implements SourceTask {
  private sent = false;
  readonly commits: Array<ReadonlyArray<{ partition: SourcePartition; offset: SourceOffset }> | undefined> = [];
  start(): void {}
  async poll(): Promise<SourceRecord[] | null> {
    if (this.sent) return null;
    this.sent = true;
    const partition = { server: 'db' };
    return [
      sourceRecord({ topic: 'rows', valueSchema: Schemas.STRING, value: 'row', sourcePartition: partition, sourceOffset: { lsn: 10 } }),
      sourceRecord({ topic: 'ignored', sourcePartition: partition, sourceOffset: { lsn: 20 }, offsetOnly: true }),
    ];
  }
  commit(committed?: ReadonlyArray<{ partition: SourcePartition; offset: SourceOffset }>): void {
    this.commits.push(committed);
  }
  stop(): void {}
}

describe('position markers', () => {
  it('commits an offset-only marker\'s offset without writing a record, and tells the task what was committed', async () => {
    const logger = createRootLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });
    const strings = { 'key.converter': 'org.apache.kafka.connect.storage.StringConverter', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' };
    const producer = new CountingProducer();
    const offsets = new MemoryOffsetStore();
    const task = new MarkerSource();
    const runner = new SourceTaskRunner({
      connector: 'markers',
      taskId: 0,
      task,
      config: {},
      logger,
      chain: TransformationChain.empty<SourceRecord>(),
      converters: createConverters(new PluginRegistry(BUILTIN_PLUGINS), strings, {}),
      operator: new RetryWithToleranceOperator({ tolerance: 'none', retryTimeoutMs: 0, retryMaxDelayMs: 0, reporters: [] }),
      producer,
      offsetStore: offsets,
      topicCreation: null,
      listener: { onRunning: () => undefined, onPaused: () => undefined, onFailed: () => undefined, onStopped: () => undefined },
      offsetFlushIntervalMs: 50,
      gracefulShutdownMs: 2_000,
    });
    runner.start();
    await eventually('the marker\'s offset to be committed', () => offsets.get('markers', { server: 'db' })?.lsn === 20);
    await runner.stop();
    assert.deepEqual(producer.topics, ['rows']);
    assert.deepEqual(task.commits.find((c) => c?.length), [{ partition: { server: 'db' }, offset: { lsn: 20 } }]);
  });
});
