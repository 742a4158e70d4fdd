import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pino } from 'pino';
import { PartitionLog } from './partition-log.js';
import type { RecordToAppend } from './record-format.js';
import { KAFKA_LOG_DEFAULTS, type TopicSettings } from './topic-config.js';

const logger = pino({ enabled: false });
const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function openLog(settings: Partial<TopicSettings> = {}, dir?: string): Promise<PartitionLog> {
  const path = dir ?? (await mkdtemp(join(tmpdir(), 'tidewater-plog-')));
  if (!dir) dirs.push(path);
  return PartitionLog.open({ dir: path, topic: 't', partition: 0, settings: { ...KAFKA_LOG_DEFAULTS, ...settings }, readOnly: false, logger });
}

function values(from: number, count: number, timestamp = 1000): RecordToAppend[] {
  return Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`value-${String(from + i).padStart(4, '0')}`), headers: [], timestamp }));
}

async function readAll(log: PartitionLog, from: number): Promise<string[]> {
  const out: string[] = [];
  for (let offset = from; ; ) {
    const result = await log.read(offset, 200);
    assert.equal(result.kind, 'records');
    if (result.kind !== 'records' || result.records.length === 0) return out;
    for (const r of result.records) out.push(`${r.offset}:${r.value?.toString()}`);
    offset = (result.records.at(-1)?.offset ?? offset) + 1;
  }
}

// Every frame here is 38 + 10 = 48 bytes.
const FRAME = 48;

