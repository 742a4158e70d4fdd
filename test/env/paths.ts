import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Downloads and builds (jars, Go binaries, Maven and Go caches) live outside the checkout, so a fresh clone
 * on the same machine reuses them. Override with TIDEWATER_CACHE.
 */
export function cacheRoot(): string {
  return process.env.TIDEWATER_CACHE ?? join(homedir(), '.cache', 'tidewater');
}

/**
 * Running services keep their data, logs and pid files here. It must be traversable by the `postgres` OS
 * user (a home directory of root is not), hence the temp directory. Override with TIDEWATER_RUN.
 */
export function runRoot(): string {
  return process.env.TIDEWATER_RUN ?? join(tmpdir(), `tidewater-services-${process.getuid?.() ?? 'user'}`);
}

/** The repository root (test/env/ is two levels below it). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
