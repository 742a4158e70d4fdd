/**
 * A real StandaloneWorker for runtime tests: the embedded topic log (or a given Kafka) in a temp folder,
 * the REST API on a free port, the test plugins, and every pino line kept for assertions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Plugin } from '../../../src/api/plugin.js';
import type { ConsumedRecord, TopicStore } from '../../../src/kafka/port.js';
import { createRootLogger } from '../../../src/observability/logger.js';
import type { ConnectorStateInfo } from '../../../src/runtime/herder.js';
import { StandaloneWorker } from '../../../src/runtime/standalone.js';
import { within } from '../../support/timeout.js';
import { TEST_PLUGINS } from '../fixtures/plugins.js';

export const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';
export const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';

export interface RestAnswer {
  readonly status: number;
  readonly text: string;
  /** The parsed body; undefined when there is none. */
  readonly body: unknown;
}

export interface TestWorker {
  readonly worker: StandaloneWorker;
  readonly url: string;
  readonly dir: string;
  readonly store: TopicStore;
  /** Every log line written so far (pino JSON). */
  readonly logs: string[];
  request(method: string, path: string, body?: unknown): Promise<RestAnswer>;
  status(name: string): Promise<ConnectorStateInfo>;
  /** Polls the connector's status until `accept` holds; returns that status. */
  statusWhen(name: string, what: string, accept: (status: ConnectorStateInfo) => boolean, timeoutMs?: number): Promise<ConnectorStateInfo>;
  stop(): Promise<void>;
}

export interface TestWorkerOptions {
  /** A folder to reuse (a restarted worker); default a new temp folder. */
  readonly dir?: string;
  /** Worker properties on top of the test defaults. */
  readonly properties?: Readonly<Record<string, string>>;
  readonly plugins?: readonly Plugin[];
}

export function tempDir(prefix = 'tw-runtime-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Worker properties for tests: string converters, fast offset commits, the embedded log under `dir`. */
export function testWorkerProperties(dir: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    'key.converter': STRING_CONVERTER,
    'value.converter': STRING_CONVERTER,
    'offset.storage.file.filename': join(dir, 'connect.offsets'),
    'tidewater.embedded.log.dir': join(dir, 'topics'),
    'offset.flush.interval.ms': '100',
    'task.shutdown.graceful.timeout.ms': '5000',
    listeners: 'http://127.0.0.1:0',
    ...extra,
  };
}

/** Resolves with the first truthy value `probe` returns, polling; fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function startTestWorker(options: TestWorkerOptions = {}): Promise<TestWorker> {
  const dir = options.dir ?? tempDir();
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createRootLogger({ destination, level: 'debug' });
  const worker = await within(
    StandaloneWorker.start({
      workerProperties: testWorkerProperties(dir, options.properties),
      connectors: [],
      logger,
      plugins: options.plugins ?? TEST_PLUGINS,
    }),
    30_000,
    'the worker to start',
  );
  const request = async (method: string, path: string, body?: unknown): Promise<RestAnswer> => {
    const res = await fetch(`${worker.url}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const json = text !== '' && (res.headers.get('content-type') ?? 'application/json').includes('json');
    return { status: res.status, text, body: json ? (JSON.parse(text) as unknown) : undefined };
  };
  const status = async (name: string): Promise<ConnectorStateInfo> => {
    const answer = await request('GET', `/connectors/${encodeURIComponent(name)}/status`);
    if (answer.status !== 200) throw new Error(`status of ${name}: ${answer.status} ${answer.text}`);
    return answer.body as ConnectorStateInfo;
  };
  let stopped = false;
  return {
    worker,
    url: worker.url,
    dir,
    store: worker.store,
    logs,
    request,
    status,
    statusWhen: (name, what, accept, timeoutMs) =>
      eventually(`${name} ${what}`, async () => {
        const s = await status(name);
        return accept(s) ? s : undefined;
      }, timeoutMs),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await within(worker.stop(), 30_000, 'the worker to stop');
    },
  };
}

/** `RUNNING` connector with `count` RUNNING tasks. */
export function allRunning(count: number): (s: ConnectorStateInfo) => boolean {
  return (s) => s.connector.state === 'RUNNING' && s.tasks.length === count && s.tasks.every((t) => t.state === 'RUNNING');
}

/** Creates a connector through REST and checks the 201. */
export async function createConnector(w: TestWorker, name: string, config: Record<string, string>): Promise<RestAnswer> {
  const answer = await w.request('POST', '/connectors', { name, config });
  if (answer.status !== 201) throw new Error(`creating ${name}: ${answer.status} ${answer.text}`);
  return answer;
}

/** Reads `count` records of a topic from the beginning (once it exists), with a throwaway consumer group. */
export async function readTopic(store: TopicStore, topic: string, count: number, timeoutMs = 15_000): Promise<ConsumedRecord[]> {
  const admin = store.admin();
  try {
    await eventually(`topic ${topic} to exist`, async () => (await admin.listTopics()).includes(topic), timeoutMs);
  } finally {
    await admin.close();
  }
  const consumer = store.consumer({
    groupId: `test-reader-${topic}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    clientId: 'test-reader',
    autoOffsetReset: 'earliest',
    maxPollRecords: 500,
  });
  const records: ConsumedRecord[] = [];
  try {
    await consumer.subscribe({ topics: [topic] }, { onAssigned: async () => undefined, onRevoked: async () => undefined });
    await eventually(`${count} records in ${topic} (have ${records.length})`, async () => {
      records.push(...(await consumer.poll(200)));
      return records.length >= count;
    }, timeoutMs);
  } finally {
    await consumer.close();
  }
  return records;
}

/** The number of records in a topic's partitions so far (sum of end offsets). */
export async function topicSize(store: TopicStore, topic: string): Promise<number> {
  const admin = store.admin();
  try {
    const [description] = await admin.describeTopics([topic]);
    if (!description) return 0;
    const ends = await admin.endOffsets(Array.from({ length: description.partitions }, (_, partition) => ({ topic, partition })));
    return ends.reduce((sum, o) => sum + o.offset, 0);
  } finally {
    await admin.close();
  }
}

export const text = (bytes: Uint8Array | null): string | null => (bytes === null ? null : Buffer.from(bytes).toString('utf8'));
