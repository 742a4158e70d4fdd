import pino from 'pino';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceRecord, type SourceRecord } from '../src/api/record.js';
import { ChangeQueue } from '../src/cdc/change-queue.js';
import { snapshotData, type SnapshotScanner, type SnapshotTablePlan } from './data-snapshot.js';
import { SnapshotMeter } from './snapshot-meter.js';

const logger = pino({ level: 'silent' });

/** An in-memory scanner: table name → rows, delivered in batches of `batch`. */
function scanner(data: Record<string, number[]>, batch = 2, failOn?: string): SnapshotScanner {
  return {
    timestampMicros: async () => 1_700_000_000_000_000,
    async scan(select, onRows) {
      if (select === failOn) throw new Error('permission denied for table');
      const rows = (data[select] ?? []).map((n) => [n]);
      for (let i = 0; i < rows.length; i += batch) {
        await new Promise((r) => setImmediate(r));
        await onRows(rows.slice(i, i + batch));
      }
    },
  };
}

function plans(names: string[]): SnapshotTablePlan<string>[] {
  return names.map((name) => ({ name, select: name, estimatedRows: null, table: name }));
}

async function run(data: Record<string, number[]>, threads: number, order = Object.keys(data)) {
  const queue = new ChangeQueue({ maxQueueSize: 1000, maxBatchSize: 1000, pollIntervalMs: 1 });
  const meter = new SnapshotMeter();
  meter.tablesDetermined(order);
  const rows = await snapshotData({
    logger,
    signal: new AbortController().signal,
    queue,
    tables: plans(order),
    scanners: Array.from({ length: threads }, () => scanner(data)),
    meter,
    records: (table, row, marker, _ts, completed) => [
      sourceRecord({ sourcePartition: {}, sourceOffset: { completed }, topic: table, value: `${row[0] as number}:${marker}` }),
    ],
  });
  const records: SourceRecord[] = queue.size ? await queue.poll() : [];
  return { rows, meter, events: records.map((r) => `${r.topic}/${r.value as string}`), offsets: records.map((r) => r.sourceOffset) };
}

describe('snapshotData', () => {
  it('marks rows as Debezium does with one thread', async () => {
    const { events, rows, offsets } = await run({ a: [1, 2, 3], b: [4], c: [5, 6] }, 1);
    assert.equal(rows, 6);
    assert.deepEqual(events, ['a/1:first', 'a/2:true', 'a/3:last_in_data_collection', 'b/4:last_in_data_collection', 'c/5:first_in_data_collection', 'c/6:last']);
    assert.deepEqual(offsets.map((o) => o?.completed), [false, false, false, false, false, true]);
  });

  it('marks the last emitted row last when the last table is empty', async () => {
    const { events } = await run({ a: [1, 2], b: [] }, 1);
    assert.deepEqual(events, ['a/1:first', 'a/2:last']);
  });

  it('a single row is last', async () => {
    const { events } = await run({ a: [7] }, 1);
    assert.deepEqual(events, ['a/7:last']);
  });

  it('uses only in-collection markers with several threads, and still ends with last', async () => {
    const { events, meter } = await run({ a: [1, 2, 3], b: [4, 5, 6], c: [7] }, 2);
    assert.equal(events.length, 7);
    assert.deepEqual(events.filter((e) => e.endsWith(':first')), []);
    assert.match(events.at(-1) ?? '', /:last$/);
    assert.deepEqual(events.filter((e) => e.endsWith(':first_in_data_collection')).sort(), ['a/1:first_in_data_collection', 'b/4:first_in_data_collection']);
    assert.equal(meter.remainingTableCount, 0);
    assert.deepEqual(Object.fromEntries(meter.rowsScannedByTable), { a: 3, b: 3, c: 1 });
  });

  it('emits nothing for empty tables', async () => {
    const { events, rows } = await run({ a: [], b: [] }, 2);
    assert.deepEqual(events, []);
    assert.equal(rows, 0);
  });

  it('fails with the table name and stops the other scanners', async () => {
    const queue = new ChangeQueue({ maxQueueSize: 1000, maxBatchSize: 1000, pollIntervalMs: 1 });
    const data = { a: [1, 2, 3, 4, 5, 6], b: [1] };
    await assert.rejects(
      snapshotData({
        logger,
        signal: new AbortController().signal,
        queue,
        tables: plans(['a', 'b']),
        scanners: [scanner(data, 1, 'b'), scanner(data, 1, 'b')],
        meter: new SnapshotMeter(),
        records: () => [],
      }),
      /Snapshotting of table b failed: permission denied for table/,
    );
  });

  it('waits for queue space (backpressure) instead of buffering the table', async () => {
    const queue = new ChangeQueue({ maxQueueSize: 4, maxBatchSize: 4, pollIntervalMs: 1 });
    const data = { a: Array.from({ length: 40 }, (_, i) => i) };
    let done = false;
    const running = snapshotData({
      logger,
      signal: new AbortController().signal,
      queue,
      tables: plans(['a']),
      scanners: [scanner(data, 2)],
      meter: new SnapshotMeter(),
      records: (_t, row) => [sourceRecord({ sourcePartition: {}, sourceOffset: {}, topic: 't', value: row[0] })],
    }).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(done, false);
    assert.ok(queue.size <= 6, `queue holds ${queue.size}`);
    let seen = 0;
    while (seen < 40) seen += (await queue.poll()).length;
    await running;
    assert.equal(seen, 40);
  });
});
