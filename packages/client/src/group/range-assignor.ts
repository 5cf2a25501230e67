import type { TopicPartitions } from '@runnel/protocol';
import { compareMembers, compareStrings, type MemberSubscription, type PartitionAssignor } from './assignor.js';

/**
 * Kafka's RangeAssignor: per topic, the subscribers in member order each take a contiguous range
 * of partitions; the first (partitions % subscribers) members take one extra.
 */
export const RangeAssignor: PartitionAssignor = {
  name: 'range',
  protocol: 'EAGER',
  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly MemberSubscription[]): Map<string, TopicPartitions[]> {
    const out = new Map<string, TopicPartitions[]>(members.map((m) => [m.memberId, []]));
    const sorted = [...members].sort(compareMembers);
    const topics = [...new Set(members.flatMap((m) => m.topics))].sort(compareStrings);
    for (const topic of topics) {
      const count = partitionsPerTopic.get(topic);
      if (count === undefined || count <= 0) continue;
      const subscribers = sorted.filter((m) => m.topics.includes(topic));
      const per = Math.floor(count / subscribers.length);
      const extra = count % subscribers.length;
      subscribers.forEach((m, i) => {
        const start = per * i + Math.min(i, extra);
        const length = per + (i < extra ? 1 : 0);
        if (length === 0) return;
        out.get(m.memberId)!.push({ topic, partitions: Array.from({ length }, (_, k) => start + k) });
      });
    }
    return out;
  },
};
