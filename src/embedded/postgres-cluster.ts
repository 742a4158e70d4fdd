import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync, lstatSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster driven through initdb/pg_ctl: the embedded database behind `npm start`
 * and the PostgreSQL services of the test environment. PostgreSQL refuses to run as root, so when this
 * process is root the server runs as the `postgres` OS user (created if missing).
 */
export interface PostgresClusterOptions {
  /** Directory holding `initdb`, `pg_ctl` and `postgres`. */
  readonly binDir: string;
  /** Cluster home: holds `data/`, the socket and `postgres.log`. Its parents must be traversable by the server user. */
  readonly home: string;
  readonly port: number;
  readonly host?: string;
  readonly superuser?: string;
  readonly password: string;
  /** Extra `postgresql.conf` settings, e.g. `{ wal_level: 'logical' }`. */
  readonly settings?: Readonly<Record<string, string | number>>;
}

export interface ServerUser {
  readonly uid: number;
  readonly gid: number;
}

const LOGICAL_REPLICATION_SETTINGS = {
  wal_level: 'logical',
  max_replication_slots: 20,
  max_wal_senders: 20,
} as const;

export class PostgresCluster {
  readonly dataDir: string;
  readonly logFile: string;
  readonly socketDir: string;
  private readonly user: ServerUser | undefined;

  constructor(private readonly options: PostgresClusterOptions) {
    this.dataDir = join(options.home, 'data');
    this.logFile = join(options.home, 'postgres.log');
    this.socketDir = options.home;
    this.user = serverUser();
  }

  get port(): number {
    return this.options.port;
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  get superuser(): string {
    return this.options.superuser ?? 'postgres';
  }

  /** True when `initdb` has already run in this cluster's data directory. */
  isInitialised(): boolean {
    return existsSync(join(this.dataDir, 'PG_VERSION'));
  }

  /** Creates the data directory with password authentication for every connection. */
  initialise(): void {
    mkdirSync(this.options.home, { recursive: true });
    chmodSync(this.options.home, 0o700);
    this.giveToServerUser(this.options.home);
    const pwfile = join(this.options.home, '.pwfile');
    writeFileSync(pwfile, `${this.options.password}\n`, { mode: 0o600 });
    this.giveToServerUser(pwfile);
    try {
      this.run('initdb', [
        `--pgdata=${this.dataDir}`,
        `--username=${this.superuser}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-sync',
      ]);
    } finally {
      spawnSync('rm', ['-f', pwfile]);
    }
  }

  /** Starts the server (detached from this process) and waits until it accepts connections. */
  start(): void {
    if (!this.isInitialised()) this.initialise();
    this.writeSettings();
    this.run('pg_ctl', ['start', '-D', this.dataDir, '-l', this.logFile, '-w', '-t', '120', '-s']);
  }

  stop(): void {
    if (!this.isRunning()) return;
    this.run('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', '-s']);
  }

  isRunning(): boolean {
    if (!this.isInitialised()) return false;
    return this.spawnAsServer('pg_ctl', ['status', '-D', this.dataDir]).status === 0;
  }

  /** The postmaster's pid, read from `postmaster.pid`, when the server is up. */
  pid(): number | undefined {
    const file = join(this.dataDir, 'postmaster.pid');
    if (!existsSync(file)) return undefined;
    const first = readFileSync(file, 'utf8').split('\n')[0];
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  connectionString(database = 'postgres'): string {
    const password = encodeURIComponent(this.options.password);
    return `postgres://${this.superuser}:${password}@${this.host}:${this.port}/${database}`;
  }

  private writeSettings(): void {
    const settings: Record<string, string | number> = {
      listen_addresses: this.host,
      port: this.options.port,
      unix_socket_directories: this.socketDir,
      ...LOGICAL_REPLICATION_SETTINGS,
      ...this.options.settings,
    };
    const lines = Object.entries(settings).map(([k, v]) => `${k} = ${typeof v === 'number' ? v : quote(v)}`);
    const file = join(this.dataDir, 'tidewater.conf');
    writeFileSync(file, `# written by Tidewater on every start\n${lines.join('\n')}\n`);
    this.giveToServerUser(file);
    const main = join(this.dataDir, 'postgresql.conf');
    const conf = readFileSync(main, 'utf8');
    if (!conf.includes("include_if_exists = 'tidewater.conf'")) {
      writeFileSync(main, `${conf}\ninclude_if_exists = 'tidewater.conf'\n`);
    }
  }

  private run(tool: string, args: string[]): void {
    const result = this.spawnAsServer(tool, args);
    if (result.status !== 0) {
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
      const log = existsSync(this.logFile) ? tailLines(readFileSync(this.logFile, 'utf8'), 20) : '';
      throw new Error(
        `${tool} ${args[0] ?? ''} failed (exit ${result.status ?? result.signal}): ${output}` +
          (log ? `\n--- ${this.logFile} (last lines) ---\n${log}` : ''),
      );
    }
  }

  private spawnAsServer(tool: string, args: string[]) {
    return spawnSync(join(this.options.binDir, tool), args, {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      ...(this.user ?? {}),
      timeout: 180_000,
    });
  }

  private giveToServerUser(path: string): void {
    if (this.user) chownSync(path, this.user.uid, this.user.gid);
  }
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function tailLines(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

/** The OS user the server runs as: none (this process's own) unless we are root, then `postgres`. */
export function serverUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : undefined;
  };
  const existing = lookup();
  if (existing) return existing;
  const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { encoding: 'utf8' });
  const user = lookup();
  if (!user) throw new Error(`cannot create the postgres OS user that PostgreSQL must run as: ${created.stderr}`);
  return user;
}

/**
 * Makes sure the server user can execute the binaries in `binDir` (whose `lib/` sits beside it). A checkout
 * under /root is not traversable by `postgres`, so the tree is then copied to `fallbackRoot`.
 */
export function reachableBinDir(binDir: string, fallbackRoot: string): string {
  const user = serverUser();
  if (!user) return binDir;
  const probe = spawnSync(join(binDir, 'postgres'), ['--version'], { ...user, encoding: 'utf8' });
  if (probe.status === 0) return binDir;
  const source = join(binDir, '..');
  const target = join(fallbackRoot, 'native');
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    mkdirSync(fallbackRoot, { recursive: true, mode: 0o755 });
    chmodSync(fallbackRoot, 0o755);
    const copy = spawnSync('cp', ['-a', source, target], { encoding: 'utf8' });
    if (copy.status !== 0) throw new Error(`cannot copy PostgreSQL binaries to ${target}: ${copy.stderr}`);
    makeReadable(target);
  }
  return join(target, 'bin');
}

function makeReadable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) makeReadable(path);
    else chmodSync(path, stat.mode | 0o444 | (stat.mode & 0o100 ? 0o011 : 0));
  }
}
