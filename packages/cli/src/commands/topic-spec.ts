import { RunnelError } from '@runnel/client';
import { intFlag } from './flags.js';

/** A --topic value of kafka-consumer-groups.sh: a topic, or some of its partitions (orders:0,2). */
export interface TopicSpec {
  topic: string;
  /** null = every partition. */
  partitions: number[] | null;
}

export function parseTopicSpec(spec: string): TopicSpec {
  const colon = spec.lastIndexOf(':');
  const topic = colon < 0 ? spec : spec.slice(0, colon);
  if (topic.length === 0) throw new RunnelError('INVALID_CONFIG', `--topic takes a topic name, optionally with partitions (orders:0,2), got '${spec}'`);
  if (colon < 0) return { topic, partitions: null };
  const partitions = spec.slice(colon + 1).split(',').map((p) => intFlag(`--topic ${topic}: partition`, p, 0, 2_147_483_647));
  return { topic, partitions: [...new Set(partitions)] };
}
