/**
 * `GET /metrics`: the worker's metrics in Prometheus' text format. Kafka Connect publishes its metrics over
 * JMX, not REST; this route is Tidewater's own, outside the Kafka-compatible surface.
 */
import type { FastifyPluginAsync } from 'fastify';
import { PROMETHEUS_CONTENT_TYPE } from '../observability/metrics/registry.js';
import { route } from './routes.js';

export const metricsRoutes: FastifyPluginAsync<{ render: () => string }> = async (app, opts) => {
  route(app, {
    method: 'GET',
    url: '/metrics',
    doc: {
      summary: "The worker's metrics (Prometheus text format; Tidewater only)",
      operationId: 'metrics',
      tags: ['metrics'],
      produces: PROMETHEUS_CONTENT_TYPE,
      responses: { 200: { description: 'Prometheus exposition format 0.0.4', schema: { type: 'string' } } },
    },
    handler: async (_request, reply) => reply.type(PROMETHEUS_CONTENT_TYPE).send(opts.render()),
  });
};
