import { spawn } from 'node:child_process';
import pg from 'pg';
import type { PostgresInfo } from '../test/env/services/postgres.js';
import { median, sampleCpu, waitedChildrenCpuSeconds } from './proc-stats.js';
import type { BenchResult, Progress } from './report.js';

/**
 * The decoding ceiling: how fast PostgreSQL's walsender and `pg_recvlogical` (C, output to /dev/null) drain a
 * backlog of single-row insert transactions through pgoutput. No CDC system can go faster than this on the
 * same machine; Tidewater's and Debezium's rates are reported against it.
 *
 * The backlog is written once into a source slot; every repetition drains an identical copy of it
 * (pg_copy_logical_replication_slot), so the runs compare like with like.
 */
export interface CeilingOptions {
  readonly postgres: PostgresInfo;
  readonly rows: number;
  readonly repetitions: number;
  readonly progress: Progress;
}

const DATABASE = 'tidewater_bench';
const SOURCE_SLOT = 'bench_ceiling_source';
const PUBLICATION = 'bench_ceiling_pub';

/** ~200-byte rows, as in the benchmark plan's first workload. */
const TABLE_SQL = `CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id int NOT NULL,
  total numeric(12,2) NOT NULL,
  status text NOT NULL,
  note text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`;

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database, table, publication and source slot, then commits `rows` single-row transactions. */
async function loadBacklog(options: CeilingOptions): Promise<{ endLsn: string; rowBytes: number }> {
  const { postgres, rows, progress } = options;
  await withClient(`${postgres.url}postgres`, async (admin) => {
    await admin.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = $1`, [DATABASE]);
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
  });
  return withClient(`${postgres.url}${DATABASE}`, async (db) => {
    await db.query(TABLE_SQL);
    await db.query(`CREATE PUBLICATION ${PUBLICATION} FOR TABLE orders`);
    await db.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [SOURCE_SLOT]);
    await db.query('SET synchronous_commit = off');
    const started = Date.now();
    const batch = 100_000;
    for (let done = 0; done < rows; done += batch) {
      const n = Math.min(batch, rows - done);
      // One transaction per row: COMMIT inside a DO block (PostgreSQL 11+).
      await db.query(`DO $$ BEGIN
        FOR i IN 1..${n} LOOP
          INSERT INTO orders (customer_id, total, status, note)
          VALUES (i % 1000, (i % 100000) / 100.0, 'new', repeat('x', 140));
          COMMIT;
        END LOOP;
      END $$`);
      progress(`loaded ${done + n} of ${rows} single-row transactions (${Math.round((done + n) / ((Date.now() - started) / 1000))} rows/s)`);
    }
    const { rows: lsn } = await db.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    const { rows: size } = await db.query<{ bytes: string }>('SELECT avg(pg_column_size(o.*))::int AS bytes FROM orders o');
    return { endLsn: lsn[0]?.lsn ?? '0/0', rowBytes: Number(size[0]?.bytes) };
  });
}

interface Drain {
  readonly seconds: number;
  readonly clientCpu: number;
  readonly walsenderCpu: number;
}

/** Drains a copy of the source slot with pg_recvlogical up to `endLsn`. */
async function drainOnce(options: CeilingOptions, slot: string, endLsn: string): Promise<Drain> {
  const { postgres } = options;
  const url = `${postgres.url}${DATABASE}`;
  await withClient(url, (db) => db.query('SELECT pg_copy_logical_replication_slot($1, $2)', [SOURCE_SLOT, slot]));
  const conninfo = `host=${postgres.host} port=${postgres.port} user=${postgres.user} dbname=${DATABASE} application_name=${slot}`;
  const command =
    `pg_recvlogical -d "${conninfo}" --slot ${slot} --start --no-loop --endpos ${endLsn} ` +
    `-o proto_version=1 -o publication_names=${PUBLICATION} -f /dev/null; status=$?; cat /proc/$$/stat; exit $status`;
  const started = process.hrtime.bigint();
  const child = spawn('sh', ['-c', command], { env: { ...process.env, PGPASSWORD: postgres.password } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const walsender = withClient(`${postgres.url}postgres`, async (admin) => {
    for (let i = 0; i < 200; i++) {
      const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_replication WHERE application_name = $1', [slot]);
      if (rows[0]) return sampleCpu(rows[0].pid, 20);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return undefined;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const walsenderCpu = (await walsender)?.stop() ?? Number.NaN;
  await withClient(url, (db) => db.query('SELECT pg_drop_replication_slot($1)', [slot]));
  if (code !== 0) throw new Error(`pg_recvlogical failed (exit ${code}): ${stderr.trim()}`);
  return { seconds, clientCpu: waitedChildrenCpuSeconds(stdout.trim()), walsenderCpu };
}

export async function pgoutputCeiling(options: CeilingOptions): Promise<BenchResult> {
  const { rows, repetitions, progress } = options;
  progress(`pgoutput ceiling: loading ${rows} single-row insert transactions into PostgreSQL ${options.postgres.majorVersion}`);
  const { endLsn, rowBytes } = await loadBacklog(options);
  const runs: Drain[] = [];
  for (let i = 0; i < repetitions; i++) {
    const run = await drainOnce(options, `bench_ceiling_${i}`, endLsn);
    runs.push(run);
    progress(`pg_recvlogical run ${i + 1} of ${repetitions}: ${Math.round(rows / run.seconds)} events/s in ${run.seconds.toFixed(2)} s`);
  }
  await withClient(`${options.postgres.url}postgres`, async (admin) => {
    await admin.query('SELECT pg_drop_replication_slot($1)', [SOURCE_SLOT]);
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  });
  const rates = runs.map((r) => rows / r.seconds);
  return {
    workload: `${rows} single-row insert transactions (~${rowBytes}-byte rows), pgoutput proto 1`,
    system: `pg_recvlogical → /dev/null (PostgreSQL ${options.postgres.majorVersion})`,
    role: 'ceiling',
    events: rows,
    repetitions,
    eventsPerSecond: { median: median(rates), min: Math.min(...rates), max: Math.max(...rates) },
    cpuSeconds: {
      client: median(runs.map((r) => r.clientCpu)),
      walsender: median(runs.map((r) => r.walsenderCpu)),
    },
  };
}
