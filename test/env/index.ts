import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withLock } from './lock.js';
import { cacheRoot, runRoot } from './paths.js';
import { isAlive, sleep, stopGroup, tail } from './proc.js';
import { currentRunId, report } from './progress.js';
import { services, type InfoOf, type ServiceName } from './registry.js';
import type { ServiceContext, ServiceDefinition } from './service.js';

export { services, type ServiceName, type InfoOf } from './registry.js';

interface ServiceState {
  readonly pid: number;
  readonly run: string;
  readonly startedAt: string;
}

export function contextOf(name: ServiceName): ServiceContext {
  const home = join(runRoot(), name);
  return { home, logFile: join(home, `${name}.log`), installLog: join(cacheRoot(), 'logs', `${name}-install.log`) };
}

const stateFile = (name: ServiceName) => join(runRoot(), 'state', `${name}.json`);

function readState(name: ServiceName): ServiceState | undefined {
  const file = stateFile(name);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ServiceState;
  } catch {
    return undefined;
  }
}

function writeState(name: ServiceName, state: ServiceState | undefined): void {
  const file = stateFile(name);
  if (!state) return rmSync(file, { force: true });
  mkdirSync(join(runRoot(), 'state'), { recursive: true });
  writeFileSync(file, JSON.stringify(state));
}

function definitionOf(name: ServiceName): ServiceDefinition<unknown> {
  return services[name] as ServiceDefinition<unknown>;
}

/** Raised when a service cannot be installed or started; carries the log tail so the failing suite shows why. */
export class ServiceUnavailableError extends Error {
  constructor(name: string, what: string, logFile: string, cause?: unknown) {
    const reason = cause instanceof Error ? cause.message : cause ? String(cause) : '';
    super(`${name}: ${what}${reason ? `: ${reason}` : ''}\n--- ${logFile} (last lines) ---\n${tail(logFile, 40)}`, {
      cause,
    });
    this.name = 'ServiceUnavailableError';
  }
}

/** Services already reported as reused by this process (one line each is enough). */
const reportedReuse = new Set<ServiceName>();

/** Installs the service if it is missing (downloads and builds are cached). */
export async function ensureInstalled(name: ServiceName): Promise<void> {
  const def = definitionOf(name);
  await withLock(`install-${name}`, async () => {
    if (def.isInstalled()) return;
    const ctx = contextOf(name);
    mkdirSync(join(cacheRoot(), 'logs'), { recursive: true });
    const started = Date.now();
    try {
      await def.install(ctx);
    } catch (err) {
      throw new ServiceUnavailableError(name, 'install failed', ctx.installLog, err);
    }
    if (!def.isInstalled()) throw new ServiceUnavailableError(name, 'install finished but the service is still missing', ctx.installLog);
    report(name, 'installed', started);
  });
}

/**
 * The one entry point suites use: returns the connection details of a running service, installing and
 * starting it (and what it depends on) if needed. A service that is already up is reused.
 */
export async function useService<N extends ServiceName>(name: N): Promise<InfoOf<N>> {
  const def = definitionOf(name);
  for (const dep of def.dependsOn ?? []) await useService(dep as ServiceName);
  await ensureInstalled(name);
  await withLock(`run-${name}`, async () => {
    const ctx = contextOf(name);
    const state = readState(name);
    const started = Date.now();
    if (state && isAlive(state.pid) && (await def.probe(ctx))) {
      if (!reportedReuse.has(name)) report(name, 'reused', started, `pid ${state.pid}`);
      reportedReuse.add(name);
      return;
    }
    if (!state && (await def.probe(ctx))) {
      report(name, 'found running', started, `ports ${def.ports.join(', ')} already serve it; reusing`);
      return;
    }
    if (state) {
      // Started earlier but dead or not answering: clear it away before starting afresh.
      await terminate(name, state.pid);
      writeState(name, undefined);
    }
    let pid: number;
    try {
      pid = await def.start(ctx);
    } catch (err) {
      throw new ServiceUnavailableError(name, 'start failed', ctx.logFile, err);
    }
    writeState(name, { pid, run: currentRunId(), startedAt: new Date().toISOString() });
    await waitReady(name, def, ctx, pid);
    if (def.prepare) {
      try {
        await def.prepare(ctx);
      } catch (err) {
        throw new ServiceUnavailableError(name, 'set-up after start failed', ctx.logFile, err);
      }
    }
    report(name, 'started', started, `pid ${pid}, ports ${def.ports.join(', ')}`);
  });
  return def.info as InfoOf<N>;
}

async function waitReady(name: ServiceName, def: ServiceDefinition<unknown>, ctx: ServiceContext, pid: number): Promise<void> {
  const deadline = Date.now() + def.readyTimeoutMs;
  for (;;) {
    if (await def.probe(ctx)) return;
    if (!isAlive(pid)) {
      writeState(name, undefined);
      throw new ServiceUnavailableError(name, `the server (pid ${pid}) exited before it was ready`, ctx.logFile);
    }
    if (Date.now() > deadline) {
      await stopService(name);
      throw new ServiceUnavailableError(name, `not ready after ${def.readyTimeoutMs / 1000}s`, ctx.logFile);
    }
    await sleep(250);
  }
}

/** The service's own stop (e.g. pg_ctl's fast shutdown) first, then SIGTERM and, if need be, SIGKILL. */
async function terminate(name: ServiceName, pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  const def = definitionOf(name);
  if (def.stop) await def.stop(contextOf(name), pid).catch(() => undefined);
  await stopGroup(pid, 30_000);
}

/** Stops a service this environment started (a no-op for services it did not start). */
export async function stopService(name: ServiceName): Promise<boolean> {
  const state = readState(name);
  if (!state) return false;
  const started = Date.now();
  await terminate(name, state.pid);
  writeState(name, undefined);
  report(name, 'stopped', started);
  return true;
}

/** Stops, dependants first, every service started by the given test run. */
export async function stopServicesOfRun(run: string): Promise<void> {
  const names = (Object.keys(services) as ServiceName[]).filter((n) => readState(n)?.run === run);
  const dependants = (n: ServiceName) => (definitionOf(n).dependsOn?.length ?? 0) > 0;
  for (const name of [...names.filter(dependants), ...names.filter((n) => !dependants(n))]) await stopService(name);
}

export interface ServiceStatus {
  readonly name: ServiceName;
  readonly title: string;
  readonly installed: boolean;
  readonly running: boolean;
  readonly pid?: number;
  readonly ports: readonly number[];
}

export async function statusOf(name: ServiceName): Promise<ServiceStatus> {
  const def = definitionOf(name);
  const state = readState(name);
  const running = state ? isAlive(state.pid) : await def.probe(contextOf(name));
  return {
    name,
    title: def.title,
    installed: def.isInstalled(),
    running,
    ...(state ? { pid: state.pid } : {}),
    ports: def.ports,
  };
}
