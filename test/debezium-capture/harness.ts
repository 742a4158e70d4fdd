/**
 * Runs one capture scenario against the real Debezium PostgreSQL connector on Kafka Connect: prepares the
 * database, creates the connector (with wiped offsets, so it always snapshots afresh), waits until it streams,
 * runs the workload, waits until its topics stop growing, reads every record back, and removes the connector,
 * its offsets, slot, publication, database and topics.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import pg from 'pg';
import { contextOf } from '../env/index.js';
import type { ConnectInfo } from '../env/services/connect.js';
import { kafkaClient } from '../env/services/kafka.js';
import type { PostgresInfo } from '../env/services/postgres.js';
import { ConnectRest } from './connect-rest.js';
import { deleteTopics, matchingTopics, readAll, waitQuiet, type RawRecord } from './kafka-topics.js';
import { connectorName, heartbeatTopic, isScenarioTopic, requireConfig, type Scenario, type Step } from './scenario.js';

export interface StepOutcome {
  readonly step: number;
  /** The error PostgreSQL raised, for steps that were expected to fail. */
  readonly error?: string;
}

export interface CaptureResult {
  readonly records: readonly RawRecord[];
  readonly outcomes: readonly StepOutcome[];
  /** The config the connector was created with (connection keys included). */
  readonly config: Readonly<Record<string, string>>;
  /** The connector's WARN and ERROR lines in the Kafka Connect log while it ran (timestamps removed). */
  readonly warnings: readonly string[];
}

export interface CaptureOptions {
  /** Keep the connector, database and topics after the run (for debugging). */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The connection keys the harness adds to a scenario's config. */
export function connectionConfig(postgres: PostgresInfo, database: string): Record<string, string> {
  return {
    'database.hostname': postgres.host,
    'database.port': String(postgres.port),
    'database.user': postgres.user,
    'database.password': postgres.password,
    'database.dbname': database,
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops the slot once no walsender holds it (terminating the holder after 20 s, as a leftover of a crashed run). */
async function dropSlot(admin: pg.Client, slot: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const { rows } = await admin.query<{ active: boolean; active_pid: number | null }>(
      'SELECT active, active_pid FROM pg_replication_slots WHERE slot_name = $1',
      [slot],
    );
    const row = rows[0];
    if (!row) return;
    if (!row.active) {
      await admin.query('SELECT pg_drop_replication_slot($1)', [slot]);
      return;
    }
    if (i === 100 && row.active_pid !== null) await admin.query('SELECT pg_terminate_backend($1)', [row.active_pid]);
    await sleep(200);
  }
  throw new Error(`replication slot ${slot} stays active`);
}

async function dropDatabase(postgres: PostgresInfo, database: string, publication: string): Promise<void> {
  await withClient(`${postgres.url}postgres`, async (admin) => {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) return;
    await withClient(`${postgres.url}${database}`, (db) => db.query(`DROP PUBLICATION IF EXISTS ${quote(publication)}`));
    await admin.query(`DROP DATABASE ${quote(database)} WITH (FORCE)`);
  });
}

async function runStep(db: pg.Client, step: Step, index: number): Promise<StepOutcome> {
  if ('sleepMs' in step) {
    await sleep(step.sleepMs);
    return { step: index };
  }
  const what = 'tx' in step ? step.tx.join('; ') : step.sql;
  try {
    if ('tx' in step) {
      await db.query('BEGIN');
      try {
        for (const sql of step.tx) await db.query(sql);
        await db.query('COMMIT');
      } catch (err) {
        await db.query('ROLLBACK');
        throw err;
      }
    } else {
      await db.query(step.sql);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (step.expectError !== undefined && message.includes(step.expectError)) return { step: index, error: message };
    throw new Error(`workload step ${index} (${what}) failed: ${message}`);
  }
  if (step.expectError !== undefined) throw new Error(`workload step ${index} (${what}) succeeded; expected ${step.expectError}`);
  return { step: index };
}

function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The WARN/ERROR lines Debezium (loggers io.debezium.*) logged for the connector between two offsets of the Kafka
 * Connect log, without timestamps. The TypeRegistry's "Type … is already mapped" lines (every start, about
 * information_schema domains) are left out.
 */
function connectorWarnings(file: string, from: number, to: number, connector: string): string[] {
  if (to <= from) return [];
  const buffer = Buffer.alloc(to - from);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, from);
  } finally {
    closeSync(fd);
  }
  return buffer
    .toString('utf8')
    .split('\n')
    .filter((line) => line.includes(`[${connector}|`) && / (WARN|ERROR) /.test(line) && /\(io\.debezium\./.test(line))
    .filter((line) => !line.includes('is already mapped'))
    .map((line) => line.replace(/^\[[^\]]*\] /, ''));
}

