import { RunnelError } from '@runnel/protocol';
import type { ControllerContext, ControllerResult } from './controller-context.js';
import { isBrokerActive, type MetadataImage } from './image.js';
import { electLeader, partitionChange } from './partition-change.js';
import { NO_LEADER, type PartitionChangeRecord } from './records.js';
import type { Uuid } from './uuid.js';

/** The most elections one automatic rebalance pass makes, so its batch stays bounded. */
export const MAX_ELECTIONS_PER_REBALANCE = 1000;

export type ElectionType = 'preferred' | 'unclean';

export interface PartitionRef {
  readonly topic: string;
  readonly partitionId: number;
}

export interface ElectLeadersRequest {
  readonly type: ElectionType;
  /** Absent: every partition, and only partitions where something happened are reported. */
  readonly partitions?: readonly PartitionRef[];
}

export interface ElectionResult {
  readonly topic: string;
  readonly partitionId: number;
  readonly leader: number;
  readonly error: RunnelError | null;
}

function electOne(image: MetadataImage, type: ElectionType, ref: PartitionRef): { record: PartitionChangeRecord | null; result: ElectionResult } {
  const topic = image.topicsByName.get(ref.topic);
  const partition = topic?.partitions.get(ref.partitionId);
  const answer = (leader: number, error: RunnelError | null): ElectionResult => ({ topic: ref.topic, partitionId: ref.partitionId, leader, error });
  if (!topic || !partition) {
    return { record: null, result: answer(NO_LEADER, new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `${ref.topic}-${ref.partitionId} does not exist`)) };
  }
  const name = `${ref.topic}-${ref.partitionId}`;
  const mayLead = (id: number): boolean => isBrokerActive(image, id);
  if (type === 'preferred') {
    const preferred = partition.replicas[0]!;
    if (partition.leader === preferred) {
      return { record: null, result: answer(partition.leader, new RunnelError('ELECTION_NOT_NEEDED', `${name} is already led by its preferred replica ${preferred}`)) };
    }
    if (!partition.isr.includes(preferred) || !mayLead(preferred)) {
      return {
        record: null,
        result: answer(partition.leader, new RunnelError('PREFERRED_LEADER_NOT_AVAILABLE', `preferred replica ${preferred} of ${name} is not in the ISR or not alive`)),
      };
    }
    const record = partitionChange(topic.id, ref.partitionId, partition, { leader: preferred, isr: partition.isr });
    return { record, result: answer(preferred, null) };
  }
  if (partition.leader !== NO_LEADER) {
    return { record: null, result: answer(partition.leader, new RunnelError('ELECTION_NOT_NEEDED', `${name} has leader ${partition.leader}`)) };
  }
  // Asked for explicitly, so allowed whatever the topic's unclean.leader.election.enable says.
  const choice = electLeader(partition.replicas, partition.isr, mayLead, true);
  if (choice.leader === NO_LEADER) {
    return { record: null, result: answer(NO_LEADER, new RunnelError('ELIGIBLE_LEADERS_NOT_AVAILABLE', `no replica of ${name} is alive`)) };
  }
  return { record: partitionChange(topic.id, ref.partitionId, partition, choice), result: answer(choice.leader, null) };
}

function allPartitionRefs(image: MetadataImage): PartitionRef[] {
  const refs: PartitionRef[] = [];
  for (const topic of image.topicsById.values()) {
    for (const partitionId of topic.partitions.keys()) refs.push({ topic: topic.name, partitionId });
  }
  return refs;
}

/** Preferred or unclean leader election on demand (the ElectLeaders admin call). */
export function electLeaders(image: MetadataImage, request: ElectLeadersRequest, ctx: ControllerContext): ControllerResult<ElectionResult[]> {
  const refs = request.partitions ?? allPartitionRefs(image);
  const records: PartitionChangeRecord[] = [];
  const results: ElectionResult[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const key = `${ref.topic}:${ref.partitionId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { record, result } = electOne(image, request.type, ref);
    if (record) records.push(record);
    if (request.partitions !== undefined || result.error?.errorName !== 'ELECTION_NOT_NEEDED') results.push(result);
  }
  if (records.length > 0) ctx.log?.info({ type: request.type, elections: records.length }, 'leader election');
  return { records, response: results };
}

export interface ImbalancedPartition {
  readonly topicId: Uuid;
  readonly topic: string;
  readonly partitionId: number;
  readonly preferredLeader: number;
}

/** Partitions whose preferred replica is alive and in the ISR but does not lead. */
export function partitionsNeedingPreferredElection(image: MetadataImage): ImbalancedPartition[] {
  const out: ImbalancedPartition[] = [];
  for (const topic of image.topicsById.values()) {
    for (const [partitionId, p] of topic.partitions) {
      const preferred = p.replicas[0]!;
      if (p.leader !== preferred && p.isr.includes(preferred) && isBrokerActive(image, preferred)) {
        out.push({ topicId: topic.id, topic: topic.name, partitionId, preferredLeader: preferred });
      }
    }
  }
  return out;
}

/**
 * What the auto.leader.rebalance.enable timer runs: preferred elections for imbalanced
 * partitions, at most MAX_ELECTIONS_PER_REBALANCE per pass; `remaining` says whether
 * another pass is due right away.
 */
export function rebalanceLeaders(image: MetadataImage, ctx: ControllerContext): ControllerResult<{ elected: number; remaining: number }> {
  if (!ctx.settings.autoLeaderRebalanceEnable) return { records: [], response: { elected: 0, remaining: 0 } };
  const imbalanced = partitionsNeedingPreferredElection(image);
  const batch = imbalanced.slice(0, MAX_ELECTIONS_PER_REBALANCE);
  const { records } = electLeaders(image, { type: 'preferred', partitions: batch.map((p) => ({ topic: p.topic, partitionId: p.partitionId })) }, ctx);
  return { records, response: { elected: records.length, remaining: imbalanced.length - batch.length } };
}
