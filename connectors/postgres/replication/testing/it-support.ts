/** Test support for the replication integration tests: a server, unique names, slot inspection, cleanup. */
import pg from 'pg';
import { useService } from '../../../../test/env/index.js';
import type { PostgresInfo } from '../../../../test/env/services/postgres.js';
import { parseLsn, type Lsn } from '../../protocol/lsn.js';
import type { PgoutputMessage } from '../../protocol/pgoutput-messages.js';
import { ReplicationConnection, type ReplicationConnectionOptions } from '../connection.js';
import type { ReplicationEvent, ReplicationStream } from '../stream.js';

export type Service = 'postgres15' | 'postgres18';

export interface SlotState {
  readonly confirmedFlush: Lsn;
  readonly active: boolean;
  readonly activePid: number | null;
}

let counter = 0;

export class ReplicationTestBed {
  readonly info: PostgresInfo;
  readonly sql: pg.Client;
  readonly #cleanups: Array<() => Promise<unknown>> = [];

  private constructor(info: PostgresInfo, sql: pg.Client) {
    this.info = info;
    this.sql = sql;
  }

  static async open(service: Service): Promise<ReplicationTestBed> {
    const info = await useService(service);
    const sql = new pg.Client({ connectionString: `${info.url}postgres` });
    await sql.connect();
    return new ReplicationTestBed(info, sql);
  }

  /** A name no other test or agent uses: prefix, pid, counter. */
  unique(prefix: string): string {
    return `${prefix}_${process.pid}_${++counter}`;
  }

  /** A table `(id int primary key, v text)` and a publication for it; dropped at close. */
  async table(): Promise<{ table: string; publication: string }> {
    const table = this.unique('tw_rit');
    await this.sql.query(`CREATE TABLE ${table} (id int PRIMARY KEY, v text)`);
    await this.sql.query(`CREATE PUBLICATION ${table} FOR TABLE ${table}`);
    this.onClose(() => this.sql.query(`DROP PUBLICATION IF EXISTS ${table}`).then(() => this.sql.query(`DROP TABLE IF EXISTS ${table}`)));
    return { table, publication: table };
  }

  connection(options: Partial<ReplicationConnectionOptions> = {}): ReplicationConnection {
    const connection = new ReplicationConnection({
      host: this.info.host,
      port: this.info.port,
      user: this.info.user,
      password: this.info.password,
      database: 'postgres',
      ...options,
    });
    this.onClose(() => connection.close());
    return connection;
  }

  /** Registers a slot to drop at close (after its connection is gone). */
  dropSlotAtClose(slot: string): void {
    this.#cleanups.unshift(() =>
      this.sql.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [slot]),
    );
  }

  async slot(slot: string): Promise<SlotState | undefined> {
    const { rows } = await this.sql.query<{ confirmed_flush_lsn: string; active: boolean; active_pid: number | null }>(
      'SELECT confirmed_flush_lsn::text, active, active_pid FROM pg_replication_slots WHERE slot_name = $1',
      [slot],
    );
    const row = rows[0];
    return row && { confirmedFlush: parseLsn(row.confirmed_flush_lsn), active: row.active, activePid: row.active_pid };
  }

  /** Polls until `check` holds or `ms` pass; returns the last state. */
  async waitForSlot(slot: string, check: (s: SlotState) => boolean, ms = 10_000): Promise<SlotState | undefined> {
    const until = Date.now() + ms;
    let state = await this.slot(slot);
    while (!(state && check(state)) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await this.slot(slot);
    }
    return state;
  }

  onClose(cleanup: () => Promise<unknown>): void {
    this.#cleanups.push(cleanup);
  }

  async close(): Promise<void> {
    // Connections first (registered in order), then slots and tables.
    const errors: unknown[] = [];
    for (const cleanup of [...this.#cleanups].reverse()) await cleanup().catch((err: unknown) => errors.push(err));
    await this.sql.end();
    if (errors.length > 0) throw new AggregateError(errors, 'cleanup failed');
  }
}

/** Data messages of one transaction (Begin … Commit) or streamed transaction (… Stream Commit). */
export interface Transaction {
  readonly xid: number;
  readonly messages: PgoutputMessage[];
  /** Commit end LSN: what to acknowledge. */
  readonly endLsn: Lsn;
}

/** Reads events until `count` transactions have committed, skipping keepalives and non-transactional messages. */
export async function readTransactions(iterator: AsyncIterator<ReplicationEvent>, count: number): Promise<Transaction[]> {
  const out: Transaction[] = [];
  let current: PgoutputMessage[] = [];
  let xid = 0;
  while (out.length < count) {
    const r = await iterator.next();
    if (r.done) throw new Error(`stream ended after ${out.length} of ${count} transactions`);
    const event = r.value;
    if (event.type !== 'data') continue;
    const m = event.message;
    if (m.type === 'begin' || (m.type === 'stream-start' && m.firstSegment)) {
      current = [];
      xid = m.xid;
    }
    if (m.type === 'message' && !m.transactional) continue;
    current.push(m);
    if (m.type === 'commit' || m.type === 'stream-commit') out.push({ xid, messages: current, endLsn: m.endLsn });
  }
  return out;
}

export function insertedIds(transaction: Transaction): string[] {
  return transaction.messages.flatMap((m) => (m.type === 'insert' ? [m.newTuple.text(0) ?? ''] : []));
}

export async function stopQuietly(stream: ReplicationStream | undefined): Promise<void> {
  await stream?.stop().catch(() => undefined);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
