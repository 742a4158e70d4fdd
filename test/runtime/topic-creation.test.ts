/**
 * KIP-158 topic creation by source connectors: with topic.creation.default.* set, topics are created with
 * the settings of the first matching topic.creation group (else the default group) before the first record.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NUMBERED_SOURCE } from './fixtures/plugins.js';
import { sourceProbe } from './fixtures/probes.js';
import { createConnector, eventually, removeDir, startTestWorker, type TestWorker } from './support/worker.js';

const creation = {
  'topic.creation.default.replication.factor': '1',
  'topic.creation.default.partitions': '3',
  'topic.creation.groups': 'compacted',
  'topic.creation.compacted.include': 'tc-compacted-.*',
  'topic.creation.compacted.partitions': '1',
  'topic.creation.compacted.cleanup.policy': 'compact',
};

describe('topic creation by source connectors', () => {
  let w: TestWorker;

  before(async () => {
    w = await startTestWorker();
  });

  after(async () => {
    await w.stop();
    removeDir(w.dir);
  });

  it('creates a topic with the default group settings, and one matching a group with that group\'s', async () => {
    for (const [name, topic] of [
      ['tc-plain-source', 'tc-plain'],
      ['tc-compacted-source', 'tc-compacted-1'],
    ] as const) {
      await createConnector(w, name, { 'connector.class': NUMBERED_SOURCE, topic, 'records.total': '5', ...creation });
      await eventually(`${name} to commit its records`, () => sourceProbe(name).committedRecords.length === 5);
    }
    const described = await w.store.admin().describeTopics(['tc-plain', 'tc-compacted-1']);
    assert.deepEqual(
      described.map((t) => [t.name, t.partitions]).sort(),
      [
        ['tc-compacted-1', 1],
        ['tc-plain', 3],
      ],
    );
  });

  it('leaves topic creation to the store without topic.creation.default.* (auto-created with its default)', async () => {
    await createConnector(w, 'tc-auto-source', { 'connector.class': NUMBERED_SOURCE, topic: 'tc-auto', 'records.total': '2' });
    await eventually('records to be committed', () => sourceProbe('tc-auto-source').committedRecords.length === 2);
    assert.deepEqual((await w.store.admin().describeTopics(['tc-auto'])).map((t) => t.partitions), [1]);
  });
});
