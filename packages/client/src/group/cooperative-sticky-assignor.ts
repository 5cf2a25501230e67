import type { TopicPartitions } from '@runnel/protocol';
import { compareMembers, toTopicPartitions, type MemberSubscription, type PartitionAssignor } from './assignor.js';

type Key = string;

interface Member {
  readonly id: string;
  readonly order: number;
  readonly topics: ReadonlySet<string>;
  /** Partitions held in the assignment being built. */
  readonly held: Set<Key>;
  /** Partitions the member validly owned before this rebalance (kept where balance allows). */
  readonly owned: ReadonlySet<Key>;
}

const key = (topic: string, partition: number): Key => `${partition}:${topic}`;
const unkey = (k: Key): { topic: string; partition: number } => {
  const i = k.indexOf(':');
  return { topic: k.slice(i + 1), partition: Number(k.slice(0, i)) };
};

/**
 * Kafka's sticky assignment: the result is balanced (no partition could move to a member
 * subscribed to its topic that holds two or more fewer partitions, so members with the same
 * subscription differ by at most one) and moves as few owned partitions as that allows.
 *
 * Ownership claims come from each member's ownedPartitions and generation: when two members
 * claim one partition the claim from the newer generation wins, and two claims from the same
 * generation are both dropped (the partition is then assigned afresh).
 */
export function stickyAssign(partitionsPerTopic: ReadonlyMap<string, number>, subscriptions: readonly MemberSubscription[]): Map<string, Set<Key>> {
  const sorted = [...subscriptions].sort(compareMembers);
  // Resolve claims: partition -> {member, generation}, with same-generation conflicts dropped.
  const claims = new Map<Key, { member: string | null; generation: number }>();
  for (const m of sorted) {
    const topics = new Set(m.topics);
    for (const tp of m.ownedPartitions) {
      const count = partitionsPerTopic.get(tp.topic) ?? 0;
      if (!topics.has(tp.topic)) continue;
      for (const p of tp.partitions) {
        if (!Number.isInteger(p) || p < 0 || p >= count) continue;
        const k = key(tp.topic, p);
        const other = claims.get(k);
        if (!other || m.generationId > other.generation) claims.set(k, { member: m.memberId, generation: m.generationId });
        else if (m.generationId === other.generation && other.member !== m.memberId) other.member = null;
      }
    }
  }
  const owned = new Map<string, Set<Key>>(sorted.map((m) => [m.memberId, new Set<Key>()]));
  for (const [k, c] of claims) if (c.member !== null) owned.get(c.member)!.add(k);

  const members: Member[] = sorted.map((m, order) => ({
    id: m.memberId,
    order,
    topics: new Set(m.topics.filter((t) => (partitionsPerTopic.get(t) ?? 0) > 0)),
    owned: owned.get(m.memberId)!,
    held: new Set(owned.get(m.memberId)!),
  }));
  const subscribers = new Map<string, Member[]>();
  for (const m of members) {
    for (const t of m.topics) {
      let list = subscribers.get(t);
      if (!list) subscribers.set(t, (list = []));
      list.push(m);
    }
  }
  const holder = new Map<Key, Member>();
  for (const m of members) for (const k of m.held) holder.set(k, m);

  // Unowned partitions, those with the fewest possible takers first, each to the least loaded taker.
  const unowned: Key[] = [];
  for (const [topic, list] of subscribers) {
    const count = partitionsPerTopic.get(topic)!;
    for (let p = 0; p < count; p++) if (!holder.has(key(topic, p))) unowned.push(key(topic, p));
  }
  unowned.sort((a, b) => {
    const d = subscribers.get(unkey(a).topic)!.length - subscribers.get(unkey(b).topic)!.length;
    return d !== 0 ? d : a < b ? -1 : a > b ? 1 : 0;
  });
  for (const k of unowned) {
    const taker = leastLoaded(subscribers.get(unkey(k).topic)!);
    taker.held.add(k);
    holder.set(k, taker);
  }

  // Balance: move partitions from the most loaded members to takers holding two or fewer less,
  // giving away partitions the giver did not own before first. Each move lowers the sum of
  // squared counts, so this ends; when it ends no such move exists, which is the balance goal.
  for (;;) {
    const byLoad = [...members].sort((a, b) => b.held.size - a.held.size || a.order - b.order);
    let moved = false;
    for (const giver of byLoad) {
      const candidates = [...giver.held].sort((a, b) => Number(giver.owned.has(a)) - Number(giver.owned.has(b)) || (a < b ? -1 : a > b ? 1 : 0));
      for (const k of candidates) {
        const takers = subscribers.get(unkey(k).topic)!.filter((m) => m.held.size < giver.held.size - 1);
        if (takers.length === 0) continue;
        const taker = leastLoaded(takers);
        giver.held.delete(k);
        taker.held.add(k);
        holder.set(k, taker);
        moved = true;
        break;
      }
      if (moved) break;
    }
    if (!moved) break;
  }
  return new Map(members.map((m) => [m.id, m.held]));
}

function leastLoaded(list: readonly Member[]): Member {
  let best = list[0]!;
  for (const m of list) if (m.held.size < best.held.size || (m.held.size === best.held.size && m.order < best.order)) best = m;
  return best;
}

/**
 * Kafka's CooperativeStickyAssignor: the sticky assignment, minus every partition that would move
 * to a member from another member that claims it now (whatever the generation of that claim:
 * the claimant may still be consuming it). The claimant gives it up when it sees its
 * new assignment, rejoins, and the follow-up rebalance hands the partition to its new member, so
 * no partition is ever consumed by two members at once.
 */
export const CooperativeStickyAssignor: PartitionAssignor = {
  name: 'cooperative-sticky',
  protocol: 'COOPERATIVE',
  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly MemberSubscription[]): Map<string, TopicPartitions[]> {
    const assignment = stickyAssign(partitionsPerTopic, members);
    const claimants = new Map<Key, Set<string>>();
    for (const m of members) {
      for (const tp of m.ownedPartitions) {
        for (const p of tp.partitions) {
          const k = key(tp.topic, p);
          let set = claimants.get(k);
          if (!set) claimants.set(k, (set = new Set()));
          set.add(m.memberId);
        }
      }
    }
    const out = new Map<string, TopicPartitions[]>();
    for (const m of members) {
      const held = assignment.get(m.memberId)!;
      // A member keeps what it claims itself; it may take only partitions nobody else claims.
      const kept = [...held].filter((k) => {
        const owners = claimants.get(k);
        return !owners || owners.has(m.memberId) || owners.size === 0;
      });
      out.set(m.memberId, toTopicPartitions(kept.map(unkey)));
    }
    return out;
  },
};
