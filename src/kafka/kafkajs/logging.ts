/**
 * kafkajs logging routed into the injected pino logger. kafkajs calls a `logCreator` with entries of
 * `{ namespace, level, label, log: { message, ...extra } }`; each becomes one pino line on a child logger
 * (`library: 'kafkajs'`), the kafkajs namespace and extra fields kept as structured fields.
 */
import { logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

/** The kafkajs threshold matching the pino logger's level, so kafkajs does not build entries pino drops. */
export function kafkajsLogLevel(logger: Logger): logLevel {
  if (logger.isLevelEnabled('debug')) return logLevel.DEBUG;
  if (logger.isLevelEnabled('info')) return logLevel.INFO;
  if (logger.isLevelEnabled('warn')) return logLevel.WARN;
  if (logger.isLevelEnabled('error')) return logLevel.ERROR;
  return logLevel.NOTHING;
}

/**
 * Messages kafkajs logs louder than they deserve in this adapter, with the level they get instead:
 * - the idempotent-producer warning: the adapter bounds retries on purpose, as Kafka's Java producer does
 *   through delivery.timeout.ms;
 * - pause/resume notices: the runtime pauses and resumes partitions routinely (Kafka's client logs these
 *   at debug);
 * - the coordinator-not-available error of a fresh broker creating __consumer_offsets, which kafkajs
 *   retries successfully.
 */
const DEMOTED: ReadonlyArray<{ readonly pattern: RegExp; readonly level: 'debug' | 'warn' }> = [
  { pattern: /^Limiting retries for the idempotent producer/, level: 'debug' },
  { pattern: /^(Pausing|Resuming) fetching from/, level: 'debug' },
  { pattern: /group coordinator is not available/i, level: 'warn' },
];

/**
 * `logger` should already carry the client's identity (client id, group); kafkajs's own copies of it
 * (`clientId`, and `logger: 'kafkajs'`) are dropped so no line has a key twice.
 */
export function pinoLogCreator(logger: Logger): logCreator {
  const target = logger.child({ library: 'kafkajs' });
  return () => (entry: LogEntry) => {
    const { message, timestamp: _timestamp, logger: _logger, clientId: _clientId, ...extra } = entry.log;
    const text = String(message);
    const fields = { namespace: entry.namespace, ...extra };
    const errorText = typeof extra.error === 'string' ? extra.error : '';
    const demoted = DEMOTED.find(({ pattern }) => pattern.test(text) || pattern.test(errorText));
    const level = demoted?.level ?? pinoLevel(entry.level);
    target[level](fields, text);
  };
}

function pinoLevel(level: logLevel): 'error' | 'warn' | 'info' | 'debug' {
  switch (level) {
    case logLevel.ERROR:
      return 'error';
    case logLevel.WARN:
      return 'warn';
    case logLevel.INFO:
      return 'info';
    default:
      return 'debug';
  }
}
