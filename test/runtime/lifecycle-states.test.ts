/**
 * Connector lifecycle through the REST API of a real StandaloneWorker on the embedded topic log: create,
 * pause, resume, stop (KIP-875), delete and reconfigure, with the status JSON Kafka Connect 3.9 shows at
 * each step (checked against a real worker: see the notes in README.md next to this file).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NUMBERED_SOURCE } from './fixtures/plugins.js';
import { sourceProbe } from './fixtures/probes.js';
import { allRunning, createConnector, eventually, readTopic, removeDir, startTestWorker, topicSize, type TestWorker } from './support/worker.js';

describe('connector lifecycle on a standalone worker', () => {
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

  const source = (topic: string, extra: Record<string, string> = {}) => ({ 'connector.class': NUMBERED_SOURCE, topic, ...extra });

  it('reports a created connector and its tasks RUNNING, in the shape of Kafka status JSON', async () => {
    const created = await createConnector(w, 'life-create', source('life-create', { 'tasks.max': '2', 'records.total': '3' }));
    assert.deepEqual(created.body, {
      name: 'life-create',
      config: { 'connector.class': NUMBERED_SOURCE, topic: 'life-create', 'tasks.max': '2', 'records.total': '3', name: 'life-create' },
      tasks: [
        { connector: 'life-create', task: 0 },
        { connector: 'life-create', task: 1 },
      ],
      type: 'source',
    });
    const status = await w.statusWhen('life-create', 'running', allRunning(2));
    assert.deepEqual(status, {
      name: 'life-create',
      connector: { state: 'RUNNING', worker_id: workerId },
      tasks: [
        { id: 0, state: 'RUNNING', worker_id: workerId },
        { id: 1, state: 'RUNNING', worker_id: workerId },
      ],
      type: 'source',
    });
    const records = await readTopic(w.store, 'life-create', 6);
    assert.deepEqual(records.map((r) => Buffer.from(r.key ?? []).toString()).sort(), ['t0-1', 't0-2', 't0-3', 't1-1', 't1-2', 't1-3']);
  });

  it('pauses: tasks stop polling and nothing is produced while PAUSED; resume carries on where it was', async () => {
    const probe = sourceProbe('life-pause');
    await createConnector(w, 'life-pause', source('life-pause', { 'poll.interval.ms': '5' }));
    await eventually('a few records', () => probe.emitted.length >= 5);

    assert.equal((await w.request('PUT', '/connectors/life-pause/pause')).status, 202);
    const paused = await w.statusWhen('life-pause', 'paused', (s) => s.connector.state === 'PAUSED' && s.tasks[0]?.state === 'PAUSED');
    assert.deepEqual(paused, {
      name: 'life-pause',
      connector: { state: 'PAUSED', worker_id: workerId },
      tasks: [{ id: 0, state: 'PAUSED', worker_id: workerId }],
      type: 'source',
    });
    // The offset committer keeps ticking while paused (task.commit() is called every offset.flush.interval.ms):
    // let one tick settle a poll that was in flight, then watch three more go by without a poll.
    const settled = probe.commits + 1;
    await eventually('a commit tick while paused', () => probe.commits >= settled);
    const emitted = probe.emitted.length;
    const produced = await topicSize(w.store, 'life-pause');
    const later = probe.commits + 3;
    await eventually('three more commit ticks while paused', () => probe.commits >= later);
    assert.equal(probe.emitted.length, emitted, 'no polls while paused');
    assert.equal(await topicSize(w.store, 'life-pause'), produced, 'no records produced while paused');

    assert.deepEqual([probe.connectorStarts, probe.connectorStops], [1, 1], 'Kafka stops the Connector instance of a paused connector');

    assert.equal((await w.request('PUT', '/connectors/life-pause/resume')).status, 202);
    await w.statusWhen('life-pause', 'running again', allRunning(1));
    assert.equal(probe.connectorStarts, 2, 'resume starts the Connector instance again');
    await eventually('polling again after resume', () => probe.emitted.length > emitted + 3);
    assert.deepEqual(probe.emitted.slice(0, emitted + 3), Array.from({ length: emitted + 3 }, (_, i) => `0:${i + 1}`), 'numbers carry on without a gap');
    assert.equal(probe.taskStarts.get(0), 1, 'pause and resume do not restart the task');
    await w.request('DELETE', '/connectors/life-pause');
  });

  it('stops (KIP-875): STOPPED with no tasks, task configs gone; resume starts connector and tasks again', async () => {
    const probe = sourceProbe('life-stop');
    await createConnector(w, 'life-stop', source('life-stop', { 'tasks.max': '2', 'records.total': '1' }));
    await w.statusWhen('life-stop', 'running', allRunning(2));

    const stop = await w.request('PUT', '/connectors/life-stop/stop');
    assert.deepEqual([stop.status, stop.text], [204, '']);
    assert.deepEqual(await w.status('life-stop'), { name: 'life-stop', connector: { state: 'STOPPED', worker_id: workerId }, tasks: [], type: 'source' });
    assert.deepEqual((await w.request('GET', '/connectors/life-stop')).body, {
      name: 'life-stop',
      config: { 'connector.class': NUMBERED_SOURCE, topic: 'life-stop', 'tasks.max': '2', 'records.total': '1', name: 'life-stop' },
      tasks: [],
      type: 'source',
    });
    assert.deepEqual((await w.request('GET', '/connectors/life-stop/tasks')).body, []);
    const task = await w.request('GET', '/connectors/life-stop/tasks/0/status');
    assert.deepEqual([task.status, task.body], [404, { error_code: 404, message: 'No status found for task life-stop-0' }]);
    assert.deepEqual([probe.connectorStops, probe.taskStops], [1, 2]);

    assert.equal((await w.request('PUT', '/connectors/life-stop/resume')).status, 202);
    await w.statusWhen('life-stop', 'running after resume', allRunning(2));
    assert.deepEqual([probe.connectorStarts, probe.taskStarts.get(0), probe.taskStarts.get(1)], [2, 2, 2]);
  });

  it('pauses a STOPPED connector as Kafka does: PAUSED without tasks (instance not started), resume starts both', async () => {
    const probe = sourceProbe('life-stop-pause');
    await createConnector(w, 'life-stop-pause', source('life-stop-pause', { 'records.total': '1' }));
    await w.statusWhen('life-stop-pause', 'running', allRunning(1));
    await w.request('PUT', '/connectors/life-stop-pause/stop');

    assert.equal((await w.request('PUT', '/connectors/life-stop-pause/pause')).status, 202);
    assert.deepEqual(await w.status('life-stop-pause'), { name: 'life-stop-pause', connector: { state: 'PAUSED', worker_id: workerId }, tasks: [], type: 'source' });
    assert.deepEqual([probe.connectorStarts, probe.connectorStops], [1, 1], 'a paused connector instance is not running');

    await w.request('PUT', '/connectors/life-stop-pause/resume');
    await w.statusWhen('life-stop-pause', 'running with its task', allRunning(1));
    assert.deepEqual([probe.connectorStarts, probe.taskStarts.get(0)], [2, 2]);
  });

  it('creates a connector in initial_state PAUSED without starting it or its tasks, until it is resumed', async () => {
    const probe = sourceProbe('life-initially-paused');
    const created = await w.request('POST', '/connectors', { name: 'life-initially-paused', config: source('life-initially-paused', { 'records.total': '1' }), initial_state: 'PAUSED' });
    assert.deepEqual([created.status, (created.body as { tasks: unknown }).tasks], [201, []]);
    assert.deepEqual(await w.status('life-initially-paused'), { name: 'life-initially-paused', connector: { state: 'PAUSED', worker_id: workerId }, tasks: [], type: 'source' });
    assert.equal(probe.connectorStarts, 0);

    await w.request('PUT', '/connectors/life-initially-paused/resume');
    await w.statusWhen('life-initially-paused', 'running', allRunning(1));
    await readTopic(w.store, 'life-initially-paused', 1);
  });

  it('deletes: tasks and connector stop, and the connector is gone from every endpoint', async () => {
    const probe = sourceProbe('life-delete');
    await createConnector(w, 'life-delete', source('life-delete', { 'records.total': '1' }));
    await w.statusWhen('life-delete', 'running', allRunning(1));

    const deleted = await w.request('DELETE', '/connectors/life-delete');
    assert.deepEqual([deleted.status, deleted.text], [204, '']);
    assert.deepEqual([probe.taskStops, probe.connectorStops], [1, 1]);
    assert.deepEqual((await w.request('GET', '/connectors/life-delete/status')).body, { error_code: 404, message: 'No status found for connector life-delete' });
    assert.deepEqual((await w.request('GET', '/connectors/life-delete')).body, { error_code: 404, message: 'Connector life-delete not found' });
    assert.equal(((await w.request('GET', '/connectors')).body as string[]).includes('life-delete'), false);
  });

  it('replaces a running connector with PUT /config: 200, and the tasks run the new config', async () => {
    const probe = sourceProbe('life-put');
    await createConnector(w, 'life-put', source('life-put-a', { 'records.total': '2' }));
    await readTopic(w.store, 'life-put-a', 2);

    const replaced = await w.request('PUT', '/connectors/life-put/config', source('life-put-b', { 'records.total': '4' }));
    assert.equal(replaced.status, 200);
    assert.deepEqual(replaced.body, {
      name: 'life-put',
      config: { 'connector.class': NUMBERED_SOURCE, topic: 'life-put-b', 'records.total': '4', name: 'life-put' },
      tasks: [{ connector: 'life-put', task: 0 }],
      type: 'source',
    });
    await w.statusWhen('life-put', 'running', allRunning(1));
    // The source offset ({n: 2}) survives the reconfiguration: the new task goes on with 3 and 4.
    const records = await readTopic(w.store, 'life-put-b', 2);
    assert.deepEqual(records.map((r) => Buffer.from(r.value ?? []).toString()), ['record 3', 'record 4']);
    assert.deepEqual([probe.connectorStarts, probe.connectorStops, probe.taskStarts.get(0)], [2, 1, 2]);
  });
});
