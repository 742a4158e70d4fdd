import { chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../observability/logger.js';
import { PostgresCluster } from '../embedded/postgres-cluster.js';
import { embeddedPostgresBinDir } from '../embedded/embedded-binaries.js';
import { StandaloneWorker } from '../runtime/standalone.js';
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

/** The worker properties of the demo: the embedded topic log in the demo home, JSON-free raw lines. */
export function demoWorkerProperties(home: string, restHost: string, restPort: number): Record<string, string> {
  return {
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'offset.storage.file.filename': join(home, 'connect.offsets'),
    'offset.flush.interval.ms': '5000',
    'tidewater.embedded.log.dir': join(home, 'topics'),
    listeners: `http://${restHost}:${restPort}`,
  };
}

export const DEMO_CONNECTOR = 'demo-inventory-changes';
export const DEMO_TOPIC = 'demo.inventory.changes';

/**
 * `tidewater demo`: the embedded default. An embedded PostgreSQL with a demo schema whose rows keep
 * changing; each change is also appended as a JSON line to a file that a FileStreamSource connector streams
 * into the embedded topic log (until the PostgreSQL CDC connector exists); and the full REST API on a
 * standalone worker. Stops everything it started on SIGINT/SIGTERM.
 */
export async function runDemo(options: DemoOptions): Promise<void> {
  const { logger } = options;
  mkdirSync(options.home, { recursive: true });
  chmodSync(options.home, 0o755);

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

  const changesFile = join(options.home, 'inventory-changes.jsonl');
  const stopping = new AbortController();
  let data: Promise<unknown> = Promise.resolve();
  let worker: StandaloneWorker | undefined;
  try {
    worker = await StandaloneWorker.start({
      logger,
      workerProperties: demoWorkerProperties(options.home, options.restHost, options.restPort),
      connectors: [
        {
          name: DEMO_CONNECTOR,
          config: { name: DEMO_CONNECTOR, 'connector.class': 'FileStreamSource', file: changesFile, topic: DEMO_TOPIC },
        },
      ],
    }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EADDRINUSE') throw err;
      throw new DemoError(
        `port ${options.restPort} on ${options.restHost} is already in use (another Tidewater or Kafka Connect?); ` +
          'choose another with --rest-port',
      );
    });
    logger.info(`demo: changes stream to topic ${DEMO_TOPIC}; try: npx tidewater topics tail ${DEMO_TOPIC} --dir ${join(options.home, 'topics')}`);
    data = runDemoData({
      connectionString: cluster.connectionString(),
      logger: logger.child({ component: 'demo-data' }),
      intervalMs: options.changeIntervalMs,
      changesFile,
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
    await worker?.stop();
    cluster.stop();
    logger.info('embedded PostgreSQL stopped; bye');
  }
}
