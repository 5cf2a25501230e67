import type { TopicPartitions } from '@runnel/protocol';

/** One member's JoinGroup subscription as the group leader sees it. */
export interface MemberSubscription {
  memberId: string;
  groupInstanceId: string | null;
  topics: string[];
  /** Partitions the member owns now (cooperative assignors keep them in place). */
  ownedPartitions: TopicPartitions[];
  /** Generation the owned partitions belong to; -1 when unknown. */
  generationId: number;
  rackId: string | null;
  userData: Buffer | null;
}

/**
 * EAGER: every member gives up everything before a rebalance. COOPERATIVE: members keep what
 * they own across a rebalance and give up only what the new assignment takes away.
 */
export type RebalanceProtocol = 'EAGER' | 'COOPERATIVE';

export interface PartitionAssignor {
  /** The protocol name members advertise in JoinGroup (Kafka's assignor names). */
  readonly name: string;
  readonly protocol: RebalanceProtocol;
  /**
   * Partitions for each member (every member present, possibly with an empty list), given each
   * topic's partition count. Topics without a count (unknown to the cluster) are not assigned.
   */
  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly MemberSubscription[]): Map<string, TopicPartitions[]>;
}

/**
 * Kafka's member order: static members (by group.instance.id) before dynamic ones (by member id),
 * so a static member that restarts with a new member id lands in the same place.
 */
export function compareMembers(a: MemberSubscription, b: MemberSubscription): number {
  if (a.groupInstanceId !== null && b.groupInstanceId !== null) return compareStrings(a.groupInstanceId, b.groupInstanceId);
  if (a.groupInstanceId !== null) return -1;
  if (b.groupInstanceId !== null) return 1;
  return compareStrings(a.memberId, b.memberId);
}

/** Java's String.compareTo order (UTF-16 code units), not locale order. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per-topic partition lists, topics sorted by name and partitions ascending. */
export function toTopicPartitions(partitions: Iterable<{ topic: string; partition: number }>): TopicPartitions[] {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    list.push(partition);
  }
  return [...byTopic.keys()].sort(compareStrings).map((topic) => ({ topic, partitions: byTopic.get(topic)!.sort((x, y) => x - y) }));
}
