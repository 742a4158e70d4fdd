/**
 * Debezium's `source.snapshot` marker for a snapshot row (RelationalSnapshotChangeEventSource): the first
 * and last tables only count as such when one thread reads (with several, tables finish in any order).
 * Whatever record is emitted last overall is re-marked `last` when the snapshot completes.
 */
import type { SnapshotMarker } from '../src/cdc/source-info.js';

export interface RowPosition {
  readonly firstTable: boolean;
  readonly lastTable: boolean;
  readonly firstInTable: boolean;
  readonly lastInTable: boolean;
}

export function snapshotMarker(p: RowPosition): SnapshotMarker {
  if (p.lastInTable && p.lastTable) return 'last';
  if (p.firstInTable && p.firstTable) return 'first';
  if (p.lastInTable) return 'last_in_data_collection';
  if (p.firstInTable) return 'first_in_data_collection';
  return 'true';
}
