/**
 * The one error base class. Every error has a stable `code`, says whether retrying may help, and keeps its
 * cause. REST maps errors to status codes in one place (src/rest/errors.ts); retry logic asks `retriable`.
 */
export class TidewaterError extends Error {
  readonly code: string;
  readonly retriable: boolean;

  constructor(message: string, options: { code?: string; retriable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? 'CONNECT';
    this.retriable = options.retriable ?? false;
  }
}

/** Kafka Connect's ConnectException: a generic failure of the runtime or a plugin. */
export class ConnectError extends TidewaterError {
  constructor(message: string, options: { code?: string; retriable?: boolean; cause?: unknown } = {}) {
    super(message, { code: 'CONNECT', ...options });
  }
}

/** A transient failure: the operation may succeed if tried again (Kafka's RetriableException). */
export class RetriableError extends TidewaterError {
  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, { code: 'RETRIABLE', ...options, retriable: true });
  }
}

/** Data that does not fit its schema, or cannot be converted (Kafka's DataException). */
export class DataError extends TidewaterError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'DATA', ...options });
  }
}

/** A bad configuration value (Kafka's ConfigException). */
export class ConfigError extends TidewaterError {
  /** The offending key, when there is one. */
  readonly key: string | undefined;

  constructor(message: string, options: { key?: string; cause?: unknown } = {}) {
    super(message, { code: 'CONFIG', ...(options.cause === undefined ? {} : { cause: options.cause }) });
    this.key = options.key;
  }

  /** Kafka's wording: `Invalid value <v> for configuration <key>: <reason>`. */
  static invalid(key: string, value: unknown, reason?: string): ConfigError {
    return new ConfigError(`Invalid value ${String(value)} for configuration ${key}${reason ? `: ${reason}` : ''}`, { key });
  }
}

/** A connector, task or resource that does not exist (REST 404). */
export class NotFoundError extends TidewaterError {
  constructor(message: string) {
    super(message, { code: 'NOT_FOUND' });
  }
}

/** A connector that already exists (REST 409). */
export class AlreadyExistsError extends TidewaterError {
  constructor(message: string) {
    super(message, { code: 'ALREADY_EXISTS' });
  }
}

/** A request that is wrong in itself (REST 400). */
export class BadRequestError extends TidewaterError {
  constructor(message: string) {
    super(message, { code: 'BAD_REQUEST' });
  }
}

/** A request the current state forbids, e.g. altering offsets of a running connector (REST 400 / 409). */
export class IllegalStateError extends TidewaterError {
  constructor(message: string) {
    super(message, { code: 'ILLEGAL_STATE' });
  }
}

/** True when retrying the failed operation may help. */
export function isRetriable(err: unknown): boolean {
  return err instanceof TidewaterError ? err.retriable : false;
}

/** The name Kafka Connect would show for an error's class in traces and DLQ headers. */
export function errorClassName(err: unknown): string {
  if (err instanceof Error) return err.name;
  return typeof err;
}
