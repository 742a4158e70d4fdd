/**
 * `/connector-plugins`: installed plugins, a plugin's configuration keys, and configuration validation
 * (Kafka's ConnectorPluginsResource).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Herder } from '../runtime/herder.js';
import { readStringMap } from './body.js';
import { RestError, javaExceptionName } from './errors.js';
import { javaBoolean } from './java.js';
import { param, query, route, within } from './routes.js';
import * as S from './schemas.js';
import * as shape from './shapes.js';

export interface ConnectorPluginRoutesOptions {
  readonly herder: Herder;
  readonly requestTimeoutMs: number;
}

const TAGS = ['connector-plugins'];
const pluginParam = { description: 'Class name or alias of the plugin', schema: { type: 'string' }, required: true };

/** Kafka's normalization: a trailing "Connector" is dropped, so full names, simple names and aliases compare. */
function normalizedPluginName(name: string): string {
  const suffix = 'Connector';
  return name.endsWith(suffix) && name.length > suffix.length ? name.slice(0, -suffix.length) : name;
}

export const connectorPluginRoutes: FastifyPluginAsync<ConnectorPluginRoutesOptions> = async (app, opts) => {
  const { herder } = opts;

  route(app, {
    method: 'GET',
    url: '/connector-plugins',
    doc: {
      summary: 'List installed plugins',
      operationId: 'listConnectorPlugins',
      tags: TAGS,
      query: { connectorsOnly: S.flag('List connectors only; false adds transformations, predicates and converters', true) },
      responses: { 200: S.ok('The plugins', { type: 'array', items: S.PluginInfo }) },
    },
    handler: async (request) => {
      const connectorsOnly = javaBoolean(query(request).connectorsOnly, true);
      return herder.plugins({ connectorsOnly }).map(shape.plugin);
    },
  });

  route(app, {
    method: 'GET',
    url: '/connector-plugins/:plugin/config',
    doc: {
      summary: "Describe a plugin's configuration keys",
      operationId: 'getConnectorConfigDef',
      tags: TAGS,
      params: { plugin: pluginParam },
      responses: { 200: S.ok('The keys', { type: 'array', items: S.ConfigKeyInfo }), 404: S.error('Unknown plugin') },
    },
    handler: async (request) => herder.pluginConfig(param(request, 'plugin')).map(shape.configKey),
  });

  route(app, {
    method: 'PUT',
    url: '/connector-plugins/:plugin/config/validate',
    doc: {
      summary: 'Validate a connector configuration',
      description: 'A `connector.class` in the body must name the plugin in the path.',
      operationId: 'validateConfigs',
      tags: TAGS,
      params: { plugin: pluginParam },
      body: S.ConnectorConfig,
      responses: {
        200: S.ok('Every key with its value and errors', S.ConfigInfos),
        400: S.error('`connector.class` does not match the path'),
      },
    },
    handler: async (request) => {
      const plugin = param(request, 'plugin');
      const given = readStringMap(request.body, 'a connector configuration');
      const included = given['connector.class'];
      if (included != null && !normalizedPluginName(included).endsWith(normalizedPluginName(plugin))) {
        throw new RestError(400, `Included connector type ${included} does not match request type ${plugin}`);
      }
      // Kafka passes null values on to validation; the herder's interface takes strings only (see the report).
      const config = Object.fromEntries(Object.entries(given).filter((e): e is [string, string] => e[1] !== null));
      // Kafka answers every failure of validation itself (no connector.class, an unknown class) with a 500 whose
      // message starts with the Java exception class, because it arrives wrapped from the herder's future.
      const infos = await within(opts.requestTimeoutMs, herder.validateConnectorConfig(config)).catch((err: unknown) => {
        if (err instanceof RestError) throw err;
        throw new RestError(500, `${javaExceptionName(err)}: ${err instanceof Error ? err.message : String(err)}`);
      });
      return shape.configInfos(infos);
    },
  });
};
