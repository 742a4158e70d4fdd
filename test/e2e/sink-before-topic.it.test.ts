/**
 * A sink connector started before its topic exists — the normal order when a standalone worker is given a
 * source and a sink of the same pipeline, since the source creates the topic on its first record. Kafka
 * Connect's sink consumer subscribes to a missing topic and waits for it; the task stays RUNNING. Found by
 * the file-pipeline crash test, where the sink's task failed for good with UNKNOWN_TOPIC_OR_PARTITION.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { StandaloneWorker } from '../../src/runtime/standalone.js';
import { useService } from '../env/index.js';
import { pollWithin } from './support/child-worker.js';
import { STRING_CONVERTER } from './support/pipeline-config.js';
import { openStore } from './support/topic-reader.js';

const quiet = pino({ level: process.env.TIDEWATER_TEST_LOG_LEVEL ?? 'silent' });

function outputLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('a FileStreamSink whose topic does not exist yet, on Kafka', () => {
  it('keeps its task RUNNING and writes the records once the topic appears', async () => {
    const kafka = await useService('kafka');
    const dir = mkdtempSync(join(tmpdir(), 'tidewater-e2e-sink-before-topic-'));
    const unique = `${process.pid}-${Date.now().toString(36)}`;
    const topic = `e2e-sink-before-topic-${unique}`;
    const name = `e2e-sink-before-topic-${unique}`;
    const output = join(dir, 'output.txt');
    try {
      await runSinkBeforeItsTopic({ dir, topic, name, output, bootstrapServers: kafka.bootstrapServers });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Starts a worker whose only connector is a FileStreamSink on the missing `topic`, then creates the topic with one record. */
async function runSinkBeforeItsTopic(options: { dir: string; topic: string; name: string; output: string; bootstrapServers: string }): Promise<void> {
  const { dir, topic, name, output, bootstrapServers } = options;
  const worker = await StandaloneWorker.start({
    workerProperties: {
      'bootstrap.servers': bootstrapServers,
      'key.converter': STRING_CONVERTER,
      'value.converter': STRING_CONVERTER,
      'offset.storage.file.filename': join(dir, 'connect.offsets'),
      'offset.flush.interval.ms': '500',
      listeners: 'http://127.0.0.1:0',
    },
    connectors: [{ name, config: { name, 'connector.class': 'FileStreamSink', 'tasks.max': '1', topics: topic, file: output } }],
    logger: quiet,
  });
  const taskState = () => worker.herder.connectorStatus(name).tasks[0];
  try {
    // Let the task subscribe (RUNNING) or give up (FAILED) before anything creates the topic. A consumer that
    // holds its subscribe until the topic exists reports neither; that is fine too, so this wait is bounded.
    await pollWithin(() => ['RUNNING', 'FAILED'].includes(taskState()?.state ?? ''), 10_000, 'the sink task to subscribe or fail').catch(() => undefined);
    const store = await openStore({ kind: 'kafka', bootstrapServers, embeddedDir: join(dir, 'unused') }, false);
    try {
      const producer = store.producer({ clientId: name });
      await producer.send([{ topic, partition: null, key: null, value: Buffer.from('first line'), headers: [], timestamp: null }]);
      await producer.close();
    } finally {
      await store.close();
    }
    await pollWithin(() => outputLines(output).length > 0 || taskState()?.state === 'FAILED', 60_000, 'the line in the output file, or the task to fail');
    assert.equal(taskState()?.state, 'RUNNING', taskState()?.trace);
    assert.deepEqual(outputLines(output), ['first line']);
  } finally {
    await worker.stop();
  }
}
