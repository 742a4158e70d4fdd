/** What the test environment knows about one real service: how to install, start, probe and stop it. */
export interface ServiceContext {
  /** The service's runtime folder (data, logs, state): wiped on each fresh start. */
  readonly home: string;
  /** The server's own output. */
  readonly logFile: string;
  /** Output of install steps (downloads, builds), kept in the cache. */
  readonly installLog: string;
}

export interface ServiceDefinition<Info = unknown> {
  readonly name: string;
  readonly title: string;
  /** Services that must be up first (Kafka Connect needs Kafka). */
  readonly dependsOn?: readonly string[];
  /** Connection details tests use. Ports are fixed, so this is static. */
  readonly info: Info;
  /** The fixed ports, listed in `npm run services -- status`. */
  readonly ports: readonly number[];
  readonly readyTimeoutMs: number;
  isInstalled(): boolean;
  install(ctx: ServiceContext): Promise<void>;
  /** Launches the server detached and returns the pid of its process (group leader). */
  start(ctx: ServiceContext): Promise<number>;
  /** One quick readiness check. */
  probe(ctx: ServiceContext): Promise<boolean>;
  /** Runs once after a fresh start is ready (users, databases). */
  prepare?(ctx: ServiceContext): Promise<void>;
  /** Stops the server; the default sends SIGTERM to its process group. */
  stop?(ctx: ServiceContext, pid: number): Promise<void>;
}

/** Probes never throw: a refused connection just means "not yet". */
export async function quietly(check: () => Promise<boolean>): Promise<boolean> {
  try {
    return await check();
  } catch {
    return false;
  }
}

/** GET a URL and accept the answer when `accept(status)` holds. */
export async function httpAnswers(url: string, accept: (status: number) => boolean = (s) => s === 200): Promise<boolean> {
  return quietly(async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await response.arrayBuffer();
    return accept(response.status);
  });
}