describe('partition log', () => {
  test('rolls a segment before it would pass segment.bytes and reads any offset across segments', async () => {
    const log = await openLog({ segmentBytes: 10 * FRAME, indexIntervalBytes: 2 * FRAME });
    for (let i = 0; i < 100; i += 4) await log.append(values(i, 4), 0).written;
    // Batches of 4 frames: 2 batches (8 frames) fit in a 10-frame segment, the third goes to a new one.
    assert.equal(log.segmentCount, 13);
    assert.equal(log.logEndOffset, 100);
    for (const from of [0, 1, 7, 8, 9, 50, 95, 99]) {
      const result = await log.read(from, 100);
      assert.ok(result.kind === 'records');
      assert.equal(result.records[0]?.offset, from);
      assert.equal(result.records[0]?.value?.toString(), `value-${String(from).padStart(4, '0')}`);
    }
    assert.deepEqual(await readAll(log, 0), Array.from({ length: 100 }, (_, i) => `${i}:value-${String(i).padStart(4, '0')}`));
    await log.close();
  });

  test('reopens the same log from saved indexes after a clean close, and by scanning without them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tidewater-plog-'));
    dirs.push(dir);
    const settings = { segmentBytes: 10 * FRAME, indexIntervalBytes: 2 * FRAME };
    const first = await openLog(settings, dir);
    for (let i = 0; i < 30; i += 3) await first.append(values(i, 3), 0).written;
    const expected = await readAll(first, 0);
    await first.close();
    const files = await readdir(dir);
    assert.equal(files.filter((f) => f.endsWith('.index')).length, files.filter((f) => f.endsWith('.log')).length);

    const fromIndexes = await openLog(settings, dir);
    assert.deepEqual(await readAll(fromIndexes, 0), expected);
    assert.deepEqual(await readAll(fromIndexes, 17), expected.slice(17));
    await fromIndexes.close();
    for (const f of await readdir(dir)) if (f.endsWith('.index')) await rm(join(dir, f));
    const scanned = await openLog(settings, dir);
    assert.deepEqual(await readAll(scanned, 13), expected.slice(13));
    assert.equal(scanned.logEndOffset, 30);
    await scanned.close();
  });

  test('keeps call order and dense offsets for appends queued before any write completes', async () => {
    const log = await openLog();
    const tickets = [log.append(values(0, 2), 0), log.append(values(2, 1), 0), log.append(values(3, 3), 0)];
    assert.deepEqual(tickets.map((t) => t.baseOffset), [0, 2, 3]);
    assert.equal(log.logEndOffset, 0, 'nothing is visible before it is written');
    await Promise.all(tickets.map((t) => t.written));
    assert.deepEqual(await readAll(log, 0), Array.from({ length: 6 }, (_, i) => `${i}:value-000${i}`));
    await log.close();
  });

  test('tells listeners about new records only once they are readable', async () => {
    const log = await openLog();
    const seen: number[] = [];
    log.onAppend(() => seen.push(log.logEndOffset));
    await log.append(values(0, 2), 0).written;
    await log.append(values(2, 1), 0).written;
    assert.deepEqual(seen, [2, 3]);
    await log.close();
  });

  test('reads outside [log start, log end] are out of range; a read at the end is empty', async () => {
    const log = await openLog();
    await log.append(values(0, 3), 0).written;
    assert.deepEqual(await log.read(3, 100), { kind: 'records', records: [] });
    assert.deepEqual(await log.read(4, 100), { kind: 'outOfRange', logStartOffset: 0, logEndOffset: 3 });
    await log.close();
  });

  test('retention.bytes deletes the oldest segments while the rest still exceed the limit', async () => {
    const log = await openLog({ segmentBytes: 4 * FRAME, retentionBytes: 6 * FRAME, retentionMs: -1 });
    for (let i = 0; i < 20; i += 2) await log.append(values(i, 2), 0).written;
    assert.equal(log.segmentCount, 5);
    assert.equal(await log.applyRetention(Date.now()), 3);
    assert.deepEqual([log.logStartOffset, log.logEndOffset, log.sizeBytes], [12, 20, 8 * FRAME]);
    assert.deepEqual(await log.read(11, 100), { kind: 'outOfRange', logStartOffset: 12, logEndOffset: 20 });
    assert.deepEqual((await readAll(log, 12)).length, 8);
    await log.close();
  });

  test('retention.ms deletes segments whose newest record is too old, rolling when everything expired', async () => {
    const log = await openLog({ segmentBytes: 4 * FRAME, retentionMs: 1000 });
    await log.append(values(0, 4, 1000), 0).written;
    await log.append(values(4, 4, 5000), 0).written;
    await log.append(values(8, 2, 9000), 0).written;
    assert.equal(await log.applyRetention(5500), 1);
    assert.equal(log.logStartOffset, 4);
    assert.equal(await log.applyRetention(20_000), 2);
    assert.deepEqual([log.logStartOffset, log.logEndOffset, log.sizeBytes, log.segmentCount], [10, 10, 0, 1]);
    assert.equal(log.append(values(10, 1), 0).baseOffset, 10);
    await log.close();
  });

  test('cleanup.policy compact alone turns deletion by retention off', async () => {
    const log = await openLog({ segmentBytes: FRAME, retentionMs: 0, retentionBytes: 0, cleanupPolicy: ['compact'] });
    for (let i = 0; i < 3; i++) await log.append(values(i, 1), 0).written;
    assert.equal(await log.applyRetention(Date.now() + 1e9), 0);
    assert.equal(log.logStartOffset, 0);
    await log.close();
  });

  test('segment.ms rolls a segment once its first record is old enough', async () => {
    const log = await openLog({ segmentMs: 1 });
    await log.append(values(0, 1), 0).written;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await log.append(values(1, 1), 0).written;
    assert.equal(log.segmentCount, 2);
    await log.close();
  });

  test('a LogAppendTime topic stamps records with the append time', async () => {
    const log = await openLog({ timestampType: 'LogAppendTime', flushMessages: 1 });
    const ticket = log.append(values(0, 2, 5), 777);
    await ticket.written;
    assert.equal(ticket.logAppendTime, 777);
    const result = await log.read(0, 1000);
    assert.ok(result.kind === 'records');
    assert.deepEqual(result.records.map((r) => [r.timestamp, r.timestampType]), [[777, 'LogAppendTime'], [777, 'LogAppendTime']]);
    await log.close();
  });
});
