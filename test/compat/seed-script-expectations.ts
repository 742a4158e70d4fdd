/**
 * What the seed guide's scripts (test/fixtures/scripts) print, as observed on real Kafka Connect 3.9.1
 * standalone (the `connect` test service) on 2026-11-21, with the plugin-dependent parts rebuilt from the
 * worker's own plugin list. The scripts' curl calls without `-s` also write progress meters to stderr;
 * only stdout is compared.
 */
import type { CurlCall } from './script-runner.js';
import { errorBody, listingOrder, unknownConnectorClassMessage, withoutPluginList, type PluginInfo } from './kafka-messages.js';

export const CONNECTOR = 'orders-source';
export const JDBC_SOURCE = 'io.confluent.connect.jdbc.JdbcSourceConnector';
const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const pluginLines = (plugins: readonly PluginInfo[]) => listingOrder(plugins).map((p) => JSON.stringify(p.class));

/** The calls connector-management.sh makes, in order. */
const CALLS: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/connector-plugins'],
  ['POST', '/connectors'],
  ['GET', '/connectors'],
  ['GET', `/connectors/${CONNECTOR}/status`],
  ['GET', `/connectors/${CONNECTOR}/config`],
  ['PUT', `/connectors/${CONNECTOR}/config`],
  ['PUT', `/connectors/${CONNECTOR}/pause`],
  ['PUT', `/connectors/${CONNECTOR}/resume`],
  ['POST', `/connectors/${CONNECTOR}/restart`],
  ['POST', `/connectors/${CONNECTOR}/tasks/0/restart`],
  ['DELETE', `/connectors/${CONNECTOR}`],
];

function calls(statuses: readonly number[]): CurlCall[] {
  return CALLS.map(([method, path], i) => ({ method, path, status: String(statuses[i]) }));
}

/**
 * The unchanged script, whose JDBC source no worker here has. Kafka's standalone herder answers the
 * restarts of an unknown connector and of its task with 500s (its restartConnector/restartTask go on after
 * reporting "not found" and fail later), not with the 404s of the other calls.
 */
export const UNKNOWN_CLASS_CALLS = calls([200, 500, 200, 404, 404, 500, 404, 404, 500, 500, 404]);

/**
 * Kafka 3.9.1's standalone herder answers a plain restart of an unknown connector with a 500 carrying a Java
 * NullPointerException message; Tidewater keeps the 500 but says what is wrong.
 */
export const KAFKA_LEGACY_RESTART_MESSAGE = 'Cannot invoke "java.util.Map.get(Object)" because "connProps" is null';
export const TIDEWATER_LEGACY_RESTART_MESSAGE = `Unknown connector: ${CONNECTOR}`;

export function unknownClassOutput(
  plugins: readonly PluginInfo[],
  activeConnectors: readonly string[],
  legacyRestartMessage: string = KAFKA_LEGACY_RESTART_MESSAGE,
): string {
  const missing = errorBody(500, unknownConnectorClassMessage(JDBC_SOURCE, plugins));
  return [
    'Available connector plugins:',
    ...pluginLines(plugins),
    'Creating connector...',
    `${missing}Active connectors:`,
    pretty(activeConnectors),
    'Connector status:',
    pretty({ error_code: 404, message: `No status found for connector ${CONNECTOR}` }),
    'Connector config:',
    pretty({ error_code: 404, message: `Connector ${CONNECTOR} not found` }),
    'Updating connector...',
    `${missing}Pausing connector...`,
    `${errorBody(404, `Unknown connector ${CONNECTOR}`)}Resuming connector...`,
    `${errorBody(404, `Unknown connector ${CONNECTOR}`)}Restarting connector...`,
    `${errorBody(500, legacyRestartMessage)}Restarting task 0...`,
    `${errorBody(500, `Failed to start task ${CONNECTOR}-0 since it is not a recognizable type (source or sink)`)}Deleting connector...`,
    errorBody(404, `Connector ${CONNECTOR} not found`),
  ].join('\n');
}

/**
 * What differs between workers and is not Tidewater's to match: the plugin list (both the listing and the
 * tail of the unknown-class message) and the connectors other users of the shared Kafka Connect have.
 */
export function withoutWorkerSpecifics(stdout: string): string {
  const lines = withoutPluginList(stdout).split('\n');
  const between = (from: string, to: string, placeholder: string) => {
    const start = lines.findIndex((l) => l.endsWith(from));
    const end = lines.findIndex((l, i) => i > start && l.startsWith(to));
    if (start >= 0 && end > start) lines.splice(start + 1, end - start - 1, placeholder);
  };
  between('Available connector plugins:', 'Creating connector...', '<plugins>');
  between('Active connectors:', 'Connector status:', '<connectors>');
  return lines.join('\n');
}

