/**
 * An in-memory LoggerControl with the semantics of Kafka's `Loggers` (connect/runtime): loggers exist once
 * registered or set; a logger without its own level inherits the nearest dotted ancestor's, then root's;
 * setting a namespace sets every existing logger whose name starts with it. `onChange` applies a level to
 * the real logging backend (e.g. a pino child's `level`, via `pinoLevel`).
 */
import { ROOT_LOGGER, type LogLevel, type LoggerControl, type LoggerLevel } from './loggers.js';

export interface LoggerLevelsOptions {
  readonly rootLevel?: LogLevel;
  /** Levels configured at start-up (last_modified null), like log4j's configuration file. */
  readonly configured?: Readonly<Record<string, LogLevel>>;
  readonly now?: () => number;
  readonly onChange?: (name: string, level: LogLevel) => void;
}

export interface LoggerLevels extends LoggerControl {
  /** Declares that a logger exists (a component created it), without setting its level. */
  register(name: string): void;
  /** The level a logger logs at: its own, or inherited. */
  effectiveLevel(name: string): LogLevel;
}

/** The pino level for a log4j level. */
export function pinoLevel(level: LogLevel): string {
  const levels: Record<LogLevel, string> = {
    OFF: 'silent',
    FATAL: 'fatal',
    ERROR: 'error',
    WARN: 'warn',
    INFO: 'info',
    DEBUG: 'debug',
    TRACE: 'trace',
    ALL: 'trace',
  };
  return levels[level];
}

interface Entry {
  level: LogLevel | undefined;
  lastModified: number | null;
}

export function createLoggerLevels(options: LoggerLevelsOptions = {}): LoggerLevels {
  const now = options.now ?? Date.now;
  const root: Entry = { level: options.rootLevel ?? 'INFO', lastModified: null };
  const loggers = new Map<string, Entry>();
  for (const [name, level] of Object.entries(options.configured ?? {})) loggers.set(name, { level, lastModified: null });

  const isRoot = (name: string) => name.toLowerCase() === ROOT_LOGGER;

  const effectiveLevel = (name: string): LogLevel => {
    if (isRoot(name)) return root.level ?? 'INFO';
    for (let current = name; current !== ''; current = current.slice(0, Math.max(0, current.lastIndexOf('.')))) {
      const level = loggers.get(current)?.level;
      if (level) return level;
    }
    return root.level ?? 'INFO';
  };

  const apply = (name: string, entry: Entry, level: LogLevel) => {
    entry.level = level;
    entry.lastModified = now();
    options.onChange?.(name, level);
  };

  return {
    register(name) {
      if (!isRoot(name) && !loggers.has(name)) loggers.set(name, { level: undefined, lastModified: null });
    },
    effectiveLevel,
    list() {
      const out = new Map<string, LoggerLevel>();
      for (const [name, entry] of loggers) {
        if (entry.level) out.set(name, { level: entry.level, last_modified: entry.lastModified });
      }
      out.set(ROOT_LOGGER, { level: effectiveLevel(ROOT_LOGGER), last_modified: root.lastModified });
      return out;
    },
    get(name) {
      if (isRoot(name)) return { level: effectiveLevel(ROOT_LOGGER), last_modified: root.lastModified };
      const entry = loggers.get(name);
      return entry && { level: entry.level ?? effectiveLevel(name), last_modified: entry.lastModified };
    },
    set(namespace, level) {
      const changed: string[] = [];
      if (isRoot(namespace)) {
        for (const [name, entry] of loggers) {
          apply(name, entry, level);
          changed.push(name);
        }
        apply(ROOT_LOGGER, root, level);
        changed.push(ROOT_LOGGER);
      } else {
        if (!loggers.has(namespace)) loggers.set(namespace, { level: undefined, lastModified: null });
        // Kafka matches by plain prefix, not by dotted ancestry: `org.foo` also sets `org.foobar`.
        for (const [name, entry] of loggers) {
          if (name.startsWith(namespace)) {
            apply(name, entry, level);
            changed.push(name);
          }
        }
      }
      return changed.sort();
    },
  };
}
