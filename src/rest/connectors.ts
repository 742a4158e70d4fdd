/**
 * `/connectors`: listing, creating, reading, reconfiguring and deleting connectors, their status, tasks and
 * active topics (Kafka's ConnectorsResource). Lifecycle operations and offsets are in connector-control.ts.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { NotFoundError } from '../api/errors.js';
import type { Herder } from '../runtime/herder.js';
import { readCreateRequest, readStringMap, withConnectorName, withoutNulls } from './body.js';
import { RestError, jerseyError } from './errors.js';
import { javaHashMap, javaInteger } from './java.js';
import { param, query, route, within } from './routes.js';
import * as S from './schemas.js';
import * as shape from './shapes.js';

export interface TopicTrackingOptions {
  /** Kafka's `topic.tracking.enable` (default true). */
  readonly enabled?: boolean;
  /** Kafka's `topic.tracking.allow.reset` (default true). */
  readonly allowReset?: boolean;
}

export interface ConnectorRoutesOptions {
  readonly herder: Herder;
  readonly requestTimeoutMs: number;
  readonly topicTracking?: TopicTrackingOptions;
}

const TAGS = ['connectors'];
const connector = { connector: S.connectorParam };

/** The absolute URL of a connector, as Jersey builds the `Location` header from the request's base URI. */
function connectorLocation(request: FastifyRequest, name: string): string {
  const path = encodeURIComponent(name).replace(/%2F/gi, '/');
  return `${request.protocol}://${request.host}/connectors/${path}`;
}

/** A task number in the path: JAX-RS answers 404 when it is not an Integer. */
export function taskNumber(request: FastifyRequest): number {
  const task = javaInteger(param(request, 'task'));
  if (task === undefined) throw new RestError(404, jerseyError(404).message);
  return task;
}

