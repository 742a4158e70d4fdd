/**
 * `/admin/loggers` (Kafka's LoggingResource, KIP-495 and KIP-976): read and set log levels at run time.
 * The REST layer talks to a LoggerControl; logger-levels.ts has an in-memory one with Kafka's semantics.
 */
import type { FastifyPluginAsync } from 'fastify';
import { readLevel } from './body.js';
import { RestError } from './errors.js';
import { firstValue } from './java.js';
import { param, query, route } from './routes.js';
import * as S from './schemas.js';

/** log4j's level names, which Kafka accepts in any case. */
export const LOG_LEVELS = ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Kafka's LoggerLevel entity. */
export interface LoggerLevel {
  readonly level: LogLevel;
  /** When the level was last set through the API (ms since the epoch); null if never. */
  readonly last_modified: number | null;
}

/** The name Kafka gives the root logger (any case is accepted). */
export const ROOT_LOGGER = 'root';

/** The loggers of the worker, as Kafka's `Loggers` class exposes them to the REST API. */
export interface LoggerControl {
  /** Every logger whose level is set explicitly, and `root`. */
  list(): ReadonlyMap<string, LoggerLevel>;
  /** A logger that exists (its effective level if not set explicitly), or undefined. */
  get(name: string): LoggerLevel | undefined;
  /**
   * Sets the level of `namespace` and every existing logger whose name starts with it (every logger, for
   * `root`), creating `namespace` if needed. Returns the names of the loggers it set, sorted.
   */
  set(namespace: string, level: LogLevel): string[];
  /**
   * `?scope=cluster`: sets the level on every worker of the cluster. A standalone worker is its own
   * cluster; without this method, `set` is used.
   */
  setCluster?(namespace: string, level: LogLevel): void;
}

const TAGS = ['admin/loggers'];
const loggerParam = { description: 'Logger name, or root', schema: { type: 'string' }, required: true };

export const loggerRoutes: FastifyPluginAsync<{ loggers: LoggerControl }> = async (app, opts) => {
  const { loggers } = opts;

  route(app, {
    method: 'GET',
    url: '/admin/loggers',
    doc: {
      summary: 'List loggers with an explicitly set level',
      operationId: 'listLoggers',
      tags: TAGS,
      responses: { 200: S.ok('Levels by logger name', { type: 'object', additionalProperties: S.LoggerLevel }) },
    },
    handler: async () => {
      const all = loggers.list();
      // Kafka returns a TreeMap: sorted by name.
      const names = [...all.keys()].sort();
      return Object.fromEntries(names.map((name) => [name, levelBody(all.get(name))]));
    },
  });

  route(app, {
    method: 'GET',
    url: '/admin/loggers/:logger',
    doc: {
      summary: "Get a logger's level",
      operationId: 'getLogger',
      tags: TAGS,
      params: { logger: loggerParam },
      responses: { 200: S.ok('The level', S.LoggerLevel), 404: S.error('No such logger') },
    },
    handler: async (request) => {
      const name = param(request, 'logger');
      const level = loggers.get(name);
      if (!level) throw new RestError(404, `Logger ${name} not found.`);
      return levelBody(level);
    },
  });

  route(app, {
    method: 'PUT',
    url: '/admin/loggers/:logger',
    doc: {
      summary: 'Set the level of a logger and its descendants',
      operationId: 'setLevel',
      tags: TAGS,
      params: { logger: loggerParam },
      query: { scope: { description: 'worker (default) or cluster', schema: { type: 'string', default: 'worker' } } },
      body: S.LoggerLevelRequest,
      responses: {
        200: S.ok('scope=worker: the loggers whose level was set', S.stringArray),
        204: { description: 'scope=cluster: applied' },
        400: S.error('No level given'),
        404: S.error('Not a log level'),
      },
    },
    handler: async (request, reply) => {
      const namespace = param(request, 'logger');
      const given = readLevel(request.body);
      if (given === null) throw new RestError(400, "Desired 'level' parameter was not specified in request.");
      const level = LOG_LEVELS.find((l) => l === given.toUpperCase());
      // Kafka answers an unknown level with 404.
      if (!level) throw new RestError(404, `invalid log level '${given}'.`);
      // Unknown scopes fall back to worker, as in Kafka (which logs a warning).
      const scope = firstValue(query(request).scope) || 'worker';
      if (scope.toLowerCase() === 'cluster') {
        if (loggers.setCluster) loggers.setCluster(namespace, level);
        else loggers.set(namespace, level);
        return reply.code(204).send();
      }
      if (scope.toLowerCase() !== 'worker') request.log.warn({ scope }, 'Invalid logging scope; using worker');
      return loggers.set(namespace, level);
    },
  });
};

function levelBody(level: LoggerLevel | undefined): LoggerLevel | undefined {
  return level && { level: level.level, last_modified: level.last_modified };
}
