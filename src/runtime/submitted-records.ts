/**
 * In-order acknowledgement of source records (Kafka's SubmittedRecords). Records are submitted in the order
 * a task polled them; the producer may acknowledge them in any order (different partitions, retries). The
 * offset that may be committed for a source partition is that of its last record whose every predecessor
 * in the same source partition has been acknowledged — never further, so a crash replays, never skips.
 */
import type { SourceOffset, SourcePartition } from '../api/record.js';
import { canonicalJson } from '../storage/canonical-json.js';

/** A handle to one submitted record; ack() is idempotent. */
export interface SubmittedRecord {
  ack(): void;
}

interface Entry {
  readonly offset: SourceOffset;
  acked: boolean;
}

/** What may be committed now: per source partition, the latest contiguous-acked offset. */
export interface CommittableOffsets {
  readonly offsets: ReadonlyArray<{ readonly partition: SourcePartition; readonly offset: SourceOffset }>;
  /** Records submitted and not yet acknowledged. */
  readonly pending: number;
}

export class SubmittedRecords {
  private readonly queues = new Map<string, { partition: SourcePartition; entries: Entry[]; head: number }>();
  private outstanding = 0;

  /**
   * Registers a record in poll order. Records without a source partition or offset cannot be committed
   * and are not tracked (their handle's ack does nothing).
   */
  submit(partition: SourcePartition | null, offset: SourceOffset | null): SubmittedRecord {
    if (!partition || !offset) return NOOP;
    const key = canonicalJson(partition);
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { partition, entries: [], head: 0 };
      this.queues.set(key, queue);
    }
    const entry: Entry = { offset, acked: false };
    queue.entries.push(entry);
    this.outstanding++;
    return {
      ack: () => {
        if (entry.acked) return;
        entry.acked = true;
        this.outstanding--;
      },
    };
  }

  /** Records submitted but not yet acknowledged. */
  get pending(): number {
    return this.outstanding;
  }

  /**
   * Removes the acknowledged prefix of every partition's queue and returns, per partition that advanced,
   * the offset of the last record removed.
   */
  committableOffsets(): CommittableOffsets {
    const offsets: Array<{ partition: SourcePartition; offset: SourceOffset }> = [];
    for (const [key, queue] of this.queues) {
      let last: SourceOffset | undefined;
      while (queue.head < queue.entries.length && queue.entries[queue.head]?.acked) {
        last = queue.entries[queue.head]?.offset;
        queue.head++;
      }
      if (last) offsets.push({ partition: queue.partition, offset: last });
      if (queue.head === queue.entries.length) this.queues.delete(key);
      else if (queue.head > 1024 && queue.head * 2 > queue.entries.length) {
        queue.entries = queue.entries.slice(queue.head);
        queue.head = 0;
      }
    }
    return { offsets, pending: this.outstanding };
  }
}

const NOOP: SubmittedRecord = { ack: () => undefined };
