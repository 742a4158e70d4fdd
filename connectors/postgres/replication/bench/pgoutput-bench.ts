/**
 * Measures (prints, asserts nothing):
 *  1. decode: the pgoutput decoder on a captured stream of ~1M single-row Insert messages, on one core,
 *     offline (no network): decodeCopyData alone, and with every column read as a string.
 *  1b. the whole stream layer offline: the same bodies framed as CopyData in 64 KiB socket chunks through
 *     ReplicationStream (splitter, decoder, queue, for-await, acknowledgements) on an in-memory socket.
 *  2. end to end: ReplicationConnection draining 1M rows committed as 100 transactions of 10k rows from
 *     PostgreSQL 15, acknowledging each transaction's commit.
 *
 *   node --import tsx connectors/postgres/replication/bench/pgoutput-bench.ts [rows] [repetitions]
 *
 * Works in its own database (tw_bench_<pid>), dropped at the end with its slots.
 */
import { spawnSync } from 'node:child_process';
import { Duplex } from 'node:stream';
import pg from 'pg';
import { useService } from '../../../../test/env/index.js';
import { createPgoutputState } from '../../protocol/pgoutput.js';
import { decodeCopyData } from '../../protocol/replication-messages.js';
import { ReplicationConnection } from '../connection.js';
import { ReplicationStream } from '../stream.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const REPS = Number(process.argv[3] ?? 3);
const END = 'tw-bench-end';
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const info = await useService('postgres15');
  const database = `tw_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${info.url}postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const db = new pg.Client({ connectionString: `${info.url}${database}` });
  await db.connect();
  const slots: string[] = [];
  const connect = () =>
    new ReplicationConnection({ host: info.host, port: info.port, user: info.user, password: info.password, database });
  try {
    await db.query(`CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL, total numeric(12,2) NOT NULL,
      status text NOT NULL, note text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await db.query('CREATE PUBLICATION tw_bench FOR TABLE orders');
    const source = `tw_bench_src_${process.pid}`;
    await db.query("SELECT pg_create_logical_replication_slot($1, 'pgoutput')", [source]);
    slots.push(source);
    const loadStart = Date.now();
    for (let done = 0; done < ROWS; done += 10_000) {
      await db.query(`INSERT INTO orders (customer_id, total, status, note)
        SELECT i % 1000, (i % 100000) / 100.0, 'new', repeat('x', 40) FROM generate_series(${done + 1}, ${Math.min(ROWS, done + 10_000)}) i`);
    }
    const { rows: endRow } = await db.query<{ lsn: string }>(`SELECT pg_logical_emit_message(false, '${END}', '')::text AS lsn`);
    const endLsn = endRow[0]?.lsn ?? '0/0';
    say(`loaded ${ROWS} rows in ${Math.ceil(ROWS / 10_000)} transactions in ${((Date.now() - loadStart) / 1000).toFixed(1)} s; ${info.majorVersion === 15 ? 'PostgreSQL 15' : info.majorVersion}`);

    // Each drain reads an identical copy of the backlog.
    const copy = async (tag: string) => {
      const name = `tw_bench_${tag}_${process.pid}`;
      await db.query('SELECT pg_copy_logical_replication_slot($1, $2)', [source, name]);
      slots.push(name);
      return name;
    };

    // 1. Capture the CopyData bodies once, then decode them offline.
    const bodies: Buffer[] = [];
    {
      const conn = connect();
      await conn.connect();
      const stream = await conn.startReplication({
        slotName: await copy('capture'),
        publicationNames: ['tw_bench'],
        tap: (b) => void bodies.push(Buffer.from(b)),
      });
      for await (const e of stream) if (e.type === 'data' && e.message.type === 'message' && e.message.prefix === END) break;
      await stream.stop();
      await conn.close();
    }
    const bytes = bodies.reduce((n, b) => n + b.length, 0);
    say(`captured ${bodies.length} CopyData messages, ${(bytes / 1e6).toFixed(1)} MB`);
    for (const [label, readColumns] of [['decode only', false], ['decode + every column as a string', true]] as const) {
      const rates: number[] = [];
      for (let rep = 0; rep < REPS + 1; rep++) {
        const state = createPgoutputState();
        let inserts = 0;
        let chars = 0;
        const cpu = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        for (const body of bodies) {
          const e = decodeCopyData(body, state);
          if (e.type === 'data' && e.message.type === 'insert') {
            inserts++;
            if (readColumns) {
              const tuple = e.message.newTuple;
              for (let i = 0; i < tuple.count; i++) chars += tuple.text(i)?.length ?? 0;
            }
          }
        }
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        const used = process.cpuUsage(cpu);
        if (rep > 0) rates.push(inserts / seconds); // the first pass warms up the JIT
        if (rep > 0) say(`  ${label}: ${inserts} inserts (${bodies.length} messages) in ${seconds.toFixed(3)} s, cpu ${((used.user + used.system) / 1e6).toFixed(2)} s -> ${Math.round(inserts / seconds).toLocaleString('en')} inserts/s${readColumns ? ` (${chars} chars)` : ''}`);
      }
      say(`decode, ${label}: best ${Math.round(Math.max(...rates)).toLocaleString('en')} / median ${Math.round(median(rates)).toLocaleString('en')} inserts/s`);
    }
    const offline: number[] = [];
    for (let rep = 0; rep < REPS + 1; rep++) {
      const result = await throughStream(bodies);
      if (rep > 0) offline.push(result.inserts / result.seconds);
      if (rep > 0) say(`  stream layer offline: ${result.inserts} inserts in ${result.seconds.toFixed(3)} s, cpu ${result.cpu.toFixed(2)} s`);
    }
    say(`stream layer offline: best ${Math.round(Math.max(...offline)).toLocaleString('en')} / median ${Math.round(median(offline)).toLocaleString('en')} inserts/s`);
    bodies.length = 0;

    // 2. End to end from the server, acknowledging every commit.
    const rates: number[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const slotName = await copy(`e2e${rep}`);
      const conn = connect();
      await conn.connect();
      const cpu = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const stream = await conn.startReplication({ slotName, publicationNames: ['tw_bench'] });
      let inserts = 0;
      let commits = 0;
      for await (const e of stream) {
        if (e.type !== 'data') continue;
        const m = e.message;
        if (m.type === 'insert') inserts++;
        else if (m.type === 'commit') {
          commits++;
          stream.acknowledge(m.endLsn);
        } else if (m.type === 'message' && m.prefix === END) break;
      }
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const used = process.cpuUsage(cpu);
      const stats = stream.stats();
      await stream.stop();
      await conn.close();
      if (inserts !== ROWS) throw new Error(`drained ${inserts} inserts, expected ${ROWS}`);
      rates.push(inserts / seconds);
      say(`  end to end: ${inserts} inserts, ${commits} commits acknowledged, in ${seconds.toFixed(2)} s, node cpu ${((used.user + used.system) / 1e6).toFixed(2)} s, ` +
        `${stats.statusUpdates} status updates, ${stats.pauses} pauses -> ${Math.round(inserts / seconds).toLocaleString('en')} rows/s`);
    }
    say(`end to end: best ${Math.round(Math.max(...rates)).toLocaleString('en')} / median ${Math.round(median(rates)).toLocaleString('en')} rows/s`);

    // 3. The ceiling on this machine now: pg_recvlogical (C) draining the same backlog to /dev/null.
    const baseline: number[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const slotName = await copy(`recv${rep}`);
      const t0 = process.hrtime.bigint();
      const result = spawnSync('pg_recvlogical', [
        '-h', info.host, '-p', String(info.port), '-U', info.user, '-d', database, '--slot', slotName, '--start', '--no-loop',
        '--endpos', endLsn, '-o', 'proto_version=1', '-o', 'publication_names=tw_bench', '-o', 'messages=true', '-f', '/dev/null',
      ], { env: { ...process.env, PGPASSWORD: info.password }, encoding: 'utf8' });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (result.status !== 0) throw new Error(`pg_recvlogical failed: ${result.stderr}`);
      baseline.push(ROWS / seconds);
      say(`  pg_recvlogical: ${seconds.toFixed(2)} s -> ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s`);
    }
    say(`pg_recvlogical: best ${Math.round(Math.max(...baseline)).toLocaleString('en')} / median ${Math.round(median(baseline)).toLocaleString('en')} rows/s`);
  } finally {
    for (const slot of slots) await db.query('SELECT pg_drop_replication_slot($1)', [slot]).catch(() => undefined);
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

class MemorySocket extends Duplex {
  readonly #chunks: Buffer[];
  #next = 0;
  constructor(chunks: Buffer[]) {
    super();
    this.#chunks = chunks;
  }
  override _read(): void {
    while (this.#next < this.#chunks.length) if (!this.push(this.#chunks[this.#next++])) return;
  }
  override _write(_chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    callback();
  }
}

async function throughStream(bodies: Buffer[]): Promise<{ inserts: number; seconds: number; cpu: number }> {
  const wire = Buffer.allocUnsafe(bodies.reduce((n, b) => n + 5 + b.length, 8));
  let at = wire.writeUInt32BE(7, wire.write('W', 0, 'latin1')) + 3; // CopyBothResponse
  wire.fill(0, at - 3, at);
  for (const body of bodies) {
    wire[at] = 0x64;
    at = wire.writeUInt32BE(4 + body.length, at + 1);
    at += body.copy(wire, at);
  }
  const chunks: Buffer[] = [];
  for (let i = 0; i < wire.length; i += 65_536) chunks.push(Buffer.from(wire.subarray(i, i + 65_536)));
  const socket = new MemorySocket(chunks);
  socket.on('data', () => undefined); // stands in for pg's listener
  const stream = new ReplicationStream({
    socket,
    run: () => new Promise(() => undefined),
    statusIntervalMs: 10_000,
    highWaterMark: 4096,
    highWaterMarkBytes: 8 << 20,
    stopTimeoutMs: 1,
    abandon: () => socket.destroy(),
    name: 'bench',
  });
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await stream.start();
  let inserts = 0;
  let seconds = 0;
  let used = cpu;
  for await (const e of stream) {
    if (e.type !== 'data') continue;
    const m = e.message;
    if (m.type === 'insert') inserts++;
    else if (m.type === 'commit') stream.acknowledge(m.endLsn);
    else if (m.type === 'message' && m.prefix === END) {
      seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      used = process.cpuUsage(cpu);
      break;
    }
  }
  return { inserts, seconds, cpu: (used.user + used.system) / 1e6 };
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
