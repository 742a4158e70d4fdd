/**
 * `snapshot.mode` (Debezium): whether a connector snapshots existing rows and whether it then streams.
 *   initial        snapshot when there is no completed snapshot in the offsets, then stream
 *   always         snapshot at every start, then stream
 *   initial_only   snapshot when there is no completed snapshot, then stop (no streaming)
 *   no_data        never snapshot rows; stream from the current position (old name: schema_only)
 *   never          the same as no_data for a database without schema history (PostgreSQL)
 *   when_needed    snapshot when there are no offsets or the database can no longer resume from them
 */
import { ConfigError } from '../src/api/errors.js';

export const SNAPSHOT_MODES = ['initial', 'always', 'initial_only', 'no_data', 'schema_only', 'never', 'when_needed'] as const;
export type SnapshotMode = (typeof SNAPSHOT_MODES)[number];

export interface SnapshotState {
  /** Offsets exist for this connector. */
  readonly hasOffsets: boolean;
  /** The offsets say a snapshot completed (its last record, or streaming after it, was committed). */
  readonly snapshotCompleted: boolean;
  /** The database can resume streaming from the stored position (e.g. the slot still holds it). */
  readonly canResume: boolean;
}

export interface SnapshotPlan {
  readonly snapshotData: boolean;
  readonly stream: boolean;
  /** Why, for the logs. */
  readonly reason: string;
}

export function planSnapshot(mode: SnapshotMode, state: SnapshotState): SnapshotPlan {
  const pending = !state.hasOffsets || !state.snapshotCompleted;
  switch (mode) {
    case 'initial':
      return { snapshotData: pending, stream: true, reason: pending ? 'no completed snapshot in the offsets' : 'a previous snapshot completed' };
    case 'always':
      return { snapshotData: true, stream: true, reason: 'snapshot.mode=always' };
    case 'initial_only':
      return { snapshotData: pending, stream: false, reason: pending ? 'no completed snapshot in the offsets' : 'a previous snapshot completed' };
    case 'no_data':
    case 'schema_only':
    case 'never':
      return { snapshotData: false, stream: true, reason: `snapshot.mode=${mode}` };
    case 'when_needed': {
      const needed = !state.hasOffsets || !state.snapshotCompleted || !state.canResume;
      const reason = !state.hasOffsets ? 'no offsets' : !state.snapshotCompleted ? 'the last snapshot did not complete' : !state.canResume ? 'the stored position can no longer be resumed' : 'offsets can be resumed';
      return { snapshotData: needed, stream: true, reason };
    }
  }
}

export function parseSnapshotMode(value: string): SnapshotMode {
  const mode = value.trim().toLowerCase();
  if (!(SNAPSHOT_MODES as readonly string[]).includes(mode)) {
    throw ConfigError.invalid('snapshot.mode', value, `The 'snapshot.mode' value '${value}' is invalid: Value must be one of ${SNAPSHOT_MODES.join(', ')}`);
  }
  return mode as SnapshotMode;
}
