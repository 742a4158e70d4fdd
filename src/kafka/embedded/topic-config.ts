/**
 * Topic-level settings of the embedded log under Kafka's names, their store-wide defaults (Kafka's broker
 * `log.*` settings) and validation. Only the settings the embedded log acts on are interpreted; Kafka's
 * other topic settings are accepted and kept so that topics created for Kafka create here too.
 */
import type { Logger } from 'pino';
import { BadRequestError, ConfigError } from '../../api/errors.js';
import type { TimestampKind } from '../port.js';

/** Store-wide defaults, each named after the Kafka broker setting it mirrors. */
export interface LogDefaults {
  /** log.segment.bytes: a segment is rolled before it would grow past this. */
  readonly segmentBytes: number;
  /** log.roll.ms: a non-empty segment older than this is rolled at the next append. */
  readonly segmentMs: number;
  /** log.retention.ms: segments whose newest record is older are deleted; -1 keeps them forever. */
  readonly retentionMs: number;
  /** log.retention.bytes: per partition; old segments are deleted while the log is bigger; -1 = no limit. */
  readonly retentionBytes: number;
  /** message.max.bytes: the largest record frame accepted. */
  readonly maxMessageBytes: number;
  /** log.flush.interval.messages: fsync once this many records are unflushed (before acknowledging them). */
  readonly flushMessages: number;
  /** log.flush.interval.ms: fsync data older than this (at the next append, or by the periodic flusher). */
  readonly flushMs: number;
  /** log.index.interval.bytes: bytes of log between sparse index entries. */
  readonly indexIntervalBytes: number;
  /** log.message.timestamp.type */
  readonly timestampType: TimestampKind;
  /** log.cleanup.policy: retention deletes only when this includes `delete`. */
  readonly cleanupPolicy: readonly string[];
}

/** Kafka's own defaults (fsync left to the operating system, as Kafka leaves it). */
export const KAFKA_LOG_DEFAULTS: LogDefaults = {
  segmentBytes: 1024 * 1024 * 1024,
  segmentMs: 7 * 24 * 60 * 60 * 1000,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  retentionBytes: -1,
  maxMessageBytes: 1048588,
  flushMessages: Number.MAX_SAFE_INTEGER,
  flushMs: Number.MAX_SAFE_INTEGER,
  indexIntervalBytes: 4096,
  timestampType: 'CreateTime',
  cleanupPolicy: ['delete'],
};

/** The settings in force for one topic: its own config over the store defaults. */
export type TopicSettings = LogDefaults;

type Parser = (value: string, key: string) => Partial<Record<keyof LogDefaults, unknown>>;

function integer(min: number, max: number, field: keyof LogDefaults): Parser {
  return (value, key) => {
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isSafeInteger(n)) throw ConfigError.invalid(key, value, 'Not a number of type LONG');
    if (n < min || n > max) throw ConfigError.invalid(key, value, `Value must be in [${min}, ${max}]`);
    return { [field]: n };
  };
}

const MAX = Number.MAX_SAFE_INTEGER;

const INTERPRETED: Readonly<Record<string, Parser>> = {
  'segment.bytes': integer(1, 0x7fff_ffff, 'segmentBytes'),
  'segment.ms': integer(1, MAX, 'segmentMs'),
  'retention.ms': integer(-1, MAX, 'retentionMs'),
  'retention.bytes': integer(-1, MAX, 'retentionBytes'),
  'max.message.bytes': integer(0, 0x7fff_ffff, 'maxMessageBytes'),
  'flush.messages': integer(1, MAX, 'flushMessages'),
  'flush.ms': integer(0, MAX, 'flushMs'),
  'index.interval.bytes': integer(0, 0x7fff_ffff, 'indexIntervalBytes'),
  'message.timestamp.type': (value, key) => {
    if (value !== 'CreateTime' && value !== 'LogAppendTime') throw ConfigError.invalid(key, value, 'String must be one of: CreateTime, LogAppendTime');
    return { timestampType: value };
  },
  'cleanup.policy': (value, key) => {
    const policies = value.split(',').map((p) => p.trim()).filter((p) => p !== '');
    if (policies.length === 0 || policies.some((p) => p !== 'delete' && p !== 'compact')) {
      throw ConfigError.invalid(key, value, 'String must be one of: compact, delete');
    }
    return { cleanupPolicy: policies };
  },
};

/** Kafka topic settings the embedded log has no use for (replication, compression, compaction tuning, …). */
const ACCEPTED_UNUSED = new Set([
  'segment.jitter.ms', 'segment.index.bytes', 'file.delete.delay.ms', 'delete.retention.ms', 'min.compaction.lag.ms',
  'max.compaction.lag.ms', 'min.cleanable.dirty.ratio', 'unclean.leader.election.enable', 'min.insync.replicas',
  'compression.type', 'compression.gzip.level', 'compression.lz4.level', 'compression.zstd.level', 'preallocate',
  'message.format.version', 'message.timestamp.difference.max.ms', 'message.timestamp.before.max.ms',
  'message.timestamp.after.max.ms', 'message.downconversion.enable', 'leader.replication.throttled.replicas',
  'follower.replication.throttled.replicas', 'local.retention.ms', 'local.retention.bytes', 'remote.storage.enable',
  'remote.log.copy.disable', 'remote.log.delete.on.disable',
]);

/** Resolves a topic's config over the defaults; throws ConfigError for a bad value of a setting it uses. */
export function topicSettings(config: Readonly<Record<string, string>>, defaults: LogDefaults, logger?: Logger): TopicSettings {
  let settings: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(config)) {
    const parse = INTERPRETED[key];
    if (parse) settings = { ...settings, ...parse(value, key) };
    else if (!ACCEPTED_UNUSED.has(key)) logger?.warn({ key }, 'unknown topic setting kept but ignored');
  }
  return settings as unknown as TopicSettings;
}

const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;

/** Kafka's topic name rules (Topic.validate): 1–249 of ASCII alphanumerics, '.', '_', '-', not '.' or '..'. */
export function validateTopicName(name: string): void {
  if (name.length === 0) throw new BadRequestError('Topic name is illegal, it can\'t be empty');
  if (name === '.' || name === '..') throw new BadRequestError('Topic name cannot be "." or ".."');
  if (name.length > 249) {
    throw new BadRequestError(`Topic name is illegal, it can't be longer than 249 characters, topic name: ${name}`);
  }
  if (!LEGAL_TOPIC_NAME.test(name)) {
    throw new BadRequestError(
      `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
    );
  }
}
