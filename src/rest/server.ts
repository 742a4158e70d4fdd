/**
 * The Kafka-Connect-compatible REST server. Resource plugins stay thin (parse, call the herder, shape JSON);
 * this file does what Jetty and Jersey do around them: JSON bodies, 404/405/OPTIONS for unmatched requests,
 * 406/415 media-type checks, optional authentication and TLS, and errors as `{error_code, message}`.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { ConfigError } from '../api/errors.js';
import type { Logger } from '../observability/logger.js';
import type { Herder } from '../runtime/herder.js';
import { authPlugin, createAuthenticator, sendUnauthorized, type RestAuth } from './auth.js';
import { connectorControlRoutes } from './connector-control.js';
import { connectorPluginRoutes } from './connector-plugins.js';
import { connectorRoutes, type TopicTrackingOptions } from './connectors.js';
import { credentialsIn, jerseyError, messageOf, restError, scrub, secretsIn, statusOf, RestError } from './errors.js';
import { healthRoutes } from './health.js';
import { parseJsonBody } from './json.js';
import { loggerRoutes, type LoggerControl } from './loggers.js';
import { metricsRoutes } from './metrics.js';
import { openApiRoutes } from './openapi.js';
import { rootRoutes, type WorkerIdentity } from './root.js';
import { RouteTable } from './routing.js';
import { httpsServerOptions, type HttpsListenerSettings } from './tls.js';
import { writeJettyHeads } from './wire.js';

export interface RestServerOptions {
  readonly logger: Logger;
  /** Serves `/connectors`, `/connector-plugins`, `/health` and `GET /`. */
  readonly herder?: Herder;
  /** `GET /` when there is no herder (the demo, until it runs one). */
  readonly identity?: () => WorkerIdentity;
  /** Serves `/admin/loggers`. */
  readonly loggers?: LoggerControl;
  /** Kafka's `listeners`: one `http://host:port` or `https://host:port` (default `http://0.0.0.0:8083`). */
  readonly listeners?: string;
  /** Kafka's `listeners.https.ssl.*` settings (without the `listeners.https.` prefix), for an https listener. */
  readonly https?: HttpsListenerSettings;
  /** Basic (user → password) or bearer-token protection of every route. */
  readonly auth?: RestAuth;
  /** Kafka's `topic.tracking.enable` and `topic.tracking.allow.reset`. */
  readonly topicTracking?: TopicTrackingOptions;
  /** How long a request waits for the herder before a 500 "Request timed out" (Kafka: 90 s). */
  readonly requestTimeoutMs?: number;
  /** Largest accepted request body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /** Serves `GET /metrics` (Prometheus text; not a Kafka Connect route): the worker's metrics, rendered. */
  readonly metrics?: () => string;
}

export interface Listener {
  readonly protocol: 'http' | 'https';
  readonly host: string;
  readonly port: number;
}

/** Parses Kafka's `listeners` (one listener; an empty host means every interface, as in `http://:8083`). */
export function parseListener(listeners = 'http://0.0.0.0:8083'): Listener {
  const all = listeners.split(',').map((l) => l.trim()).filter(Boolean);
  if (all.length !== 1) throw ConfigError.invalid('listeners', listeners, 'exactly one listener is supported');
  // The host is everything up to the last colon, so an unbracketed IPv6 address (`http://::1:8083`) reads too.
  const match = /^(https?):\/\/(\[[^\]]*\]|[^/]*):(\d+)\/?$/i.exec(all[0] ?? '');
  if (!match) throw ConfigError.invalid('listeners', listeners, 'expected http://host:port or https://host:port');
  const [, protocol = '', host = '', port = ''] = match;
  return { protocol: protocol.toLowerCase() as Listener['protocol'], host: host.replace(/^\[|\]$/g, '') || '0.0.0.0', port: Number(port) };
}

const JSON_TYPE = 'application/json';

function mediaType(header: string): string {
  return (header.split(';')[0] ?? '').trim().toLowerCase();
}

/** Whether an Accept header admits a media type (Jersey's check ignores q-values). */
function accepts(accept: string, type: string): boolean {
  const family = `${type.split('/')[0] ?? ''}/*`;
  return accept.split(',').some((range) => [type, family, '*/*', '*'].includes(mediaType(range)));
}

