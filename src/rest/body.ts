/**
 * Reading request bodies into the herder's types, the way Kafka's Jackson mapping reads them: numbers and
 * booleans become strings, unknown fields of an entity are refused, and a body that cannot be mapped is a
 * 500 (Kafka's status), with a message saying what was wrong. Nothing here quotes a value from the body.
 */
import type { ConnectorOffset, ConnectorOffsets, TargetState } from '../runtime/herder.js';
import { RestError } from './errors.js';
import { javaTrim } from './java.js';
import { MalformedJson } from './json.js';

type Json = unknown;

function kindOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cannotDeserialize(what: string, detail: string): RestError {
  return new RestError(500, `Cannot deserialize ${what}: ${detail}`);
}

function requireBody(body: Json, what: string): Record<string, Json> {
  if (body instanceof MalformedJson) throw body.error;
  if (body === undefined) throw new RestError(500, `The request body is empty; expected ${what} as a JSON object`);
  if (!isObject(body)) throw cannotDeserialize(what, `expected a JSON object, found a JSON ${kindOf(body)}`);
  return body;
}

function refuseUnknownFields(body: Record<string, Json>, what: string, known: readonly string[]): void {
  const unknown = Object.keys(body).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new RestError(
      500,
      `Unrecognized field "${unknown}" in ${what} (${known.length} known properties: ${known.map((k) => `"${k}"`).join(', ')})`,
    );
  }
}

/** A JSON scalar as Jackson reads it into a String; null stays null. */
function scalarString(value: Json, what: string, key: string): string | null {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw cannotDeserialize(what, `the value of "${key}" must be a string, found a JSON ${kindOf(value)}`);
}

/** A `Map<String, String>` body; null values are kept for the caller to judge. */
export function readStringMap(body: Json, what: string): Record<string, string | null> {
  const object = requireBody(body, what);
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, scalarString(value, what, key)]));
}

/**
 * Kafka's herder refuses a null configuration value with this validation message (for `POST /connectors`;
 * its `PUT …/config` fails with a 500 after storing the null, which Tidewater does not reproduce).
 */
export function withoutNulls(config: Readonly<Record<string, string | null>>): Record<string, string> {
  if (Object.values(config).some((v) => v === null)) {
    throw new RestError(
      400,
      'Connector configuration is invalid and contains the following 1 error(s):\n' +
        'Null value can not be supplied as the configuration value.\n' +
        'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
    );
  }
  return config as Record<string, string>;
}

export interface CreateConnectorRequest {
  /** Trimmed; empty when the body had none (the herder's validation reports it, as Kafka's does). */
  readonly name: string;
  readonly config: Record<string, string | null>;
  readonly initialState?: TargetState;
}

const CREATE_REQUEST = 'CreateConnectorRequest';
const INITIAL_STATES: readonly TargetState[] = ['RUNNING', 'PAUSED', 'STOPPED'];

/** The body of `POST /connectors`: `{name, config, initial_state?}`. */
export function readCreateRequest(body: Json): CreateConnectorRequest {
  const object = requireBody(body, CREATE_REQUEST);
  refuseUnknownFields(object, CREATE_REQUEST, ['config', 'name', 'initial_state']);
  const name = scalarString(object.name ?? null, CREATE_REQUEST, 'name');
  if (object.config === undefined || object.config === null) {
    throw new RestError(500, `${CREATE_REQUEST} has no "config"; expected a JSON object of configuration properties`);
  }
  const config = readStringMap(object.config, `the "config" of ${CREATE_REQUEST}`);
  const state = scalarString(object.initial_state ?? null, CREATE_REQUEST, 'initial_state');
  let initialState: TargetState | undefined;
  if (state !== null) {
    initialState = INITIAL_STATES.find((s) => s === state.toUpperCase());
    if (!initialState) {
      throw cannotDeserialize(CREATE_REQUEST, `"initial_state" must be one of ${INITIAL_STATES.join(', ')}`);
    }
  }
  return { name: name === null ? '' : javaTrim(name), config, ...(initialState ? { initialState } : {}) };
}

/**
 * Kafka's check of a configuration's `name` against the connector named by the request: a mismatch is a
 * 400; a missing `name` is added (last, as Kafka's LinkedHashMap has it).
 */
export function withConnectorName<V extends string | null>(
  name: string,
  config: Readonly<Record<string, V>>,
): Record<string, V | string> {
  const included = config.name;
  if (included !== undefined && included !== null) {
    if (included !== name) {
      throw new RestError(400, `Connector name configuration (${included}) doesn't match connector name in the URL (${name})`);
    }
    return { ...config };
  }
  return { ...config, name };
}

const OFFSETS = 'ConnectorOffsets';
const OFFSET = 'ConnectorOffset';

/** The body of `PATCH /connectors/{name}/offsets` (KIP-875). */
export function readOffsets(body: Json): ConnectorOffsets {
  const object = requireBody(body, OFFSETS);
  refuseUnknownFields(object, OFFSETS, ['offsets']);
  const list = object.offsets;
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    throw cannotDeserialize(OFFSETS, `"offsets" must be a JSON array, found a JSON ${kindOf(list)}`);
  }
  if (!list || list.length === 0) {
    throw new RestError(400, 'Partitions / offsets need to be provided for an alter offsets request');
  }
  const offsets: ConnectorOffset[] = list.map((entry: Json) => {
    const item = isObject(entry) ? entry : null;
    if (!item) throw cannotDeserialize(OFFSET, `each offset must be a JSON object, found a JSON ${kindOf(entry)}`);
    refuseUnknownFields(item, OFFSET, ['partition', 'offset']);
    const { partition, offset } = item;
    // Kafka's worker refuses a null partition with this message and a 500.
    if (partition === undefined || partition === null) throw new RestError(500, 'Partition objects cannot be null');
    if (!isObject(partition)) {
      throw cannotDeserialize(OFFSET, `"partition" must be a JSON object, found a JSON ${kindOf(partition)}`);
    }
    if (offset !== undefined && offset !== null && !isObject(offset)) {
      throw cannotDeserialize(OFFSET, `"offset" must be a JSON object or null, found a JSON ${kindOf(offset)}`);
    }
    return { partition, offset: offset ?? null };
  });
  return { offsets };
}

/** The `level` of a `PUT /admin/loggers/{logger}` body (a `Map<String, String>`); null when absent. */
export function readLevel(body: Json): string | null {
  const map = readStringMap(body, 'a logger level (a JSON object of strings)');
  return map.level ?? null;
}
