/**
 * The two views of a consumer's partitions. kafkajs learns its assignment when it (re)joins the group
 * (the GROUP_JOIN event, on kafkajs's schedule); the application learns it in poll(), which runs the
 * rebalance listener first, as Kafka's consumer runs rebalance callbacks inside poll(). This tracks both
 * and computes, at each poll, what the listener must hear:
 * - revoked: partitions the application held that kafkajs lost;
 * - assigned: partitions kafkajs holds that the application has not been told about.
 * A partition lost and regained between two polls is reported revoked and assigned again, because
 * another member may have consumed and committed it meanwhile.
 */
import { topicPartitionKey } from '../../api/offsets.js';
import type { RebalanceListener, TopicPartition } from '../port.js';

export interface AssignmentChange {
  readonly revoked: readonly TopicPartition[];
  readonly assigned: readonly TopicPartition[];
}

export class AssignmentTracker {
  /** What poll() has reported (the port's assignment()). */
  private readonly delivered = new Map<string, TopicPartition>();
  /** kafkajs's latest assignment. */
  private current = new Map<string, TopicPartition>();
  /** Partitions kafkajs lost at some join since the last report (even if regained). */
  private readonly lostSinceReport = new Set<string>();
  private changed = false;

  /**
   * Records kafkajs's new assignment; returns the partitions it kept without interruption (whose read
   * position carries over) and those it lost. `sameMember` is false when this join made a new group
   * member (the old one was expelled, or the kafkajs consumer was replaced): then every partition held
   * before counts as lost, since another member may have read it in between.
   */
  joined(memberAssignment: Readonly<Record<string, readonly number[]>>, sameMember: boolean): { kept: TopicPartition[]; lost: TopicPartition[] } {
    const next = new Map<string, TopicPartition>();
    for (const [topic, partitions] of Object.entries(memberAssignment)) {
      for (const partition of partitions) next.set(topicPartitionKey({ topic, partition }), { topic, partition });
    }
    const lost: TopicPartition[] = [];
    for (const [key, partition] of this.current) {
      if (sameMember && next.has(key)) continue;
      this.lostSinceReport.add(key);
      lost.push(partition);
    }
    const kept = [...next].filter(([key]) => this.current.has(key) && !this.lostSinceReport.has(key)).map(([, partition]) => partition);
    this.current = next;
    this.changed = true;
    return { kept, lost };
  }

  /**
   * The change poll() must report, or undefined if none is pending. Taking it starts a new period: a
   * join while the listener runs is reported at the next poll.
   */
  takeChange(): AssignmentChange | undefined {
    if (!this.changed) return undefined;
    const revoked = [...this.delivered].filter(([key]) => !this.current.has(key) || this.lostSinceReport.has(key)).map(([, tp]) => tp);
    const assigned = [...this.current].filter(([key]) => !this.delivered.has(key) || this.lostSinceReport.has(key)).map(([, tp]) => tp);
    this.lostSinceReport.clear();
    this.changed = false;
    return { revoked, assigned };
  }

  /** The listener heard about the revocation: the application no longer holds these. */
  reportRevoked(revoked: readonly TopicPartition[]): void {
    for (const partition of revoked) this.delivered.delete(topicPartitionKey(partition));
  }

  /** The listener heard about the assignment: the application holds these. */
  reportAssigned(assigned: readonly TopicPartition[]): void {
    for (const partition of assigned) this.delivered.set(topicPartitionKey(partition), partition);
  }

  /**
   * Tells the listener what changed, until nothing is pending: onRevoked first (while the application
   * still holds the partitions), then onAssigned. A listener failure does not stop the bookkeeping; the
   * first one is rethrown at the end, as Kafka's poll() rethrows a callback's exception.
   */
  async report(listener: RebalanceListener | undefined, afterRevoked: (revoked: readonly TopicPartition[]) => void): Promise<void> {
    for (let change = this.takeChange(); change !== undefined; change = this.takeChange()) {
      let failure: unknown;
      if (change.revoked.length > 0) {
        try {
          await listener?.onRevoked(change.revoked);
        } catch (err) {
          failure = err;
        }
      }
      this.reportRevoked(change.revoked);
      afterRevoked(change.revoked);
      this.reportAssigned(change.assigned);
      if (change.assigned.length > 0) {
        try {
          await listener?.onAssigned(change.assigned);
        } catch (err) {
          failure ??= err;
        }
      }
      if (failure !== undefined) throw failure;
    }
  }

  /** The application holds the partition (poll() reported it). */
  isDelivered(key: string): boolean {
    return this.delivered.has(key);
  }

  /** kafkajs holds the partition now. */
  isCurrent(key: string): boolean {
    return this.current.has(key) && !this.lostSinceReport.has(key);
  }

  deliveredPartitions(): TopicPartition[] {
    return [...this.delivered.values()];
  }

  /** Forgets what the application holds (after close() revoked it all). */
  clearDelivered(): void {
    this.delivered.clear();
  }
}
