/**
 * The seed guide's shell scripts (test/fixtures/scripts, kept verbatim), run unchanged with bash against a
 * Tidewater standalone worker on 127.0.0.1:8083 — connector-management.sh hard-codes
 * CONNECT_URL=http://localhost:8083 — and, as the oracle, against real Kafka Connect 3.9.1 (the `connect`
 * test service) through a copy that changes CONNECT_URL only. A recording curl on PATH gives the HTTP
 * status of every call without touching the scripts.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildInfo } from '../../src/version.js';
import { useService } from '../env/index.js';
import { within } from '../support/timeout.js';
import { connectorPlugins } from './kafka-messages.js';
import { runScript, SCRIPTS, type CurlCall, type ScriptRun } from './script-runner.js';
import {
  CONNECTOR,
  FILE_SOURCE_CALLS,
  FILE_TOPIC,
  UNKNOWN_CLASS_CALLS,
  fileSourceOutput,
  fileSourceVariant,
  healthCheckOutput,
  unknownClassOutput,
  withFirstTraceLinesOnly,
  withoutWorkerSpecifics,
  TIDEWATER_LEGACY_RESTART_MESSAGE,
} from './seed-script-expectations.js';
import { assertPortFree, startStandaloneWorker, type StandaloneProcess } from './standalone-process.js';

const MANAGEMENT = join(SCRIPTS, 'connector-management.sh');
const HEALTH_CHECK = join(SCRIPTS, 'kafka-connect-health-check.sh');
const SCRIPT_URL = 'CONNECT_URL="http://localhost:8083"';
const PORT = 8083;

const isNotRestart = (call: CurlCall) => !call.path.endsWith('/restart');
/** The answers to the two restarts (printed before the next step's title), replaced by a placeholder. */
const withoutRestartAnswers = (stdout: string) => stdout.replace(/^.*(Restarting task 0\.\.\.|Deleting connector\.\.\.)$/gm, '<restart answer>$1');

interface TaskStates {
  readonly tasks: ReadonlyArray<{ readonly state: string }>;
}

async function untilTaskStates(url: string, connector: string, wanted: readonly string[]): Promise<void> {
  const reached = async () => {
    for (;;) {
      const response = await fetch(`${url}/connectors/${connector}/status`);
      if (response.status === 200) {
        const status = (await response.json()) as TaskStates;
        if (JSON.stringify(status.tasks.map((t) => t.state)) === JSON.stringify(wanted)) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await within(reached(), 30_000, `tasks of ${connector} to be ${wanted.join(', ')}`);
}

async function createConnector(url: string, name: string, config: Record<string, string>): Promise<void> {
  const response = await fetch(`${url}/connectors`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, config }),
  });
  assert.equal(response.status, 201, await response.text());
}

async function deleteConnector(url: string, name: string): Promise<void> {
  assert.equal((await fetch(`${url}/connectors/${name}`, { method: 'DELETE' })).status, 204);
}

