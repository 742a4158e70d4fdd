/** `GET /`: the worker's version, commit and Kafka cluster id (Kafka's RootResource). */
import type { FastifyPluginAsync } from 'fastify';
import type { WorkerIdentity } from '../runtime/herder.js';
import { route } from './routes.js';
import * as S from './schemas.js';

export type { WorkerIdentity } from '../runtime/herder.js';

export const rootRoutes: FastifyPluginAsync<{ identity: () => WorkerIdentity }> = async (app, opts) => {
  route(app, {
    method: 'GET',
    url: '/',
    doc: {
      summary: 'Worker version, commit and Kafka cluster id',
      operationId: 'serverInfo',
      tags: ['root'],
      responses: { 200: S.ok('The worker', S.ServerInfo) },
    },
    handler: async () => {
      const identity = opts.identity();
      return { version: identity.version, commit: identity.commit, kafka_cluster_id: identity.kafka_cluster_id };
    },
  });
};
