/**
 * Captures real pgoutput streams from PostgreSQL 15 and 18 into the fixtures the decoder tests read
 * (connectors/postgres/test/fixtures/captured/). Run by hand when scenarios change:
 *
 *   node --import tsx connectors/postgres/replication/capture/capture-fixtures.ts [scenario …]
 *
 * Each scenario runs in a fresh database. The stream is read through ReplicationConnection with a tap on the
 * raw CopyData bodies, and cross-checked against an independent oracle: a copy of the slot drained with
 * SQL `pg_logical_slot_peek_binary_changes` must yield byte-identical pgoutput payloads at the same LSNs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { useService } from '../../../../test/env/index.js';
import type { PostgresInfo } from '../../../../test/env/services/postgres.js';
import { formatLsn } from '../../protocol/lsn.js';
import { decodeReplicationMessage } from '../../protocol/replication-messages.js';
import { ReplicationConnection } from '../connection.js';
import { quoteIdentifier, resolvePgoutputOptions } from '../commands.js';
import { SCENARIOS, type Scenario, type Step } from './scenarios.js';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'captured');
const END_PREFIX = 'tidewater-capture-end';
const say = (line: string): void => void process.stdout.write(`${line}\n`);

export interface CapturedFixture {
  readonly name: string;
  readonly description: string;
  readonly server: { readonly version: string; readonly versionNum: number };
  readonly startReplication: Record<string, unknown>;
  readonly settings: Readonly<Record<string, string>>;
  readonly sql: readonly string[];
  readonly facts: {
    readonly consistentPoint: string;
    readonly capturedFromMicros: string;
    readonly capturedToMicros: string;
    readonly xids: readonly number[];
    readonly relations: Readonly<Record<string, number>>;
    readonly types: Readonly<Record<string, number>>;
    readonly origin?: string;
  };
  /** The oracle: the LSN the SQL peek reports for every XLogData message, in order (empty for live captures). */
  readonly peekLsns: readonly string[];
  /** Every CopyData body the walsender sent (XLogData and keepalives), base64, in order. */
  readonly messages: readonly string[];
}

function expand(sql: string, vars: Record<string, string>): string {
  return sql.replace(/\$\{(\w+)\}/g, (_, key: string) => vars[key] ?? '');
}

async function runSteps(
  db: pg.Client,
  steps: readonly Step[],
  vars: Record<string, string>,
  log: string[],
  awaitStream: (xid: number) => Promise<void>,
): Promise<number[]> {
  const xids: number[] = [];
  for (const step of steps) {
    if (typeof step === 'string') {
      log.push(expand(step, vars));
      await db.query(expand(step, vars));
      continue;
    }
    await db.query('BEGIN');
    const { rows } = await db.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
    xids.push(Number(rows[0]?.xid));
    log.push('BEGIN');
    for (const statement of step.transaction) {
      log.push(expand(statement, vars));
      await db.query(expand(statement, vars));
    }
    if (step.awaitStreamBeforeEnd) await awaitStream(xids[xids.length - 1] ?? 0);
    const end = step.end ?? 'COMMIT';
    log.push(end);
    await db.query(end);
  }
  return xids;
}

async function oids(db: pg.Client, sql: string, names: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of names) {
    const { rows } = await db.query<{ oid: string }>(sql, [name]);
    out[name] = Number(rows[0]?.oid);
  }
  return out;
}

