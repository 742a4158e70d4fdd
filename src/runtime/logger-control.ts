/**
 * Run-time log levels for `/admin/loggers`: named pino child loggers whose levels follow Kafka's `Loggers`
 * semantics (a logger without its own level inherits the nearest dotted ancestor's, then root's). Tidewater's
 * loggers are named `tidewater.worker`, `tidewater.connector.<name>` and `tidewater.task.<name>-<id>`.
 */
import type { ChildLoggerOptions, Logger } from 'pino';
import { createLoggerLevels, pinoLevel, type LoggerLevels } from '../rest/logger-levels.js';
import type { LogLevel } from '../rest/loggers.js';

export interface ManagedLoggers extends LoggerLevels {
  /** A child of the root logger named `name`, kept at the level the API says. */
  child(name: string, bindings?: Record<string, unknown>, options?: ChildLoggerOptions): Logger;
}

function log4jLevel(pino: string): LogLevel {
  const map: Record<string, LogLevel> = { silent: 'OFF', fatal: 'FATAL', error: 'ERROR', warn: 'WARN', info: 'INFO', debug: 'DEBUG', trace: 'TRACE' };
  return map[pino] ?? 'INFO';
}

export function loggerControl(root: Logger): ManagedLoggers {
  const named = new Map<string, Set<Logger>>();
  const levels = createLoggerLevels({
    rootLevel: log4jLevel(root.level),
    onChange: () => {
      root.level = pinoLevel(levels.effectiveLevel('root'));
      for (const [name, loggers] of named) for (const logger of loggers) logger.level = pinoLevel(levels.effectiveLevel(name));
    },
  });
  return {
    ...levels,
    child(name, bindings = {}, options) {
      levels.register(name);
      const logger = root.child({ logger: name, ...bindings }, options);
      logger.level = pinoLevel(levels.effectiveLevel(name));
      let set = named.get(name);
      if (!set) named.set(name, (set = new Set()));
      set.add(logger);
      return logger;
    },
  };
}
