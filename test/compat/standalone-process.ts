/**
 * A Tidewater standalone worker run the way users run it, as a child process:
 * `node --import tsx src/cli/main.ts standalone <worker.properties>`, with the embedded topic log, the offset
 * file and the properties in a temporary folder. For the compatibility suites in this folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../env/paths.js';
import { within } from '../support/timeout.js';

export interface StandaloneProcess {
  /** The REST API, e.g. `http://127.0.0.1:8083`. */
  readonly url: string;
  /** The worker's temporary folder (properties, offsets, topics); removed by stop(). */
  readonly dir: string;
  /** Everything the worker wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then the exit code once the worker has stopped. */
  stop(): Promise<number | null>;
}

const LISTENING = /Kafka Connect-compatible REST API listening on (https?:\/\/[^"\s]+)/;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/** Starts a worker listening on `host:port` (port 0: any free port) and waits until its REST API listens. */
export async function startStandaloneWorker(listener: { host: string; port: number }): Promise<StandaloneProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'tidewater-compat-'));
  const properties = join(dir, 'worker.properties');
  writeFileSync(
    properties,
    [
      `listeners=http://${listener.host}:${listener.port}`,
      'key.converter=org.apache.kafka.connect.json.JsonConverter',
      'value.converter=org.apache.kafka.connect.json.JsonConverter',
      `offset.storage.file.filename=${join(dir, 'offsets')}`,
      'offset.flush.interval.ms=1000',
      `tidewater.embedded.log.dir=${join(dir, 'topics')}`,
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'standalone', properties], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`the Tidewater worker exited (code ${String(code)}) before listening:\n${output}`)));
  });
  let url: string;
  try {
    url = await within(listening, START_TIMEOUT_MS, `the Tidewater worker to listen on ${listener.host}:${listener.port}`);
  } catch (err) {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    dir,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      const code = await within(exited, STOP_TIMEOUT_MS, 'the Tidewater worker to stop');
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/** True when something accepts connections on host:port (false when refused or the address is unusable). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function bindable(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
}

/**
 * Fails (never skips) when `port` is taken on localhost: users' scripts hard-code it, so the test needs it.
 * Checks both loopback addresses, since curl tries `localhost` as ::1 first.
 */
export async function assertPortFree(port: number, why: string): Promise<void> {
  for (const host of ['127.0.0.1', '::1']) {
    if (await accepts(host, port)) {
      throw new Error(
        `Port ${port} is in use: something accepts connections on ${host}:${port} (a Tidewater demo, \`npm start\`, or a ` +
          `Kafka Connect worker?). ${why} Stop it (see \`ss -ltnp 'sport = :${port}'\`) and run the test again.`,
      );
    }
  }
  const problem = await bindable('127.0.0.1', port);
  if (problem) throw new Error(`Port ${port} cannot be bound on 127.0.0.1 (${problem}). ${why}`);
}
