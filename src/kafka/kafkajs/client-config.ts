/**
 * Worker-style connection settings (`bootstrap.servers`, `client.id`, security, timeouts, backoff) mapped
 * to a kafkajs client configuration. Each producer, consumer and admin gets its own kafkajs client built
 * from these, as each Java client owns its connections.
 */
import type { KafkaConfig, RetryOptions } from 'kafkajs';
import type { Logger } from 'pino';
import { ConfigError } from '../../api/errors.js';
import { kafkajsLogLevel, pinoLogCreator } from './logging.js';
import { securityOptions, type SecurityOptions } from './security.js';
import { readInteger, readList, readOptional, retriesWithin, type Settings } from './settings.js';

/** Timing settings shared by every client, under Kafka's names and with its defaults. */
export interface ClientTimings {
  /** request.timeout.ms: how long to wait for a broker's response. */
  readonly requestTimeoutMs: number;
  /** socket.connection.setup.timeout.ms: how long to wait for a connection. */
  readonly connectionTimeoutMs: number;
  /** retry.backoff.ms / retry.backoff.max.ms: the exponential backoff between retries. */
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
  /** default.api.timeout.ms: how long consumer and admin calls may keep retrying. */
  readonly apiTimeoutMs: number;
  /** metadata.max.age.ms: how old cluster metadata may get; also how often pattern subscriptions look for new topics. */
  readonly metadataMaxAgeMs: number;
}

/** Everything needed to build kafkajs clients for one set of settings, validated once. */
export interface ConnectionConfig {
  readonly brokers: readonly string[];
  readonly clientId: string | undefined;
  readonly security: SecurityOptions;
  readonly timings: ClientTimings;
}

export function connectionConfig(settings: Settings): ConnectionConfig {
  return {
    brokers: bootstrapServers(settings),
    clientId: readOptional(settings, 'client.id'),
    security: securityOptions(settings),
    timings: clientTimings(settings),
  };
}

function bootstrapServers(settings: Settings): string[] {
  const servers = readList(settings, 'bootstrap.servers');
  if (servers.length === 0) throw new ConfigError('Missing required configuration "bootstrap.servers" which has no default value.', { key: 'bootstrap.servers' });
  for (const server of servers) {
    // Kafka's form is host:port; an IPv6 host is written in brackets ([::1]:9092).
    const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s[\]]+):(\d+)$/.exec(server);
    const port = match ? Number(match[2]) : NaN;
    if (!match || port < 1 || port > 65535) {
      throw ConfigError.invalid('bootstrap.servers', server, 'Invalid url in bootstrap.servers (expected host:port)');
    }
  }
  return servers;
}

function clientTimings(settings: Settings): ClientTimings {
  const retryBackoffMs = readInteger(settings, 'retry.backoff.ms', 100, { min: 0 });
  return {
    requestTimeoutMs: readInteger(settings, 'request.timeout.ms', 30_000, { min: 1 }),
    connectionTimeoutMs: readInteger(settings, 'socket.connection.setup.timeout.ms', 10_000, { min: 1 }),
    retryBackoffMs,
    retryBackoffMaxMs: Math.max(retryBackoffMs, readInteger(settings, 'retry.backoff.max.ms', 1000, { min: 0 })),
    apiTimeoutMs: readInteger(settings, 'default.api.timeout.ms', 60_000, { min: 1 }),
    metadataMaxAgeMs: readInteger(settings, 'metadata.max.age.ms', 300_000, { min: 0 }),
  };
}

/** kafkajs retry options: Kafka's backoff, and as many retries as fit in `budgetMs`. */
export function retryOptions(timings: ClientTimings, budgetMs: number): RetryOptions {
  return {
    initialRetryTime: Math.max(1, timings.retryBackoffMs),
    maxRetryTime: Math.max(1, timings.retryBackoffMaxMs),
    multiplier: 2,
    factor: 0.2,
    retries: retriesWithin(budgetMs, timings.retryBackoffMs, timings.retryBackoffMaxMs),
  };
}

/**
 * A kafkajs client configuration for one client, logging through `logger` (which should carry the client
 * id already). `retryBudgetMs` bounds how long
 * connecting and metadata requests keep retrying (default.api.timeout.ms unless the client says otherwise:
 * the producer uses max.block.ms, as Kafka's producer blocks that long for metadata).
 */
export function kafkajsConfig(connection: ConnectionConfig, options: { clientId: string; logger: Logger; retryBudgetMs?: number }): KafkaConfig {
  const { timings } = connection;
  return {
    brokers: [...connection.brokers],
    clientId: options.clientId,
    ...connection.security,
    connectionTimeout: timings.connectionTimeoutMs,
    requestTimeout: timings.requestTimeoutMs,
    enforceRequestTimeout: true,
    retry: retryOptions(timings, options.retryBudgetMs ?? timings.apiTimeoutMs),
    logLevel: kafkajsLogLevel(options.logger),
    logCreator: pinoLogCreator(options.logger),
  };
}