const JDBC_CREATE_CONFIG = `      "connector.class": "io.confluent.connect.jdbc.JdbcSourceConnector",
      "tasks.max": "1",
      "connection.url": "jdbc:postgresql://postgres:5432/demo",
      "connection.user": "postgres",
      "connection.password": "postgres",
      "table.whitelist": "orders",
      "mode": "incrementing",
      "incrementing.column.name": "id",
      "topic.prefix": "db."
`;

const JDBC_UPDATE_CONFIG = `    "connector.class": "io.confluent.connect.jdbc.JdbcSourceConnector",
    "tasks.max": "2",
    "connection.url": "jdbc:postgresql://postgres:5432/demo",
    "connection.user": "postgres",
    "connection.password": "postgres",
    "table.whitelist": "orders,customers",
    "mode": "incrementing",
    "incrementing.column.name": "id",
    "topic.prefix": "db."
`;

export const FILE_TOPIC = 'db.orders';

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one occurrence of:\n${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The management script with only its two connector configs changed to a FileStreamSource reading `file`. */
export function fileSourceVariant(script: string, file: string): string {
  const created = replaceOnce(
    script,
    JDBC_CREATE_CONFIG,
    `      "connector.class": "${FILE_SOURCE}",\n      "tasks.max": "1",\n      "file": "${file}",\n      "topic": "${FILE_TOPIC}"\n`,
  );
  return replaceOnce(
    created,
    JDBC_UPDATE_CONFIG,
    `    "connector.class": "${FILE_SOURCE}",\n    "tasks.max": "2",\n    "file": "${file}",\n    "topic": "${FILE_TOPIC}",\n    "batch.size": "100"\n`,
  );
}

/** Every call of the FileStreamSource variant succeeds (Kafka Connect 3.9.1 answers the same). */
export const FILE_SOURCE_CALLS = calls([200, 201, 200, 200, 200, 200, 202, 202, 204, 204, 204]);

/**
 * The FileStreamSource variant's output. FileStreamSource makes one task whatever tasks.max says, so the
 * update keeps task 0 only. Kafka Connect prints the same, with its own plugins and worker id.
 */
export function fileSourceOutput(plugins: readonly PluginInfo[], file: string, workerId: string): string {
  const created = { 'connector.class': FILE_SOURCE, 'tasks.max': '1', file, topic: FILE_TOPIC, name: CONNECTOR };
  const updated = { 'connector.class': FILE_SOURCE, 'tasks.max': '2', file, topic: FILE_TOPIC, 'batch.size': '100', name: CONNECTOR };
  const info = (config: Record<string, string>) => JSON.stringify({ name: CONNECTOR, config, tasks: [{ connector: CONNECTOR, task: 0 }], type: 'source' });
  const status = {
    name: CONNECTOR,
    connector: { state: 'RUNNING', worker_id: workerId },
    tasks: [{ id: 0, state: 'RUNNING', worker_id: workerId }],
    type: 'source',
  };
  return [
    'Available connector plugins:',
    ...pluginLines(plugins),
    'Creating connector...',
    `${info(created)}Active connectors:`,
    pretty([CONNECTOR]),
    'Connector status:',
    pretty(status),
    'Connector config:',
    pretty(created),
    'Updating connector...',
    `${info(updated)}Pausing connector...`,
    'Resuming connector...',
    'Restarting connector...',
    'Restarting task 0...',
    'Deleting connector...',
    '',
  ].join('\n');
}

/** kafka-connect-health-check.sh's report around the per-connector lines. */
export function healthCheckOutput(connectorLines: readonly string[] | 'none', build: { version: string; commit: string }): string {
  const head = ['Kafka Connect Health Check', '==========================', 'REST API Status: OK'];
  if (connectorLines === 'none') return [...head, 'No connectors configured', ''].join('\n');
  return [
    ...head,
    '',
    'Connector Status:',
    '-----------------',
    ...connectorLines,
    '',
    'Worker Metrics:',
    '--------------',
    `Version: ${build.version}`,
    `Commit: ${build.commit}`,
    '',
  ].join('\n');
}

/**
 * A failed task's trace as the health check prints it, cut to its first line with the exception's class
 * name replaced: the stack frames (Java's or JavaScript's) and the class names (Kafka's
 * org.apache.kafka.connect.errors.ConnectException, Tidewater's ConnectError) are runtime details.
 */
export function withFirstTraceLinesOnly(output: string): string {
  return output
    .split('\n')
    .filter((line) => !/^(\s+at |Caused by: |\s*\.\.\. \d+ more)/.test(line))
    .map((line) => line.replace(/^(\s+Task \d+: FAILED - )[\w.$]+: /, '$1<exception>: '))
    .join('\n');
}
