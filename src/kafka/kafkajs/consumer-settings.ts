/**
 * Consumer settings under Kafka's names, validated and turned into kafkajs consumer options. Defaults are
 * the Java consumer's (Kafka 3.9), not kafkajs's: e.g. isolation.level is read_uncommitted unless set.
 */
import type { ConsumerConfig } from 'kafkajs';
import { ConfigError } from '../../api/errors.js';
import { retryOptions, type ClientTimings } from './client-config.js';
import { readBoolean, readChoice, readInteger, readList, readOptional, type Settings } from './settings.js';

export interface ConsumerTuning {
  readonly minBytes: number;
  readonly maxWaitTimeMs: number;
  readonly maxBytesPerPartition: number;
  readonly maxBytes: number;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  /** max.poll.interval.ms: sent as the group's rebalance timeout, and the poll liveness limit. */
  readonly maxPollIntervalMs: number;
  readonly readUncommitted: boolean;
  readonly allowAutoTopicCreation: boolean;
  readonly metadataMaxAgeMs: number;
}

export function consumerTuning(settings: Settings, timings: ClientTimings): ConsumerTuning {
  rejectUnsupported(settings);
  const sessionTimeoutMs = readInteger(settings, 'session.timeout.ms', 45_000, { min: 1 });
  const heartbeatIntervalMs = readInteger(settings, 'heartbeat.interval.ms', 3000, { min: 1 });
  if (heartbeatIntervalMs >= sessionTimeoutMs) {
    throw ConfigError.invalid('heartbeat.interval.ms', heartbeatIntervalMs, `must be lower than session.timeout.ms (${sessionTimeoutMs})`);
  }
  const isolation = readChoice(settings, 'isolation.level', ['read_uncommitted', 'read_committed'] as const, 'read_uncommitted');
  return {
    minBytes: readInteger(settings, 'fetch.min.bytes', 1, { min: 0 }),
    maxWaitTimeMs: readInteger(settings, 'fetch.max.wait.ms', 500, { min: 0 }),
    maxBytesPerPartition: readInteger(settings, 'max.partition.fetch.bytes', 1_048_576, { min: 0 }),
    maxBytes: readInteger(settings, 'fetch.max.bytes', 52_428_800, { min: 0 }),
    sessionTimeoutMs,
    heartbeatIntervalMs,
    maxPollIntervalMs: readInteger(settings, 'max.poll.interval.ms', 300_000, { min: 1 }),
    readUncommitted: isolation === 'read_uncommitted',
    allowAutoTopicCreation: readBoolean(settings, 'allow.auto.create.topics', true),
    metadataMaxAgeMs: timings.metadataMaxAgeMs,
  };
}

/** The kafkajs consumer configuration for one group member. */
export function kafkajsConsumerConfig(groupId: string, tuning: ConsumerTuning, timings: ClientTimings): ConsumerConfig {
  return {
    groupId,
    sessionTimeout: tuning.sessionTimeoutMs,
    // The Java consumer sends max.poll.interval.ms as the JoinGroup rebalance timeout.
    rebalanceTimeout: tuning.maxPollIntervalMs,
    heartbeatInterval: tuning.heartbeatIntervalMs,
    minBytes: tuning.minBytes,
    maxBytes: tuning.maxBytes,
    maxBytesPerPartition: tuning.maxBytesPerPartition,
    maxWaitTimeInMs: tuning.maxWaitTimeMs,
    readUncommitted: tuning.readUncommitted,
    allowAutoTopicCreation: tuning.allowAutoTopicCreation,
    metadataMaxAge: tuning.metadataMaxAgeMs,
    retry: retryOptions(timings, timings.apiTimeoutMs),
  };
}

function rejectUnsupported(settings: Settings): void {
  // The port commits only when asked (TopicConsumer.commit).
  if (readBoolean(settings, 'enable.auto.commit', false)) {
    throw ConfigError.invalid('enable.auto.commit', 'true', 'this store commits offsets only explicitly');
  }
  const instanceId = readOptional(settings, 'group.instance.id');
  if (instanceId !== undefined) throw ConfigError.invalid('group.instance.id', instanceId, 'static group membership is not supported by the kafkajs client');
  const protocol = readOptional(settings, 'group.protocol');
  if (protocol !== undefined && protocol.toLowerCase() !== 'classic') {
    throw ConfigError.invalid('group.protocol', protocol, 'the kafkajs client speaks the classic group protocol only');
  }
  const strategies = readList(settings, 'partition.assignment.strategy');
  if (strategies.length > 0 && !strategies.some((name) => /(^|\.)RoundRobinAssignor$/.test(name))) {
    throw ConfigError.invalid(
      'partition.assignment.strategy',
      strategies.join(','),
      'the kafkajs client assigns partitions round robin only (org.apache.kafka.clients.consumer.RoundRobinAssignor)',
    );
  }
}
