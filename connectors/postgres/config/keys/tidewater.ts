/** Tidewater extensions: not in Debezium, about keeping the replication slot healthy. */
import { Range, oneOfIgnoringCase } from '../../../../src/config/validators.js';
import type { PgProperty } from '../property.js';

const GIB = 1024 ** 3;

export const OFFSET_SLOT_MISMATCH_STRATEGIES = ['fail', 'resume_from_slot', 'snapshot'] as const;

export const TIDEWATER_PROPERTIES = [
  {
    name: 'slot.lag.warn.bytes',
    type: 'LONG',
    default: GIB,
    importance: 'MEDIUM',
    group: 'Tidewater',
    width: 'SHORT',
    displayName: 'Slot lag warning threshold (bytes)',
    doc:
      'Tidewater extension. The slot health verdict turns to warning when the WAL the slot holds back (from its `restart_lsn` ' +
      'to the server\'s current position) exceeds this many bytes. At most `slot.lag.max.bytes`. Default 1 GiB.',
    origin: 'tidewater',
    validator: Range.atLeast(0),
  },
  {
    name: 'slot.lag.max.bytes',
    type: 'LONG',
    default: 10 * GIB,
    importance: 'MEDIUM',
    group: 'Tidewater',
    width: 'SHORT',
    displayName: 'Slot lag critical threshold (bytes)',
    doc:
      'Tidewater extension. The slot health verdict turns to critical when the WAL the slot holds back exceeds this many bytes: ' +
      'the server is at risk of filling its disk, or of invalidating the slot under `max_slot_wal_keep_size`. Default 10 GiB.',
    origin: 'tidewater',
    validator: Range.atLeast(0),
  },
  {
    name: 'idle.slot.advance.interval.ms',
    type: 'LONG',
    default: 60000,
    importance: 'MEDIUM',
    group: 'Tidewater',
    width: 'SHORT',
    displayName: 'Idle slot advance interval (ms)',
    doc:
      'Tidewater extension. When no captured change has arrived for this many milliseconds while the server\'s WAL position ' +
      'has moved past the slot\'s confirmed position (writes to other tables or databases, vacuum), the connector writes a non-transactional logical decoding ' +
      'message (`pg_logical_emit_message`; emitted as no record) and, once it has streamed past it with every earlier record ' +
      'written, confirms its position to the slot, so an idle slot does not hold WAL back. No table and no write grant ' +
      'beyond what logical messages need. 0 disables it.',
    origin: 'tidewater',
    validator: Range.atLeast(0),
  },
  {
    name: 'offset.slot.mismatch.strategy',
    type: 'STRING',
    default: 'fail',
    importance: 'MEDIUM',
    group: 'Tidewater',
    width: 'SHORT',
    displayName: 'Offset/slot mismatch strategy',
    doc:
      'Tidewater extension. What the connector does at start when its stored offset cannot be resumed without a gap: the ' +
      'offset\'s position is behind the slot\'s `confirmed_flush_lsn` (the server can no longer send the changes in between, ' +
      'so they are lost to this connector), or the slot no longer exists (dropped, or invalidated after the server removed its WAL). ' +
      '`fail` (the default): the task fails, naming both positions (or the missing slot), and nothing is emitted until an ' +
      'operator decides. `resume_from_slot`: accept the gap: log an error naming the lost range, recreate the slot if it is ' +
      'gone, and stream from the slot\'s position; the changes in the gap are lost. `snapshot`: recreate the slot if it is ' +
      'gone, take a new snapshot of the captured tables (as `snapshot.mode=initial` does the first time), then stream from ' +
      'the slot; consumers get the current rows as `op=r` events, but deletes made in the gap are not seen. Without stored ' +
      'offsets there is no mismatch; with `snapshot.mode=always` or `when_needed` a mismatch always leads to a snapshot (and a ' +
      'missing slot is recreated), whatever this property says.',
    origin: 'tidewater',
    recommended: [...OFFSET_SLOT_MISMATCH_STRATEGIES],
    validator: oneOfIgnoringCase(...OFFSET_SLOT_MISMATCH_STRATEGIES),
  },
] as const satisfies readonly PgProperty[];
