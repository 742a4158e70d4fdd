/**
 * The Kafka TopicStore: producers, consumers and admin clients over kafkajs, configured from worker-style
 * settings under Kafka's names. Connection and security settings are validated when the store is made;
 * producer and consumer settings when each client is made. A client's own settings (ProducerOptions and
 * ConsumerOptions `settings`) override the store's, as Kafka Connect's `producer.`/`consumer.` overrides do.
 */
import { Kafka, type Message } from 'kafkajs';
import type { Logger } from 'pino';
import { ConfigError, IllegalStateError } from '../../api/errors.js';
import type { ConsumerOptions, ProducerOptions, TopicAdmin, TopicConsumer, TopicProducer, TopicStore } from '../port.js';
import { KafkajsTopicAdmin } from './admin.js';
import { connectionConfig, kafkajsConfig, retryOptions, type ConnectionConfig } from './client-config.js';
import { consumerTuning } from './consumer-settings.js';
import { KafkajsTopicConsumer } from './consumer.js';
import { javaCompatiblePartitioner } from './partitioner.js';
import { producerTuning } from './producer-settings.js';
import { KafkajsTopicProducer } from './producer.js';
import type { Settings } from './settings.js';

export interface KafkajsTopicStoreOptions {
  /** Worker-style settings: bootstrap.servers, client.id, security.protocol, sasl.*, ssl.*, timeouts. */
  readonly settings: Settings;
  readonly logger: Logger;
}

interface Closable {
  close(): Promise<void>;
}

export class KafkajsTopicStore implements TopicStore {
  readonly kind = 'kafka' as const;
  private readonly settings: Settings;
  private readonly connection: ConnectionConfig;
  private readonly logger: Logger;
  private readonly clients = new Set<Closable>();
  private closed = false;

  constructor(options: KafkajsTopicStoreOptions) {
    this.settings = { ...options.settings };
    this.connection = connectionConfig(this.settings);
    this.logger = options.logger.child({ store: 'kafka' });
  }

  producer(options: ProducerOptions): TopicProducer {
    this.ensureOpen();
    const settings = this.clientSettings(options.settings);
    const connection = connectionConfig(settings);
    const tuning = producerTuning(settings, connection.timings);
    const logger = this.logger.child({ client: 'producer', clientId: options.clientId });
    const kafka = new Kafka(kafkajsConfig(connection, { clientId: options.clientId, logger, retryBudgetMs: tuning.maxBlockMs }));
    const choices = new WeakMap<Message, number>();
    const retry = { ...retryOptions(connection.timings, tuning.deliveryTimeoutMs), retries: tuning.retries };
    const kafkajsProducer = kafka.producer({
      idempotent: tuning.idempotent,
      maxInFlightRequests: tuning.maxInFlight,
      metadataMaxAge: connection.timings.metadataMaxAgeMs,
      createPartitioner: javaCompatiblePartitioner({ choices, stickyBatchBytes: Math.max(1, tuning.batchSize), ignoreKeys: tuning.ignoreKeys }),
      retry,
    });
    const producer: KafkajsTopicProducer = new KafkajsTopicProducer({
      producer: kafkajsProducer,
      tuning,
      choices,
      logger,
      onClose: () => this.clients.delete(producer),
    });
    this.clients.add(producer);
    return producer;
  }

  consumer(options: ConsumerOptions): TopicConsumer {
    this.ensureOpen();
    if (options.groupId.trim() === '') throw new ConfigError('Invalid value for configuration group.id: must be a non-empty string', { key: 'group.id' });
    const settings = this.clientSettings(options.settings);
    const connection = connectionConfig(settings);
    const tuning = consumerTuning(settings, connection.timings);
    const logger = this.logger.child({ client: 'consumer', clientId: options.clientId, groupId: options.groupId });
    const kafka = new Kafka(kafkajsConfig(connection, { clientId: options.clientId, logger }));
    const consumer: KafkajsTopicConsumer = new KafkajsTopicConsumer({
      kafka,
      groupId: options.groupId,
      autoOffsetReset: options.autoOffsetReset,
      maxPollRecords: options.maxPollRecords,
      tuning,
      timings: connection.timings,
      logger,
      onClose: () => this.clients.delete(consumer),
    });
    this.clients.add(consumer);
    return consumer;
  }

  admin(): TopicAdmin {
    this.ensureOpen();
    const clientId = this.connection.clientId ?? 'tidewater-admin';
    const logger = this.logger.child({ client: 'admin', clientId });
    const kafka = new Kafka(kafkajsConfig(this.connection, { clientId, logger }));
    const admin: KafkajsTopicAdmin = new KafkajsTopicAdmin({
      kafka,
      admin: kafka.admin(),
      requestTimeoutMs: this.connection.timings.requestTimeoutMs,
      logger,
      onClose: () => this.clients.delete(admin),
    });
    this.clients.add(admin);
    return admin;
  }

  /** Closes every client handed out (each flushes or leaves its group first); rejects with the first failure. */
  async close(): Promise<void> {
    this.closed = true;
    const outcomes = await Promise.allSettled([...this.clients].map((client) => client.close()));
    this.clients.clear();
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private clientSettings(overrides: Settings | undefined): Settings {
    return overrides ? { ...this.settings, ...overrides } : this.settings;
  }

  private ensureOpen(): void {
    if (this.closed) throw new IllegalStateError('The Kafka topic store is closed');
  }
}
