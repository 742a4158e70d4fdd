/**
 * `GET /health` (Kafka 3.9, KIP-1017): 200 when the worker has started and can serve requests, 503 while it
 * is starting, 500 when it cannot serve them. The bodies are Kafka's WorkerStatus; the herder words them:
 *
 *   {"status":"healthy","message":"Worker has completed startup and is ready to handle requests."}
 *   {"status":"starting","message":"Worker is still starting up."}
 *   {"status":"unhealthy","message":"Worker was unable to handle this request and may be unable to handle other requests."}
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Herder } from '../runtime/herder.js';
import { route } from './routes.js';
import * as S from './schemas.js';

const STATUS = { healthy: 200, starting: 503, unhealthy: 500 } as const;

export const healthRoutes: FastifyPluginAsync<{ herder: Herder }> = async (app, opts) => {
  route(app, {
    method: 'GET',
    url: '/health',
    doc: {
      summary: 'Worker readiness and liveness (KIP-1017)',
      operationId: 'healthCheck',
      tags: ['root'],
      responses: {
        200: S.ok('Started and ready', S.WorkerStatus),
        500: S.ok('Unable to handle requests', S.WorkerStatus),
        503: S.ok('Still starting', S.WorkerStatus),
      },
    },
    handler: async (_request, reply) => {
      const health = opts.herder.health();
      return reply.code(STATUS[health.status]).send({ status: health.status, message: health.message });
    },
  });
};
