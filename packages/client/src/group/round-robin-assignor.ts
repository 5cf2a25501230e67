import type { TopicPartitions } from '@runnel/protocol';
import { compareMembers, compareStrings, toTopicPartitions, type MemberSubscription, type PartitionAssignor } from './assignor.js';

/**
 * Kafka's RoundRobinAssignor: every partition of every subscribed topic (topics by name,
 * partitions ascending) goes to the next member in a circle, skipping members not subscribed to
 * the partition's topic.
 */
export const RoundRobinAssignor: PartitionAssignor = {
  name: 'roundrobin',
  protocol: 'EAGER',
  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly MemberSubscription[]): Map<string, TopicPartitions[]> {
    const assigned = new Map<string, { topic: string; partition: number }[]>(members.map((m) => [m.memberId, []]));
    const sorted = [...members].sort(compareMembers);
    const topics = [...new Set(members.flatMap((m) => m.topics))].sort(compareStrings);
    let next = 0;
    for (const topic of topics) {
      const count = partitionsPerTopic.get(topic) ?? 0;
      for (let partition = 0; partition < count; partition++) {
        while (!sorted[next % sorted.length]!.topics.includes(topic)) next++;
        assigned.get(sorted[next % sorted.length]!.memberId)!.push({ topic, partition });
        next++;
      }
    }
    return new Map([...assigned].map(([member, list]) => [member, toTopicPartitions(list)]));
  },
};