describe('the seed guide scripts, run unchanged', () => {
  let worker: StandaloneProcess;
  let work: string;

  before(async () => {
    await assertPortFree(PORT, 'connector-management.sh hard-codes http://localhost:8083, so the Tidewater worker under test must listen there.');
    worker = await startStandaloneWorker({ host: '127.0.0.1', port: PORT });
    work = mkdtempSync(join(tmpdir(), 'tidewater-seed-scripts-'));
  });

  after(async () => {
    if (worker) assert.equal(await worker.stop(), 0, worker.output());
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('runs connector-management.sh, which hard-codes http://localhost:8083, against the worker listening there', () => {
    assert.equal(readFileSync(MANAGEMENT, 'utf8').split('\n')[3], SCRIPT_URL);
    assert.equal(worker.url, 'http://127.0.0.1:8083');
  });

  describe('connector-management.sh, whose JDBC source connector Tidewater does not have yet', () => {
    it('on real Kafka Connect 3.9.1 (oracle, only CONNECT_URL changed): exit 0, 500 for the unknown class, 404s and 500s after', async () => {
      const connect = await useService('connect');
      const copy = join(work, 'connector-management-oracle.sh');
      writeFileSync(copy, readFileSync(MANAGEMENT, 'utf8').replace(SCRIPT_URL, `CONNECT_URL="${connect.url}"`));
      const run = await runScript(copy);
      assert.equal(run.exitCode, 0, run.stderr);
      assert.deepEqual(run.calls, UNKNOWN_CLASS_CALLS);
      assert.equal(withoutWorkerSpecifics(run.stdout), withoutWorkerSpecifics(unknownClassOutput([], [])));
    });

    let tidewaterRun: Promise<ScriptRun> | undefined;
    const onTidewater = () => (tidewaterRun ??= runScript(MANAGEMENT));

    it('on Tidewater: exit 0 and, for every call but the restarts, the output and status Kafka Connect gives', async () => {
      const plugins = await connectorPlugins(worker.url);
      const run = await onTidewater();
      assert.equal(run.exitCode, 0, run.stderr);
      assert.equal(withoutRestartAnswers(run.stdout), withoutRestartAnswers(unknownClassOutput(plugins, [])));
      assert.deepEqual(run.calls.filter(isNotRestart), UNKNOWN_CLASS_CALLS.filter(isNotRestart));
    });

    it("on Tidewater: Kafka's 500s for restarting the unknown connector (with a readable message) and its task 0", async () => {
      const plugins = await connectorPlugins(worker.url);
      const run = await onTidewater();
      assert.equal(run.stdout, unknownClassOutput(plugins, [], TIDEWATER_LEGACY_RESTART_MESSAGE));
      assert.deepEqual(run.calls, UNKNOWN_CLASS_CALLS);
    });
  });

  describe('connector-management.sh with a FileStreamSource instead (only the connector configs changed)', () => {
    it('lists plugins, creates, lists, shows status and config, updates, pauses, resumes, restarts and deletes: exit 0', async () => {
      const file = join(work, 'orders.txt');
      writeFileSync(file, 'order-1\norder-2\n');
      const variant = join(work, 'connector-management-file-source.sh');
      writeFileSync(variant, fileSourceVariant(readFileSync(MANAGEMENT, 'utf8'), file));
      const plugins = await connectorPlugins(worker.url);
      const run = await runScript(variant);
      assert.equal(run.exitCode, 0, run.stderr);
      assert.deepEqual(run.calls, FILE_SOURCE_CALLS);
      assert.equal(run.stdout, fileSourceOutput(plugins, file, '127.0.0.1:8083'));
      assert.deepEqual(await (await fetch(`${worker.url}/connectors`)).json(), [], `${CONNECTOR} is deleted at the end`);
    });
  });

  describe('kafka-connect-health-check.sh (CONNECT_URL set)', () => {
    const build = buildInfo();
    const check = () => runScript(HEALTH_CHECK, { CONNECT_URL: worker.url });

    it('exits 0 saying so when no connectors are configured', async () => {
      const run = await check();
      assert.equal(run.exitCode, 0, run.stderr);
      assert.equal(run.stdout, healthCheckOutput('none', build));
    });

    it('exits 0 with every connector RUNNING when all tasks run', async () => {
      const input = join(work, 'health-input.txt');
      writeFileSync(input, 'line-1\nline-2\n');
      await createConnector(worker.url, 'health-source', { 'connector.class': 'FileStreamSource', file: input, topic: FILE_TOPIC });
      await createConnector(worker.url, 'health-sink', { 'connector.class': 'FileStreamSink', file: join(work, 'health-output.txt'), topics: FILE_TOPIC });
      await untilTaskStates(worker.url, 'health-source', ['RUNNING']);
      await untilTaskStates(worker.url, 'health-sink', ['RUNNING']);
      const run = await check();
      assert.equal(run.exitCode, 0, run.stderr);
      assert.equal(run.stdout, healthCheckOutput(['health-source: RUNNING (1 tasks)', 'health-sink: RUNNING (1 tasks)'], build));
    });

    const directory = () => join(work, 'not-a-file');
    let degradedRun: Promise<ScriptRun> | undefined;
    const withFailedTask = () =>
      (degradedRun ??= (async () => {
        // A FileStreamSink whose file is a directory: the connector starts, its task fails opening the file.
        mkdirSync(directory());
        await createConnector(worker.url, 'health-broken-sink', { 'connector.class': 'FileStreamSink', file: directory(), topics: FILE_TOPIC });
        await untilTaskStates(worker.url, 'health-broken-sink', ['FAILED']);
        return check();
      })());
    // Connectors are listed in Kafka's order (its standalone herder's HashMap), checked on Kafka Connect 3.9.1.
    const degraded = (failure: string) =>
      healthCheckOutput(
        ['health-source: RUNNING (1 tasks)', 'health-broken-sink: DEGRADED (1 failed tasks)', '  Failed tasks:', `    Task 0: FAILED - ${failure}`, 'health-sink: RUNNING (1 tasks)'],
        build,
      );

    it('exits 1 showing the connector DEGRADED, with its failed task and the trace, when a task has failed', async () => {
      const run = await withFailedTask();
      assert.equal(run.exitCode, 1, run.stderr);
      const traceMessage = /^( {4}Task 0: FAILED - )<exception>: .*$/m;
      assert.equal(withFirstTraceLinesOnly(run.stdout).replace(traceMessage, '$1<trace>'), degraded('<trace>'));
    });

    it("shows the failed FileStreamSink task's trace with Kafka's message", async () => {
      const run = await withFailedTask();
      // Kafka Connect 3.9.1 (observed): "Task 0: FAILED - org.apache.kafka.connect.errors.ConnectException:
      // Couldn't find or create file '…' for FileStreamSinkTask", Java frames, then "Caused by:
      // java.nio.file.FileSystemException: …: Is a directory".
      const message = `Couldn't find or create file '${directory()}' for FileStreamSinkTask`;
      assert.equal(withFirstTraceLinesOnly(run.stdout), degraded(`<exception>: ${message}`));
    });

    after(async () => {
      for (const name of ['health-source', 'health-sink', 'health-broken-sink']) {
        if ((await fetch(`${worker.url}/connectors/${name}`)).status === 200) await deleteConnector(worker.url, name);
      }
    });
  });
});
