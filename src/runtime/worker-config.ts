/**
 * Worker properties, under Kafka Connect's names (WorkerConfig, StandaloneConfig). One Tidewater difference:
 * without `bootstrap.servers` the worker uses the embedded topic log (in `tidewater.embedded.log.dir`)
 * instead of a Kafka at localhost:9092.
 */
import { ConfigSpec } from '../config/spec.js';
import { Range, oneOfIgnoringCase } from '../config/validators.js';
import { subConfig } from './transformation-chain.js';

export const workerConfigSpec = ConfigSpec.empty()
  .define({ name: 'bootstrap.servers', type: 'LIST', default: [], importance: 'HIGH', doc: 'Kafka brokers (host:port). Empty: use the embedded topic log.' })
  .define({ name: 'tidewater.embedded.log.dir', type: 'STRING', default: '.tidewater/topics', importance: 'MEDIUM', doc: 'Directory of the embedded topic log, used when bootstrap.servers is empty.' })
  .define({ name: 'key.converter', type: 'CLASS', importance: 'HIGH', doc: 'Converter for record keys.' })
  .define({ name: 'value.converter', type: 'CLASS', importance: 'HIGH', doc: 'Converter for record values.' })
  .define({ name: 'header.converter', type: 'CLASS', default: 'org.apache.kafka.connect.storage.SimpleHeaderConverter', importance: 'LOW', doc: 'Converter for record headers.' })
  .define({ name: 'offset.storage.file.filename', type: 'STRING', importance: 'HIGH', doc: 'File that stores source connector offsets.' })
  .define({ name: 'offset.flush.interval.ms', type: 'LONG', default: 60000, importance: 'LOW', doc: 'Interval between offset commits of tasks.', validator: Range.atLeast(1) })
  .define({ name: 'offset.flush.timeout.ms', type: 'LONG', default: 5000, importance: 'LOW', doc: 'How long an offset commit may wait for records to be acknowledged.' })
  .define({ name: 'task.shutdown.graceful.timeout.ms', type: 'LONG', default: 5000, importance: 'LOW', doc: 'How long a stopping task may take to flush and commit.' })
  .define({ name: 'listeners', type: 'LIST', default: ['http://:8083'], importance: 'LOW', doc: 'REST listeners: http://host:port or https://host:port.' })
  .define({ name: 'rest.host.name', type: 'STRING', default: null, importance: 'LOW', doc: 'Deprecated form of listeners (with rest.port).' })
  .define({ name: 'rest.port', type: 'INT', default: null, importance: 'LOW', doc: 'Deprecated form of listeners (with rest.host.name).' })
  .define({ name: 'rest.advertised.host.name', type: 'STRING', default: null, importance: 'LOW', doc: 'Host name other workers and clients should use.' })
  .define({ name: 'rest.advertised.port', type: 'INT', default: null, importance: 'LOW', doc: 'Port other workers and clients should use.' })
  .define({ name: 'rest.advertised.listener', type: 'STRING', default: null, importance: 'LOW', doc: 'http or https.' })
  .define({ name: 'admin.listeners', type: 'LIST', default: null, importance: 'LOW', doc: 'Listeners of the /admin endpoints; default: the REST listeners.' })
  .define({ name: 'plugin.path', type: 'LIST', default: null, importance: 'LOW', doc: 'Modules or folders of user plugins (JavaScript or TypeScript).' })
  .define({ name: 'topic.creation.enable', type: 'BOOLEAN', default: true, importance: 'LOW', doc: 'Whether source connectors may create topics (topic.creation.* connector settings).' })
  .define({ name: 'topic.tracking.enable', type: 'BOOLEAN', default: true, importance: 'LOW', doc: 'Track the topics each connector uses (GET /connectors/{name}/topics).' })
  .define({ name: 'topic.tracking.allow.reset', type: 'BOOLEAN', default: true, importance: 'LOW', doc: 'Allow PUT /connectors/{name}/topics/reset.' })
  .define({ name: 'connector.client.config.override.policy', type: 'STRING', default: 'All', importance: 'MEDIUM', doc: 'Which producer.override.* / consumer.override.* connector settings are allowed: All or None.', validator: oneOfIgnoringCase('All', 'None', 'Principal') })
  .define({ name: 'config.providers', type: 'LIST', default: [], importance: 'LOW', doc: 'Aliases of config providers (config.providers.<alias>.class).' })
  .define({ name: 'rest.extension.classes', type: 'LIST', default: [], importance: 'LOW', doc: 'REST extensions. org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension turns on HTTP basic authentication (users from the JAAS file, as in Kafka).' })
  .define({ name: 'tidewater.rest.jaas.config', type: 'STRING', default: null, importance: 'LOW', doc: 'The JAAS file for basic authentication, when KAFKA_OPTS has no -Djava.security.auth.login.config.' })
  .define({ name: 'tidewater.rest.auth.bearer.token', type: 'PASSWORD', default: null, importance: 'LOW', doc: 'Require this bearer token on every REST request (use a ${file:…} or ${env:…} reference).' });

export type ParsedWorkerConfig = ReturnType<typeof workerConfigSpec.parse>;

/** A parsed worker config plus the raw properties (converter and client sub-configs live there). */
export class WorkerConfig {
  readonly parsed: ParsedWorkerConfig;

  constructor(
    readonly raw: Readonly<Record<string, string>>,
    parsed?: ParsedWorkerConfig,
  ) {
    this.parsed = parsed ?? workerConfigSpec.parse(raw);
  }

  get offsetFlushIntervalMs(): number {
    return this.parsed['offset.flush.interval.ms'];
  }

  get gracefulShutdownMs(): number {
    return this.parsed['task.shutdown.graceful.timeout.ms'];
  }

  get topicCreationEnable(): boolean {
    return this.parsed['topic.creation.enable'];
  }

  get bootstrapServers(): string[] {
    return this.parsed['bootstrap.servers'];
  }

  private overridesAllowed(): boolean {
    return this.parsed['connector.client.config.override.policy'].toLowerCase() !== 'none';
  }

  /** Worker `producer.*` settings with the connector's `producer.override.*` on top. */
  producerSettings(connector: Readonly<Record<string, string>>): Record<string, string> {
    return { ...subConfig(this.raw, 'producer.'), ...(this.overridesAllowed() ? subConfig(connector, 'producer.override.') : {}) };
  }

  consumerSettings(connector: Readonly<Record<string, string>>): Record<string, string> {
    return { ...subConfig(this.raw, 'consumer.'), ...(this.overridesAllowed() ? subConfig(connector, 'consumer.override.') : {}) };
  }

  /** The REST listeners, honouring the legacy rest.host.name/rest.port when listeners is not set. */
  restListeners(): URL[] {
    const legacyHost = this.parsed['rest.host.name'];
    const legacyPort = this.parsed['rest.port'];
    const listeners = this.raw.listeners === undefined && (legacyHost || legacyPort)
      ? [`http://${legacyHost ?? ''}:${legacyPort ?? 8083}`]
      : this.parsed.listeners;
    return listeners.map((l) => new URL(l.replace('://:', '://0.0.0.0:')));
  }
}
