/**
 * Crash safety of the embedded log: a writer process killed with SIGKILL mid-stream loses no record it
 * acknowledged; a torn or corrupt tail is cut back to the last whole record on the next open, and the
 * log carries on at the next dense offset.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ConsumedRecord } from '../port.js';
import { EmbeddedTopicStore } from './store.js';

const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const scratch: string[] = [];
after(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tidewater-crash-'));
  scratch.push(dir);
  return dir;
}

/**
 * Copies the data directory of a store that is still open: the files as a kill -9 would leave them
 * (written, but no clean close — so no saved index for the active segment).
 */
async function crashImage(dataDir: string): Promise<string> {
  const image = await freshDir();
  await cp(dataDir, image, { recursive: true });
  return image;
}

/** Reads a whole partition through the store's direct reader. */
async function readPartition(store: EmbeddedTopicStore, topic: string, partition: number): Promise<ConsumedRecord[]> {
  const records: ConsumedRecord[] = [];
  for (;;) {
    const result = await store.read(topic, partition, records.length);
    assert.equal(result.kind, 'records');
    if (result.kind !== 'records' || result.records.length === 0) return records;
    records.push(...result.records);
  }
}

/** Runs the writer until it has acknowledged `atLeast` records, SIGKILLs it, and returns its acknowledgements. */
async function killWriterMidStream(dataDir: string, topic: string, atLeast: number): Promise<Array<{ seq: number; partition: number; offset: number }>> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir, topic], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const acks: Array<{ seq: number; partition: number; offset: number }> = [];
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const parts = line.split(' ');
    if (parts.length !== 3) continue;
    acks.push({ seq: Number(parts[0]), partition: Number(parts[1]), offset: Number(parts[2]) });
    if (acks.length >= atLeast && child.exitCode === null && !child.killed) child.kill('SIGKILL');
  }
  assert.equal(await exited, 'SIGKILL', `the writer should have been killed, not exited (stderr: ${stderr})`);
  return acks;
}

describe('crash safety', () => {
  test('every record acknowledged before a SIGKILL is present and readable after reopening', async () => {
    const dataDir = await freshDir();
    const acks = await killWriterMidStream(dataDir, 'crashy', 20_000);
    assert.ok(acks.length >= 20_000);

    const store = await EmbeddedTopicStore.open({ dataDir, log: { segmentBytes: 64 * 1024 } });
    try {
      const partitions = [await readPartition(store, 'crashy', 0), await readPartition(store, 'crashy', 1)];
      partitions.forEach((records) => assert.deepEqual(records.map((r) => r.offset), records.map((_, i) => i), 'offsets are dense from 0'));
      for (const ack of acks) {
        const found = partitions[ack.partition]?.[ack.offset];
        assert.ok(found, `acknowledged record ${ack.seq} at ${ack.partition}@${ack.offset} is missing`);
        assert.equal(found.value?.toString().replace(/\.+$/, ''), `v-${ack.seq}`);
        assert.equal(found.headers[0]?.value?.toString(), String(ack.seq));
      }
      // The log goes on from where it stopped.
      const ends = await store.admin().endOffsets([{ topic: 'crashy', partition: 0 }, { topic: 'crashy', partition: 1 }]);
      const [next] = await store.producer({ clientId: 'after-crash' }).send([
        { topic: 'crashy', partition: 0, key: null, value: Buffer.from('after'), headers: [], timestamp: null },
      ]);
      assert.equal(next?.offset, ends[0]?.offset);
      assert.equal(ends[0]?.offset, partitions[0]?.length);
    } finally {
      await store.close();
    }
  });

  test('a torn last record (a short write) is cut off and the next append reuses its offset', async () => {
    const running = await EmbeddedTopicStore.open({ dataDir: await freshDir() });
    await running.producer({ clientId: 'p' }).send([0, 1, 2].map((i) => ({ topic: 't', partition: 0, key: null, value: Buffer.from(`r${i}`), headers: [], timestamp: 1000 + i })));
    const dataDir = await crashImage(running.dataDir);
    await running.close();
    const segment = join(dataDir, 'topics', 't', '0', '00000000000000000000.log');
    const whole = (await stat(segment)).size;
    // Half of a fourth frame: its size field promises 200 bytes that never arrived.
    const torn = Buffer.alloc(30);
    torn.writeUInt32BE(200, 0);
    await appendFile(segment, torn);

    const reopened = await EmbeddedTopicStore.open({ dataDir });
    try {
      assert.equal((await stat(segment)).size, whole, 'the torn bytes are truncated');
      assert.deepEqual((await readPartition(reopened, 't', 0)).map((r) => r.value?.toString()), ['r0', 'r1', 'r2']);
      const [next] = await reopened.producer({ clientId: 'p' }).send([{ topic: 't', partition: 0, key: null, value: Buffer.from('r3'), headers: [], timestamp: null }]);
      assert.equal(next?.offset, 3);
      assert.deepEqual((await readPartition(reopened, 't', 0)).map((r) => r.value?.toString()), ['r0', 'r1', 'r2', 'r3']);
    } finally {
      await reopened.close();
    }
  });

  test('a last record that fails its checksum is dropped on open, the records before it kept', async () => {
    const running = await EmbeddedTopicStore.open({ dataDir: await freshDir() });
    await running.producer({ clientId: 'p' }).send([0, 1, 2, 3].map((i) => ({ topic: 't', partition: 0, key: null, value: Buffer.from(`value-${i}`), headers: [], timestamp: 1 })));
    const dataDir = await crashImage(running.dataDir);
    await running.close();
    const segment = join(dataDir, 'topics', 't', '0', '00000000000000000000.log');
    const bytes = await readFile(segment);
    bytes[bytes.length - 2] = (bytes[bytes.length - 2] as number) ^ 0xff; // inside the last record's header count: its CRC no longer matches
    await writeFile(segment, bytes);
    const lastFrameBytes = 38 + 'value-3'.length;

    const reopened = await EmbeddedTopicStore.open({ dataDir });
    try {
      assert.equal((await stat(segment)).size, bytes.length - lastFrameBytes);
      assert.deepEqual((await readPartition(reopened, 't', 0)).map((r) => r.value?.toString()), ['value-0', 'value-1', 'value-2']);
      assert.deepEqual(await reopened.admin().endOffsets([{ topic: 't', partition: 0 }]), [{ topic: 't', partition: 0, offset: 3 }]);
    } finally {
      await reopened.close();
    }
  });

  test('a segment changed after a clean close is rescanned, not trusted to its saved index', async () => {
    const dataDir = await freshDir();
    const first = await EmbeddedTopicStore.open({ dataDir });
    await first.producer({ clientId: 'p' }).send([0, 1].map((i) => ({ topic: 't', partition: 0, key: null, value: Buffer.from(`v${i}`), headers: [], timestamp: 1 })));
    await first.close();
    const segment = join(dataDir, 'topics', 't', '0', '00000000000000000000.log');
    await appendFile(segment, Buffer.from([0, 0, 0]));
    const reopened = await EmbeddedTopicStore.open({ dataDir });
    try {
      assert.deepEqual(await reopened.admin().endOffsets([{ topic: 't', partition: 0 }]), [{ topic: 't', partition: 0, offset: 2 }]);
      assert.equal((await stat(segment)).size, 2 * (38 + 2));
    } finally {
      await reopened.close();
    }
  });
});
