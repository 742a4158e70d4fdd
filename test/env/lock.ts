import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, sleep } from './proc.js';
import { runRoot } from './paths.js';

/**
 * A cross-process lock (test files run in separate processes and may want the same service at once).
 * `mkdir` is atomic; the owner's pid inside lets a later process break a lock whose owner died.
 */
export async function withLock<T>(name: string, fn: () => Promise<T>, timeoutMs = 45 * 60_000): Promise<T> {
  const dir = join(runRoot(), 'locks', `${name}.lock`);
  mkdirSync(join(runRoot(), 'locks'), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'owner'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(dir);
      if (owner !== undefined && owner !== process.pid && !isAlive(owner)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${dir} held by pid ${owner}`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readOwner(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, 'owner'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
