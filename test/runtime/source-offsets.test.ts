/**
 * Source offsets on a real StandaloneWorker (embedded topic log, offsets file): committed every
 * offset.flush.interval.ms and at a graceful stop, read back by a restarted task through its
 * offsetStorageReader, and managed through KIP-875's GET/PATCH/DELETE /connectors/{name}/offsets with
 * Kafka Connect 3.9's answers.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { NUMBERED_SOURCE } from './fixtures/plugins.js';
import { sourceProbe } from './fixtures/probes.js';
import { allRunning, createConnector, eventually, readTopic, removeDir, startTestWorker, topicSize, type TestWorker } from './support/worker.js';

const MUST_STOP = (name: string) =>
  `Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`;

const source = (topic: string, extra: Record<string, string> = {}) => ({ 'connector.class': NUMBERED_SOURCE, topic, ...extra });
const values = async (w: TestWorker, topic: string, count: number) =>
  (await readTopic(w.store, topic, count)).map((r) => Buffer.from(r.value ?? []).toString());
const numbers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `record ${from + i}`);

describe('source offsets', () => {
  const workers: TestWorker[] = [];
  after(async () => {
    for (const w of workers) {
      await w.stop();
      removeDir(w.dir);
    }
  });
  const worker = async (properties: Record<string, string> = {}) => {
    const w = await startTestWorker({ properties });
    workers.push(w);
    return w;
  };

  it('commits every offset.flush.interval.ms while the task runs', async () => {
    const w = await worker();
    await createConnector(w, 'offsets-periodic', source('offsets-periodic', { 'records.total': '3' }));
    const committed = await eventually('the offset of record 3 committed', async () => {
      const answer = await w.request('GET', '/connectors/offsets-periodic/offsets');
      return JSON.stringify(answer.body).includes('"n":3') ? answer : undefined;
    });
    assert.deepEqual([committed.status, committed.body], [200, { offsets: [{ partition: { source: 'numbers', task: 0 }, offset: { n: 3 } }] }]);
    assert.deepEqual((await w.status('offsets-periodic')).connector.state, 'RUNNING', 'committed without stopping');
  });

  it('commits at a graceful stop, and a restarted task resumes after the committed offset without duplicates', async () => {
    // An hour between periodic commits: only the graceful stop can have committed.
    const w = await worker({ 'offset.flush.interval.ms': '3600000' });
    const probe = sourceProbe('offsets-at-stop');
    await createConnector(w, 'offsets-at-stop', source('offsets-at-stop', { 'records.total': '4' }));
    assert.deepEqual(await values(w, 'offsets-at-stop', 4), numbers(1, 4));
    assert.deepEqual((await w.request('GET', '/connectors/offsets-at-stop/offsets')).body, { offsets: [] });

    await w.request('PUT', '/connectors/offsets-at-stop/stop');
    assert.deepEqual((await w.request('GET', '/connectors/offsets-at-stop/offsets')).body, {
      offsets: [{ partition: { source: 'numbers', task: 0 }, offset: { n: 4 } }],
    });

    await w.request('PATCH', '/connectors/offsets-at-stop/config', { 'records.total': '6' });
    await w.request('PUT', '/connectors/offsets-at-stop/resume');
    assert.deepEqual(await values(w, 'offsets-at-stop', 6), numbers(1, 6));
    assert.deepEqual(probe.startOffsets, [null, { n: 4 }]);
    await w.request('PUT', '/connectors/offsets-at-stop/stop');
    assert.equal(await topicSize(w.store, 'offsets-at-stop'), 6, 'each number exactly once');
  });

  it('restores offsets from the offsets file when the worker itself restarts', async () => {
    const first = await startTestWorker();
    await createConnector(first, 'offsets-file', source('offsets-file', { 'records.total': '3' }));
    await values(first, 'offsets-file', 3);
    await first.stop();

    const probe = sourceProbe('offsets-file');
    const second = await startTestWorker({ dir: first.dir });
    workers.push(second);
    await createConnector(second, 'offsets-file', source('offsets-file', { 'records.total': '5' }));
    assert.deepEqual(await values(second, 'offsets-file', 5), numbers(1, 5));
    assert.deepEqual(probe.startOffsets, [null, { n: 3 }]);
  });

  it('alters and resets offsets only when STOPPED, with Kafka messages, and the task starts from them', async () => {
    const w = await worker();
    const probe = sourceProbe('offsets-alter');
    await createConnector(w, 'offsets-alter', source('offsets-alter', { 'records.total': '2' }));
    await values(w, 'offsets-alter', 2);
    const partition = { source: 'numbers', task: 0 };

    for (const [method, body] of [['PATCH', { offsets: [{ partition, offset: { n: 7 } }] }], ['DELETE', undefined]] as const) {
      const refused = await w.request(method, '/connectors/offsets-alter/offsets', body);
      assert.deepEqual([refused.status, refused.body], [400, { error_code: 400, message: MUST_STOP('offsets-alter') }], `${method} while running`);
    }
    await w.request('PUT', '/connectors/offsets-alter/pause');
    const whilePaused = await w.request('DELETE', '/connectors/offsets-alter/offsets');
    assert.deepEqual([whilePaused.status, whilePaused.body], [400, { error_code: 400, message: MUST_STOP('offsets-alter') }], 'PAUSED is not STOPPED');

    await w.request('PUT', '/connectors/offsets-alter/stop');
    const altered = await w.request('PATCH', '/connectors/offsets-alter/offsets', { offsets: [{ partition, offset: { n: 7 } }] });
    assert.deepEqual([altered.status, altered.body], [200, { message: 'The offsets for this connector have been altered successfully' }]);
    assert.deepEqual((await w.request('GET', '/connectors/offsets-alter/offsets')).body, { offsets: [{ partition, offset: { n: 7 } }] });

    await w.request('PATCH', '/connectors/offsets-alter/config', { 'records.total': '8' });
    await w.request('PUT', '/connectors/offsets-alter/resume');
    assert.deepEqual(await values(w, 'offsets-alter', 3), ['record 1', 'record 2', 'record 8']);
    assert.deepEqual(probe.startOffsets, [null, { n: 7 }]);

    await w.request('PUT', '/connectors/offsets-alter/stop');
    const reset = await w.request('DELETE', '/connectors/offsets-alter/offsets');
    assert.deepEqual([reset.status, reset.body], [200, { message: 'The offsets for this connector have been reset successfully' }]);
    assert.deepEqual((await w.request('GET', '/connectors/offsets-alter/offsets')).body, { offsets: [] });
    await w.request('PUT', '/connectors/offsets-alter/resume');
    await w.statusWhen('offsets-alter', 'running', allRunning(1));
    assert.deepEqual(await values(w, 'offsets-alter', 11), [...numbers(1, 2), 'record 8', ...numbers(1, 8)], 'after a reset the task starts over');
    assert.deepEqual(probe.startOffsets, [null, { n: 7 }, null]);
  });

  it('answers 404 for the offsets of a connector that does not exist', async () => {
    const w = await worker();
    const answer = await w.request('GET', '/connectors/offsets-nope/offsets');
    assert.deepEqual([answer.status, answer.body], [404, { error_code: 404, message: 'Connector offsets-nope not found' }]);
  });
});
