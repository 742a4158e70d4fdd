/**
 * Producer settings under Kafka's names, validated as Kafka's ProducerConfig validates them, and turned
 * into what the kafkajs producer and the adapter's request batching need.
 */
import { CompressionTypes } from 'kafkajs';
import { ConfigError } from '../../api/errors.js';
import type { ClientTimings } from './client-config.js';
import { isSet, readBoolean, readChoice, readInteger, readOptional, retriesWithin, type Settings } from './settings.js';

export interface ProducerTuning {
  /** enable.idempotence: kafkajs's idempotent producer (sequence numbers per partition). */
  readonly idempotent: boolean;
  /** acks: -1 (all), 0 or 1. */
  readonly acks: -1 | 0 | 1;
  /** linger.ms: how long to wait for more records before sending a request. */
  readonly lingerMs: number;
  /** batch.size: bytes that make a request worth sending before linger.ms is up; also the sticky-partition switch size. */
  readonly batchSize: number;
  /** max.request.size: the most bytes of records one produce request carries. */
  readonly maxRequestSize: number;
  readonly compression: CompressionTypes;
  /** max.in.flight.requests.per.connection. */
  readonly maxInFlight: number;
  /** kafkajs retry count: `retries`, bounded by how many backoff steps fit in delivery.timeout.ms. */
  readonly retries: number;
  readonly requestTimeoutMs: number;
  readonly deliveryTimeoutMs: number;
  /** partitioner.ignore.keys: place keyed records like keyless ones (sticky), as Kafka's option does. */
  readonly ignoreKeys: boolean;
  /** max.block.ms: how long connecting and fetching metadata may take before send() fails. */
  readonly maxBlockMs: number;
}

const ACKS = ['all', '-1', '0', '1'] as const;
/** kafkajs ships GZIP only; Snappy, LZ4 and ZSTD need codec packages (native or not) registered by hand. */
const COMPRESSION = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
const JAVA_MAX_INT = 2_147_483_647;

export function producerTuning(settings: Settings, timings: ClientTimings): ProducerTuning {
  rejectUnsupported(settings);
  const acksSetting = readChoice(settings, 'acks', ACKS, 'all');
  const acks = acksSetting === 'all' || acksSetting === '-1' ? -1 : acksSetting === '0' ? 0 : 1;
  const maxInFlight = readInteger(settings, 'max.in.flight.requests.per.connection', 5, { min: 1 });
  const retriesSetting = readInteger(settings, 'retries', JAVA_MAX_INT, { min: 0, max: JAVA_MAX_INT });
  const idempotent = idempotence(settings, { acks, maxInFlight, retries: retriesSetting });

  const lingerMs = readInteger(settings, 'linger.ms', 0, { min: 0 });
  const requestTimeoutMs = timings.requestTimeoutMs;
  const deliveryTimeoutMs = deliveryTimeout(settings, lingerMs, requestTimeoutMs);
  const compressionType = readChoice(settings, 'compression.type', COMPRESSION, 'none');
  if (compressionType !== 'none' && compressionType !== 'gzip') {
    throw ConfigError.invalid('compression.type', compressionType, 'the kafkajs client supports none and gzip (snappy, lz4 and zstd need codec packages that are not installed)');
  }
  // kafkajs retries a failed request `retries` times with backoff; the Java producer keeps retrying until
  // delivery.timeout.ms. Both limits apply: the setting, and what fits in the delivery timeout.
  const retriesInBudget = retriesWithin(Math.max(0, deliveryTimeoutMs - requestTimeoutMs), timings.retryBackoffMs, timings.retryBackoffMaxMs);
  return {
    idempotent,
    acks,
    lingerMs,
    batchSize: readInteger(settings, 'batch.size', 16_384, { min: 0 }),
    maxRequestSize: readInteger(settings, 'max.request.size', 1_048_576, { min: 1 }),
    compression: compressionType === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
    maxInFlight,
    retries: Math.min(retriesSetting, retriesInBudget),
    requestTimeoutMs,
    deliveryTimeoutMs,
    ignoreKeys: readBoolean(settings, 'partitioner.ignore.keys', false),
    maxBlockMs: readInteger(settings, 'max.block.ms', 60_000, { min: 0 }),
  };
}

/**
 * Kafka's rules (ProducerConfig): an explicitly enabled idempotent producer needs acks=all, retries > 0 and
 * at most 5 requests in flight, or configuration fails; when idempotence is only the default, a conflicting
 * setting quietly turns it off.
 */
function idempotence(settings: Settings, given: { acks: number; maxInFlight: number; retries: number }): boolean {
  const explicit = isSet(settings, 'enable.idempotence');
  const wanted = readBoolean(settings, 'enable.idempotence', true);
  if (!wanted) return false;
  const conflicts: Array<[string, string]> = [];
  if (given.maxInFlight > 5) conflicts.push(['max.in.flight.requests.per.connection', 'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.']);
  if (given.retries === 0) conflicts.push(['retries', 'Must set retries to non-zero when using the idempotent producer.']);
  if (given.acks !== -1) conflicts.push(['acks', 'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.']);
  const first = conflicts[0];
  if (first === undefined) return true;
  if (explicit) throw new ConfigError(first[1], { key: first[0] });
  return false;
}

/** delivery.timeout.ms must cover linger.ms + request.timeout.ms; Kafka raises it when it was not set explicitly. */
function deliveryTimeout(settings: Settings, lingerMs: number, requestTimeoutMs: number): number {
  const floor = lingerMs + requestTimeoutMs;
  const value = readInteger(settings, 'delivery.timeout.ms', 120_000, { min: 0 });
  if (value >= floor) return value;
  if (isSet(settings, 'delivery.timeout.ms')) {
    throw ConfigError.invalid('delivery.timeout.ms', value, 'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms');
  }
  return floor;
}

function rejectUnsupported(settings: Settings): void {
  const transactionalId = readOptional(settings, 'transactional.id');
  if (transactionalId !== undefined) throw ConfigError.invalid('transactional.id', transactionalId, 'transactions are not supported by this store');
  const partitioner = readOptional(settings, 'partitioner.class');
  if (partitioner !== undefined && !/(^|\.)DefaultPartitioner$/.test(partitioner)) {
    throw ConfigError.invalid('partitioner.class', partitioner, "Java partitioner classes cannot be loaded; records are placed as Kafka's default partitioner does");
  }
}
