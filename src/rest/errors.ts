/**
 * Errors on the REST API: the one place that turns an error into a status code and Kafka Connect's
 * `{"error_code", "message"}` body (Kafka's ConnectExceptionMapper), and keeps secrets out of messages.
 */
import { scrubSecrets } from '../config/providers.js';
import {
  AlreadyExistsError,
  BadRequestError,
  ConfigError,
  IllegalStateError,
  NotFoundError,
} from '../api/errors.js';

/** The body Kafka Connect's REST API returns for every error. */
export interface RestErrorBody {
  readonly error_code: number;
  readonly message: string;
}

export function restError(status: number, message: string): RestErrorBody {
  return { error_code: status, message };
}

/**
 * An error with its own status, raised by the REST layer itself (Kafka's ConnectRestException and the
 * JAX-RS exceptions Jersey raises: 404 for unmatched routes, 405, 406, 415). `bare` errors are sent without
 * a Content-Type header, as Jersey sends its routing errors.
 */
export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly bare = false,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

/** The Java exception class Kafka Connect would name for one of our errors (in messages that carry it). */
export function javaExceptionName(error: unknown): string {
  if (error instanceof BadRequestError) return 'org.apache.kafka.connect.runtime.rest.errors.BadRequestException';
  if (error instanceof NotFoundError) return 'org.apache.kafka.connect.errors.NotFoundException';
  if (error instanceof AlreadyExistsError) return 'org.apache.kafka.connect.errors.AlreadyExistsException';
  if (error instanceof ConfigError) return 'org.apache.kafka.common.config.ConfigException';
  return 'org.apache.kafka.connect.errors.ConnectException';
}

/** Jersey's wording for the errors it raises itself: `HTTP 404 Not Found`. */
const REASONS: Readonly<Record<number, string>> = {
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
};

export function jerseyError(status: number): RestError {
  return new RestError(status, `HTTP ${status} ${REASONS[status] ?? 'Error'}`, true);
}

/**
 * Kafka's mapping: ConnectRestException and JAX-RS exceptions keep their status, NotFoundException → 404,
 * AlreadyExistsException → 409, everything else → 500. Tidewater's herder raises BadRequestError where
 * Kafka raises its BadRequestException (400); ConfigError (invalid connector configuration, which Kafka's
 * herder reports as a BadRequestException) and IllegalStateError (Kafka's usage: "Connectors must be in
 * the STOPPED state…", a BadRequestException) are 400 as well.
 */
export function statusOf(err: unknown): number {
  if (err instanceof RestError) return err.status;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof AlreadyExistsError) return 409;
  if (err instanceof BadRequestError || err instanceof ConfigError || err instanceof IllegalStateError) return 400;
  // Errors fastify raises itself (body too large, …) carry their status.
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 600 && !(err instanceof TypeError)) return status;
  return 500;
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Configuration keys whose values are secrets (Kafka's PASSWORD-typed keys and their usual names). */
const SECRET_KEY = /pass(word)?|secret|token|credential|api[._-]?key|private[._-]?key|\.key$|jaas\.config/i;
/** Shorter values would garble ordinary words in messages; secrets are never this short in practice. */
const MIN_SECRET_LENGTH = 3;

/** The values of secret-looking keys in a request body (the body itself, or its `config`), for scrubbing. */
export function secretsIn(body: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== 'object' || depth > 3) return;
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'string' && SECRET_KEY.test(key) && v.length >= MIN_SECRET_LENGTH) found.push(v);
      else if (typeof v === 'object') visit(v, depth + 1);
    }
  };
  visit(body, 0);
  return found;
}

/** The credentials of an `Authorization` header: the whole value, its credentials, a basic password. */
export function credentialsIn(authorization: string | undefined): string[] {
  if (!authorization) return [];
  const credentials = authorization.slice(authorization.indexOf(' ') + 1);
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const password = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : '';
  return [authorization, credentials, password].filter((s) => s.length >= MIN_SECRET_LENGTH);
}

/** Replaces each standalone occurrence of a secret with `[hidden]` (Kafka's Password rendering). */
export function scrub(message: string, secrets: readonly string[]): string {
  return scrubSecrets(message, secrets);
}
