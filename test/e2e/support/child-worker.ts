/**
 * A `tidewater standalone` worker run as a child process (`node --import tsx src/cli/main.ts standalone …`),
 * so a test can SIGKILL it the way a crash would, or stop it with SIGTERM the way an operator would. Its
 * output goes to a log file; failures quote the end of it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { repoRoot } from '../../env/paths.js';
import { within } from '../../support/timeout.js';

/**
 * Calls `done` every `intervalMs` until it returns true, failing after `timeoutMs` (through `within`). The
 * loop stops when the wait ends either way, so a timed-out poll leaves nothing running behind it.
 */
export async function pollWithin(done: () => Promise<boolean> | boolean, timeoutMs: number, what: string, intervalMs = 200): Promise<void> {
  let waiting = true;
  const loop = async () => {
    while (waiting && !(await done())) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  };
  try {
    await within(loop(), timeoutMs, what);
  } finally {
    waiting = false;
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Java-style properties text from a map (values here never need escaping beyond `\`). */
export function propertiesText(properties: Readonly<Record<string, string>>): string {
  return `${Object.entries(properties)
    .map(([key, value]) => `${key}=${value.replace(/\\/g, '\\\\')}`)
    .join('\n')}\n`;
}

interface StatusBody {
  readonly connector?: { readonly state?: string };
  readonly tasks?: ReadonlyArray<{ readonly id: number; readonly state: string; readonly trace?: string }>;
}

/** One entry of GET /connectors/{name}/offsets: a source partition/offset, or a sink's topic partition/offset. */
export interface ConnectorOffset {
  readonly partition: Readonly<Record<string, unknown>>;
  readonly offset: Readonly<Record<string, unknown>>;
}

export interface ChildWorkerOptions {
  readonly workerPropertiesFile: string;
  /** Connector config files (`{"name": …, "config": {…}}`), started in order. */
  readonly connectorFiles: readonly string[];
  readonly logFile: string;
  /** The REST port the worker properties name (`listeners=http://127.0.0.1:<port>`). */
  readonly restPort: number;
}

export class ChildWorker {
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: ChildWorkerOptions,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(options: ChildWorkerOptions): ChildWorker {
    const log = openSync(options.logFile, 'a');
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'standalone', options.workerPropertiesFile, ...options.connectorFiles],
        { cwd: repoRoot, env: { ...process.env, TIDEWATER_LOG_LEVEL: process.env.TIDEWATER_TEST_WORKER_LOG_LEVEL ?? 'info' }, stdio: ['ignore', log, log] },
      );
      return new ChildWorker(child, options);
    } finally {
      closeSync(log);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines of the worker's log, for failure messages. */
  logTail(lines = 40): string {
    try {
      return readFileSync(this.options.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Waits until every named connector and all its tasks report RUNNING; fails early if a task fails or the worker exits. */
  async untilRunning(connectors: readonly string[], timeoutMs: number): Promise<void> {
    await pollWithin(
      async () => {
        if (!this.running) throw new Error(`the worker exited before its connectors ran:\n${this.logTail()}`);
        const states = await Promise.all(connectors.map((name) => this.status(name)));
        const failed = states.flatMap((s) => s?.tasks ?? []).find((t) => t.state === 'FAILED');
        if (failed) throw new Error(`task ${failed.id} failed: ${failed.trace ?? ''}\n${this.logTail()}`);
        return states.every((s) => s?.connector?.state === 'RUNNING' && (s.tasks?.length ?? 0) > 0 && s.tasks?.every((t) => t.state === 'RUNNING'));
      },
      timeoutMs,
      `connectors ${connectors.join(', ')} to run`,
    ).catch((err: unknown) => {
      throw new Error(`${(err as Error).message}\n${this.logTail()}`, { cause: err });
    });
  }

  /** The connector's status from the REST API, or undefined while the API does not answer. */
  async status(name: string): Promise<StatusBody | undefined> {
    const response = await fetch(`http://127.0.0.1:${this.options.restPort}/connectors/${encodeURIComponent(name)}/status`).catch(() => undefined);
    if (!response || response.status !== 200) return undefined;
    return (await response.json()) as StatusBody;
  }

  /** The connector's committed offsets from the REST API (GET /connectors/{name}/offsets), [] while it does not answer. */
  async offsets(name: string): Promise<ConnectorOffset[]> {
    const response = await fetch(`http://127.0.0.1:${this.options.restPort}/connectors/${encodeURIComponent(name)}/offsets`).catch(() => undefined);
    if (!response || response.status !== 200) return [];
    return ((await response.json()) as { offsets?: ConnectorOffset[] }).offsets ?? [];
  }

  /** SIGKILL: no shutdown code runs, nothing is flushed or committed. Resolves when the process is gone. */
  async crash(): Promise<void> {
    this.child.kill('SIGKILL');
    const { signal } = await within(this.exited, 30_000, 'the killed worker to exit');
    if (signal !== 'SIGKILL') throw new Error(`the worker exited on its own (${String(signal)}) before it was killed:\n${this.logTail()}`);
  }

  /** SIGTERM: the graceful stop. Resolves with the exit code. */
  async stop(timeoutMs: number): Promise<number | null> {
    this.child.kill('SIGTERM');
    const { code } = await within(this.exited, timeoutMs, `the worker to stop after SIGTERM\n${this.logTail()}`);
    return code;
  }

  /** For `after` hooks: kills the worker if a failed test left it running. */
  async ensureGone(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await within(this.exited, 30_000, 'the leftover worker to exit').catch(() => undefined);
  }
}

/** Writes a connector config as Kafka's REST body, the form `tidewater standalone` accepts as a .json file. */
export function writeConnectorFile(file: string, name: string, config: Readonly<Record<string, string>>): void {
  writeFileSync(file, `${JSON.stringify({ name, config }, null, 2)}\n`);
}