export const connectorRoutes: FastifyPluginAsync<ConnectorRoutesOptions> = async (app, opts) => {
  const { herder } = opts;
  const tracking = { enabled: opts.topicTracking?.enabled ?? true, allowReset: opts.topicTracking?.allowReset ?? true };
  const timed = <T>(operation: Promise<T>) => within(opts.requestTimeoutMs, operation);

  route(app, {
    method: 'GET',
    url: '/connectors',
    doc: {
      summary: 'List active connectors',
      description: 'With `expand`, an object keyed by connector name holding the requested `status` and/or `info`.',
      operationId: 'listConnectors',
      tags: TAGS,
      query: { expand: { description: 'status and/or info; repeatable; unknown values are ignored', schema: { type: 'string' } } },
      responses: { 200: S.ok('Connector names, or expanded details by name', { type: ['array', 'object'] }) },
    },
    handler: async (request) => {
      const q = query(request);
      if (!('expand' in q)) return herder.connectors();
      const expansions: unknown[] = Array.isArray(q.expand) ? q.expand : [q.expand];
      const out: Array<[string, Record<string, unknown>]> = [];
      for (const name of herder.connectors()) {
        try {
          const details: Array<[string, unknown]> = [];
          for (const expansion of expansions) {
            if (expansion === 'status') details.push(['status', shape.connectorState(herder.connectorStatus(name))]);
            else if (expansion === 'info') details.push(['info', shape.connectorInfo(herder.connectorInfo(name))]);
            else request.log.info({ expansion }, 'Ignoring unknown expansion type');
          }
          out.push([name, javaHashMap(details)]);
        } catch (err) {
          // Deleted while we were looking: left out, as Kafka does.
          if (!(err instanceof NotFoundError)) throw err;
        }
      }
      return javaHashMap(out);
    },
  });

  route(app, {
    method: 'POST',
    url: '/connectors',
    doc: {
      summary: 'Create a connector',
      description: 'The name is trimmed; a `name` inside `config` must match it.',
      operationId: 'createConnector',
      tags: TAGS,
      body: S.CreateConnectorRequest,
      responses: {
        201: S.ok('Created; `Location` names the connector', S.ConnectorInfo),
        400: S.error('Invalid configuration, or `config.name` differs from `name`'),
        409: S.error('A connector with this name exists'),
      },
    },
    handler: async (request, reply) => {
      const create = readCreateRequest(request.body);
      const config = withoutNulls(withConnectorName(create.name, create.config));
      const result = await timed(
        herder.putConnectorConfig(create.name, config, {
          allowReplace: false,
          ...(create.initialState ? { initialState: create.initialState } : {}),
        }),
      );
      return reply.code(201).header('location', connectorLocation(request, create.name)).send(shape.connectorInfo(result.info));
    },
  });

  route(app, {
    method: 'GET',
    url: '/connectors/:connector',
    doc: {
      summary: 'Get a connector',
      operationId: 'getConnector',
      tags: TAGS,
      params: connector,
      responses: { 200: S.ok('The connector', S.ConnectorInfo), 404: S.notFound },
    },
    handler: async (request) => shape.connectorInfo(herder.connectorInfo(param(request, 'connector'))),
  });

  route(app, {
    method: 'DELETE',
    url: '/connectors/:connector',
    doc: {
      summary: 'Delete a connector',
      operationId: 'destroyConnector',
      tags: TAGS,
      params: connector,
      responses: { 204: { description: 'Deleted' }, 404: S.notFound },
    },
    handler: async (request, reply) => {
      await timed(herder.deleteConnector(param(request, 'connector')));
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'GET',
    url: '/connectors/:connector/config',
    doc: {
      summary: "Get a connector's configuration",
      operationId: 'getConnectorConfig',
      tags: TAGS,
      params: connector,
      responses: { 200: S.ok('The configuration', S.ConnectorConfig), 404: S.notFound },
    },
    handler: async (request) => herder.connectorConfig(param(request, 'connector')),
  });

  route(app, {
    method: 'PUT',
    url: '/connectors/:connector/config',
    doc: {
      summary: 'Create or reconfigure a connector',
      description: 'A `name` in the body must match the connector in the path.',
      operationId: 'putConnectorConfig',
      tags: TAGS,
      params: connector,
      body: S.ConnectorConfig,
      responses: {
        200: S.ok('Reconfigured', S.ConnectorInfo),
        201: S.ok('Created; `Location` names the connector', S.ConnectorInfo),
        400: S.error('Invalid configuration, or its `name` differs from the path'),
      },
    },
    handler: async (request, reply) => {
      const name = param(request, 'connector');
      const config = withoutNulls(withConnectorName(name, readStringMap(request.body, 'a connector configuration')));
      const result = await timed(herder.putConnectorConfig(name, config, { allowReplace: true }));
      if (result.created) reply.code(201).header('location', connectorLocation(request, name));
      return reply.send(shape.connectorInfo(result.info));
    },
  });

  route(app, {
    method: 'PATCH',
    url: '/connectors/:connector/config',
    doc: {
      summary: "Patch a connector's configuration",
      description: 'Sets the given properties; null values remove properties (Kafka 3.9: `name` is not checked).',
      operationId: 'patchConnectorConfig',
      tags: TAGS,
      params: connector,
      body: S.ConfigPatch,
      responses: { 200: S.ok('Reconfigured', S.ConnectorInfo), 400: S.error('Invalid configuration'), 404: S.notFound },
    },
    handler: async (request) => {
      const patch = readStringMap(request.body, 'a connector configuration patch');
      return shape.connectorInfo(await timed(herder.patchConnectorConfig(param(request, 'connector'), patch)));
    },
  });

  route(app, {
    method: 'GET',
    url: '/connectors/:connector/status',
    doc: {
      summary: 'Get the status of a connector and its tasks',
      operationId: 'getConnectorStatus',
      tags: TAGS,
      params: connector,
      responses: { 200: S.ok('The status', S.ConnectorStateInfo), 404: S.notFound },
    },
    handler: async (request) => shape.connectorState(herder.connectorStatus(param(request, 'connector'))),
  });

  route(app, {
    method: 'GET',
    url: '/connectors/:connector/tasks',
    doc: {
      summary: "List a connector's tasks and their configurations",
      operationId: 'getTaskConfigs',
      tags: TAGS,
      params: connector,
      responses: { 200: S.ok('The tasks', { type: 'array', items: S.TaskInfo }), 404: S.notFound },
    },
    handler: async (request) => herder.taskConfigs(param(request, 'connector')).map(shape.taskInfo),
  });

  route(app, {
    method: 'GET',
    url: '/connectors/:connector/tasks-config',
    doc: {
      summary: "Get a connector's task configurations by task id (deprecated in Kafka 3.9)",
      operationId: 'getTasksConfig',
      tags: TAGS,
      params: connector,
      responses: {
        200: S.ok('Task configurations keyed by `<connector>-<task>`', { type: 'object', additionalProperties: { type: 'object' } }),
        404: S.notFound,
      },
    },
    handler: async (request) => {
      const tasks = herder.taskConfigs(param(request, 'connector'));
      return Object.fromEntries(tasks.map((t) => [`${t.id.connector}-${t.id.task}`, t.config]));
    },
  });

  route(app, {
    method: 'GET',
    url: '/connectors/:connector/tasks/:task/status',
    doc: {
      summary: 'Get the status of a task',
      operationId: 'getTaskStatus',
      tags: TAGS,
      params: { ...connector, task: S.taskParam },
      responses: { 200: S.ok('The task status', S.TaskState), 404: S.error('No such connector or task') },
    },
    handler: async (request) => shape.taskState(herder.taskStatus(param(request, 'connector'), taskNumber(request))),
  });

  route(app, {
    method: 'GET',
    url: '/connectors/:connector/topics',
    doc: {
      summary: 'Get the topics a connector has used (KIP-558)',
      operationId: 'getConnectorActiveTopics',
      tags: TAGS,
      params: connector,
      responses: { 200: S.ok('Active topics, keyed by connector', S.ActiveTopics), 403: S.error('Topic tracking is disabled') },
    },
    handler: async (request) => {
      if (!tracking.enabled) throw new RestError(403, 'Topic tracking is disabled.');
      const name = param(request, 'connector');
      return Object.fromEntries([[name, { topics: herder.connectorActiveTopics(name).topics }]]);
    },
  });

  route(app, {
    method: 'PUT',
    url: '/connectors/:connector/topics/reset',
    doc: {
      summary: "Reset a connector's set of active topics",
      operationId: 'resetConnectorActiveTopics',
      tags: TAGS,
      params: connector,
      responses: { 202: { description: 'Reset' }, 403: S.error('Topic tracking or its reset is disabled') },
    },
    handler: async (request, reply) => {
      if (!tracking.enabled) throw new RestError(403, 'Topic tracking is disabled.');
      if (!tracking.allowReset) throw new RestError(403, 'Topic tracking reset is disabled.');
      herder.resetConnectorActiveTopics(param(request, 'connector'));
      return reply.code(202).send();
    },
  });
};

