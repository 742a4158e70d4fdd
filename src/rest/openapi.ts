/**
 * `GET /openapi.json`: an OpenAPI 3.0 document generated from the declared routes and their documentation
 * (routes.ts), so it cannot drift from what the server serves. Named schemas (schemas.ts) are listed once
 * under `components.schemas` and referred to by `$ref`.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { RestAuth } from './auth.js';
import type { DeclaredRoute } from './routing.js';
import { route, type JsonSchema, type ParameterDoc } from './routes.js';
import * as S from './schemas.js';

export interface OpenApiOptions {
  readonly routes: () => readonly DeclaredRoute[];
  readonly version: () => string;
  readonly auth?: RestAuth['type'];
}

type Json = unknown;

const refs = new Map<Json, string>(Object.entries(S.COMPONENTS).map(([name, schema]) => [schema, name]));

/** Replaces named schemas with `$ref`s (below the top level, for the components themselves). */
function withRefs(schema: Json, top = false): Json {
  const name = refs.get(schema);
  if (name !== undefined && !top) return { $ref: `#/components/schemas/${name}` };
  if (Array.isArray(schema)) return schema.map((s: Json) => withRefs(s));
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, withRefs(v)]));
}

/** OpenAPI 3.0 has no type arrays: `type: [X, 'null']` becomes `type: X, nullable: true`. */
function toOpenApi30(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toOpenApi30);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((t) => t !== 'null');
      if (types.length === 1) out.type = types[0];
      else out.oneOf = types.map((t: Json) => ({ type: t }));
      if (types.length < value.length) out.nullable = true;
    } else {
      out[key] = toOpenApi30(value);
    }
  }
  return out;
}

const schemaOf = (schema: JsonSchema): Json => toOpenApi30(withRefs(schema));

function parameters(where: 'path' | 'query', docs: Readonly<Record<string, ParameterDoc>> | undefined): Json[] {
  return Object.entries(docs ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || p.required === true,
    description: p.description,
    schema: schemaOf(p.schema),
  }));
}

function operation(r: DeclaredRoute): Json {
  const doc = r.doc;
  if (!doc) return { responses: { default: { description: 'Undocumented' } } };
  const responses: Record<string, Json> = {};
  for (const [status, response] of Object.entries(doc.responses)) {
    const type = status.startsWith('2') ? (doc.produces ?? 'application/json') : 'application/json';
    responses[status] = {
      description: response.description,
      ...(response.schema ? { content: { [type]: { schema: schemaOf(response.schema) } } } : {}),
    };
  }
  responses['500'] ??= { description: 'Failure', content: { 'application/json': { schema: schemaOf(S.ErrorMessage) } } };
  return {
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    operationId: doc.operationId,
    tags: doc.tags,
    parameters: [...parameters('path', doc.params), ...parameters('query', doc.query)],
    ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(doc.body) } } } } : {}),
    responses,
  };
}

export function openApiDocument(options: OpenApiOptions): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of options.routes()) {
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    (paths[path] ??= {})[r.method.toLowerCase()] = operation(r);
  }
  const schemes = { basic: { type: 'http', scheme: 'basic' }, bearer: { type: 'http', scheme: 'bearer' } };
  return {
    openapi: '3.0.3',
    info: {
      title: 'Tidewater REST API (Kafka Connect compatible)',
      description: "Kafka Connect 3.9's REST API, served by Tidewater.",
      version: options.version(),
    },
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(S.COMPONENTS).map(([name, schema]) => [name, toOpenApi30(withRefs(schema, true))])),
      ...(options.auth ? { securitySchemes: { [options.auth]: schemes[options.auth] } } : {}),
    },
    ...(options.auth ? { security: [{ [options.auth]: [] }] } : {}),
  };
}

export const openApiRoutes: FastifyPluginAsync<OpenApiOptions> = async (app, opts) => {
  let cached: Json;
  route(app, {
    method: 'GET',
    url: '/openapi.json',
    doc: {
      summary: 'This document',
      operationId: 'openApi',
      tags: ['root'],
      responses: { 200: { description: 'OpenAPI 3.0 document', schema: { type: 'object' } } },
    },
    handler: async () => (cached ??= openApiDocument(opts)),
  });
};
