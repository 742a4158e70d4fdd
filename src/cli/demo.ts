import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../observability/logger.js';
import { PostgresCluster } from '../embedded/postgres-cluster.js';
import { embeddedPostgresBinDir } from '../embedded/embedded-binaries.js';
import { createRestServer } from '../rest/server.js';
import { buildInfo } from '../version.js';
import { runDemoData } from './demo-data.js';

export interface DemoOptions {
  readonly logger: Logger;
  readonly restHost: string;
  readonly restPort: number;
  readonly pgPort: number;
  /** Where the embedded database and topic log live between runs. */
  readonly home: string;
  readonly changeIntervalMs: number;
}

/** A failure the user can act on: the CLI prints its message alone, without a stack trace. */
export class DemoError extends Error {}

export function defaultDemoHome(): string {
  return process.env.TIDEWATER_DEMO_HOME ?? join(tmpdir(), `tidewater-demo-${process.getuid?.() ?? 'user'}`);
}

/** A Kafka-style cluster id (22 characters of base64url), kept for the life of the demo home. */
function clusterId(home: string): string {
  const file = join(home, 'cluster-id');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const id = randomBytes(16).toString('base64url');
  writeFileSync(file, `${id}\n`);
  return id;
}

/**
 * `tidewater demo`: the embedded default. Starts an embedded PostgreSQL with a demo schema whose rows keep
 * changing, and serves the REST API. Stops everything it started on SIGINT/SIGTERM.
 */
export async function runDemo(options: DemoOptions): Promise<void> {
  const { logger } = options;
  mkdirSync(options.home, { recursive: true });
  chmodSync(options.home, 0o755);
  const info = buildInfo();
  const kafkaClusterId = clusterId(options.home);

  const binDir = await embeddedPostgresBinDir();
  const cluster = new PostgresCluster({
    binDir,
    home: join(options.home, 'postgres'),
    port: options.pgPort,
    password: 'tidewater',
  });
  if (cluster.isRunning()) {
    logger.info({ port: cluster.port }, 'embedded PostgreSQL from an earlier run is still up; reusing it');
  } else {
    logger.info({ port: cluster.port, dataDir: cluster.dataDir }, 'starting embedded PostgreSQL');
    cluster.start();
  }
  logger.info({ url: cluster.connectionString().replace(/:[^:@/]+@/, ':[hidden]@') }, 'embedded PostgreSQL is ready');

  const app = createRestServer({
    logger,
    identity: () => ({ version: info.version, commit: info.commit, kafka_cluster_id: kafkaClusterId }),
  });
  const stopping = new AbortController();
  let data: Promise<unknown> = Promise.resolve();
  try {
    await app.listen({ host: options.restHost, port: options.restPort }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EADDRINUSE') throw err;
      throw new DemoError(
        `port ${options.restPort} on ${options.restHost} is already in use (another Tidewater or Kafka Connect?); ` +
          'choose another with --rest-port',
      );
    });
    logger.info(`REST API listening on http://${options.restHost}:${options.restPort}/`);
    data = runDemoData({
      connectionString: cluster.connectionString(),
      logger: logger.child({ component: 'demo-data' }),
      intervalMs: options.changeIntervalMs,
      signal: stopping.signal,
    }).catch((err: unknown) => logger.error({ err }, 'demo data generator stopped'));

    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        logger.info({ signal }, 'shutting down');
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  } finally {
    stopping.abort();
    await data;
    await app.close();
    cluster.stop();
    logger.info('embedded PostgreSQL stopped; bye');
  }
}
