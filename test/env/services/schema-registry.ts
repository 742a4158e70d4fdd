import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findJava, installAtomically, installDir, isInstalled, mavenUnpack } from '../installers.js';
import { leanJvmFlags } from '../jvm.js';
import { spawnDetached } from '../proc.js';
import { httpAnswers, type ServiceDefinition } from '../service.js';

const APICURIO_VERSION = '3.3.3';
const PORT = 18081;
const MANAGEMENT_PORT = 18082;

export interface SchemaRegistryInfo {
  /** Base URL of the Confluent-compatible API: point Confluent clients and converters here. */
  readonly url: string;
  readonly implementation: string;
}

const info: SchemaRegistryInfo = {
  url: `http://127.0.0.1:${PORT}/apis/ccompat/v7`,
  implementation: `Apicurio Registry ${APICURIO_VERSION}`,
};

const INSTALL_KEY = `apicurio-registry-app:${APICURIO_VERSION}`;

/**
 * A Confluent-compatible schema registry: Apicurio Registry 3.x (a Quarkus fast-jar from Maven Central,
 * Java 21+), in-memory storage. Differences from Confluent's registry are listed in test/env/README.md.
 */
export const schemaRegistry: ServiceDefinition<SchemaRegistryInfo> = {
  name: 'registry',
  title: `Schema registry: Apicurio Registry ${APICURIO_VERSION} (Confluent-compatible API)`,
  info,
  ports: [PORT, MANAGEMENT_PORT],
  readyTimeoutMs: 120_000,
  isInstalled: () => isInstalled('registry', INSTALL_KEY),
  async install(ctx) {
    await findJava(21, ctx.installLog);
    await installAtomically('registry', INSTALL_KEY, async (tmp) => {
      await mavenUnpack(`io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all`, tmp, ctx.installLog);
    });
  },
  async start(ctx) {
    rmSync(ctx.home, { recursive: true, force: true });
    const tmp = join(ctx.home, 'tmp');
    mkdirSync(tmp, { recursive: true });
    const java = await findJava(21, ctx.logFile);
    return spawnDetached({
      command: java,
      cwd: ctx.home,
      args: [
        // The serial collector made Apicurio start slower and larger, so it keeps the default one.
        ...leanJvmFlags({ heap: '384m', serialGc: false }),
        `-Djava.io.tmpdir=${tmp}`,
        '-Dquarkus.http.host=127.0.0.1',
        `-Dquarkus.http.port=${PORT}`,
        // The management interface otherwise listens on 0.0.0.0:9000.
        '-Dquarkus.management.host=127.0.0.1',
        `-Dquarkus.management.port=${MANAGEMENT_PORT}`,
        // Confluent's default; Apicurio's is NONE, which breaks clients that read the subject config.
        '-Dapicurio.rules.global.compatibility=BACKWARD',
        '-jar',
        join(installDir('registry'), 'quarkus-run.jar'),
      ],
      logFile: ctx.logFile,
    });
  },
  probe: () => httpAnswers(`${info.url}/subjects`),
};
