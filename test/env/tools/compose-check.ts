import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, repoRoot } from '../paths.js';
import { installAtomically, isInstalled, requireCommand } from '../installers.js';
import { run } from '../proc.js';
import { report } from '../progress.js';
import { withLock } from '../lock.js';

const SOURCE = join(repoRoot, 'test', 'compose-check');

function sourceKey(): string {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(join(SOURCE, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds test/compose-check (compose-go, the loader behind `docker compose config`) into the cache and
 * returns the binary. The machines that run tests have no Docker Compose plugin, so this stands in for it.
 */
export async function composeCheckBinary(): Promise<string> {
  const key = sourceKey();
  const name = 'compose-check';
  const binary = join(cacheRoot(), name, 'compose-check');
  const logFile = join(cacheRoot(), 'logs', `${name}-install.log`);
  await withLock(`install-${name}`, async () => {
    if (isInstalled(name, key) && existsSync(binary)) return;
    const started = Date.now();
    await requireCommand('go', 'golang-go', logFile);
    await installAtomically(name, key, async (tmp) => {
      const goRoot = join(cacheRoot(), 'go');
      await run('go', ['build', '-trimpath', '-o', join(tmp, 'compose-check'), '.'], {
        cwd: SOURCE,
        logFile,
        env: {
          ...process.env,
          GOPATH: join(goRoot, 'path'),
          GOMODCACHE: join(goRoot, 'mod'),
          GOCACHE: join(goRoot, 'build'),
          GOFLAGS: '-modcacherw -mod=readonly',
          CGO_ENABLED: '0',
        },
      });
    });
    report(name, 'installed', started);
  });
  return binary;
}

export interface ComposeCheckResult {
  readonly ok: boolean;
  readonly project?: ComposeProject;
  readonly error: string;
}

export interface ComposeService {
  readonly image?: string;
  readonly build?: { context: string; dockerfile: string };
  readonly command?: string[] | null;
  readonly environment?: Record<string, string | null>;
  readonly ports?: Array<{ target: number; published: string }>;
  readonly depends_on?: Record<string, { condition: string }>;
}

export interface ComposeProject {
  readonly name: string;
  readonly services: Record<string, ComposeService>;
}

/** Loads a compose file exactly as `docker compose config` would, returning the normalized project. */
export async function loadCompose(file: string): Promise<ComposeCheckResult> {
  const binary = await composeCheckBinary();
  const result = spawnSync(binary, [file], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  if (result.status !== 0) return { ok: false, error: result.stderr.trim() };
  return { ok: true, project: JSON.parse(result.stdout) as ComposeProject, error: '' };
}
