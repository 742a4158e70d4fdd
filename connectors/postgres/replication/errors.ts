import { ConnectError, RetriableError, TidewaterError } from '../../../src/api/errors.js';

/*
 * How failures of a replication connection reach callers: a lost connection or a server going down is a
 * RetriableError (reconnecting later may work); everything PostgreSQL refuses for a reason that will not go
 * away by itself (slot missing or in use, wal_level below logical, no REPLICATION privilege, bad options) is
 * a ConnectError. Either way the message carries PostgreSQL's own text and SQLSTATE.
 */

/** The fields of pg's DatabaseError that matter here. */
interface ServerError {
  readonly message: string;
  readonly code: string;
  readonly severity?: string;
  readonly detail?: string;
  readonly hint?: string;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** SQLSTATEs after which trying again later can succeed. */
function retriableSqlState(code: string): boolean {
  return (
    code.startsWith('08') || // connection exception
    code === '57P01' || // admin_shutdown
    code === '57P02' || // crash_shutdown
    code === '57P03' || // cannot_connect_now (starting up, recovery)
    code === '53300' || // too_many_connections
    code === '40001' || // serialization_failure
    code === '40P01' // deadlock_detected
  );
}

function isServerError(err: unknown): err is ServerError {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof (err as { severity?: unknown }).severity === 'string';
}

function errorCode(err: unknown): string | undefined {
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** True for pg's own wording when the socket closed under it. */
function isConnectionLoss(message: string): boolean {
  return /Connection terminated|connection is closed|Client has encountered a connection error|timeout expired|socket hang up/i.test(message);
}

/** `action: PostgreSQL's message (SQLSTATE xxxxx) detail hint`. */
export function describeServerError(action: string, err: ServerError): string {
  let text = `${action}: ${err.message} (SQLSTATE ${err.code})`;
  if (err.detail) text += `. Detail: ${err.detail}`;
  if (err.hint) text += `. Hint: ${err.hint}`;
  return text;
}

/** Maps anything thrown by pg or the socket during `action` to a RetriableError or a ConnectError. */
export function toReplicationError(err: unknown, action: string): TidewaterError {
  if (err instanceof TidewaterError) return err;
  if (isServerError(err)) {
    const message = describeServerError(action, err);
    return retriableSqlState(err.code) ? new RetriableError(message, { cause: err }) : new ConnectError(message, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  const code = errorCode(err);
  if ((code !== undefined && NETWORK_CODES.has(code)) || isConnectionLoss(message)) {
    return new RetriableError(`${action}: connection to PostgreSQL lost: ${message}${code && !message.includes(code) ? ` (${code})` : ''}`, { cause: err });
  }
  return new ConnectError(`${action}: ${message}`, { cause: err });
}