/** Waits until the connector's slot is held by a walsender: the snapshot is over and streaming has begun. */
async function waitStreaming(admin: pg.Client, slot: string, check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    await check();
    const { rows } = await admin.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
    if (rows[0]?.active) return;
    await sleep(250);
  }
  throw new Error(`slot ${slot} never became active`);
}

export async function captureScenario(
  connect: ConnectInfo,
  postgres: PostgresInfo,
  scenario: Scenario,
  options: CaptureOptions = {},
): Promise<CaptureResult> {
  const log = options.log ?? (() => undefined);
  const rest = new ConnectRest(connect.url);
  const name = connectorName(scenario);
  const slot = requireConfig(scenario, 'slot.name');
  const publication = requireConfig(scenario, 'publication.name');
  const config = { ...scenario.config, ...connectionConfig(postgres, scenario.database) };
  const belongs = (topic: string) => isScenarioTopic(scenario, topic);
  const kafka = kafkaClient(`capture-${scenario.name}`);
  const admin = kafka.admin();
  await admin.connect();
  const cleanUp = async () => {
    await rest.remove(name);
    await withClient(`${postgres.url}postgres`, (db) => dropSlot(db, slot));
    await dropDatabase(postgres, scenario.database, publication);
    await deleteTopics(admin, await matchingTopics(admin, belongs));
  };
  try {
    await cleanUp();
    await withClient(`${postgres.url}postgres`, (db) => db.query(`CREATE DATABASE ${quote(scenario.database)}`));
    await withClient(`${postgres.url}${scenario.database}`, async (db) => {
      for (const sql of scenario.setup) await db.query(sql);
    });
    const connectLog = contextOf('connect').logFile;
    const logFrom = logSize(connectLog);
    log(`${scenario.name}: creating connector ${name}`);
    await rest.createFresh(name, config);
    await rest.waitRunning(name);
    const check = () => rest.assertNotFailed(name);
    await withClient(`${postgres.url}postgres`, (db) => waitStreaming(db, slot, check));
    log(`${scenario.name}: streaming; running ${scenario.workload.length} steps`);
    const outcomes = await withClient(`${postgres.url}${scenario.database}`, async (db) => {
      const done: StepOutcome[] = [];
      for (const [index, step] of scenario.workload.entries()) done.push(await runStep(db, step, index));
      return done;
    });
    const timingDependent = new Set([heartbeatTopic(scenario), ...(scenario.timingDependentTopics ?? [])]);
    await waitQuiet(admin, belongs, { quietMs: scenario.quietMs ?? 5000, timeoutMs: 180_000, timingDependent, check });
    const warnings = connectorWarnings(connectLog, logFrom, logSize(connectLog), name);
    await rest.stop(name);
    const topics = await matchingTopics(admin, belongs);
    const records = await readAll(kafka, admin, topics, `capture-reader-${scenario.name}-${process.pid}-${Date.now()}`);
    log(`${scenario.name}: ${records.length} records on ${topics.length} topics`);
    return { records, outcomes: outcomes.filter((o) => o.error !== undefined), config, warnings };
  } finally {
    try {
      if (!options.keep) await cleanUp();
    } finally {
      await admin.disconnect();
    }
  }
}
