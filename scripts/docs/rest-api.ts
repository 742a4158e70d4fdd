/**
 * The REST API reference, rendered from the OpenAPI document that `GET /openapi.json` serves. The server is
 * built the way the standalone worker builds it (connectors, plugins, loggers, metrics; no authentication,
 * which worker properties cannot turn on yet) and asked for the document through fastify's inject.
 */
import type { Herder } from '../../src/runtime/herder.js';
import { createRootLogger } from '../../src/observability/logger.js';
import { createLoggerLevels } from '../../src/rest/logger-levels.js';
import { createRestServer } from '../../src/rest/server.js';
import { anchor, code, htmlToMarkdown, table } from './markdown.js';

interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly oneOf?: readonly Schema[];
  readonly items?: Schema;
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: Schema | boolean;
}

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly description?: string;
  readonly schema?: Schema;
}

interface Response {
  readonly description: string;
  readonly content?: Readonly<Record<string, { readonly schema?: Schema }>>;
}

interface Operation {
  readonly summary?: string;
  readonly description?: string;
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content: Readonly<Record<string, { readonly schema?: Schema }>> };
  readonly responses: Readonly<Record<string, Response>>;
}

export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> };
}

function unused(): never {
  throw new Error('the docs generator only reads the route declarations');
}

/** A herder the routes are declared against; the generator never calls a route. */
class DeclarationsOnlyHerder implements Herder {
  workerIdentity() {
    return { version: 'docs', commit: 'docs', kafka_cluster_id: 'docs' };
  }
  health = unused;
  connectors = unused;
  connectorInfo = unused;
  connectorConfig = unused;
  putConnectorConfig = unused;
  patchConnectorConfig = unused;
  deleteConnector = unused;
  connectorStatus = unused;
  taskStatus = unused;
  taskConfigs = unused;
  restartConnector = unused;
  restartTask = unused;
  pauseConnector = unused;
  resumeConnector = unused;
  stopConnector = unused;
  connectorActiveTopics = unused;
  resetConnectorActiveTopics = unused;
  connectorOffsets = unused;
  alterConnectorOffsets = unused;
  resetConnectorOffsets = unused;
  validateConnectorConfig = unused;
  plugins = unused;
  pluginConfig = unused;
}

/** The OpenAPI document of a standalone worker's REST server. */
export async function standaloneOpenApi(): Promise<OpenApiDocument> {
  const app = createRestServer({
    logger: createRootLogger({ level: 'silent' }),
    herder: new DeclarationsOnlyHerder(),
    loggers: createLoggerLevels(),
    topicTracking: { enabled: true, allowReset: true },
    metrics: () => '',
  });
  try {
    const res = await app.inject('/openapi.json');
    if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}`);
    return res.json<OpenApiDocument>();
  } finally {
    await app.close();
  }
}

const refName = (ref: string) => ref.replace('#/components/schemas/', '');

function schemaLabel(schema: Schema | undefined): string {
  if (!schema) return '';
  if (schema.$ref) return `[${refName(schema.$ref)}](#${anchor(refName(schema.$ref))})`;
  if (schema.oneOf) return schema.oneOf.map(schemaLabel).join(' or ');
  if (schema.type === 'array') return `array of ${schemaLabel(schema.items) || 'items'}`;
  return schema.type ?? '';
}

function bodyLabel(content: Readonly<Record<string, { readonly schema?: Schema }>> | undefined): string {
  const [type, media] = Object.entries(content ?? {})[0] ?? [];
  if (!type || !media) return '';
  const label = schemaLabel(media.schema);
  return type === 'application/json' ? label : `${label} (${type})`;
}

const operations = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));

const title = (method: string, path: string) => `${method} ${path}`;

function operationSection(method: string, path: string, op: Operation): string {
  const lines = [`### ${title(method, path)}`, ''];
  if (op.summary) lines.push(`${htmlToMarkdown(op.summary)}.`);
  if (op.description) lines.push('', htmlToMarkdown(op.description));
  const params = op.parameters ?? [];
  if (params.length) {
    lines.push(
      '',
      table(
        ['Parameter', 'In', 'Required', 'Type', 'Default', 'Description'],
        params.map((p) => [
          code(p.name),
          p.in,
          p.required ? 'yes' : 'no',
          schemaLabel(p.schema),
          p.schema?.default === undefined ? '' : code(String(p.schema.default)),
          p.description ?? '',
        ]),
      ),
    );
  }
  const body = op.requestBody ? bodyLabel(op.requestBody.content) : '';
  if (body) lines.push('', `Request body: ${body}.`);
  lines.push(
    '',
    table(
      ['Status', 'Meaning', 'Body'],
      Object.entries(op.responses).map(([status, r]) => [status, r.description, bodyLabel(r.content)]),
    ),
  );
  return lines.join('\n');
}

/** A schema as a compact type: `{ name: string, tasks: ConnectorTaskId[] }` (members present when there is a value). */
function shape(schema: Schema, indent = ''): string {
  const nullable = schema.nullable ? ' | null' : '';
  if (schema.$ref) return refName(schema.$ref) + nullable;
  if (schema.oneOf) return schema.oneOf.map((s) => shape(s, indent)).join(' | ') + nullable;
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ') + nullable;
  if (schema.type === 'array') return `${schema.items ? shape(schema.items, indent) : 'unknown'}[]${nullable}`;
  if (schema.type !== 'object') return (schema.type ?? 'unknown') + nullable;
  const inner = `${indent}  `;
  const members = Object.entries(schema.properties ?? {}).map(
    ([name, s]) => `${inner}${name}: ${shape(s, inner)}`,
  );
  const extra = schema.additionalProperties;
  if (extra && extra !== true) members.push(`${inner}[key: string]: ${shape(extra, inner)}`);
  if (members.length === 0) return `object${nullable}`;
  return `{\n${members.join(',\n')}\n${indent}}${nullable}`;
}

function schemasMarkdown(doc: OpenApiDocument): string {
  return Object.entries(doc.components.schemas)
    .map(([name, schema]) => {
      const description = schema.description ? `\n\n${htmlToMarkdown(schema.description)}.` : '';
      return `### ${name}${description}\n\n\`\`\`text\n${shape({ ...schema, description: '' })}\n\`\`\``;
    })
    .join('\n\n');
}

/** An overview table of every route, then one section per route, then the schemas they refer to. */
export function restApiMarkdown(doc: OpenApiDocument): string {
  const ops = operations(doc);
  const overview = table(
    ['Method', 'Path', 'Summary', 'Statuses'],
    ops.map(({ path, method, op }) => [method, `[${code(path)}](#${anchor(title(method, path))})`, op.summary ?? '', Object.keys(op.responses).join(', ')]),
  );
  return [overview, ...ops.map(({ path, method, op }) => operationSection(method, path, op)), '## Schemas', schemasMarkdown(doc)].join('\n\n');
}