async function captureOne(info: PostgresInfo, scenario: Scenario, database: string): Promise<CapturedFixture> {
  const tag = `${process.pid}_${scenario.name.replace(/\W/g, '_')}`;
  const slot = `tw_cap_${tag}`;
  const peekSlot = `tw_peek_${tag}`;
  const vars = { origin: `tw_origin_${tag}` };
  const db = new pg.Client({ connectionString: `${info.url}${database}` });
  await db.connect();
  const repl = new ReplicationConnection({
    host: info.host, port: info.port, user: info.user, password: info.password, database,
    ...(scenario.settings ? { settings: scenario.settings } : {}),
  });
  try {
    for (const statement of scenario.setup) await db.query(statement);
    if (scenario.name === 'origin') await db.query('SELECT pg_replication_origin_create($1)', [vars.origin]);
    const { rows: version } = await db.query<{ v: string; n: string }>("SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n");
    await repl.connect();
    const created = await repl.createReplicationSlot({ slotName: slot, snapshot: 'nothing' });
    await db.query('SELECT pg_copy_logical_replication_slot($1, $2)', [slot, peekSlot]);
    const major = Math.floor(repl.serverVersion / 10000);
    const options = { ...scenario.options(major), publicationNames: ['tw_pub'] };
    const resolved = resolvePgoutputOptions(repl.serverVersion, options);
    const bodies: Buffer[] = [];
    const streamedXids = new Set<number>();
    const waiting = new Map<number, () => void>();
    const drain = async (): Promise<void> => {
      const stream = await repl.startReplication({ slotName: slot, ...options, tap: (body) => bodies.push(Buffer.from(body)) });
      for await (const event of stream) {
        if (event.type !== 'data') continue;
        const m = event.message;
        // A streamed change of the transaction (not merely a Stream Start) shows its changes were sent.
        if ((m.type === 'insert' || m.type === 'update' || m.type === 'delete') && m.xid !== undefined) {
          streamedXids.add(m.xid);
          waiting.get(m.xid)?.();
        }
        if (m.type === 'message' && m.prefix === END_PREFIX) break;
      }
      await stream.stop();
    };
    const awaitStream = (xid: number): Promise<void> =>
      streamedXids.has(xid)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`${scenario.name}: transaction ${xid} was not streamed within 30 s`)), 30_000);
            waiting.set(xid, () => {
              clearTimeout(timer);
              resolve();
            });
          });

    const live = scenario.live ? drain() : undefined;
    const from = BigInt(Date.now()) * 1000n;
    const log: string[] = [];
    const xids = await runSteps(db, scenario.steps, vars, log, awaitStream);
    await db.query(`SELECT pg_logical_emit_message(false, '${END_PREFIX}', '')`);
    const to = BigInt(Date.now()) * 1000n;
    await (live ?? drain());

    // The oracle: the same changes decoded by the backend through the SQL interface.
    for (const [name, value] of Object.entries(scenario.settings ?? {})) await db.query(`SET ${quoteIdentifier(name)} = '${value}'`);
    const args = [
      ['proto_version', String(resolved.protoVersion)], ['publication_names', 'tw_pub'], ['messages', 'true'], ['binary', String(resolved.binary)],
      ...(resolved.streaming === 'off' ? [] : [['streaming', resolved.streaming]]),
    ].flat();
    const { rows: peek } = await db.query<{ lsn: string; data: Buffer }>(
      `SELECT lsn::text, data FROM pg_logical_slot_peek_binary_changes($1, NULL, NULL, ${args.map((_, i) => `$${i + 2}`).join(', ')})`,
      [peekSlot, ...args],
    );
    // Frames after the end marker may have arrived in the same read: keep the stream up to the marker.
    const marker = Buffer.from(END_PREFIX);
    const last = bodies.findIndex((b) => b[0] === 0x77 && b[25] === 0x4d && b.includes(marker));
    bodies.splice(last + 1);
    const data = bodies.map((b) => decodeReplicationMessage(b)).filter((m) => m.type === 'xlogdata');
    const endAt = peek.findIndex((row) => row.data.includes(Buffer.from(END_PREFIX)));
    const oracle = scenario.live ? [] : peek.slice(0, endAt + 1);
    if (!scenario.live && oracle.length !== data.length) throw new Error(`${scenario.name}: captured ${data.length} XLogData messages, the SQL peek ${oracle.length}`);
    oracle.forEach((row, i) => {
      const m = data[i];
      if (!m || m.type !== 'xlogdata' || !Buffer.from(m.payload).equals(row.data)) {
        throw new Error(`${scenario.name}: message ${i} differs from the SQL peek (lsn ${row.lsn})`);
      }
      // The walsender sends a write that is not its callback's last (Relation, Type, a Begin followed by
      // Origin) with walStart 0/0; the SQL interface shows the change's LSN.
      if (formatLsn(m.walStart) !== row.lsn && m.walStart !== 0n) {
        throw new Error(`${scenario.name}: message ${i} has walStart ${formatLsn(m.walStart)}, the SQL peek ${row.lsn}`);
      }
    });

    return {
      name: `pg${major}-${scenario.name}`,
      description: scenario.description,
      server: { version: version[0]?.v ?? '', versionNum: Number(version[0]?.n) },
      startReplication: { ...resolved, startLsn: '0/0' },
      settings: scenario.settings ?? {},
      sql: [...scenario.setup, ...log],
      facts: {
        consistentPoint: formatLsn(created.consistentPoint),
        capturedFromMicros: String(from),
        capturedToMicros: String(to),
        xids,
        relations: await oids(db, 'SELECT $1::regclass::oid AS oid', scenario.relations),
        types: await oids(db, 'SELECT $1::regtype::oid AS oid', scenario.types ?? []),
        ...(scenario.name === 'origin' ? { origin: vars.origin } : {}),
      },
      peekLsns: oracle.map((row) => row.lsn),
      messages: bodies.map((b) => b.toString('base64')),
    };
  } finally {
    await repl.close().catch(() => undefined);
    await db.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name IN ($1, $2)', [slot, peekSlot]).catch(() => undefined);
    if (scenario.name === 'origin') await db.query('SELECT pg_replication_origin_drop($1)', [vars.origin]).catch(() => undefined);
    await db.end();
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  mkdirSync(OUT, { recursive: true });
  for (const service of ['postgres15', 'postgres18'] as const) {
    const info = await useService(service);
    const database = `tw_capture_${process.pid}`;
    const admin = new pg.Client({ connectionString: `${info.url}postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    try {
      for (const scenario of SCENARIOS) {
        if (only.length > 0 && !only.includes(scenario.name)) continue;
        if (scenario.majors && !scenario.majors.includes(info.majorVersion)) continue;
        // Every scenario gets its own schema state: drop what the previous one made.
        const fixture = await captureOne(info, scenario, database);
        const file = join(OUT, `${fixture.name}.json`);
        writeFileSync(file, render(fixture));
        say(`${fixture.name}: ${fixture.messages.length} CopyData messages, ${fixture.peekLsns.length} XLogData matched the SQL peek -> ${file}`);
        await resetDatabase(info, database);
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  }
}

/** JSON with one line per field, and per array element for the long arrays. */
function render(fixture: CapturedFixture): string {
  const lines = Object.entries(fixture).map(([key, value]) => {
    if (Array.isArray(value) && value.length > 0 && (key === 'messages' || key === 'peekLsns' || key === 'sql')) {
      return ` ${JSON.stringify(key)}: [\n${value.map((v) => `  ${JSON.stringify(v)}`).join(',\n')}\n ]`;
    }
    return ` ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

async function resetDatabase(info: PostgresInfo, database: string): Promise<void> {
  const db = new pg.Client({ connectionString: `${info.url}${database}` });
  await db.connect();
  try {
    await db.query('DROP SCHEMA public CASCADE');
    await db.query('CREATE SCHEMA public');
    await db.query('DROP PUBLICATION IF EXISTS tw_pub');
  } finally {
    await db.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
