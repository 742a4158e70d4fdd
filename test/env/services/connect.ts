import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findJava, installAtomically, installDir, isInstalled, mavenCopyDependencies, mavenUnpack } from '../installers.js';
import { leanJvmFlags } from '../jvm.js';
import { spawnDetached } from '../proc.js';
import { httpAnswers, type ServiceDefinition } from '../service.js';
import { KAFKA_VERSION, kafka } from './kafka.js';

/**
 * The Debezium builds the differential tests and benchmarks compare against. The Maven Central mirror this
 * project can reach has no plugin archives for 3.2.7.Final, and no MariaDB or JDBC artifacts past 3.2.0
 * in the 3.2 line, so: PostgreSQL 3.2.7.Final assembled from its jars (the same jar set as the official
 * archive), MariaDB and the JDBC sink from the 3.2.0.Final plugin archives.
 */
export const DEBEZIUM = {
  postgres: '3.2.7.Final',
  mariadb: '3.2.0.Final',
  jdbc: '3.2.0.Final',
} as const;

export interface ConnectInfo {
  /** The Kafka Connect REST API. */
  readonly url: string;
  readonly version: string;
  readonly debezium: typeof DEBEZIUM;
  readonly bootstrapServers: string;
}

const PORT = 18083;

const info: ConnectInfo = {
  url: `http://127.0.0.1:${PORT}`,
  version: KAFKA_VERSION,
  debezium: DEBEZIUM,
  bootstrapServers: kafka.info.bootstrapServers,
};

const INSTALL_KEY = `connect-runtime:${KAFKA_VERSION};debezium-postgres:${DEBEZIUM.postgres};mariadb:${DEBEZIUM.mariadb};jdbc:${DEBEZIUM.jdbc}`;

/** Jars every Connect plugin must take from the worker, not bundle (Debezium's archives leave them out too). */
const WORKER_PROVIDED_GROUPS = [
  'com.fasterxml.jackson.core',
  'com.fasterxml.jackson.datatype',
  'org.slf4j',
  'org.checkerframework',
  'org.apache.kafka',
];

const LOG4J = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %X{connector.context}%m (%c:%L)%n
log4j.logger.org.reflections=ERROR
log4j.logger.org.apache.kafka.clients=WARN
log4j.logger.org.apache.kafka.common.utils.AppInfoParser=WARN
log4j.logger.org.apache.kafka.connect.runtime.isolation=WARN
`;

function workerProperties(home: string): string {
  return `bootstrap.servers=${info.bootstrapServers}
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=true
value.converter.schemas.enable=true
offset.storage.file.filename=${join(home, 'connect.offsets')}
offset.flush.interval.ms=1000
plugin.path=${join(installDir('connect'), 'plugins')}
listeners=http://127.0.0.1:${PORT}
rest.advertised.host.name=127.0.0.1
`;
}

/** Kafka Connect 3.9.1 standalone with the real Debezium PostgreSQL, MariaDB and JDBC sink plugins. */
export const connect: ServiceDefinition<ConnectInfo> = {
  name: 'connect',
  title: `Kafka Connect ${KAFKA_VERSION} + Debezium (postgres ${DEBEZIUM.postgres}, mariadb ${DEBEZIUM.mariadb}, jdbc ${DEBEZIUM.jdbc})`,
  dependsOn: ['kafka'],
  info,
  ports: [PORT],
  readyTimeoutMs: 120_000,
  isInstalled: () => isInstalled('connect', INSTALL_KEY),
  async install(ctx) {
    await findJava(17, ctx.installLog);
    await installAtomically('connect', INSTALL_KEY, async (tmp) => {
      await mavenCopyDependencies(
        [
          `org.apache.kafka:connect-runtime:${KAFKA_VERSION}`,
          `org.apache.kafka:connect-file:${KAFKA_VERSION}`,
          'org.slf4j:slf4j-reload4j:1.7.36',
        ],
        join(tmp, 'libs'),
        ctx.installLog,
      );
      const plugins = join(tmp, 'plugins');
      await mavenCopyDependencies(
        [`io.debezium:debezium-connector-postgres:${DEBEZIUM.postgres}`],
        join(plugins, 'debezium-connector-postgres'),
        ctx.installLog,
        { excludeGroupIds: WORKER_PROVIDED_GROUPS },
      );
      await mavenUnpack(`io.debezium:debezium-connector-mariadb:${DEBEZIUM.mariadb}:tar.gz:plugin`, plugins, ctx.installLog);
      await mavenUnpack(`io.debezium:debezium-connector-jdbc:${DEBEZIUM.jdbc}:tar.gz:plugin`, plugins, ctx.installLog);
    });
  },
  async start(ctx) {
    rmSync(ctx.home, { recursive: true, force: true });
    mkdirSync(ctx.home, { recursive: true });
    const java = await findJava(17, ctx.logFile);
    const properties = join(ctx.home, 'worker.properties');
    const log4j = join(ctx.home, 'log4j.properties');
    writeFileSync(properties, workerProperties(ctx.home));
    writeFileSync(log4j, LOG4J);
    return spawnDetached({
      command: java,
      args: [
        // Benchmarks give Debezium a fair JVM (C2, a bigger heap) through TIDEWATER_CONNECT_JVM_OPTS.
        ...leanJvmFlags({ initialHeap: '64m', heap: '512m', override: 'TIDEWATER_CONNECT_JVM_OPTS' }),
        `-Dlog4j.configuration=file:${log4j}`,
        '-Djava.awt.headless=true',
        '-cp',
        `${join(installDir('connect'), 'libs')}/*`,
        'org.apache.kafka.connect.cli.ConnectStandalone',
        properties,
      ],
      logFile: ctx.logFile,
    });
  },
  probe: () => httpAnswers(`${info.url}/connectors`),
};
