import pg from 'pg';
import type { Logger } from 'pino';
import { ConfigError, ConnectError } from '../../../src/api/errors.js';
import { INVALID_LSN, parseLsn, type Lsn } from '../protocol/lsn.js';
import {
  createSlotCommand,
  dropSlotCommand,
  quoteIdentifier,
  quoteLiteral,
  resolvePgoutputOptions,
  startReplicationCommand,
  type CreateSlotOptions,
  type PgoutputOptions,
  type ResolvedPgoutputOptions,
} from './commands.js';
import { toReplicationError } from './errors.js';
import { ReplicationStream } from './stream.js';

export interface ReplicationConnectionOptions {
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
  /** A libpq-style URL; explicit fields above take precedence. */
  readonly connectionString?: string;
  readonly ssl?: pg.ClientConfig['ssl'];
  readonly applicationName?: string;
  readonly connectTimeoutMs?: number;
  /** Session settings applied with SET after connecting, e.g. `{ logical_decoding_work_mem: '64kB' }`. */
  readonly settings?: Readonly<Record<string, string>>;
  readonly logger?: Logger;
}

/** IDENTIFY_SYSTEM's answer. */
export interface SystemIdentity {
  readonly systemId: string;
  readonly timeline: number;
  /** The current WAL flush position. */
  readonly xlogPos: Lsn;
  readonly database: string | null;
}

/** CREATE_REPLICATION_SLOT's answer. */
export interface CreatedSlot {
  readonly slotName: string;
  /** The LSN from which the slot streams: everything committed after it is decoded. */
  readonly consistentPoint: Lsn;
  /** The exported snapshot (snapshot 'export'), valid until the next command on this connection; else null. */
  readonly snapshotName: string | null;
  readonly outputPlugin: string;
}

export interface StartReplicationOptions extends PgoutputOptions {
  readonly slotName: string;
  /** Where to start; default 0/0: from the slot's confirmed_flush_lsn. The server never goes back before it. */
  readonly startLsn?: Lsn;
  /** Status update interval; default 10 s, and never more than half the server's wal_sender_timeout. */
  readonly statusIntervalMs?: number;
  /** Decoded events queued before reading pauses; default 4096. */
  readonly highWaterMark?: number;
  /** Queued message bytes before reading pauses; default 8 MiB. */
  readonly highWaterMarkBytes?: number;
  /** How long stop() waits for the server; default 10 s. */
  readonly stopTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Sees every raw CopyData body (fixture capture, diagnostics). */
  readonly tap?: (body: Uint8Array) => void;
}

const DEFAULT_STATUS_INTERVAL_MS = 10_000;

/**
 * A logical replication connection (`replication=database`) on pg: replication commands, and
 * START_REPLICATION as a ReplicationStream. One command or stream at a time.
 */
export class ReplicationConnection {
  readonly #options: ReplicationConnectionOptions;
  #client: pg.Client | undefined;
  #serverVersion = 0;
  #stream: ReplicationStream | undefined;
  #lastError: unknown;

  constructor(options: ReplicationConnectionOptions) {
    this.#options = options;
  }

  /** server_version_num, e.g. 150018; known once connected. */
  get serverVersion(): number {
    return this.#serverVersion;
  }

  get connected(): boolean {
    return this.#client !== undefined;
  }

