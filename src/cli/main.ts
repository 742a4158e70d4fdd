#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createRootLogger } from '../observability/logger.js';
import { buildInfo } from '../version.js';
import { ConfigError } from '../api/errors.js';
import { DemoError, defaultDemoHome, runDemo } from './demo.js';
import { readWorkerProperties, runStandalone } from './standalone.js';
import { runTopicsCommand } from './topics.js';

const USAGE = `Usage: tidewater <command> [options]

Commands:
  standalone <worker.properties> [connector.properties|connector.json ...]
              Run a worker with the given connectors and the Kafka Connect REST API (like connect-standalone.sh)
  topics list|tail <topic>
              Look into the embedded topic log (--dir <path>, or --worker <worker.properties>;
              default .tidewater/topics); 'tidewater topics help' for options
  demo        Embedded PostgreSQL with a changing demo schema, plus the REST API (what \`npm start\` runs)
                --rest-host <host>   REST listener address (default 127.0.0.1, env TIDEWATER_REST_HOST)
                --rest-port <port>   REST listener port (default 8083, env TIDEWATER_REST_PORT)
                --pg-port <port>     embedded PostgreSQL port (default 15440, env TIDEWATER_DEMO_PG_PORT)
  version     Print the version
  help        Print this help
`;

function intOption(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${name} must be a port number, got "${value}"`);
  return n;
}

class UsageError extends Error {}

/** `--dir <path>` or `--worker <worker.properties>` (its tidewater.embedded.log.dir), removed from the args. */
function topicsDir(argv: string[]): { dir: string; args: string[] } {
  const args = [...argv];
  let dir = '.tidewater/topics';
  for (const flag of ['--dir', '--worker']) {
    const at = args.indexOf(flag);
    if (at < 0) continue;
    const value = args[at + 1];
    if (!value) throw new UsageError(`${flag} needs a value`);
    args.splice(at, 2);
    dir = flag === '--dir' ? value : (readWorkerProperties(value)['tidewater.embedded.log.dir'] ?? dir);
  }
  return { dir, args };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'demo': {
      const { values } = parseArgs({
        args: rest,
        options: {
          'rest-host': { type: 'string' },
          'rest-port': { type: 'string' },
          'pg-port': { type: 'string' },
        },
      });
      const logger = createRootLogger();
      await runDemo({
        logger,
        restHost: values['rest-host'] ?? process.env.TIDEWATER_REST_HOST ?? '127.0.0.1',
        restPort: intOption(values['rest-port'] ?? process.env.TIDEWATER_REST_PORT, 8083, '--rest-port'),
        pgPort: intOption(values['pg-port'] ?? process.env.TIDEWATER_DEMO_PG_PORT, 15440, '--pg-port'),
        home: defaultDemoHome(),
        changeIntervalMs: 1000,
      });
      return 0;
    }
    case 'standalone':
      await runStandalone(rest, createRootLogger());
      return 0;
    case 'topics': {
      const { dir, args } = topicsDir(rest);
      return runTopicsCommand(args, { dataDir: dir, out: process.stdout, err: process.stderr });
    }
    case 'version':
    case '--version':
      process.stdout.write(`${buildInfo().version} (${buildInfo().commit})\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`tidewater: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err)) {
      process.stderr.write(`tidewater: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (err instanceof DemoError || err instanceof ConfigError) {
      process.stderr.write(`tidewater: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`tidewater: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
