/**
 * Connector lifecycle and offsets: restart (connector, tasks), pause, resume, stop, and KIP-875's
 * `GET|PATCH|DELETE /connectors/{name}/offsets` (Kafka's ConnectorsResource).
 */
import type { FastifyPluginAsync } from 'fastify';
import { readOffsets } from './body.js';
import type { ConnectorRoutesOptions } from './connectors.js';
import { taskNumber } from './connectors.js';
import { javaBoolean } from './java.js';
import { empty, param, query, route, within } from './routes.js';
import * as S from './schemas.js';
import * as shape from './shapes.js';

const TAGS = ['connectors'];
const connector = { connector: S.connectorParam };

export const connectorControlRoutes: FastifyPluginAsync<ConnectorRoutesOptions> = async (app, opts) => {
  const { herder } = opts;
  const timed = <T>(operation: Promise<T>) => within(opts.requestTimeoutMs, operation);

  route(app, {
    method: 'POST',
    url: '/connectors/:connector/restart',
    doc: {
      summary: 'Restart a connector, and optionally its tasks',
      description:
        'Without flags, restarts the connector instance only and answers 204. With `includeTasks` or `onlyFailed`, ' +
        'answers 202 with the status showing what is restarting.',
      operationId: 'restartConnector',
      tags: TAGS,
      params: connector,
      query: {
        includeTasks: S.flag('Restart the tasks too', false),
        onlyFailed: S.flag('Restart only instances that have FAILED', false),
      },
      responses: {
        202: S.ok('Restarting', S.ConnectorStateInfo),
        204: { description: 'Connector restarted' },
        404: S.notFound,
      },
    },
    handler: async (request, reply) => {
      const q = query(request);
      const includeTasks = javaBoolean(q.includeTasks, false);
      const onlyFailed = javaBoolean(q.onlyFailed, false);
      const status = await timed(herder.restartConnector(param(request, 'connector'), { includeTasks, onlyFailed }));
      if (!includeTasks && !onlyFailed) return empty(reply, 204);
      return reply.code(202).send(status === null ? undefined : shape.connectorState(status));
    },
  });

  route(app, {
    method: 'POST',
    url: '/connectors/:connector/tasks/:task/restart',
    doc: {
      summary: 'Restart a task',
      operationId: 'restartTask',
      tags: TAGS,
      params: { ...connector, task: S.taskParam },
      responses: { 204: { description: 'Restarted' }, 404: S.error('No such connector or task') },
    },
    handler: async (request, reply) => {
      await timed(herder.restartTask(param(request, 'connector'), taskNumber(request)));
      return empty(reply, 204);
    },
  });

  const transitions = [
    { verb: 'pause', status: 202, summary: 'Pause a connector and its tasks', call: herder.pauseConnector.bind(herder) },
    { verb: 'resume', status: 202, summary: 'Resume a paused or stopped connector', call: herder.resumeConnector.bind(herder) },
    { verb: 'stop', status: 204, summary: 'Stop a connector and shut its tasks down', call: herder.stopConnector.bind(herder) },
  ] as const;
  for (const t of transitions) {
    route(app, {
      method: 'PUT',
      url: `/connectors/:connector/${t.verb}`,
      doc: {
        summary: t.summary,
        operationId: `${t.verb}Connector`,
        tags: TAGS,
        params: connector,
        responses: { [t.status]: { description: t.status === 202 ? 'Accepted' : 'Stopped' }, 404: S.notFound },
      },
      handler: async (request, reply) => {
        await timed(t.call(param(request, 'connector')));
        return empty(reply, t.status);
      },
    });
  }

  route(app, {
    method: 'GET',
    url: '/connectors/:connector/offsets',
    doc: {
      summary: "Get a connector's offsets (KIP-875)",
      operationId: 'getOffsets',
      tags: TAGS,
      params: connector,
      responses: { 200: S.ok('The offsets', S.ConnectorOffsets), 404: S.notFound },
    },
    handler: async (request) => shape.offsets(await timed(herder.connectorOffsets(param(request, 'connector')))),
  });

  route(app, {
    method: 'PATCH',
    url: '/connectors/:connector/offsets',
    doc: {
      summary: "Alter a stopped connector's offsets (KIP-875)",
      description: 'A null `offset` removes the partition.',
      operationId: 'alterConnectorOffsets',
      tags: TAGS,
      params: connector,
      body: S.ConnectorOffsets,
      responses: {
        200: S.ok('Altered', S.Message),
        400: S.error('No offsets given, or the connector is not STOPPED'),
        404: S.notFound,
      },
    },
    handler: async (request) => {
      const offsets = readOffsets(request.body);
      return { message: await timed(herder.alterConnectorOffsets(param(request, 'connector'), offsets)) };
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/connectors/:connector/offsets',
    doc: {
      summary: "Reset a stopped connector's offsets (KIP-875)",
      operationId: 'resetConnectorOffsets',
      tags: TAGS,
      params: connector,
      responses: { 200: S.ok('Reset', S.Message), 400: S.error('The connector is not STOPPED'), 404: S.notFound },
    },
    handler: async (request) => ({ message: await timed(herder.resetConnectorOffsets(param(request, 'connector'))) }),
  });
};
