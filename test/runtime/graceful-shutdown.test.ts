/**
 * Graceful shutdown of a `tidewater standalone` process (Kafka's connect-standalone.sh): SIGTERM stops the
 * tasks, waits for the records in flight and commits their offsets within
 * task.shutdown.graceful.timeout.ms, so a restarted worker carries on without duplicates. The test plugins
 * come in through plugin.path; the embedded topic log is read with a read-only store next to the process.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EmbeddedTopicStore } from '../../src/kafka/embedded/index.js';
import type { StoredOffset } from '../../src/storage/offset-store.js';
import { within } from '../support/timeout.js';
import { NUMBERED_SOURCE } from './fixtures/plugins.js';
import { eventually, removeDir, STRING_CONVERTER, tempDir } from './support/worker.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GRACEFUL_TIMEOUT_MS = 10_000;

/** The values of a topic's partition 0, read from the data directory without disturbing the worker. */
async function topicValues(dataDir: string, topic: string): Promise<string[]> {
  const store = await EmbeddedTopicStore.open({ dataDir, readOnly: true });
  try {
    const stats = store.logStats().find((s) => s.topic === topic && s.partition === 0);
    const values: string[] = [];
    let offset = stats?.logStartOffset ?? 0;
    while (stats && offset < stats.logEndOffset) {
      const result = await store.read(topic, 0, offset);
      if (result.kind !== 'records' || result.records.length === 0) break;
      for (const record of result.records) values.push(Buffer.from(record.value ?? []).toString());
      offset = (result.records.at(-1)?.offset ?? offset) + 1;
    }
    return values.slice(0, (stats?.logEndOffset ?? 0) - (stats?.logStartOffset ?? 0));
  } finally {
    await store.close();
  }
}

interface RunningWorker {
  readonly child: ChildProcess;
  readonly output: string[];
  readonly exited: Promise<number | null>;
}

function startWorker(dir: string, connectorFile: string): RunningWorker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'standalone', join(dir, 'worker.properties'), connectorFile], {
    cwd: ROOT,
    env: { ...process.env, TIDEWATER_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output, exited };
}

function connectorFile(dir: string, total: number | null): string {
  const file = join(dir, `numbers-${total ?? 'endless'}.json`);
  const config: Record<string, string> = { 'connector.class': NUMBERED_SOURCE, topic: 'numbers', 'poll.interval.ms': '1', 'records.per.poll': '3' };
  if (total !== null) config['records.total'] = String(total);
  writeFileSync(file, JSON.stringify({ name: 'numbers', config }));
  return file;
}

function committedNumber(dir: string): number | undefined {
  const stored = JSON.parse(readFileSync(join(dir, 'connect.offsets'), 'utf8')) as StoredOffset[];
  const entry = stored.find((o) => o.connector === 'numbers');
  return typeof entry?.offset.n === 'number' ? entry.offset.n : undefined;
}

describe('graceful shutdown of tidewater standalone', () => {
  const dir = tempDir();
  const children: ChildProcess[] = [];
  after(() => {
    for (const child of children) if (child.exitCode === null && child.pid !== undefined) child.kill('SIGKILL');
    removeDir(dir);
  });

  it('commits on SIGTERM what it produced, and a restarted worker goes on without duplicates', async () => {
    writeFileSync(
      join(dir, 'worker.properties'),
      [
        `key.converter=${STRING_CONVERTER}`,
        `value.converter=${STRING_CONVERTER}`,
        `offset.storage.file.filename=${join(dir, 'connect.offsets')}`,
        `tidewater.embedded.log.dir=${join(dir, 'topics')}`,
        // Only the graceful stop can commit: the periodic commit is an hour away.
        'offset.flush.interval.ms=3600000',
        `task.shutdown.graceful.timeout.ms=${GRACEFUL_TIMEOUT_MS}`,
        'listeners=http://127.0.0.1:0',
        `plugin.path=${join(ROOT, 'test/runtime/fixtures/plugins.ts')}`,
        '',
      ].join('\n'),
    );
    const data = join(dir, 'topics');

    const first = startWorker(dir, connectorFile(dir, null));
    children.push(first.child);
    await eventually('the endless source to produce 30 records', async () => (await topicValues(data, 'numbers')).length >= 30, 60_000);
    first.child.kill('SIGTERM');
    const code = await within(first.exited, GRACEFUL_TIMEOUT_MS + 5_000, 'the worker to stop after SIGTERM');
    assert.equal(code, 0, first.output.join(''));
    assert.ok(first.output.join('').includes('Kafka Connect-compatible worker stopped'));

    const produced = await topicValues(data, 'numbers');
    const committed = committedNumber(dir);
    assert.equal(committed, produced.length, 'every record produced before the stop is committed, and nothing beyond');
    assert.deepEqual(produced, Array.from({ length: produced.length }, (_, i) => `record ${i + 1}`));

    const total = produced.length + 10;
    const second = startWorker(dir, connectorFile(dir, total));
    children.push(second.child);
    await eventually(`${total} records`, async () => (await topicValues(data, 'numbers')).length >= total, 60_000);
    second.child.kill('SIGTERM');
    assert.equal(await within(second.exited, GRACEFUL_TIMEOUT_MS + 5_000, 'the restarted worker to stop'), 0, second.output.join(''));
    assert.deepEqual(await topicValues(data, 'numbers'), Array.from({ length: total }, (_, i) => `record ${i + 1}`), 'each number exactly once');
    assert.equal(committedNumber(dir), total);
  });
});
