import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { aptInstall, hasCommand } from '../installers.js';
import { run, spawnDetached } from '../proc.js';
import { quietly, type ServiceDefinition } from '../service.js';

export interface MariaDbInfo {
  readonly host: string;
  readonly port: number;
  /** An administrative account for tests (all privileges). */
  readonly adminUser: string;
  readonly adminPassword: string;
  /** The account connectors use, with exactly Debezium's documented grants. */
  readonly cdcUser: string;
  readonly cdcPassword: string;
  readonly database: string;
  /** The server id of the database server itself (clients must use another). */
  readonly serverId: number;
}

const info: MariaDbInfo = {
  host: '127.0.0.1',
  port: 13306,
  adminUser: 'tidewater',
  adminPassword: 'tidewater',
  cdcUser: 'cdc',
  cdcPassword: 'cdc',
  database: 'cdctest',
  serverId: 1,
};

const socket = (home: string) => join(home, 'mariadb.sock');

/** MariaDB 10.11 from Debian's packages: binlog on, ROW format, FULL row image and row metadata. */
export const mariadb: ServiceDefinition<MariaDbInfo> = {
  name: 'mariadb',
  title: 'MariaDB 10.11 (Debian)',
  info,
  ports: [info.port],
  readyTimeoutMs: 120_000,
  isInstalled: () => hasCommand('mariadbd') && hasCommand('mariadb-install-db') && hasCommand('mariadb'),
  install: (ctx) => aptInstall(['mariadb-server', 'mariadb-client'], ctx.installLog),
  async start(ctx) {
    rmSync(ctx.home, { recursive: true, force: true });
    const data = join(ctx.home, 'data');
    mkdirSync(data, { recursive: true });
    chmodSync(ctx.home, 0o755);
    await run(
      'mariadb-install-db',
      ['--no-defaults', '--user=root', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db'],
      { logFile: ctx.logFile },
    );
    return spawnDetached({
      command: 'mariadbd',
      args: [
        '--no-defaults',
        '--user=root',
        `--datadir=${data}`,
        '--bind-address=127.0.0.1',
        `--port=${info.port}`,
        `--socket=${socket(ctx.home)}`,
        `--pid-file=${join(ctx.home, 'mariadb.pid')}`,
        `--server-id=${info.serverId}`,
        `--log-bin=${join(data, 'binlog')}`,
        '--binlog-format=ROW',
        '--binlog-row-image=FULL',
        '--binlog-row-metadata=FULL',
        '--innodb-buffer-pool-size=128M',
        '--innodb-flush-log-at-trx-commit=2',
        '--sync-binlog=0',
      ],
      logFile: ctx.logFile,
    });
  },
  probe: (ctx) =>
    quietly(async () => {
      if (!existsSync(socket(ctx.home))) return false;
      await run('mariadb-admin', ['--no-defaults', '-S', socket(ctx.home), '-u', 'root', 'ping'], {
        logFile: join(ctx.home, 'probe.log'),
      });
      return true;
    }),
  async prepare(ctx) {
    const sql = `
      DROP USER IF EXISTS ''@'localhost';
      DROP USER IF EXISTS ''@'${hostname()}';
      CREATE USER IF NOT EXISTS '${info.adminUser}'@'%' IDENTIFIED BY '${info.adminPassword}';
      GRANT ALL PRIVILEGES ON *.* TO '${info.adminUser}'@'%' WITH GRANT OPTION;
      CREATE USER IF NOT EXISTS '${info.cdcUser}'@'%' IDENTIFIED BY '${info.cdcPassword}';
      GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO '${info.cdcUser}'@'%';
      CREATE DATABASE IF NOT EXISTS ${info.database};
      FLUSH PRIVILEGES;`;
    await run('mariadb', ['--no-defaults', '-S', socket(ctx.home), '-u', 'root', '-e', sql], { logFile: ctx.logFile });
  },
};
