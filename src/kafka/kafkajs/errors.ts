/**
 * kafkajs errors mapped to the runtime's error classes: RetriableError when kafkajs says trying again may
 * help, ConnectError otherwise. The kafkajs error stays attached as `cause`.
 */
import { ConnectError, RetriableError, TidewaterError } from '../../api/errors.js';

interface KafkajsErrorShape {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly retriable?: unknown;
  readonly cause?: unknown;
}

function shape(err: unknown): KafkajsErrorShape {
  return typeof err === 'object' && err !== null ? (err as KafkajsErrorShape) : {};
}

/** The innermost cause of a kafkajs error (kafkajs wraps the broker's error when retries run out). */
export function originalCause(err: unknown): unknown {
  let current = err;
  for (let depth = 0; depth < 10; depth += 1) {
    const cause = shape(current).cause;
    if (cause === undefined || cause === null || cause === current) return current;
    current = cause;
  }
  return current;
}

/**
 * kafkajs's own test for a retriable failure (the one its consumer uses to decide on a restart): retries
 * ran out on a retriable error, or the original error is marked retriable.
 */
export function isKafkajsRetriable(err: unknown): boolean {
  if (shape(err).name === 'KafkaJSNumberOfRetriesExceeded') return true;
  return shape(err).retriable === true || shape(originalCause(err)).retriable === true;
}

/** The Kafka protocol error type (`REBALANCE_IN_PROGRESS`, `UNKNOWN_TOPIC_OR_PARTITION`, …), if any. */
export function kafkaErrorType(err: unknown): string | undefined {
  const own = shape(err).type;
  if (typeof own === 'string') return own;
  const inner = shape(originalCause(err)).type;
  return typeof inner === 'string' ? inner : undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `what failed: why`, as a TidewaterError; errors that already are one pass through unchanged. */
export function toStoreError(err: unknown, what: string): TidewaterError {
  if (err instanceof TidewaterError) return err;
  const inner = originalCause(err);
  if (inner instanceof TidewaterError) return inner;
  const type = kafkaErrorType(err);
  const detail = messageOf(err);
  const message = `${what}: ${detail}${type !== undefined && !detail.includes(type) ? ` (${type})` : ''}`;
  return isKafkajsRetriable(err) ? new RetriableError(message, { cause: err }) : new ConnectError(message, { cause: err });
}
