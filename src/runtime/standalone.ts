/**
 * A standalone worker, assembled (Kafka's ConnectStandalone): worker config → plugins (built-in and
 * `plugin.path`) → topic store (Kafka or the embedded log) → offset file → worker → herder → REST API →
 * the connectors given on the command line. `stop()` shuts down in reverse order: tasks stop, producers
 * flush, offsets are committed.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ConfigError } from '../api/errors.js';
import type { Plugin } from '../api/plugin.js';
import { providersFromWorkerConfig, resolveConfig } from '../config/providers.js';
import { createTopicStore } from '../kafka/index.js';
import type { TopicStore } from '../kafka/port.js';
import { ConnectMetrics } from '../observability/metrics/index.js';
import { createRestServer, parseListener } from '../rest/server.js';
import { FileOffsetStore } from '../storage/offset-store.js';
import { buildInfo } from '../version.js';
import type { ConnectorDefinition } from '../cli/connector-files.js';
import { BUILTIN_PLUGINS } from './builtin-plugins.js';
import { loggerControl } from './logger-control.js';
import { restAuthFromWorker } from './rest-auth-config.js';
import { bridgeMetrics } from './metrics-bridge.js';
import { loadPluginPath, PluginRegistry } from './plugins.js';
import { StandaloneHerder } from './standalone-herder.js';
import { StatusStore } from './status-store.js';
import { Worker } from './worker.js';
import { WorkerConfig, workerConfigSpec } from './worker-config.js';

export interface StandaloneOptions {
  readonly workerProperties: Readonly<Record<string, string>>;
  readonly connectors: readonly ConnectorDefinition[];
  readonly logger: Logger;
  /** Extra plugins (tests, the demo) on top of the built-ins and plugin.path. */
  readonly plugins?: readonly Plugin[];
}

export class StandaloneWorker {
  private constructor(
    readonly herder: StandaloneHerder,
    readonly rest: FastifyInstance,
    readonly url: string,
    readonly store: TopicStore,
    private readonly worker: Worker,
    private readonly offsetStore: FileOffsetStore,
    private readonly metrics: ConnectMetrics,
    private readonly logger: Logger,
  ) {}

  static async start(options: StandaloneOptions): Promise<StandaloneWorker> {
    const { logger } = options;
    // Worker properties may use config provider references too (KIP-297), e.g. a ${file:…} REST token.
    const providers = providersFromWorkerConfig(options.workerProperties);
    const raw = resolveConfig(options.workerProperties, providers).config;
    const problems = workerConfigSpec.validate(raw).flatMap((v) => v.errors);
    if (problems.length) throw new ConfigError(`Invalid worker configuration:\n${problems.join('\n')}`);
    const config = new WorkerConfig(raw);

    const plugins = new PluginRegistry([...BUILTIN_PLUGINS, ...(options.plugins ?? []), ...(await loadPluginPath(config.parsed['plugin.path'] ?? []))]);
    const store = await createTopicStore({ settings: raw, embeddedDir: config.parsed['tidewater.embedded.log.dir'], logger });
    const admin = store.admin();
    const clusterId = await admin.clusterId();
    const offsetStore = new FileOffsetStore(config.parsed['offset.storage.file.filename']);
    await offsetStore.start();

    const listenerUrl = config.restListeners()[0];
    const listener = parseListener(listenerUrl ? listenerUrl.href.replace(/\/$/, '') : undefined);
    const advertisedHost = config.parsed['rest.advertised.host.name'] ?? (listener.host === '0.0.0.0' ? '127.0.0.1' : listener.host);
    const advertisedPort = config.parsed['rest.advertised.port'] ?? listener.port;
    const status = new StatusStore(`${advertisedHost}:${advertisedPort}`);
    const metrics = new ConnectMetrics();
    const herderRef: { current?: StandaloneHerder } = {};
    const loggers = loggerControl(logger);
    const worker = new Worker({
      logger: loggers.child('tidewater.worker'),
      childLogger: (name, bindings, childOptions) => loggers.child(name, bindings, childOptions),
      plugins,
      store,
      offsetStore,
      config,
      providers,
      status,
      observer: bridgeMetrics({
        metrics,
        status,
        plugins,
        connectorClass: (name) => herderRef.current?.connectorConfigIfKnown(name)?.['connector.class'],
        onTopicUsed: (connector, topic) => herderRef.current?.recordActiveTopic(connector, topic),
      }),
    });
    status.useScrubber((connector, text) => worker.scrub(connector, text));
    const info = buildInfo();
    const herder = new StandaloneHerder({
      worker,
      plugins,
      status,
      offsetStore,
      admin,
      identity: { version: info.version, commit: info.commit, kafka_cluster_id: clusterId },
      logger,
      topicTracking: { enabled: config.parsed['topic.tracking.enable'], allowReset: config.parsed['topic.tracking.allow.reset'] },
    });
    herderRef.current = herder;
    const auth = restAuthFromWorker(raw);
    const rest = createRestServer({
      logger,
      herder,
      loggers,
      listeners: `${listener.protocol}://${listener.host}:${listener.port}`,
      https: sslSettings(raw),
      ...(auth ? { auth } : {}),
      topicTracking: herder.topicTracking,
      metrics: () => metrics.renderMetrics(),
    });
    try {
      await rest.listen({ host: listener.host, port: listener.port });
    } catch (err) {
      await offsetStore.stop();
      await store.close();
      metrics.close();
      throw err;
    }
    const address = rest.server.address();
    const port = typeof address === 'object' && address ? address.port : listener.port;
    const url = `${listener.protocol}://${advertisedHost}:${port}`;
    // Kafka names the worker after its advertised URL, which has the bound port when listening on port 0.
    status.useWorkerId(`${advertisedHost}:${config.parsed['rest.advertised.port'] ?? port}`);
    logger.info({ url, topicStore: store.kind }, `Kafka Connect-compatible REST API listening on ${url}`);

    const running = new StandaloneWorker(herder, rest, url, store, worker, offsetStore, metrics, logger);
    try {
      for (const connector of options.connectors) {
        await herder.putConnectorConfig(connector.name, connector.config, { allowReplace: false, ...(connector.initialState ? { initialState: connector.initialState } : {}) });
        logger.info({ connector: connector.name }, `Created connector ${connector.name}`);
      }
    } catch (err) {
      await running.stop();
      throw err;
    }
    herder.markStarted();
    return running;
  }

  /** Graceful shutdown: REST first (no new work), then tasks and connectors, then clients. */
  async stop(): Promise<void> {
    await this.rest.close();
    await this.herder.stop();
    await this.worker.stopAll();
    await this.offsetStore.stop();
    await this.store.close();
    this.metrics.close();
    this.logger.info('Kafka Connect-compatible worker stopped');
  }
}

/** Kafka's `listeners.https.ssl.*` (or plain `ssl.*`) worker settings for an https listener. */
function sslSettings(raw: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('listeners.https.ssl.')) out[key.slice('listeners.https.'.length)] = value;
    else if (key.startsWith('ssl.') && out[key] === undefined) out[key] = value;
  }
  return out;
}
