import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { formatLsn, type Lsn } from '../protocol/lsn.js';
import { createSlotCommand } from './commands.js';
import { ReplicationTestBed, insertedIds, readTransactions, sleep, type Service } from './testing/it-support.js';

/*
 * The replication connection against real servers: slots and exported snapshots, decoding, the
 * acknowledgement rule (confirmed_flush_lsn only ever moves to acknowledged positions) and restarts.
 */

for (const service of ['postgres15', 'postgres18'] as Service[]) {
  describe(`replication on ${service}`, { timeout: 120_000 }, () => {
    let bed: ReplicationTestBed;
    before(async () => {
      bed = await ReplicationTestBed.open(service);
    });
    after(async () => bed.close());

    it('identifies the system and creates a slot whose exported snapshot hands over exactly to the stream', async () => {
      const { table, publication } = await bed.table();
      const slotName = bed.unique('tw_rit_slot');
      await bed.sql.query(`INSERT INTO ${table} VALUES (1, 'before the slot')`);
      const conn = bed.connection();
      await conn.connect();
      assert.equal(Math.floor(conn.serverVersion / 10000), bed.info.majorVersion);
      const system = await conn.identifySystem();
      assert.match(system.systemId, /^\d+$/);
      assert.equal(system.timeline, 1);
      assert.equal(system.database, 'postgres');
      const slot = await conn.createReplicationSlot({ slotName, snapshot: 'export' });
      bed.dropSlotAtClose(slotName);
      assert.equal(slot.slotName, slotName);
      assert.equal(slot.outputPlugin, 'pgoutput');
      assert.ok(slot.consistentPoint >= system.xlogPos);
      assert.match(slot.snapshotName ?? '', /^[0-9A-F]+-[0-9A-F]+-\d+$/);
      assert.equal((await bed.slot(slotName))?.confirmedFlush, slot.consistentPoint);
      await bed.sql.query(`INSERT INTO ${table} VALUES (2, 'after the slot')`);

      // The snapshot sees exactly what the slot will not stream.
      const reader = new pg.Client({ connectionString: `${bed.info.url}postgres` });
      await reader.connect();
      try {
        await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        await reader.query(`SET TRANSACTION SNAPSHOT '${slot.snapshotName ?? ''}'`);
        const { rows } = await reader.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`);
        assert.deepEqual(rows.map((r) => r.id), [1]);
        await reader.query('COMMIT');
      } finally {
        await reader.end();
      }

      const stream = await conn.startReplication({ slotName, publicationNames: [publication] });
      const [transaction] = await readTransactions(stream[Symbol.asyncIterator](), 1);
      assert.ok(transaction);
      assert.deepEqual(insertedIds(transaction), ['2']);
      await stream.stop();
    });

    it('also accepts the pre-15 CREATE_REPLICATION_SLOT syntax', async () => {
      const slotName = bed.unique('tw_rit_legacy');
      const raw = new pg.Client({ connectionString: `${bed.info.url}postgres`, replication: 'database' } as pg.ClientConfig);
      await raw.connect();
      try {
        const { rows } = await raw.query<{ slot_name: string; snapshot_name: string | null }>(createSlotCommand(140000, { slotName, temporary: true, snapshot: 'nothing' }));
        assert.deepEqual(rows.map((r) => [r.slot_name, r.snapshot_name]), [[slotName, null]]);
      } finally {
        await raw.end();
      }
    });

    it('drops a slot by command, and a temporary slot goes with its connection', async () => {
      const conn = bed.connection();
      await conn.connect();
      const permanent = bed.unique('tw_rit_drop');
      const temporary = bed.unique('tw_rit_temp');
      bed.dropSlotAtClose(permanent);
      const created = await conn.createReplicationSlot({ slotName: permanent, snapshot: 'nothing' });
      assert.equal(created.snapshotName, null);
      assert.ok(await bed.slot(permanent));
      await conn.dropReplicationSlot(permanent);
      assert.equal(await bed.slot(permanent), undefined);
      await conn.createReplicationSlot({ slotName: temporary, temporary: true, snapshot: 'nothing' });
      assert.equal((await bed.slot(temporary))?.active, true);
      await conn.close();
      for (let i = 0; i < 100 && (await bed.slot(temporary)); i++) await sleep(20);
      assert.equal(await bed.slot(temporary), undefined);
      await assert.rejects(conn.identifySystem(), /not open/);
    });

    it('decodes changes, and confirmed_flush_lsn moves only to acknowledged positions, across keepalives too', async () => {
      const { table, publication } = await bed.table();
      const slotName = bed.unique('tw_rit_slot');
      // A short wal_sender_timeout makes the server send keepalives (and ask for replies) often.
      const conn = bed.connection({ settings: { wal_sender_timeout: '2s' } });
      await conn.connect();
      const slot = await conn.createReplicationSlot({ slotName, snapshot: 'nothing' });
      bed.dropSlotAtClose(slotName);
      const stream = await conn.startReplication({ slotName, publicationNames: [publication], statusIntervalMs: 100 });
      await assert.rejects(conn.identifySystem(), /IDENTIFY_SYSTEM: the connection is streaming; stop the stream first/);
      const iterator = stream[Symbol.asyncIterator]();
      await bed.sql.query(`INSERT INTO ${table} VALUES (1, 'a'), (2, 'b')`);
      await bed.sql.query(`UPDATE ${table} SET v = 'bb' WHERE id = 2`);
      await bed.sql.query(`DELETE FROM ${table} WHERE id = 1`);
      const [t1, t2, t3] = await readTransactions(iterator, 3);
      assert.ok(t1 && t2 && t3);
      assert.deepEqual(t1.messages.map((m) => m.type), ['begin', 'relation', 'insert', 'insert', 'commit']);
      assert.deepEqual(insertedIds(t1), ['1', '2']);
      const update = t2.messages.find((m) => m.type === 'update');
      assert.deepEqual(update?.type === 'update' && update.newTuple.values(), ['2', 'bb']);
      const removed = t3.messages.find((m) => m.type === 'delete');
      assert.deepEqual(removed?.type === 'delete' && removed.oldKey?.values(), ['1', null]);

      const samples: Lsn[] = [];
      const watch = async (ms: number) => {
        const until = Date.now() + ms;
        while (Date.now() < until) {
          samples.push((await bed.slot(slotName))?.confirmedFlush ?? 0n);
          await sleep(50);
        }
      };
      // Nothing acknowledged: several status intervals and a keepalive round later, the slot has not moved.
      await watch(2500);
      assert.ok(stream.stats().statusUpdates >= 5);
      assert.ok(stream.stats().keepalives >= 1);
      assert.ok(samples.every((s) => s === slot.consistentPoint), `moved without an acknowledgement: ${samples.map(formatLsn).join(' ')}`);
      assert.ok(stream.stats().serverWalEnd >= t3.endLsn);

      stream.acknowledge(t1.endLsn);
      const moved = await bed.waitForSlot(slotName, (s) => s.confirmedFlush !== slot.consistentPoint);
      assert.equal(moved?.confirmedFlush, t1.endLsn);
      samples.length = 0;
      await watch(1500);
      assert.ok(samples.every((s) => s === t1.endLsn), `went beyond the acknowledgement: ${samples.map(formatLsn).join(' ')}`);
      assert.equal(stream.state, 'streaming', 'the server kept the stream despite the short wal_sender_timeout');
      await stream.stop();
      assert.equal((await bed.slot(slotName))?.confirmedFlush, t1.endLsn);
    });

    it('restarts from the confirmed position without losing or repeating a transaction', async () => {
      const { table, publication } = await bed.table();
      const slotName = bed.unique('tw_rit_slot');
      const first = bed.connection();
      await first.connect();
      await first.createReplicationSlot({ slotName, snapshot: 'nothing' });
      bed.dropSlotAtClose(slotName);
      for (const id of [1, 2, 3]) await bed.sql.query(`INSERT INTO ${table} VALUES (${id}, 'v')`);

      const stream = await first.startReplication({ slotName, publicationNames: [publication] });
      const [a, b] = await readTransactions(stream[Symbol.asyncIterator](), 2);
      assert.ok(a && b);
      stream.acknowledge(a.endLsn); // B was received but never acknowledged
      await stream.stop(); // the final status update confirms A
      assert.equal((await bed.slot(slotName))?.confirmedFlush, a.endLsn);
      await first.close();
      await bed.sql.query(`INSERT INTO ${table} VALUES (4, 'v')`);

      // From 0/0 (the slot's confirmed position) and from the acknowledged LSN itself: B, C, D — not A.
      for (const startLsn of [0n, a.endLsn]) {
        const again = bed.connection();
        await again.connect();
        const resumed = await again.startReplication({ slotName, publicationNames: [publication], startLsn });
        const transactions = await readTransactions(resumed[Symbol.asyncIterator](), 3);
        assert.deepEqual(transactions.map(insertedIds), [['2'], ['3'], ['4']], `from ${formatLsn(startLsn)}`);
        assert.equal(transactions[0]?.xid, b.xid);
        await resumed.stop();
        await again.close();
      }
    });

    it('streams a large transaction in blocks and confirms its Stream Commit', async () => {
      const { table, publication } = await bed.table();
      const slotName = bed.unique('tw_rit_slot');
      const conn = bed.connection({ settings: { logical_decoding_work_mem: '64kB' } });
      await conn.connect();
      await conn.createReplicationSlot({ slotName, snapshot: 'nothing' });
      bed.dropSlotAtClose(slotName);
      const stream = await conn.startReplication({ slotName, publicationNames: [publication], statusIntervalMs: 100 });
      assert.deepEqual(conn.resolveOptions({ publicationNames: [publication] }).streaming, service === 'postgres15' ? 'on' : 'parallel');
      await bed.sql.query(`INSERT INTO ${table} SELECT i, 'row ' || i FROM generate_series(1, 5000) i`);
      const [big] = await readTransactions(stream[Symbol.asyncIterator](), 1);
      assert.ok(big);
      const blocks = big.messages.filter((m) => m.type === 'stream-start').length;
      assert.ok(blocks > 1, `${blocks} block(s)`);
      assert.deepEqual(insertedIds(big), Array.from({ length: 5000 }, (_, i) => String(i + 1)));
      assert.ok(big.messages.every((m) => !('xid' in m) || m.type === 'stream-commit' || m.type === 'stream-start' || m.xid === big.xid));
      stream.acknowledge(big.endLsn);
      assert.equal((await bed.waitForSlot(slotName, (s) => s.confirmedFlush === big.endLsn))?.confirmedFlush, big.endLsn);
      await stream.stop();
    });
  });
}
