/**
 * JSON Schemas of Kafka Connect's REST entities, for the route documentation. The OpenAPI document lists
 * each named schema once under `components.schemas` and refers to it wherever a route uses it.
 */
import type { JsonSchema, ParameterDoc, ResponseDoc } from './routes.js';

const string = { type: 'string' } as const;
const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

export const ErrorMessage: JsonSchema = {
  type: 'object',
  required: ['error_code', 'message'],
  properties: { error_code: { type: 'integer' }, message: string },
};

export const ServerInfo: JsonSchema = {
  type: 'object',
  properties: { version: string, commit: string, kafka_cluster_id: string },
};

export const WorkerStatus: JsonSchema = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['healthy', 'starting', 'unhealthy'] }, message: string },
};

export const ConnectorConfig: JsonSchema = { ...stringMap, description: 'Connector configuration properties' };

export const ConfigPatch: JsonSchema = {
  type: 'object',
  description: 'Properties to set; a null value removes the property',
  additionalProperties: { type: ['string', 'null'] },
};

const connectorType = { type: 'string', enum: ['source', 'sink', 'unknown'] } as const;

export const ConnectorTaskId: JsonSchema = {
  type: 'object',
  properties: { connector: string, task: { type: 'integer' } },
};

export const ConnectorInfo: JsonSchema = {
  type: 'object',
  properties: { name: string, config: ConnectorConfig, tasks: { type: 'array', items: ConnectorTaskId }, type: connectorType },
};

const stateInfo = {
  state: { type: 'string', enum: ['UNASSIGNED', 'RUNNING', 'PAUSED', 'STOPPED', 'FAILED', 'RESTARTING'] },
  worker_id: string,
  trace: string,
} as const;

export const TaskState: JsonSchema = { type: 'object', properties: { id: { type: 'integer' }, ...stateInfo } };

export const ConnectorStateInfo: JsonSchema = {
  type: 'object',
  properties: {
    name: string,
    connector: { type: 'object', properties: stateInfo },
    tasks: { type: 'array', items: TaskState },
    type: connectorType,
  },
};

export const TaskInfo: JsonSchema = { type: 'object', properties: { id: ConnectorTaskId, config: stringMap } };

export const CreateConnectorRequest: JsonSchema = {
  type: 'object',
  properties: {
    name: string,
    config: ConnectorConfig,
    initial_state: { type: 'string', enum: ['RUNNING', 'PAUSED', 'STOPPED'] },
  },
  additionalProperties: false,
};

export const ConnectorOffset: JsonSchema = {
  type: 'object',
  properties: { partition: { type: 'object' }, offset: { type: ['object', 'null'] } },
  additionalProperties: false,
};

export const ConnectorOffsets: JsonSchema = {
  type: 'object',
  properties: { offsets: { type: 'array', items: ConnectorOffset } },
  additionalProperties: false,
};

export const Message: JsonSchema = { type: 'object', properties: { message: string } };

export const ActiveTopics: JsonSchema = {
  type: 'object',
  description: 'Keyed by connector name',
  additionalProperties: { type: 'object', properties: { topics: { type: 'array', items: string } } },
};

export const PluginInfo: JsonSchema = {
  type: 'object',
  properties: {
    class: string,
    type: { type: 'string', enum: ['source', 'sink', 'transformation', 'predicate', 'converter', 'header_converter'] },
    version: string,
  },
};

export const ConfigKeyInfo: JsonSchema = {
  type: 'object',
  properties: {
    name: string,
    type: string,
    required: { type: 'boolean' },
    default_value: { type: ['string', 'null'] },
    importance: string,
    documentation: string,
    group: { type: ['string', 'null'] },
    width: string,
    display_name: string,
    dependents: { type: 'array', items: string },
    order: { type: 'integer' },
  },
};

export const ConfigValueInfo: JsonSchema = {
  type: 'object',
  properties: {
    name: string,
    value: { type: ['string', 'null'] },
    recommended_values: { type: 'array', items: string },
    errors: { type: 'array', items: string },
    visible: { type: 'boolean' },
  },
};

export const ConfigInfos: JsonSchema = {
  type: 'object',
  properties: {
    name: string,
    error_count: { type: 'integer' },
    groups: { type: 'array', items: string },
    configs: {
      type: 'array',
      items: { type: 'object', properties: { definition: ConfigKeyInfo, value: ConfigValueInfo } },
    },
  },
};

export const LoggerLevel: JsonSchema = {
  type: 'object',
  properties: { level: string, last_modified: { type: ['integer', 'null'], description: 'Milliseconds since the epoch' } },
};

export const LoggerLevelRequest: JsonSchema = {
  type: 'object',
  required: ['level'],
  properties: { level: { type: 'string', enum: ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'] } },
};

/** Every named schema, for `components.schemas`. */
export const COMPONENTS: Readonly<Record<string, JsonSchema>> = {
  ErrorMessage,
  ServerInfo,
  WorkerStatus,
  ConnectorConfig,
  ConfigPatch,
  ConnectorTaskId,
  ConnectorInfo,
  TaskState,
  ConnectorStateInfo,
  TaskInfo,
  CreateConnectorRequest,
  ConnectorOffset,
  ConnectorOffsets,
  Message,
  ActiveTopics,
  PluginInfo,
  ConfigKeyInfo,
  ConfigValueInfo,
  ConfigInfos,
  LoggerLevel,
  LoggerLevelRequest,
};

export const stringArray: JsonSchema = { type: 'array', items: string };

export function ok(description: string, schema: JsonSchema): ResponseDoc {
  return { description, schema };
}

export function error(description: string): ResponseDoc {
  return { description, schema: ErrorMessage };
}

export const connectorParam: ParameterDoc = { description: 'The connector name', schema: string, required: true };
export const taskParam: ParameterDoc = { description: 'The task number', schema: { type: 'integer' }, required: true };

export function flag(description: string, defaultValue: boolean): ParameterDoc {
  return { description, schema: { type: 'boolean', default: defaultValue } };
}

export const notFound = error('The connector does not exist');
