/**
 * Source offsets as the SourceTaskRunner commits them (Kafka's WorkerSourceTask + SubmittedRecords): only up
 * to the last record whose predecessors in its source partition are all acknowledged, whatever order the
 * producer acknowledges in. Driven directly with a producer the test acknowledges by hand.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { RawConfig, SourceTask, SourceTaskContext } from '../../src/api/connector.js';
import { Schemas } from '../../src/api/data/schema.js';
import { sourceRecord, type SourceRecord } from '../../src/api/record.js';
import { createConverter, createHeaderConverter, STRING_CONVERTER_CLASS } from '../../src/converters/index.js';
import type { ProducedRecord, ProduceResult, TopicProducer } from '../../src/kafka/port.js';
import { RetryWithToleranceOperator } from '../../src/runtime/errors/retry-with-tolerance.js';
import { SourceTaskRunner } from '../../src/runtime/source-task-runner.js';
import { TransformationChain } from '../../src/runtime/transformation-chain.js';
import { MemoryOffsetStore } from '../../src/storage/offset-store.js';
import { eventually } from './support/worker.js';

interface PendingSend {
  readonly records: readonly ProducedRecord[];
  readonly ack: () => void;
}

/** A producer whose sends stay pending until the test acknowledges them, in any order. */
class HandAckedProducer implements TopicProducer {
  readonly pending: PendingSend[] = [];
  private nextOffset = 0;

  send(records: readonly ProducedRecord[]): Promise<ProduceResult[]> {
    return new Promise((resolve) => {
      const results = records.map((r) => ({ topic: r.topic, partition: 0, offset: this.nextOffset++, timestamp: 0 }));
      this.pending.push({ records, ack: () => resolve(results) });
    });
  }

  /** Acknowledges the pending send whose (single) record has this value. */
  ack(value: string): void {
    const at = this.pending.findIndex((p) => p.records.some((r) => Buffer.from(r.value ?? []).toString() === value));
    if (at < 0) throw new Error(`no pending send of ${value}`);
    const [send] = this.pending.splice(at, 1);
    send?.ack();
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

/** Emits the given records, one per poll, then nothing. */
class ScriptedTask implements SourceTask {
  readonly committed: string[] = [];
  private signal: AbortSignal | undefined;

  constructor(private readonly script: SourceRecord[]) {}

  start(_config: RawConfig, context: SourceTaskContext): void {
    this.signal = context.signal;
  }

  async poll(): Promise<SourceRecord[] | null> {
    const next = this.script.shift();
    if (next) return [next];
    await new Promise((resolve) => setTimeout(resolve, 5));
    return this.signal?.aborted ? null : null;
  }

  commitRecord(record: SourceRecord): void {
    this.committed.push(String(record.value));
  }

  stop(): void {}
}

const record = (source: string, n: number): SourceRecord =>
  sourceRecord({ topic: 'acks', valueSchema: Schemas.STRING, value: `${source}-${n}`, sourcePartition: { source }, sourceOffset: { n } });

function runner(task: SourceTask, producer: TopicProducer, offsets: MemoryOffsetStore): SourceTaskRunner {
  return new SourceTaskRunner({
    connector: 'acks',
    taskId: 0,
    task,
    config: {},
    logger: pino({ level: 'silent' }),
    chain: TransformationChain.empty<SourceRecord>(),
    converters: {
      key: createConverter(STRING_CONVERTER_CLASS, {}, true),
      value: createConverter(STRING_CONVERTER_CLASS),
      header: createHeaderConverter(),
      keyClass: STRING_CONVERTER_CLASS,
      valueClass: STRING_CONVERTER_CLASS,
      headerClass: 'org.apache.kafka.connect.storage.SimpleHeaderConverter',
    },
    operator: new RetryWithToleranceOperator({ tolerance: 'none', retryTimeoutMs: 0, retryMaxDelayMs: 60_000, reporters: [] }),
    producer,
    offsetStore: offsets,
    topicCreation: null,
    listener: { onRunning: () => undefined, onPaused: () => undefined, onFailed: () => undefined, onStopped: () => undefined },
    // Commits are triggered by hand below; the interval timer must not interfere.
    offsetFlushIntervalMs: 3_600_000,
    gracefulShutdownMs: 200,
  });
}

describe('source offset commits', () => {
  it('commits a source partition only up to its last contiguously acknowledged record', async () => {
    const producer = new HandAckedProducer();
    const offsets = new MemoryOffsetStore();
    const task = new ScriptedTask([record('a', 1), record('a', 2), record('a', 3), record('b', 1), record('b', 2)]);
    const run = runner(task, producer, offsets);
    run.start();
    await eventually('five sends in flight', () => producer.pending.length === 5);

    producer.ack('a-2');
    producer.ack('a-3');
    producer.ack('b-1');
    await eventually('three acknowledgements seen', () => task.committed.length === 3);
    await run.commitOffsets();
    assert.equal(offsets.get('acks', { source: 'a' }), null, 'a-1 is not acknowledged: nothing of a may be committed');
    assert.deepEqual(offsets.get('acks', { source: 'b' }), { n: 1 });

    producer.ack('a-1');
    await eventually('a-1 acknowledged', () => task.committed.length === 4);
    await run.commitOffsets();
    assert.deepEqual(offsets.get('acks', { source: 'a' }), { n: 3 }, 'a-1 closes the gap: a commits through a-3');
    assert.deepEqual(offsets.get('acks', { source: 'b' }), { n: 1 }, 'b-2 is still in flight');
    assert.deepEqual(task.committed, ['a-2', 'a-3', 'b-1', 'a-1'], 'commitRecord follows the acknowledgements');

    producer.ack('b-2');
    await run.stop();
    assert.deepEqual(offsets.get('acks', { source: 'b' }), { n: 2 }, 'stopping commits what was acknowledged meanwhile');
  });

  it('does not commit records still unacknowledged when the graceful shutdown timeout runs out', async () => {
    const producer = new HandAckedProducer();
    const offsets = new MemoryOffsetStore();
    const task = new ScriptedTask([record('c', 1), record('c', 2)]);
    const run = runner(task, producer, offsets);
    run.start();
    await eventually('two sends in flight', () => producer.pending.length === 2);
    producer.ack('c-1');
    await eventually('c-1 acknowledged', () => task.committed.length === 1);

    await run.stop();
    assert.deepEqual(offsets.get('acks', { source: 'c' }), { n: 1 }, 'c-2 was never acknowledged');
  });
});
