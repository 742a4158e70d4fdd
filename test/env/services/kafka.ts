import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel, type logCreator } from 'kafkajs';
import { findJava, installAtomically, installDir, isInstalled, mavenCopyDependencies } from '../installers.js';
import { leanJvmFlags } from '../jvm.js';
import { run, spawnDetached } from '../proc.js';
import { quietly, type ServiceDefinition } from '../service.js';

export const KAFKA_VERSION = '3.9.1';
const SLF4J_BINDING = 'org.slf4j:slf4j-reload4j:1.7.36';

export interface KafkaInfo {
  readonly bootstrapServers: string;
  readonly brokers: readonly string[];
  readonly clusterId: string;
  readonly version: string;
  /** Kafka's jars, for its command-line tools (e.g. kafka-producer-perf-test). */
  readonly libs: string;
}

const info: KafkaInfo = {
  bootstrapServers: '127.0.0.1:19092',
  brokers: ['127.0.0.1:19092'],
  clusterId: 'VGlkZXdhdGVyVGVzdHNLQQ',
  version: KAFKA_VERSION,
  libs: join(installDir('kafka'), 'libs'),
};

const INSTALL_KEY = `kafka_2.13:${KAFKA_VERSION}+${SLF4J_BINDING}`;

/** log4j 1 (reload4j) configuration: WARN and above to stdout, which the environment sends to the log file. */
export const LOG4J_PROPERTIES = `log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
`;

function serverProperties(logDirs: string): string {
  return `process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:19093
listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093
advertised.listeners=PLAINTEXT://127.0.0.1:19092
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${logDirs}
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
offsets.topic.num.partitions=1
auto.create.topics.enable=true
log.retention.hours=2
log.cleaner.dedupe.buffer.size=8388608
`;
}

/**
 * kafkajs logs an ERROR while a fresh broker creates __consumer_offsets for the first consumer group; the
 * client retries and succeeds, so that one line is dropped. Everything else at WARN and above goes to stderr.
 */
const quietLogCreator: logCreator = () => ({ level, log }) => {
  if (String(log.error).includes('The group coordinator is not available')) return;
  process.stderr.write(`kafkajs ${logLevel[level]} ${log.message}${log.error ? `: ${String(log.error)}` : ''}\n`);
};

/** A kafkajs client for the test broker; `probe` makes it fail fast instead of retrying. */
export function kafkaClient(clientId: string, options: { probe?: boolean } = {}): Kafka {
  return new Kafka({
    clientId,
    brokers: [...info.brokers],
    logLevel: options.probe ? logLevel.NOTHING : logLevel.WARN,
    logCreator: quietLogCreator,
    connectionTimeout: options.probe ? 2000 : 5000,
    ...(options.probe ? { retry: { retries: 0 } } : {}),
  });
}

/** Apache Kafka 3.9.1, one broker+controller node in KRaft mode, jars from Maven Central. */
export const kafka: ServiceDefinition<KafkaInfo> = {
  name: 'kafka',
  title: `Apache Kafka ${KAFKA_VERSION} (KRaft, Maven Central jars)`,
  info,
  ports: [19092, 19093],
  readyTimeoutMs: 120_000,
  isInstalled: () => isInstalled('kafka', INSTALL_KEY),
  async install(ctx) {
    await findJava(17, ctx.installLog);
    await installAtomically('kafka', INSTALL_KEY, async (tmp) => {
      await mavenCopyDependencies([`org.apache.kafka:kafka_2.13:${KAFKA_VERSION}`, SLF4J_BINDING], join(tmp, 'libs'), ctx.installLog);
    });
  },
  async start(ctx) {
    rmSync(ctx.home, { recursive: true, force: true });
    mkdirSync(ctx.home, { recursive: true });
    const java = await findJava(17, ctx.logFile);
    const properties = join(ctx.home, 'server.properties');
    const log4j = join(ctx.home, 'log4j.properties');
    writeFileSync(properties, serverProperties(join(ctx.home, 'data')));
    writeFileSync(log4j, LOG4J_PROPERTIES);
    const classpath = `${join(installDir('kafka'), 'libs')}/*`;
    await run(java, ['-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', info.clusterId, '-c', properties, '--ignore-formatted'], {
      logFile: ctx.logFile,
    });
    return spawnDetached({
      command: java,
      args: [
        // Benchmarks that need peak broker throughput set TIDEWATER_KAFKA_JVM_OPTS.
        ...leanJvmFlags({ initialHeap: '64m', heap: '384m', override: 'TIDEWATER_KAFKA_JVM_OPTS' }),
        `-Dlog4j.configuration=file:${log4j}`,
        '-Djava.awt.headless=true',
        '-cp',
        classpath,
        'kafka.Kafka',
        properties,
      ],
      logFile: ctx.logFile,
    });
  },
  probe: () =>
    quietly(async () => {
      const admin = kafkaClient('tidewater-env-probe', { probe: true }).admin();
      await admin.connect();
      try {
        const cluster = await admin.describeCluster();
        return cluster.brokers.length > 0;
      } finally {
        await admin.disconnect();
      }
    }),
};
