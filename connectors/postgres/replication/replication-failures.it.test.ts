import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConnectError, RetriableError } from '../../../src/api/errors.js';
import { PostgresCluster } from '../../../src/embedded/postgres-cluster.js';
import { ReplicationConnection } from './connection.js';
import { ReplicationTestBed, insertedIds, readTransactions, sleep, type Service } from './testing/it-support.js';

/* Refusals, lost connections and backpressure against real servers. */

const isConnectError = (sqlState: string) => (e: unknown) =>
  e instanceof ConnectError && !e.retriable && e.message.includes(`(SQLSTATE ${sqlState})`);

for (const service of ['postgres15', 'postgres18'] as Service[]) {
  describe(`replication failures on ${service}`, { timeout: 120_000 }, () => {
    let bed: ReplicationTestBed;
    before(async () => {
      bed = await ReplicationTestBed.open(service);
    });
    after(async () => bed.close());

    it('a missing slot is a ConnectError with SQLSTATE 42704', async () => {
      const { publication } = await bed.table();
      const conn = bed.connection();
      await conn.connect();
      const slotName = bed.unique('tw_rit_missing');
      await assert.rejects(conn.startReplication({ slotName, publicationNames: [publication] }), (e: unknown) =>
        isConnectError('42704')(e) && (e as Error).message.includes(`replication slot "${slotName}" does not exist`),
      );
    });

    it('a slot in use by another connection is a ConnectError with SQLSTATE 55006', async () => {
      const { publication } = await bed.table();
      const slotName = bed.unique('tw_rit_busy');
      const owner = bed.connection();
      await owner.connect();
      await owner.createReplicationSlot({ slotName, snapshot: 'nothing' });
      bed.dropSlotAtClose(slotName);
      const stream = await owner.startReplication({ slotName, publicationNames: [publication] });
      const other = bed.connection();
      await other.connect();
      await assert.rejects(other.startReplication({ slotName, publicationNames: [publication] }), (e: unknown) =>
        isConnectError('55006')(e) && /replication slot ".*" is active for PID \d+/.test((e as Error).message),
      );
      await stream.stop();
    });

    it('a role without REPLICATION is refused with a ConnectError, SQLSTATE 42501', async () => {
      const role = bed.unique('tw_norepl');
      await bed.sql.query(`CREATE ROLE ${role} LOGIN PASSWORD 'not-a-replicator'`);
      bed.onClose(() => bed.sql.query(`DROP ROLE IF EXISTS ${role}`));
      const conn = new ReplicationConnection({ host: bed.info.host, port: bed.info.port, user: role, password: 'not-a-replicator', database: 'postgres' });
      await assert.rejects(conn.connect(), isConnectError('42501'));
      assert.equal(conn.connected, false);
    });

    it('a terminated walsender surfaces as a RetriableError in the stream, after what was already received', async () => {
      const { table, publication } = await bed.table();
      const slotName = bed.unique('tw_rit_kill');
      const conn = bed.connection();
      await conn.connect();
      await conn.createReplicationSlot({ slotName, snapshot: 'nothing' });
      bed.dropSlotAtClose(slotName);
      const stream = await conn.startReplication({ slotName, publicationNames: [publication] });
      const iterator = stream[Symbol.asyncIterator]();
      await bed.sql.query(`INSERT INTO ${table} VALUES (1, 'x')`);
      const [received] = await readTransactions(iterator, 1);
      assert.deepEqual(received && insertedIds(received), ['1']);
      const { rows } = await bed.sql.query<{ killed: boolean }>(
        'SELECT pg_terminate_backend(active_pid) AS killed FROM pg_replication_slots WHERE slot_name = $1',
        [slotName],
      );
      assert.deepEqual(rows, [{ killed: true }]);
      const failure = await (async () => {
        for (;;) {
          const r = await iterator.next();
          if (r.done) return undefined;
        }
      })().catch((e: unknown) => e);
      assert.ok(failure instanceof RetriableError, String(failure));
      assert.match(failure.message, /replication from slot .*: (terminating connection due to administrator command \(SQLSTATE 57P01\)|connection to PostgreSQL lost)/);
      assert.equal(stream.state, 'failed');
      await bed.waitForSlot(slotName, (s) => !s.active);
      for (let i = 0; i < 100 && conn.connected; i++) await sleep(10);
      assert.equal(conn.connected, false, 'the connection notices the server closed it');
    });

    it('pauses reading while the consumer is slow, holding a bounded number of events, and loses nothing', async () => {
      const { table, publication } = await bed.table();
      const slotName = bed.unique('tw_rit_slow');
      const conn = bed.connection();
      await conn.connect();
      await conn.createReplicationSlot({ slotName, snapshot: 'nothing' });
      bed.dropSlotAtClose(slotName);
      await bed.sql.query(`INSERT INTO ${table} SELECT i, repeat('x', 100) FROM generate_series(1, 20000) i`);
      const stream = await conn.startReplication({ slotName, publicationNames: [publication], protoVersion: 1, highWaterMark: 200 });
      await sleep(1000);
      const held = stream.stats();
      assert.equal(held.paused, true);
      // At most the high-water mark plus what one socket read (≤ 64 KiB, ~150 B per message) decodes.
      assert.ok(held.queued >= 200 && held.queued <= 200 + 65536 / 100, `queued ${held.queued}`);
      assert.ok(held.messages < 5000, `read ${held.messages} messages while paused`);
      const [all] = await readTransactions(stream[Symbol.asyncIterator](), 1);
      assert.deepEqual(all && insertedIds(all), Array.from({ length: 20000 }, (_, i) => String(i + 1)));
      assert.ok(stream.stats().pauses >= 1);
      await stream.stop();
    });
  });
}

describe('a server without wal_level=logical', { timeout: 120_000 }, () => {
  const home = join(tmpdir(), `tw-wal-level-${process.pid}`);
  let cluster: PostgresCluster | undefined;
  let port = 0;
  before(async () => {
    port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    mkdirSync(home, { recursive: true });
    chmodSync(home, 0o755);
    cluster = new PostgresCluster({ binDir: '/usr/lib/postgresql/15/bin', home: join(home, 'cluster'), port, password: 'pw', settings: { wal_level: 'replica' } });
    cluster.start();
  });
  after(() => {
    cluster?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('refuses a logical slot with a ConnectError, SQLSTATE 55000', async () => {
    const conn = new ReplicationConnection({ host: '127.0.0.1', port, user: 'postgres', password: 'pw', database: 'postgres' });
    await conn.connect();
    try {
      await assert.rejects(conn.createReplicationSlot({ slotName: 'tw_never' }), (e: unknown) =>
        isConnectError('55000')(e) && /logical decoding requires .*wal_level.* >= .*logical/.test((e as Error).message),
      );
    } finally {
      await conn.close();
    }
  });
});
