/**
 * Sink connectors on a real StandaloneWorker (embedded topic log): the consumer group `connect-<name>`,
 * `topics` and `topics.regex`, partitions split between tasks, put → preCommit → commit ordering, put
 * retries and failures, and KIP-875 sink offsets, as Kafka Connect 3.9's WorkerSinkTask behaves.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TopicStore } from '../../src/kafka/port.js';
import { NUMBERED_SOURCE, RECORDING_SINK } from './fixtures/plugins.js';
import { position, sinkProbe, sourceProbe } from './fixtures/probes.js';
import { allRunning, createConnector, eventually, removeDir, startTestWorker, type TestWorker } from './support/worker.js';

async function produce(store: TopicStore, topic: string, values: readonly string[], partition: number | null = null): Promise<void> {
  const producer = store.producer({ clientId: 'test-producer' });
  await producer.send(values.map((v) => ({ topic, partition, key: null, value: Buffer.from(v), headers: [], timestamp: null })));
}

async function groupOffsets(store: TopicStore, group: string): Promise<string[]> {
  return (await store.admin().listGroupOffsets(group)).map((o) => `${o.topic}-${o.partition}=${o.offset}`).sort();
}

const sink = (extra: Record<string, string>) => ({ 'connector.class': RECORDING_SINK, ...extra });

describe('sink tasks', () => {
  let w: TestWorker;

  before(async () => {
    w = await startTestWorker();
  });

  after(async () => {
    await w.stop();
    removeDir(w.dir);
  });

  it('reads as consumer group connect-<name>, whose committed offsets GET /offsets shows as Kafka does', async () => {
    await produce(w.store, 'sink-group', ['a', 'b', 'c']);
    const probe = sinkProbe('sink-group');
    await createConnector(w, 'sink-group', sink({ topics: 'sink-group' }));
    await eventually('three records delivered', () => probe.delivered.length === 3);
    assert.deepEqual(probe.delivered.map((r) => r.value), ['a', 'b', 'c']);
    await eventually('the group committed', async () => (await groupOffsets(w.store, 'connect-sink-group')).join() === 'sink-group-0=3');
    const offsets = await w.request('GET', '/connectors/sink-group/offsets');
    assert.equal(offsets.text, '{"offsets":[{"partition":{"kafka_partition":0,"kafka_topic":"sink-group"},"offset":{"kafka_offset":3}}]}');
  });

  it('puts nothing while PAUSED (committing what it had put), and delivers what arrived meanwhile on resume', async () => {
    await produce(w.store, 'sink-pause', ['before-1', 'before-2']);
    const probe = sinkProbe('sink-pause');
    await createConnector(w, 'sink-pause', sink({ topics: 'sink-pause' }));
    await eventually('two delivered', () => probe.delivered.length === 2);
    await w.request('PUT', '/connectors/sink-pause/pause');
    await w.statusWhen('sink-pause', 'paused', (s) => s.connector.state === 'PAUSED' && s.tasks[0]?.state === 'PAUSED');
    await eventually('the commit on pause', async () => (await groupOffsets(w.store, 'connect-sink-pause')).join() === 'sink-pause-0=2');

    // A source in the same worker is the clock: three of its offset commits must pass without a put.
    await produce(w.store, 'sink-pause', ['during-1', 'during-2']);
    const clock = sourceProbe('sink-pause-clock');
    await createConnector(w, 'sink-pause-clock', { 'connector.class': NUMBERED_SOURCE, topic: 'sink-pause-clock', 'records.total': '0' });
    await eventually('three commit ticks', () => clock.commits >= 3);
    assert.equal(probe.putBatches.length, 1, 'no put while paused');

    await w.request('PUT', '/connectors/sink-pause/resume');
    await eventually('the records produced while paused', () => probe.delivered.length === 4);
    assert.deepEqual(probe.delivered.map((r) => r.value), ['before-1', 'before-2', 'during-1', 'during-2']);
    await w.request('DELETE', '/connectors/sink-pause-clock');
  });

  it('subscribes with topics.regex, including matching topics created later', async () => {
    await produce(w.store, 'rx-one', ['one']);
    await produce(w.store, 'rx-ignored-no', ['ignored']);
    const probe = sinkProbe('sink-regex');
    await createConnector(w, 'sink-regex', sink({ 'topics.regex': 'rx-[a-z]+' }));
    await eventually('the record of rx-one', () => probe.delivered.length === 1);
    await produce(w.store, 'rx-two', ['two']);
    await eventually('the record of rx-two', () => probe.delivered.length === 2);
    assert.deepEqual(probe.delivered.map(position), ['rx-one-0@0', 'rx-two-0@0']);
  });

  it('splits the partitions of its topics between tasks.max=2 tasks, each record delivered once', async () => {
    await w.store.admin().createTopics([{ name: 'sink-split', partitions: 4 }]);
    const probe = sinkProbe('sink-split');
    await createConnector(w, 'sink-split', sink({ topics: 'sink-split', 'tasks.max': '2' }));
    await w.statusWhen('sink-split', 'two tasks running', allRunning(2));
    const owned = (task: number) => [...(probe.owned.get(task) ?? [])].sort();
    await eventually('two partitions for each task', () => owned(0).length === 2 && owned(1).length === 2);
    assert.deepEqual([...owned(0), ...owned(1)].sort(), ['sink-split-0', 'sink-split-1', 'sink-split-2', 'sink-split-3']);

    for (let partition = 0; partition < 4; partition++) await produce(w.store, 'sink-split', [`p${partition}-a`, `p${partition}-b`], partition);
    await eventually('eight records delivered', () => probe.delivered.length === 8);
    assert.deepEqual(probe.delivered.map((r) => r.value).sort(), ['p0-a', 'p0-b', 'p1-a', 'p1-b', 'p2-a', 'p2-b', 'p3-a', 'p3-b']);
  });

  it('commits only what preCommit says is durable, after put and preCommit, and redelivers the rest after a restart', async () => {
    await produce(w.store, 'sink-durable', ['r0', 'r1', 'r2', 'r3', 'r4']);
    const probe = sinkProbe('sink-durable');
    await createConnector(w, 'sink-durable', sink({ topics: 'sink-durable', 'flush.hold.back.last': 'true' }));
    await eventually('all five put and a preCommit after them', () => probe.preCommits.includes('sink-durable-0=4'));
    await eventually('offset 4 committed', async () => (await groupOffsets(w.store, 'connect-sink-durable')).join() === 'sink-durable-0=4');
    const putLast = probe.events.findIndex((e) => e.includes('sink-durable-0@4'));
    const firstPreCommit = probe.events.findIndex((e) => e === 'preCommit sink-durable-0=4');
    assert.ok(putLast >= 0 && putLast < firstPreCommit, `put before preCommit: ${probe.events.join(' | ')}`);

    // Stopping commits again through preCommit: the held-back record stays uncommitted.
    await w.request('PUT', '/connectors/sink-durable/stop');
    assert.deepEqual(await groupOffsets(w.store, 'connect-sink-durable'), ['sink-durable-0=4']);
    assert.deepEqual((await w.request('GET', '/connectors/sink-durable/offsets')).body, {
      offsets: [{ partition: { kafka_partition: 0, kafka_topic: 'sink-durable' }, offset: { kafka_offset: 4 } }],
    });
    await w.request('PUT', '/connectors/sink-durable/resume');
    await eventually('r4 delivered again', () => probe.delivered.length === 6);
    assert.deepEqual(probe.delivered.map(position).slice(4), ['sink-durable-0@4', 'sink-durable-0@4']);
  });

  it('rewinds to the last committed offsets when preCommit fails, so the records are put again before they are committed', async () => {
    await produce(w.store, 'sink-flush-fails', ['f0', 'f1', 'f2']);
    const probe = sinkProbe('sink-flush-fails');
    await createConnector(w, 'sink-flush-fails', sink({ topics: 'sink-flush-fails', 'flush.failures': '1' }));
    await eventually('offset 3 committed', async () => (await groupOffsets(w.store, 'connect-sink-flush-fails')).join() === 'sink-flush-fails-0=3');
    assert.deepEqual(probe.events.slice(0, 5), [
      'start 0',
      'open sink-flush-fails-0',
      'put sink-flush-fails-0@0 sink-flush-fails-0@1 sink-flush-fails-0@2',
      'preCommit failed sink-flush-fails-0=3',
      'put sink-flush-fails-0@0 sink-flush-fails-0@1 sink-flush-fails-0@2',
    ]);
  });

  it('retries the very same batch after a retriable put error, then commits it', async () => {
    await produce(w.store, 'sink-retriable', ['x', 'y', 'z']);
    const probe = sinkProbe('sink-retriable');
    await createConnector(w, 'sink-retriable', sink({ topics: 'sink-retriable', 'put.retriable.failures': '2' }));
    await eventually('the batch delivered', () => probe.delivered.length === 3);
    const batches = probe.putBatches.map((b) => b.map(position).join(' '));
    assert.deepEqual(batches, Array.from({ length: 3 }, () => 'sink-retriable-0@0 sink-retriable-0@1 sink-retriable-0@2'));
    await eventually('offset 3 committed', async () => (await groupOffsets(w.store, 'connect-sink-retriable')).join() === 'sink-retriable-0=3');
    assert.deepEqual((await w.status('sink-retriable')).tasks.map((t) => t.state), ['RUNNING']);
  });

  it("fails the task on a non-retriable put error with Kafka's trace, committing only the batches that were put", async () => {
    await produce(w.store, 'sink-fatal', ['fine']);
    const probe = sinkProbe('sink-fatal');
    await createConnector(w, 'sink-fatal', sink({ topics: 'sink-fatal', 'put.fatal.value': 'poison', 'put.fatal.message': 'the sink cannot take poison' }));
    await eventually('the first record delivered', () => probe.delivered.length === 1);
    await produce(w.store, 'sink-fatal', ['poison']);

    const status = await w.statusWhen('sink-fatal', 'task failed', (s) => s.tasks[0]?.state === 'FAILED');
    const trace = status.tasks[0]?.trace ?? '';
    assert.match(trace, /^ConnectError: Exiting WorkerSinkTask due to unrecoverable exception\.\n {4}at /);
    assert.match(trace, /\nCaused by: ConnectError: the sink cannot take poison\n {4}at /);
    assert.equal(status.connector.state, 'RUNNING');
    assert.deepEqual(await groupOffsets(w.store, 'connect-sink-fatal'), ['sink-fatal-0=1'], 'the poison batch is not committed');
  });

  it('alters and resets sink offsets only when STOPPED; consumption restarts from them', async () => {
    await produce(w.store, 'sink-alter', ['s0', 's1', 's2', 's3']);
    const probe = sinkProbe('sink-alter');
    await createConnector(w, 'sink-alter', sink({ topics: 'sink-alter' }));
    await eventually('four delivered', () => probe.delivered.length === 4);
    const partition = { kafka_topic: 'sink-alter', kafka_partition: 0 };

    const refused = await w.request('PATCH', '/connectors/sink-alter/offsets', { offsets: [{ partition, offset: { kafka_offset: 1 } }] });
    assert.equal(refused.status, 400);

    await w.request('PUT', '/connectors/sink-alter/stop');
    const altered = await w.request('PATCH', '/connectors/sink-alter/offsets', { offsets: [{ partition, offset: { kafka_offset: 2 } }] });
    assert.deepEqual([altered.status, altered.body], [200, { message: 'The offsets for this connector have been altered successfully' }]);
    assert.deepEqual(await groupOffsets(w.store, 'connect-sink-alter'), ['sink-alter-0=2']);
    await w.request('PUT', '/connectors/sink-alter/resume');
    await eventually('s2 and s3 again', () => probe.delivered.length === 6);
    assert.deepEqual(probe.delivered.slice(4).map((r) => r.value), ['s2', 's3']);

    await w.request('PUT', '/connectors/sink-alter/stop');
    const reset = await w.request('DELETE', '/connectors/sink-alter/offsets');
    assert.deepEqual([reset.status, reset.body], [200, { message: 'The offsets for this connector have been reset successfully' }]);
    assert.deepEqual((await w.request('GET', '/connectors/sink-alter/offsets')).body, { offsets: [] });
    await w.request('PUT', '/connectors/sink-alter/resume');
    await eventually('all four from the beginning', () => probe.delivered.length === 10);
    assert.deepEqual(probe.delivered.slice(6).map((r) => r.value), ['s0', 's1', 's2', 's3']);
  });
});
