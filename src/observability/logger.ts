import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths redacted from every log line. Connector configs are logged as `config`; any key that names a
 * password or secret is censored wherever it appears one level down.
 */
export const REDACTED_PATHS: readonly string[] = [
  'password',
  '*.password',
  'config["database.password"]',
  'config["connection.password"]',
  'config["ssl.key.password"]',
  'config["ssl.keystore.password"]',
  'config["ssl.truststore.password"]',
];

export interface RootLoggerOptions {
  readonly level?: string;
  readonly name?: string;
  readonly destination?: DestinationStream;
}

/** The one root logger of a process. Library code receives it (or a child of it); it never creates its own. */
export function createRootLogger(options: RootLoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? process.env.TIDEWATER_LOG_LEVEL ?? 'info',
    name: options.name ?? 'tidewater',
    redact: { paths: [...REDACTED_PATHS], censor: '[hidden]' },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
