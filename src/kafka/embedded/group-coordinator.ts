/**
 * The in-process group coordinator: Kafka's classic (eager) rebalance protocol with the range assignor.
 *
 * A rebalance starts when a member joins, leaves or changes its subscription, or when topics matching a
 * subscription appear, disappear or change. Every member that holds partitions must first give them all
 * up (its onRevoked runs, inside its own poll); once nobody holds anything the coordinator computes the
 * new assignment and each member takes its share at its next poll (onAssigned). So no partition is ever
 * owned by two members at once, as in Kafka. A member that keeps a rebalance waiting longer than its
 * `max.poll.interval.ms` after its last poll is evicted, as Kafka's consumer leaves the group then, and
 * must rejoin.
 */
import type { Logger } from 'pino';
import type { Subscription, TopicPartition } from '../port.js';
import { rangeAssign } from './range-assignor.js';

export interface GroupMemberHandle {
  readonly memberId: string;
  subscription(): Subscription;
  /** How long after its last poll a member may keep a rebalance waiting (its max.poll.interval.ms). */
  readonly rebalanceTimeoutMs: number;
  /** When the member last called poll (epoch milliseconds). */
  lastPollMs(): number;
  /** Interrupts the member's poll so it sees a new action. */
  wake(): void;
}

/** What a member has to do next, asked at every poll. */
export type GroupAction =
  | { readonly kind: 'revoke'; readonly partitions: readonly TopicPartition[] }
  | { readonly kind: 'assign'; readonly partitions: readonly TopicPartition[]; readonly generation: number }
  /** A rebalance waits for other members. */
  | { readonly kind: 'wait' }
  /** Not (or no longer) a member: evicted, or never joined. */
  | { readonly kind: 'fenced' }
  | { readonly kind: 'stable' };

interface Slot {
  readonly member: GroupMemberHandle;
  /** Partitions the member has taken (onAssigned) and not yet given back. */
  owned: readonly TopicPartition[];
  mustRevoke: boolean;
  /** A computed assignment the member has not picked up yet. */
  pending: readonly TopicPartition[] | null;
}

interface Group {
  readonly id: string;
  generation: number;
  rebalancing: boolean;
  readonly slots: Map<string, Slot>;
  /** Subscriptions resolved against topic metadata at the last assignment, to notice when it changes. */
  fingerprint: string;
  timer: NodeJS.Timeout | null;
}

export interface GroupCoordinatorOptions {
  /** The current topics and their partition counts. */
  readonly topics: () => ReadonlyMap<string, number>;
  readonly logger: Logger;
}

/** Kafka matches a subscription pattern against the whole topic name (Java's Matcher.matches()). */
export function fullMatch(pattern: RegExp): RegExp {
  return new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ''));
}

export function subscribedTopics(subscription: Subscription, topics: Iterable<string>): Set<string> {
  const names = new Set(topics);
  if ('topics' in subscription) return new Set(subscription.topics.filter((t) => names.has(t)));
  const pattern = fullMatch(subscription.pattern);
  return new Set([...names].filter((t) => pattern.test(t)));
}

