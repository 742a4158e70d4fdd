/**
 * Connector definitions given on the command line, as `connect-standalone.sh` accepts them: a `.properties`
 * file (with a `name` key) or a JSON file, either Kafka's REST body `{"name": …, "config": {…}}` or a flat
 * config map.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../api/errors.js';
import { parseProperties } from '../config/properties.js';

export interface ConnectorDefinition {
  readonly name: string;
  readonly config: Record<string, string>;
  readonly initialState?: 'RUNNING' | 'PAUSED' | 'STOPPED';
}

function stringMap(value: unknown, file: string): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${file}: the connector config must be a JSON object`);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null || typeof v === 'object') throw new ConfigError(`${file}: the value of "${key}" must be a string, number or boolean`, { key });
    out[key] = String(v);
  }
  return out;
}

export function readConnectorFile(file: string): ConnectorDefinition {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read connector config ${file}: ${(err as Error).message}`);
  }
  let config: Record<string, string>;
  let name: string | undefined;
  let initialState: ConnectorDefinition['initialState'];
  if (/\.json$/i.test(file) || text.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new ConfigError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    const body = parsed as { name?: unknown; config?: unknown; initial_state?: unknown };
    if (body && typeof body === 'object' && 'config' in body && typeof body.config === 'object') {
      config = stringMap(body.config, file);
      name = typeof body.name === 'string' ? body.name : config.name;
      if (body.initial_state !== undefined) initialState = String(body.initial_state).toUpperCase() as ConnectorDefinition['initialState'];
    } else {
      config = stringMap(parsed, file);
      name = config.name;
    }
  } else {
    config = parseProperties(text);
    name = config.name;
  }
  if (!name) throw new ConfigError(`${file}: the connector has no name (set "name")`, { key: 'name' });
  if (config.name && config.name !== name) {
    throw new ConfigError(`${file}: the connector name "${name}" does not match the "name" config "${config.name}"`, { key: 'name' });
  }
  return { name, config: { ...config, name }, ...(initialState ? { initialState } : {}) };
}
