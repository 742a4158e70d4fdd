/**
 * Small file-system helpers the embedded log shares: crash-atomic file replacement, directory fsync and
 * the data-directory lock.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { IllegalStateError } from '../../api/errors.js';

/** Makes a rename, creation or deletion inside `dir` survive power loss (a no-op where directories cannot be opened). */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Some file systems refuse fsync on a directory (EISDIR/EINVAL); the rename is still atomic there.
    if (!isErrno(err, 'EISDIR') && !isErrno(err, 'EINVAL') && !isErrno(err, 'EPERM')) throw err;
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces `path` with `data` so that a crash leaves either the old or the new content, never a mix:
 * write a temporary sibling, fsync it, rename it over the target, fsync the directory.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
  await fsyncDirectory(dirname(path));
}

export function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return isErrno(err, 'EPERM');
  }
}

/** Data directories this process has open: a second store on the same directory would corrupt it. */
const openedHere = new Set<string>();

/**
 * Takes the lock on a data directory: a `.lock` file holding the owner's pid. A lock left behind by a
 * process that no longer runs (kill -9) is taken over; a live owner makes this throw.
 */
export async function acquireDirectoryLock(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, '.lock');
  if (openedHere.has(lockPath)) {
    throw new IllegalStateError(`The embedded topic store at ${dataDir} is already open in this process`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(lockPath, `${process.pid}\n`, { flag: 'wx' });
      openedHere.add(lockPath);
      return async () => {
        openedHere.delete(lockPath);
        await rm(lockPath, { force: true });
      };
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw err;
    }
    const owner = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processIsAlive(owner)) {
      throw new IllegalStateError(`The embedded topic store at ${dataDir} is in use by process ${owner}`);
    }
    // A stale lock: its owner is gone. Remove it and race for a fresh one.
    await rm(lockPath, { force: true });
  }
  throw new IllegalStateError(`Could not lock the embedded topic store at ${dataDir}`);
}