export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly topics: () => ReadonlyMap<string, number>;
  private readonly logger: Logger;

  constructor(options: GroupCoordinatorOptions) {
    this.topics = options.topics;
    this.logger = options.logger;
  }

  join(groupId: string, member: GroupMemberHandle): void {
    let group = this.groups.get(groupId);
    if (!group) {
      group = { id: groupId, generation: 0, rebalancing: false, slots: new Map(), fingerprint: '', timer: null };
      this.groups.set(groupId, group);
    }
    group.slots.set(member.memberId, { member, owned: [], mustRevoke: false, pending: null });
    this.logger.debug({ group: groupId, member: member.memberId }, 'member joined the group');
    this.rebalance(group, `member ${member.memberId} joined`);
  }

  /** Removes a member (it has revoked its partitions itself, if it could) and rebalances the rest. */
  leave(groupId: string, memberId: string): void {
    const group = this.groups.get(groupId);
    if (!group?.slots.delete(memberId)) return;
    if (group.slots.size === 0) {
      if (group.timer) clearTimeout(group.timer);
      this.groups.delete(groupId);
      return;
    }
    this.rebalance(group, `member ${memberId} left`);
  }

  /** The member changed its subscription. */
  resubscribe(groupId: string, memberId: string): void {
    const group = this.groups.get(groupId);
    if (group?.slots.has(memberId)) this.rebalance(group, `member ${memberId} changed its subscription`);
  }

  isMember(groupId: string, memberId: string): boolean {
    return this.groups.get(groupId)?.slots.has(memberId) ?? false;
  }

  hasMembers(groupId: string): boolean {
    return (this.groups.get(groupId)?.slots.size ?? 0) > 0;
  }

  nextAction(groupId: string, memberId: string): GroupAction {
    const group = this.groups.get(groupId);
    const slot = group?.slots.get(memberId);
    if (!group || !slot) return { kind: 'fenced' };
    if (slot.mustRevoke) return { kind: 'revoke', partitions: slot.owned };
    if (slot.pending) {
      slot.owned = slot.pending;
      slot.pending = null;
      return { kind: 'assign', partitions: slot.owned, generation: group.generation };
    }
    return group.rebalancing ? { kind: 'wait' } : { kind: 'stable' };
  }

  /** The member has run onRevoked and no longer reads its partitions. */
  revoked(groupId: string, memberId: string): void {
    const group = this.groups.get(groupId);
    const slot = group?.slots.get(memberId);
    if (!group || !slot) return;
    slot.owned = [];
    slot.mustRevoke = false;
    this.complete(group);
  }

  /** Topics were created or deleted: rebalance the groups whose subscriptions now resolve differently. */
  topicsChanged(): void {
    for (const group of this.groups.values()) {
      if (!group.rebalancing && this.fingerprintOf(group) !== group.fingerprint) this.rebalance(group, 'subscribed topics changed');
    }
  }

  private fingerprintOf(group: Group): string {
    const counts = this.topics();
    const members = [...group.slots.values()].map((slot) => {
      const topics = [...subscribedTopics(slot.member.subscription(), counts.keys())].sort();
      return [slot.member.memberId, topics.map((t) => `${t}:${counts.get(t) ?? 0}`)];
    });
    return JSON.stringify(members.sort());
  }

  private rebalance(group: Group, reason: string): void {
    this.logger.debug({ group: group.id, reason }, 'rebalancing');
    group.rebalancing = true;
    for (const slot of group.slots.values()) {
      slot.pending = null;
      slot.mustRevoke = slot.owned.length > 0;
    }
    this.complete(group);
    this.scheduleEviction(group);
    for (const slot of group.slots.values()) slot.member.wake();
  }

  /** Arms a timer for the earliest moment a member still holding partitions overstays its poll interval. */
  private scheduleEviction(group: Group): void {
    if (group.timer) clearTimeout(group.timer);
    group.timer = null;
    if (!group.rebalancing) return;
    const deadlines = [...group.slots.values()].filter((s) => s.mustRevoke).map((s) => s.member.lastPollMs() + s.member.rebalanceTimeoutMs);
    if (deadlines.length === 0) return;
    group.timer = setTimeout(() => this.evictLaggards(group), Math.max(0, Math.min(...deadlines) - Date.now()));
    group.timer.unref();
  }

  private evictLaggards(group: Group): void {
    group.timer = null;
    if (!group.rebalancing) return;
    const now = Date.now();
    for (const [memberId, slot] of group.slots) {
      if (!slot.mustRevoke || now < slot.member.lastPollMs() + slot.member.rebalanceTimeoutMs) continue;
      this.logger.warn({ group: group.id, member: memberId }, 'member did not poll within max.poll.interval.ms during a rebalance; evicting it');
      group.slots.delete(memberId);
      slot.member.wake();
    }
    if (group.slots.size === 0) {
      this.groups.delete(group.id);
      return;
    }
    this.complete(group);
    this.scheduleEviction(group);
  }

  /** Once nobody holds partitions, computes the new assignment and hands it out. */
  private complete(group: Group): void {
    if (!group.rebalancing) return;
    for (const slot of group.slots.values()) if (slot.mustRevoke) return;
    const counts = this.topics();
    const members = [...group.slots.values()].map((slot) => ({
      memberId: slot.member.memberId,
      topics: subscribedTopics(slot.member.subscription(), counts.keys()),
    }));
    const assignment = rangeAssign(members, counts);
    group.generation++;
    group.rebalancing = false;
    group.fingerprint = this.fingerprintOf(group);
    if (group.timer) clearTimeout(group.timer);
    group.timer = null;
    for (const slot of group.slots.values()) {
      slot.pending = assignment.get(slot.member.memberId) ?? [];
      slot.member.wake();
    }
    this.logger.debug({ group: group.id, generation: group.generation, members: group.slots.size }, 'group rebalanced');
  }

  close(): void {
    for (const group of this.groups.values()) if (group.timer) clearTimeout(group.timer);
    this.groups.clear();
  }
}
