/**
 * The test command behind `npm test` (everything) and `npm run test:unit` (fast, no services).
 *
 *   tsx test/run.ts [--unit | --it] [path-substring...]
 *
 * Unit tests are `*.test.ts`; tests against real services are `*.it.test.ts`. Integration suites start
 * the services they need through test/env (installing them into the cache first). Services started by
 * this run are stopped at the end unless TIDEWATER_KEEP_SERVICES=1; services that were already running
 * are reused and left alone.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureInstalled, services, stopServicesOfRun, type ServiceName } from './env/index.js';
import { repoRoot } from './env/paths.js';
import { format, linesOfRun } from './env/progress.js';
import { composeCheckBinary } from './env/tools/compose-check.js';

const ROOTS = ['src', 'connectors', 'snapshot', 'test', 'bench', 'examples'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.tidewater']);

function findTests(dir: string, found: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of entries) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, found);
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const isIntegration = (file: string) => file.endsWith('.it.test.ts');

function runNodeTests(files: string[], concurrency: number, env: NodeJS.ProcessEnv): Promise<number> {
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${concurrency}`,
    '--test-timeout=300000',
    ...files.map((f) => relative(repoRoot, f)),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Installs every service up front, a few at a time, so downloads overlap instead of queueing behind each suite. */
async function installAll(): Promise<void> {
  const queue: Array<[string, () => Promise<unknown>]> = [
    ...(Object.keys(services) as ServiceName[]).map((n): [string, () => Promise<unknown>] => [n, () => ensureInstalled(n)]),
    ['compose-check', composeCheckBinary],
  ];
  const failures: string[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, install] = next;
      try {
        await install();
      } catch (err) {
        // The suite that needs it fails with the full reason; say it here too.
        failures.push(name);
        process.stderr.write(`[services] ${name} install failed: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  if (failures.length) process.stderr.write(`[services] could not install: ${failures.join(', ')}\n`);
}

async function main(argv: string[]): Promise<number> {
  const mode = argv.includes('--unit') ? 'unit' : argv.includes('--it') ? 'it' : 'all';
  const filters = argv.filter((a) => !a.startsWith('--'));
  const files = ROOTS.flatMap((r) => findTests(join(repoRoot, r)))
    .filter((f) => filters.length === 0 || filters.some((p) => relative(repoRoot, f).includes(p)))
    .sort();
  const unit = mode === 'it' ? [] : files.filter((f) => !isIntegration(f));
  const integration = mode === 'unit' ? [] : files.filter(isIntegration);
  if (unit.length + integration.length === 0) {
    process.stderr.write(`no test files match ${filters.join(' ') || '(all)'}\n`);
    return 1;
  }

  const run = `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
  const env = {
    ...process.env,
    TIDEWATER_TEST_RUN_ID: run,
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    // The SDK is pinned; its notice that later releases will need Node 22 is not news to a test run.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  process.env.TIDEWATER_TEST_RUN_ID = run;
  const began = Date.now();
  let code = 0;
  try {
    if (unit.length) {
      process.stdout.write(`\n== unit tests (${unit.length} files)\n`);
      code = Math.max(code, await runNodeTests(unit, 2, env));
    }
    if (integration.length) {
      process.stdout.write(`\n== tests against real services (${integration.length} files)\n`);
      if (filters.length === 0) await installAll();
      code = Math.max(code, await runNodeTests(integration, 1, env));
    }
  } finally {
    if (process.env.TIDEWATER_KEEP_SERVICES === '1') {
      process.stdout.write('\nTIDEWATER_KEEP_SERVICES=1: leaving started services running (npm run services -- down all)\n');
    } else {
      await stopServicesOfRun(run);
    }
    const lines = linesOfRun(run).filter((l) => l.step !== 'reused');
    if (lines.length) process.stdout.write(`\n== services (install, start, stop times)\n${lines.map(format).join('\n')}\n`);
    process.stdout.write(`\n== total ${((Date.now() - began) / 1000).toFixed(1)}s, exit code ${code}\n`);
  }
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