  async connect(): Promise<void> {
    if (this.#client) return;
    const o = this.#options;
    // `replication` is a pg startup parameter the type definitions do not list.
    const config: pg.ClientConfig & { replication: 'database' } = {
      ...(o.connectionString === undefined ? {} : { connectionString: o.connectionString }),
      ...(o.host === undefined ? {} : { host: o.host }),
      ...(o.port === undefined ? {} : { port: o.port }),
      ...(o.user === undefined ? {} : { user: o.user }),
      ...(o.password === undefined ? {} : { password: o.password }),
      ...(o.database === undefined ? {} : { database: o.database }),
      ...(o.ssl === undefined ? {} : { ssl: o.ssl }),
      ...(o.connectTimeoutMs === undefined ? {} : { connectionTimeoutMillis: o.connectTimeoutMs }),
      application_name: o.applicationName ?? 'tidewater',
      replication: 'database',
    };
    const client = new pg.Client(config);
    // pg emits 'error' for failures outside a query (socket loss while idle); without a listener it would crash.
    client.on('error', (err) => {
      this.#lastError = err;
      o.logger?.warn({ err }, 'replication connection error');
    });
    client.on('end', () => {
      if (this.#client === client) this.#client = undefined;
    });
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw toReplicationError(err, 'connecting for replication');
    }
    this.#client = client;
    try {
      const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
      this.#serverVersion = Number(rows[0]?.server_version_num);
      for (const [name, value] of Object.entries(o.settings ?? {})) {
        await client.query(`SET ${quoteIdentifier(name)} = ${quoteLiteral(value)}`);
      }
    } catch (err) {
      await this.close();
      throw toReplicationError(err, 'preparing the replication connection');
    }
    o.logger?.debug({ serverVersion: this.#serverVersion }, 'replication connection open');
  }

  async identifySystem(): Promise<SystemIdentity> {
    const row = await this.#single<{ systemid: string; timeline: number | string; xlogpos: string; dbname: string | null }>(
      'IDENTIFY_SYSTEM',
      'IDENTIFY_SYSTEM',
    );
    return { systemId: row.systemid, timeline: Number(row.timeline), xlogPos: parseLsn(row.xlogpos), database: row.dbname };
  }

  /** CREATE_REPLICATION_SLOT … LOGICAL, in the syntax this server version takes. */
  async createReplicationSlot(options: CreateSlotOptions): Promise<CreatedSlot> {
    const command = createSlotCommand(this.#requireVersion(), options);
    const row = await this.#single<{ slot_name: string; consistent_point: string; snapshot_name: string | null; output_plugin: string }>(
      command,
      `creating replication slot ${options.slotName}`,
    );
    return {
      slotName: row.slot_name,
      consistentPoint: parseLsn(row.consistent_point),
      snapshotName: row.snapshot_name,
      outputPlugin: row.output_plugin,
    };
  }

  /** DROP_REPLICATION_SLOT; with `wait`, waits for a slot in use to become free instead of failing. */
  async dropReplicationSlot(slotName: string, options: { wait?: boolean } = {}): Promise<void> {
    await this.#run(dropSlotCommand(slotName, options.wait ?? false), `dropping replication slot ${slotName}`);
  }

  /** The pgoutput options START_REPLICATION would send for `options` on this server. */
  resolveOptions(options: PgoutputOptions): ResolvedPgoutputOptions {
    return resolvePgoutputOptions(this.#requireVersion(), options);
  }

  /**
   * START_REPLICATION SLOT … LOGICAL: resolves with the running stream once the server streams, rejects
   * (ConnectError / RetriableError) when it refuses. The connection is busy until the stream stops.
   */
  async startReplication(options: StartReplicationOptions): Promise<ReplicationStream> {
    const client = this.#requireClient();
    if (this.#streaming()) throw new ConnectError('this connection is already streaming; stop the current stream first');
    const resolved = resolvePgoutputOptions(this.#requireVersion(), options);
    const command = startReplicationCommand(options.slotName, options.startLsn ?? INVALID_LSN, resolved);
    const statusIntervalMs = await this.#statusInterval(options.statusIntervalMs);
    const positive = (key: string, value: number | undefined, fallback: number): number => {
      if (value === undefined) return fallback;
      if (!(value > 0)) throw ConfigError.invalid(key, value, 'must be positive');
      return value;
    };
    const stream = new ReplicationStream({
      socket: client.connection.stream,
      run: () => client.query(command),
      statusIntervalMs,
      highWaterMark: positive('highWaterMark', options.highWaterMark, 4096),
      highWaterMarkBytes: positive('highWaterMarkBytes', options.highWaterMarkBytes, 8 * 1024 * 1024),
      stopTimeoutMs: positive('stopTimeoutMs', options.stopTimeoutMs, 10_000),
      // Destroying the socket fails the START_REPLICATION query, which ends the stream.
      abandon: () => client.connection.stream.destroy(),
      name: options.slotName,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(this.#options.logger === undefined ? {} : { logger: this.#options.logger }),
      ...(options.tap === undefined ? {} : { tap: options.tap }),
    });
    this.#stream = stream;
    this.#options.logger?.debug({ command }, 'starting replication');
    await stream.start();
    return stream;
  }

  /** Stops a running stream, then closes the connection (a temporary slot goes with it). */
  async close(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    if (this.#streaming()) await this.#stream?.stop();
    this.#client = undefined;
    await client.end().catch((err: unknown) => this.#options.logger?.debug({ err }, 'closing the replication connection'));
  }

  /** The last error pg reported outside a command (e.g. the socket closed while idle). */
  get lastError(): unknown {
    return this.#lastError;
  }

  async #statusInterval(requested: number | undefined): Promise<number> {
    if (requested !== undefined && !(requested > 0)) throw ConfigError.invalid('statusIntervalMs', requested, 'must be positive');
    const { rows } = await this.#run<{ setting: string }>(
      "SELECT setting FROM pg_settings WHERE name = 'wal_sender_timeout'",
      'reading wal_sender_timeout',
    );
    const timeoutMs = Number(rows[0]?.setting ?? 0);
    const interval = requested ?? DEFAULT_STATUS_INTERVAL_MS;
    return timeoutMs > 0 ? Math.max(1, Math.min(interval, Math.floor(timeoutMs / 2))) : interval;
  }

  #requireClient(): pg.Client {
    if (!this.#client) throw new ConnectError('the replication connection is not open; call connect() first');
    return this.#client;
  }

  #requireVersion(): number {
    this.#requireClient();
    return this.#serverVersion;
  }

  #streaming(): boolean {
    const state = this.#stream?.state;
    return state === 'starting' || state === 'streaming' || state === 'stopping';
  }

  async #run<R extends pg.QueryResultRow>(command: string, action: string): Promise<pg.QueryResult<R>> {
    const client = this.#requireClient();
    if (this.#streaming()) throw new ConnectError(`${action}: the connection is streaming; stop the stream first`);
    try {
      return await client.query<R>(command);
    } catch (err) {
      throw toReplicationError(err, action);
    }
  }

  async #single<R extends pg.QueryResultRow>(command: string, action: string): Promise<R> {
    const { rows } = await this.#run<R>(command, action);
    const row = rows[0];
    if (!row) throw new ConnectError(`${action}: the server returned no row`);
    return row;
  }
}
