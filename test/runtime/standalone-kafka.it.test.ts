/**
 * The standalone worker on real Kafka 3.9.1 (the `kafka` service) instead of the embedded log: the same
 * lifecycle, source offsets, sink consumer group `connect-<name>` with partitions split between tasks,
 * KIP-875 sink offsets stored as the group's committed offsets in Kafka, and tolerance none failing a task.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TopicStore } from '../../src/kafka/port.js';
import { useService } from '../env/index.js';
import { NUMBERED_SOURCE, RECORDING_SINK } from './fixtures/plugins.js';
import { sinkProbe } from './fixtures/probes.js';
import { allRunning, createConnector, eventually, JSON_CONVERTER, readTopic, removeDir, startTestWorker, type TestWorker } from './support/worker.js';

const id = `${process.pid}-${Date.now().toString(36)}`;
const unique = (name: string) => `tw-rt-${name}-${id}`;
const LONG = 60_000;

async function produce(store: TopicStore, topic: string, values: readonly string[], partition: number): Promise<void> {
  await store.producer({ clientId: 'tw-rt-producer' }).send(values.map((v) => ({ topic, partition, key: null, value: Buffer.from(v), headers: [], timestamp: null })));
}

async function groupOffsets(store: TopicStore, group: string): Promise<string[]> {
  const admin = store.admin();
  try {
    return (await admin.listGroupOffsets(group)).map((o) => `${o.topic}-${o.partition}=${o.offset}`).sort();
  } finally {
    await admin.close();
  }
}

describe('standalone worker on real Kafka', () => {
  let w: TestWorker;

  before(async () => {
    const kafka = await useService('kafka');
    w = await startTestWorker({ properties: { 'bootstrap.servers': kafka.bootstrapServers } });
  });

  after(async () => {
    await w.stop();
    removeDir(w.dir);
  });

  it('runs a source through RUNNING, PAUSED, RUNNING and STOPPED, committing its offsets in the offsets file', async () => {
    const name = unique('source');
    await createConnector(w, name, { 'connector.class': NUMBERED_SOURCE, topic: name, 'records.total': '5' });
    await w.statusWhen(name, 'running', allRunning(1), LONG);
    const values = (await readTopic(w.store, name, 5, LONG)).map((r) => Buffer.from(r.value ?? []).toString());
    assert.deepEqual(values, ['record 1', 'record 2', 'record 3', 'record 4', 'record 5']);
    await eventually('offset 5 committed', async () => JSON.stringify((await w.request('GET', `/connectors/${name}/offsets`)).body).includes('"n":5'), LONG);

    await w.request('PUT', `/connectors/${name}/pause`);
    await w.statusWhen(name, 'paused', (s) => s.connector.state === 'PAUSED' && s.tasks[0]?.state === 'PAUSED', LONG);
    await w.request('PUT', `/connectors/${name}/resume`);
    await w.statusWhen(name, 'running', allRunning(1), LONG);
    assert.equal((await w.request('PUT', `/connectors/${name}/stop`)).status, 204);
    const stopped = await w.status(name);
    assert.deepEqual([stopped.connector.state, stopped.tasks], ['STOPPED', []]);
    assert.deepEqual((await w.request('GET', `/connectors/${name}/offsets`)).body, { offsets: [{ partition: { source: 'numbers', task: 0 }, offset: { n: 5 } }] });
    assert.equal((await w.request('DELETE', `/connectors/${name}`)).status, 204);
  });

  it('splits a topic between two sink tasks in group connect-<name> and commits to Kafka what they put', async () => {
    const name = unique('sink');
    const admin = w.store.admin();
    await admin.createTopics([{ name, partitions: 2, replicationFactor: 1 }]);
    await admin.close();
    await produce(w.store, name, ['a0', 'a1', 'a2'], 0);
    await produce(w.store, name, ['b0', 'b1'], 1);
    const probe = sinkProbe(name);
    await createConnector(w, name, { 'connector.class': RECORDING_SINK, topics: name, 'tasks.max': '2' });
    await eventually('five records delivered', () => probe.delivered.length >= 5, LONG);
    assert.deepEqual(probe.delivered.map((r) => r.value).sort(), ['a0', 'a1', 'a2', 'b0', 'b1']);
    await eventually('both partitions committed', async () => (await groupOffsets(w.store, `connect-${name}`)).join() === `${name}-0=3,${name}-1=2`, LONG);
    await eventually('one partition each', () => [0, 1].every((task) => probe.owned.get(task)?.size === 1), LONG);

    await w.request('PUT', `/connectors/${name}/stop`);
    const altered = await w.request('PATCH', `/connectors/${name}/offsets`, { offsets: [{ partition: { kafka_topic: name, kafka_partition: 0 }, offset: { kafka_offset: 1 } }] });
    assert.deepEqual([altered.status, altered.body], [200, { message: 'The offsets for this connector have been altered successfully' }]);
    assert.deepEqual(await groupOffsets(w.store, `connect-${name}`), [`${name}-0=1`, `${name}-1=2`]);
    const reset = await w.request('DELETE', `/connectors/${name}/offsets`);
    assert.deepEqual([reset.status, reset.body], [200, { message: 'The offsets for this connector have been reset successfully' }]);
    assert.deepEqual((await w.request('GET', `/connectors/${name}/offsets`)).body, { offsets: [] });
    await w.request('DELETE', `/connectors/${name}`);
  });

  it('fails a sink task on malformed JSON with tolerance none, committing the records before it', async () => {
    const name = unique('none');
    const admin = w.store.admin();
    await admin.createTopics([{ name, partitions: 1, replicationFactor: 1 }]);
    await admin.close();
    const probe = sinkProbe(name);
    await createConnector(w, name, { 'connector.class': RECORDING_SINK, topics: name, 'value.converter': JSON_CONVERTER, 'value.converter.schemas.enable': 'false' });
    await produce(w.store, name, ['{"n": 1}'], 0);
    await eventually('the good record', () => probe.delivered.length === 1, LONG);
    await produce(w.store, name, ['{oops'], 0);
    const status = await w.statusWhen(name, 'task failed', (s) => s.tasks[0]?.state === 'FAILED', LONG);
    assert.match(status.tasks[0]?.trace ?? '', /^ConnectError: Tolerance exceeded in error handler\n/);
    assert.deepEqual(await groupOffsets(w.store, `connect-${name}`), [`${name}-0=1`]);
    await w.request('DELETE', `/connectors/${name}`);
  });
});
