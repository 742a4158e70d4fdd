import { spawn, type SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, readSync } from 'node:fs';
import { dirname } from 'node:path';

export interface DetachedOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly logFile: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Starts a long-running server in its own process group, output appended to `logFile`; it outlives this process. */
export function spawnDetached(options: DetachedOptions): number {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) throw new Error(`cannot start ${options.command}`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/** True when the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Sends `signal` to the process group led by `pid`, waits up to `timeoutMs`, then SIGKILLs it. */
export async function stopGroup(pid: number, timeoutMs = 30_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const send = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  if (!isAlive(pid)) return;
  send(signal);
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) {
    send('SIGKILL');
    while (isAlive(pid)) await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The last `lines` lines of a log file (reads at most the last 64 KiB). */
export function tail(file: string, lines = 40): string {
  if (!existsSync(file)) return `(no log at ${file})`;
  const size = statSync(file).size;
  const length = Math.min(size, 64 * 1024);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export interface RunResult {
  readonly code: number;
  readonly output: string;
}

/**
 * Runs a command to completion, appending its output to `logFile`. Rejects with the output's tail when it
 * fails, so an install step that breaks says why.
 */
export function run(command: string, args: readonly string[], options: SpawnOptions & { logFile: string }): Promise<RunResult> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  return new Promise((resolve, reject) => {
    const fd = openSync(options.logFile, 'a');
    const child = spawn(command, [...args], { ...options, stdio: ['ignore', fd, fd] });
    child.on('error', (err) => {
      closeSync(fd);
      reject(new Error(`cannot run ${command}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      closeSync(fd);
      if (code === 0) return resolve({ code, output: tail(options.logFile, 200) });
      reject(
        new Error(
          `${command} ${args.join(' ')} failed (${code ?? signal})\n--- ${options.logFile} (last lines) ---\n${tail(options.logFile, 30)}`,
        ),
      );
    });
  });
}
