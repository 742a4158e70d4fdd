/**
 * Restarts, failures and task reconfiguration on a real StandaloneWorker (embedded topic log): what the REST
 * API answers and which instances really restart, compared with Kafka Connect 3.9's StandaloneHerder.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConnectorStateInfo } from '../../src/runtime/herder.js';
import { NUMBERED_SOURCE } from './fixtures/plugins.js';
import { sourceProbe } from './fixtures/probes.js';
import { allRunning, createConnector, eventually, removeDir, startTestWorker, type TestWorker } from './support/worker.js';

const TOO_MANY_TASKS =
  'The connector life-too-many has generated 3 tasks, which is greater than 2, the maximum number of tasks it is configured to create. ' +
  'This behaviour should be considered a bug and is disallowed. If necessary, it can be permitted by reconfiguring the connector ' +
  "with 'tasks.max.enforce' set to false; however, this option will be removed in a future release of Kafka Connect.";

describe('restarts, failures and reconfiguration on a standalone worker', () => {
  let w: TestWorker;
  let workerId: string;

  before(async () => {
    w = await startTestWorker();
    workerId = new URL(w.url).host;
  });

  after(async () => {
    await w.stop();
    removeDir(w.dir);
  });

  const source = (topic: string, extra: Record<string, string> = {}) => ({ 'connector.class': NUMBERED_SOURCE, topic, 'records.total': '1', ...extra });
  const states = (s: ConnectorStateInfo) => [s.connector.state, ...s.tasks.map((t) => `${t.id}:${t.state}`)];

  it('restarts only the Connector instance without flags (204)', async () => {
    const probe = sourceProbe('life-restart');
    await createConnector(w, 'life-restart', source('life-restart', { 'tasks.max': '2' }));
    await w.statusWhen('life-restart', 'running', allRunning(2));

    const restart = await w.request('POST', '/connectors/life-restart/restart');
    assert.deepEqual([restart.status, restart.text], [204, '']);
    assert.deepEqual([probe.connectorStarts, probe.connectorStops, probe.taskStarts.get(0), probe.taskStarts.get(1)], [2, 1, 1, 1]);
    assert.deepEqual(states(await w.status('life-restart')), ['RUNNING', '0:RUNNING', '1:RUNNING']);
  });

  it('restarts connector and tasks with includeTasks=true: 202 with RESTARTING states, then RUNNING', async () => {
    const probe = sourceProbe('life-restart-all');
    await createConnector(w, 'life-restart-all', source('life-restart-all', { 'tasks.max': '2' }));
    await w.statusWhen('life-restart-all', 'running', allRunning(2));

    const restart = await w.request('POST', '/connectors/life-restart-all/restart?includeTasks=true');
    assert.equal(restart.status, 202);
    assert.deepEqual(restart.body, {
      name: 'life-restart-all',
      connector: { state: 'RESTARTING', worker_id: workerId },
      tasks: [
        { id: 0, state: 'RESTARTING', worker_id: workerId },
        { id: 1, state: 'RESTARTING', worker_id: workerId },
      ],
      type: 'source',
    });
    await eventually('both tasks restarted', () => probe.taskStarts.get(0) === 2 && probe.taskStarts.get(1) === 2);
    await w.statusWhen('life-restart-all', 'running again', allRunning(2));
    assert.equal(probe.connectorStarts, 2);
  });

  it('restarts only what FAILED with includeTasks=true&onlyFailed=true; the failed task keeps its trace in the 202', async () => {
    const probe = sourceProbe('life-only-failed');
    await createConnector(
      w,
      'life-only-failed',
      source('life-only-failed', { 'tasks.max': '2', 'records.total': '5', 'task.poll.error.at': '1', 'task.poll.error.task': '1', 'task.poll.error.once': 'true', 'task.poll.error.message': 'task 1 tripped' }),
    );
    const failed = await w.statusWhen('life-only-failed', 'task 1 failed', (s) => s.tasks[1]?.state === 'FAILED' && s.tasks[0]?.state === 'RUNNING');
    const trace = failed.tasks[1]?.trace ?? '';

    const restart = await w.request('POST', '/connectors/life-only-failed/restart?includeTasks=true&onlyFailed=true');
    assert.equal(restart.status, 202);
    assert.deepEqual(restart.body, {
      name: 'life-only-failed',
      connector: { state: 'RUNNING', worker_id: workerId },
      tasks: [
        { id: 0, state: 'RUNNING', worker_id: workerId },
        { id: 1, state: 'RESTARTING', worker_id: workerId, trace },
      ],
      type: 'source',
    });
    await w.statusWhen('life-only-failed', 'task 1 running again', allRunning(2));
    assert.deepEqual([probe.connectorStarts, probe.taskStarts.get(0), probe.taskStarts.get(1)], [1, 1, 2]);
  });

  it('leaves a STOPPED connector STOPPED when it is restarted, with or without tasks', async () => {
    const probe = sourceProbe('life-restart-stopped');
    await createConnector(w, 'life-restart-stopped', source('life-restart-stopped'));
    await w.statusWhen('life-restart-stopped', 'running', allRunning(1));
    await w.request('PUT', '/connectors/life-restart-stopped/stop');

    const plain = await w.request('POST', '/connectors/life-restart-stopped/restart');
    assert.deepEqual([plain.status, plain.text], [204, '']);
    const withTasks = await w.request('POST', '/connectors/life-restart-stopped/restart?includeTasks=true');
    assert.deepEqual([withTasks.status, withTasks.body], [
      202,
      { name: 'life-restart-stopped', connector: { state: 'RESTARTING', worker_id: workerId }, tasks: [], type: 'source' },
    ]);
    await w.statusWhen('life-restart-stopped', 'stopped again', (s) => s.connector.state === 'STOPPED' && s.tasks.length === 0);
    assert.equal(probe.connectorStarts, 1, 'a stopped connector is not started by a restart');
  });

  it('restarts one task with POST /tasks/{id}/restart (204), and answers 404 for a task that does not exist', async () => {
    const probe = sourceProbe('life-task-restart');
    await createConnector(w, 'life-task-restart', source('life-task-restart', { 'tasks.max': '2' }));
    await w.statusWhen('life-task-restart', 'running', allRunning(2));

    const restart = await w.request('POST', '/connectors/life-task-restart/tasks/1/restart');
    assert.deepEqual([restart.status, restart.text], [204, '']);
    await w.statusWhen('life-task-restart', 'running', allRunning(2));
    assert.deepEqual([probe.connectorStarts, probe.taskStarts.get(0), probe.taskStarts.get(1)], [1, 1, 2]);

    const missing = await w.request('POST', '/connectors/life-task-restart/tasks/9/restart');
    assert.deepEqual([missing.status, missing.body], [404, { error_code: 404, message: 'Task life-task-restart-9 not found' }]);
  });

  it("keeps a connector whose start() fails, FAILED with its trace and no tasks, and answers Kafka's 500", async () => {
    const created = await w.request('POST', '/connectors', { name: 'life-bad-start', config: source('life-bad-start', { 'connector.start.error': 'cannot reach the moon' }) });
    assert.deepEqual([created.status, created.body], [500, { error_code: 500, message: 'Failed to transition connector life-bad-start to state STARTED' }]);
    const status = await w.status('life-bad-start');
    assert.deepEqual(states(status), ['FAILED']);
    assert.match(status.connector.trace ?? '', /^ConnectError: cannot reach the moon\n {4}at /);

    const restart = await w.request('POST', '/connectors/life-bad-start/restart');
    assert.deepEqual([restart.status, restart.body], [500, { error_code: 500, message: 'Failed to transition connector life-bad-start to state STARTED' }]);

    const fixed = await w.request('PUT', '/connectors/life-bad-start/config', source('life-bad-start'));
    assert.equal(fixed.status, 200);
    await w.statusWhen('life-bad-start', 'running after the fix', allRunning(1));
  });

  it('shows a task that fails FAILED with a trace naming the error, while the connector stays RUNNING', async () => {
    await createConnector(w, 'life-task-fails', source('life-task-fails', { 'records.total': '5', 'task.poll.error.at': '2', 'task.poll.error.message': 'the number 2 is cursed' }));
    const status = await w.statusWhen('life-task-fails', 'task failed', (s) => s.tasks[0]?.state === 'FAILED');
    assert.deepEqual(states(status), ['RUNNING', '0:FAILED']);
    assert.match(status.tasks[0]?.trace ?? '', /^ConnectError: the number 2 is cursed\n {4}at /);
    assert.deepEqual((await w.request('GET', '/connectors/life-task-fails/tasks/0/status')).body, status.tasks[0]);
  });

  it('replaces the tasks when the connector asks for reconfiguration with a different task count', async () => {
    const probe = sourceProbe('life-reconfigure');
    probe.taskCount = 1;
    await createConnector(w, 'life-reconfigure', source('life-reconfigure', { 'tasks.max': '3' }));
    await w.statusWhen('life-reconfigure', 'one task', allRunning(1));

    probe.taskCount = 3;
    probe.context?.requestTaskReconfiguration();
    await w.statusWhen('life-reconfigure', 'three tasks', allRunning(3));
    assert.deepEqual(((await w.request('GET', '/connectors/life-reconfigure/tasks')).body as Array<{ id: unknown }>).map((t) => t.id), [
      { connector: 'life-reconfigure', task: 0 },
      { connector: 'life-reconfigure', task: 1 },
      { connector: 'life-reconfigure', task: 2 },
    ]);
    assert.deepEqual([...probe.taskStarts.entries()].sort(), [[0, 2], [1, 1], [2, 1]]);

    // Same configs again: Kafka leaves the running tasks alone (a restart would stop them at once).
    const calls = probe.taskConfigCalls;
    const stops = probe.taskStops;
    probe.context?.requestTaskReconfiguration();
    await eventually('the connector to be asked for task configs', () => probe.taskConfigCalls > calls);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(probe.taskStops, stops);
    assert.deepEqual([...probe.taskStarts.entries()].sort(), [[0, 2], [1, 1], [2, 1]]);
  });

  it("fails a connector that generates more tasks than tasks.max with Kafka's message, unless tasks.max.enforce=false", async () => {
    const created = await w.request('POST', '/connectors', { name: 'life-too-many', config: source('life-too-many', { 'tasks.max': '2', 'task.count': '3' }) });
    assert.equal(created.status, 201);
    const status = await w.status('life-too-many');
    assert.deepEqual(states(status), ['FAILED']);
    assert.equal((status.connector.trace ?? '').split('\n')[0], `ConnectError: ${TOO_MANY_TASKS}`);

    await w.request('PUT', '/connectors/life-too-many/config', source('life-too-many', { 'tasks.max': '2', 'task.count': '3', 'tasks.max.enforce': 'false' }));
    await w.statusWhen('life-too-many', 'three tasks running', allRunning(3));
  });
});
