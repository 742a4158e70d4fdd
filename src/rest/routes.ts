/**
 * How resource plugins declare routes: each route carries its documentation (parameters, request and
 * response schemas) in its fastify `config`, and `GET /openapi.json` is generated from those declarations.
 * Schemas document; they do not validate (Kafka's validation rules and messages live in body.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { RestError } from './errors.js';

export type JsonSchema = Readonly<Record<string, unknown>>;

export interface ResponseDoc {
  readonly description: string;
  /** Absent: no body. */
  readonly schema?: JsonSchema;
}

export interface ParameterDoc {
  readonly description: string;
  readonly schema: JsonSchema;
  readonly required?: boolean;
}

export interface RouteDoc {
  readonly summary: string;
  readonly operationId: string;
  readonly tags: readonly string[];
  readonly description?: string;
  readonly params?: Readonly<Record<string, ParameterDoc>>;
  readonly query?: Readonly<Record<string, ParameterDoc>>;
  readonly body?: JsonSchema;
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  /** The media type of successful responses (default `application/json`, as every Kafka resource). */
  readonly produces?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's documentation, read by the OpenAPI plugin. */
    doc?: RouteDoc;
  }
}

export type Params = Record<string, string>;

export interface RouteDef {
  readonly method: HTTPMethods;
  readonly url: string;
  readonly doc: RouteDoc;
  readonly handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

export function route(app: FastifyInstance, def: RouteDef): void {
  app.route({ method: def.method, url: def.url, config: { doc: def.doc }, handler: def.handler });
}

/** A path parameter (fastify decodes them, as JAX-RS does). */
export function param(request: FastifyRequest, name: string): string {
  return (request.params as Params)[name] ?? '';
}

export function query(request: FastifyRequest): Record<string, unknown> {
  return request.query as Record<string, unknown>;
}

/**
 * Waits for a herder operation no longer than Kafka's REST request timeout, then answers as Kafka does:
 * 500 "Request timed out" (the operation itself goes on).
 */
export async function within<T>(timeoutMs: number, operation: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RestError(500, 'Request timed out')), timeoutMs);
  });
  try {
    return await Promise.race([operation, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An empty response (Kafka's `Response.accepted().build()`, `noContent()`). */
export function empty(reply: FastifyReply, status: 202 | 204): FastifyReply {
  return reply.code(status).send();
}
