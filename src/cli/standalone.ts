/**
 * `tidewater standalone worker.properties [connector.properties|connector.json …]`, like
 * `connect-standalone.sh`: one worker process running the given connectors, with the REST API. SIGINT or
 * SIGTERM stops it gracefully (tasks stop, producers flush, offsets are committed).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { ConfigError } from '../api/errors.js';
import { parseProperties } from '../config/properties.js';
import { StandaloneWorker } from '../runtime/standalone.js';
import { readConnectorFile } from './connector-files.js';

export const STANDALONE_USAGE = `Usage: tidewater standalone <worker.properties> [connector.properties|connector.json ...]
`;

export function readWorkerProperties(file: string): Record<string, string> {
  if (!existsSync(file)) throw new ConfigError(`Worker properties file ${file} does not exist`);
  return parseProperties(readFileSync(file, 'utf8'));
}

/** Starts the worker and resolves when it has stopped after a signal. */
export async function runStandalone(argv: string[], logger: Logger): Promise<void> {
  const [workerFile, ...connectorFiles] = argv;
  if (!workerFile) throw new ConfigError(`missing worker properties file\n\n${STANDALONE_USAGE}`);
  const workerProperties = readWorkerProperties(workerFile);
  const connectors = connectorFiles.map(readConnectorFile);
  const worker = await StandaloneWorker.start({ workerProperties, connectors, logger });
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'Kafka Connect-compatible worker stopping');
      process.once(signal, () => process.exit(130));
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await worker.stop();
}
