import type { FastifyPluginAsync } from 'fastify';

/** What `GET /` reports, in Kafka Connect's field names. */
export interface WorkerIdentity {
  readonly version: string;
  readonly commit: string;
  readonly kafka_cluster_id: string;
}

export const rootRoutes: FastifyPluginAsync<{ identity: () => WorkerIdentity }> = async (app, opts) => {
  app.get('/', async () => opts.identity());
};
