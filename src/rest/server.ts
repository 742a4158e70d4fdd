import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../observability/logger.js';
import { restError } from './errors.js';
import { rootRoutes, type WorkerIdentity } from './root.js';

export interface RestServerOptions {
  readonly logger: Logger;
  readonly identity: () => WorkerIdentity;
}

/** Builds the Kafka-Connect-compatible REST server. Routes are thin; errors always use `{error_code, message}`. */
export function createRestServer(options: RestServerOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger.child({ component: 'rest' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(restError(404, `HTTP 404 Not Found: ${request.method} ${request.url}`));
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) options.logger.error({ err: error }, 'REST request failed');
    void reply.code(status).send(restError(status, error.message));
  });
  void app.register(rootRoutes, { identity: options.identity });
  return app;
}
