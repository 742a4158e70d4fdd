import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { compileJava, fileHash, findJava, installAtomically, installDir, isInstalled, mavenCopyDependencies } from '../installers.js';
import { leanJvmFlags } from '../jvm.js';
import { spawnDetached } from '../proc.js';
import { quietly, type ServiceDefinition } from '../service.js';

export const MONGO_JAVA_SERVER_VERSION = '1.47.0';
const DEPENDENCIES = [`de.bwaldvogel:mongo-java-server:${MONGO_JAVA_SERVER_VERSION}`, 'org.slf4j:slf4j-simple:2.0.16'] as const;
const PORT = 27018;
/** The launcher compiled at install time; see its header for what it adds to mongo-java-server. */
const SHIM_SOURCE = fileURLToPath(new URL('../mongo/MongoShim.java', import.meta.url));

export interface MongoDbInfo {
  /** `mongodb://127.0.0.1:27018/?directConnection=true` */
  readonly uri: string;
  readonly host: string;
  readonly port: number;
  /** What answers instead of a real mongod, e.g. 'mongo-java-server 1.47.0 + MongoShim'. */
  readonly substitute: string;
}

const info: MongoDbInfo = {
  uri: `mongodb://127.0.0.1:${PORT}/?directConnection=true`,
  host: '127.0.0.1',
  port: PORT,
  substitute: `mongo-java-server ${MONGO_JAVA_SERVER_VERSION} + MongoShim`,
};

/** Editing MongoShim.java changes the key, so the next run recompiles it. */
function installKey(): string {
  return `${DEPENDENCIES.join('+')}+MongoShim.java@${fileHash(SHIM_SOURCE)}`;
}

/**
 * A MongoDB wire-compatible server with collection change streams: mongo-java-server (in memory, from Maven
 * Central) behind the MongoShim launcher. No real mongod can be installed on the test machines; what the
 * substitute lacks is listed in test/env/README.md.
 */
export const mongodb: ServiceDefinition<MongoDbInfo> = {
  name: 'mongodb',
  title: `MongoDB wire-compatible substitute (${info.substitute}, change streams)`,
  info,
  ports: [PORT],
  readyTimeoutMs: 60_000,
  isInstalled: () => isInstalled('mongodb', installKey()),
  async install(ctx) {
    await installAtomically('mongodb', installKey(), async (tmp) => {
      const libs = join(tmp, 'libs');
      await mavenCopyDependencies(DEPENDENCIES, libs, ctx.installLog);
      await compileJava(SHIM_SOURCE, libs, join(tmp, 'classes'), ctx.installLog);
    });
  },
  async start(ctx) {
    rmSync(ctx.home, { recursive: true, force: true });
    mkdirSync(ctx.home, { recursive: true });
    const java = await findJava(17, ctx.logFile);
    const dir = installDir('mongodb');
    return spawnDetached({
      command: java,
      args: [
        ...leanJvmFlags({ heap: '256m' }), // idles at about 80 MB RSS
        '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
        `-Dport=${PORT}`,
        '-cp',
        `${join(dir, 'classes')}:${join(dir, 'libs')}/*`,
        'MongoShim',
      ],
      logFile: ctx.logFile,
      cwd: ctx.home,
    });
  },
  probe: () =>
    quietly(async () => {
      const client = new MongoClient(info.uri, { serverSelectionTimeoutMS: 1500, connectTimeoutMS: 1500 });
      try {
        await client.connect();
        const reply = await client.db('admin').command({ ping: 1 });
        return reply.ok === 1;
      } finally {
        await client.close();
      }
    }),
};
