import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSnapshotMode, planSnapshot, type SnapshotMode } from './modes.js';

const fresh = { hasOffsets: false, snapshotCompleted: false, canResume: false };
const done = { hasOffsets: true, snapshotCompleted: true, canResume: true };
const interrupted = { hasOffsets: true, snapshotCompleted: false, canResume: true };
const lost = { hasOffsets: true, snapshotCompleted: true, canResume: false };

const plan = (mode: SnapshotMode, state: typeof fresh) => {
  const p = planSnapshot(mode, state);
  return [p.snapshotData, p.stream];
};

describe('snapshot.mode', () => {
  it('initial: snapshots until a snapshot has completed, always streams', () => {
    assert.deepEqual([plan('initial', fresh), plan('initial', interrupted), plan('initial', done)], [[true, true], [true, true], [false, true]]);
  });

  it('always snapshots; initial_only never streams; no_data, schema_only and never never snapshot', () => {
    assert.deepEqual(plan('always', done), [true, true]);
    assert.deepEqual([plan('initial_only', fresh), plan('initial_only', done)], [[true, false], [false, false]]);
    for (const mode of ['no_data', 'schema_only', 'never'] as const) assert.deepEqual(plan(mode, fresh), [false, true]);
  });

  it('when_needed snapshots when the stored position cannot be resumed', () => {
    assert.deepEqual([plan('when_needed', fresh), plan('when_needed', done), plan('when_needed', lost)], [[true, true], [false, true], [true, true]]);
  });

  it('rejects an unknown mode naming the valid ones', () => {
    assert.throws(() => parseSnapshotMode('sometimes'), /Invalid value sometimes for configuration snapshot\.mode: .*initial, always, initial_only, no_data, schema_only, never, when_needed/);
    assert.equal(parseSnapshotMode(' Initial '), 'initial');
  });
});
