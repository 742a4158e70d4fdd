import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createRootLogger, type Logger } from '../../src/observability/logger.js';
import { createLoggerLevels, type LoggerLevels } from '../../src/rest/logger-levels.js';
import { createRestServer, type RestServerOptions } from '../../src/rest/server.js';
import { HerderDouble } from './herder-double.js';

/** A logger that keeps its lines, so tests can check what was logged. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createRootLogger({ destination, level: 'debug' }), lines };
}

export interface TestServer {
  readonly app: FastifyInstance;
  readonly herder: HerderDouble;
  readonly loggers: LoggerLevels;
  readonly logLines: string[];
}

export function testServer(options: Partial<RestServerOptions> = {}): TestServer {
  const herder = new HerderDouble();
  let clock = 1_795_262_160_413;
  const loggers = createLoggerLevels({
    configured: { 'org.apache.kafka.clients': 'WARN', 'org.reflections': 'ERROR' },
    now: () => clock++,
  });
  const { logger, lines } = capturingLogger();
  const app = createRestServer({ logger, herder, loggers, ...options });
  return { app, herder, loggers, logLines: lines };
}

/** The FileStreamSource configuration used on the real worker. */
export const FILE_SOURCE = { 'connector.class': 'FileStreamSource', file: '/tmp/twprobe.txt', topic: 'twp-topic' } as const;

export interface Observed {
  readonly status: number;
  /** The Content-Type header; null when there is none. */
  readonly type: string | null;
  readonly body: string;
}

export async function call(app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject(options);
}

/** Asserts a response is exactly what real Kafka Connect 3.9.1 answered (status, Content-Type, body text). */
export function assertObserved(res: LightMyRequestResponse, expected: Observed, what = ''): void {
  assert.equal(res.statusCode, expected.status, `${what} status (body ${res.body})`);
  assert.equal(res.headers['content-type'] ?? null, expected.type, `${what} content-type`);
  assert.equal(res.body, expected.body, `${what} body`);
}

export const json = (status: number, body: unknown): Observed => ({ status, type: 'application/json', body: JSON.stringify(body) });
export const error = (status: number, message: string): Observed => json(status, { error_code: status, message });
export const bare = (status: number, message: string): Observed => ({
  status,
  type: null,
  body: JSON.stringify({ error_code: status, message }),
});
export const empty = (status: number): Observed => ({ status, type: null, body: '' });

/** A JSON request, as curl sends it with `-H Content-Type:application/json -d …`. */
export function jsonRequest(method: InjectOptions['method'], url: string, body?: unknown): InjectOptions {
  return {
    method,
    url,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  };
}

export async function createFileSource(app: FastifyInstance, name: string, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await app.inject(jsonRequest('POST', '/connectors', { name, config: FILE_SOURCE, ...extra }));
  assert.equal(res.statusCode, 201, res.body);
}