/** Builds the server (not yet listening). */
export function createRestServer(options: RestServerOptions): FastifyInstance {
  const listener = parseListener(options.listeners);
  const tls = listener.protocol === 'https' ? httpsServerOptions(options.https ?? {}) : undefined;
  const app = Fastify({
    loggerInstance: options.logger.child({ component: 'rest' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    serverFactory: (handler) => (tls ? createHttpsServer(tls, handler) : createHttpServer(handler)),
  });
  const routes = new RouteTable();
  routes.watch(app);
  const bare = new WeakSet<FastifyReply>();
  const authenticates = options.auth ? createAuthenticator(options.auth) : undefined;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_TYPE, { parseAs: 'string' }, (_request, body, done) => done(null, parseJsonBody(String(body))));

  app.addHook('onRequest', async (_request, reply) => writeJettyHeads(reply.raw));

  // Jersey's media-type checks, for matched routes: every Kafka resource consumes and produces JSON only.
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url === undefined) return;
    const type = request.headers['content-type'];
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (type ? mediaType(type) !== JSON_TYPE : hasBody) throw jerseyError(415);
    const accept = request.headers.accept;
    const produces = mediaType(request.routeOptions.config.doc?.produces ?? JSON_TYPE);
    if (accept && !accepts(accept, produces)) throw jerseyError(406);
  });
  if (options.auth) void app.register(authPlugin, { auth: options.auth });

  app.addHook('onSend', async (request, reply, payload) => {
    if (bare.has(reply)) reply.removeHeader('content-type');
    else if (String(reply.getHeader('content-type')).startsWith(`${JSON_TYPE};`)) reply.header('content-type', JSON_TYPE);
    return payload;
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = routes.allowed(path);
    if (allowed.length > 0 && request.method === 'OPTIONS') {
      if (authenticates && !authenticates(request.headers.authorization)) return sendUnauthorized(reply, 'OPTIONS');
      return reply.code(200).header('allow', allowed.join(',')).header('content-type', 'text/plain').send(allowed.join(', '));
    }
    const error = jerseyError(allowed.length > 0 ? 405 : 404);
    bare.add(reply);
    return reply.code(error.status).send(restError(error.status, error.message));
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    const status = statusOf(error);
    const secrets = [...secretsIn(request.body), ...credentialsIn(request.headers.authorization)];
    const message = scrub(messageOf(error), secrets);
    if (status >= 500) {
      const stack = error instanceof Error && error.stack ? scrub(error.stack, secrets) : undefined;
      request.log.error({ err: { message, stack }, method: request.method, url: request.url }, 'REST request failed');
    }
    if (error instanceof RestError && error.bare) bare.add(reply);
    return reply.code(status).send(restError(status, message));
  });

  const herder = options.herder;
  const identity = herder ? () => herder.workerIdentity() : options.identity;
  if (!identity) throw new ConfigError('The REST server needs a herder (or at least an identity for GET /)');
  const requestTimeoutMs = options.requestTimeoutMs ?? 90_000;

  void app.register(rootRoutes, { identity });
  if (herder) {
    const connectorOptions = { herder, requestTimeoutMs, ...(options.topicTracking ? { topicTracking: options.topicTracking } : {}) };
    void app.register(healthRoutes, { herder });
    void app.register(connectorRoutes, connectorOptions);
    void app.register(connectorControlRoutes, connectorOptions);
    void app.register(connectorPluginRoutes, { herder, requestTimeoutMs });
  }
  if (options.loggers) void app.register(loggerRoutes, { loggers: options.loggers });
  if (options.metrics) void app.register(metricsRoutes, { render: options.metrics });
  void app.register(openApiRoutes, {
    routes: () => routes.routes,
    version: () => identity().version,
    ...(options.auth ? { auth: options.auth.type } : {}),
  });
  return app;
}

export interface RunningRestServer {
  readonly app: FastifyInstance;
  /** The listener's URL with the bound port, e.g. `https://127.0.0.1:8443`. */
  readonly url: string;
}

/** Creates the server and listens on `options.listeners`. */
export async function startRestServer(options: RestServerOptions): Promise<RunningRestServer> {
  const listener = parseListener(options.listeners);
  const app = createRestServer(options);
  await app.listen({ host: listener.host, port: listener.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : listener.port;
  const host = listener.host.includes(':') ? `[${listener.host}]` : listener.host;
  return { app, url: `${listener.protocol}://${host}:${port}` };
}
