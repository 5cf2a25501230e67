import type { ClusterSettings } from './controller-config.js';
import { parseTopicConfig } from './topic-config.js';
import { isBrokerActive, type MetadataImage, type PartitionRegistration, type TopicImage } from './image.js';
import { CLUSTER_DEFAULT_RESOURCE, NO_LEADER, type PartitionChangeRecord } from './records.js';
import type { Uuid } from './uuid.js';

const UNCLEAN = 'unclean.leader.election.enable';

/**
 * Whether a topic may elect a leader outside its ISR: its own setting, else the cluster-wide
 * dynamic default, else the controller's static config.
 */
export function uncleanElectionAllowed(image: MetadataImage, topicName: string, settings: ClusterSettings): boolean {
  const value = image.configs.topic.get(topicName)?.get(UNCLEAN) ?? image.configs.broker.get(CLUSTER_DEFAULT_RESOURCE)?.get(UNCLEAN);
  return value !== undefined ? parseTopicConfig(UNCLEAN, value) === true : settings.uncleanLeaderElectionEnable;
}

export interface LeaderChoice {
  readonly leader: number;
  readonly isr: readonly number[];
}

/**
 * Picks a leader for a partition whose ISR is `isr`: the first replica, in assignment order,
 * that is in the ISR and may lead. With unclean election allowed and no such replica, the first
 * replica that may lead at all, which becomes the whole ISR. Otherwise NO_LEADER, and the ISR
 * is left as given so its last member can lead again when it returns.
 */
export function electLeader(
  replicas: readonly number[],
  isr: readonly number[],
  mayLead: (brokerId: number) => boolean,
  unclean: boolean,
): LeaderChoice {
  const clean = replicas.find((r) => isr.includes(r) && mayLead(r));
  if (clean !== undefined) return { leader: clean, isr };
  if (unclean) {
    const any = replicas.find(mayLead);
    if (any !== undefined) return { leader: any, isr: [any] };
  }
  return { leader: NO_LEADER, isr };
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export interface PartitionTarget {
  readonly leader: number;
  readonly isr: readonly number[];
  readonly replicas?: readonly number[];
  readonly removingReplicas?: readonly number[];
  readonly addingReplicas?: readonly number[];
}

/**
 * The record that moves a partition to `next`, or null if nothing changes. Every change bumps
 * the partition epoch; the leader epoch is bumped by a new leader (including none) and, as Kafka
 * does, by replicas leaving the replica set, so the removed replicas' fetches are fenced.
 */
export function partitionChange(
  topicId: Uuid,
  partitionId: number,
  current: PartitionRegistration,
  next: PartitionTarget,
): PartitionChangeRecord | null {
  const changed = (value: readonly number[] | undefined, now: readonly number[]): value is readonly number[] =>
    value !== undefined && !sameIds(value, now);
  const leaderChanged = next.leader !== current.leader;
  const isrChanged = !sameIds(next.isr, current.isr);
  const replicasChanged = changed(next.replicas, current.replicas);
  const removingChanged = changed(next.removingReplicas, current.removingReplicas);
  const addingChanged = changed(next.addingReplicas, current.addingReplicas);
  if (!leaderChanged && !isrChanged && !replicasChanged && !removingChanged && !addingChanged) return null;
  const replicasShrank = replicasChanged && current.replicas.some((id) => !next.replicas!.includes(id));
  return {
    type: 'partitionChange',
    topicId,
    partitionId,
    ...(leaderChanged ? { leader: next.leader } : {}),
    ...(isrChanged ? { isr: [...next.isr] } : {}),
    ...(replicasChanged ? { replicas: [...next.replicas!] } : {}),
    ...(removingChanged ? { removingReplicas: [...next.removingReplicas!] } : {}),
    ...(addingChanged ? { addingReplicas: [...next.addingReplicas!] } : {}),
    leaderEpoch: leaderChanged || replicasShrank ? current.leaderEpoch + 1 : current.leaderEpoch,
    partitionEpoch: current.partitionEpoch + 1,
  };
}

/** The registration `record` makes of `current`: absent fields keep their value. */
export function applyPartitionChange(current: PartitionRegistration, record: PartitionChangeRecord): PartitionRegistration {
  return {
    replicas: record.replicas ?? current.replicas,
    isr: record.isr ?? current.isr,
    leader: record.leader ?? current.leader,
    leaderEpoch: record.leaderEpoch,
    partitionEpoch: record.partitionEpoch,
    removingReplicas: record.removingReplicas ?? current.removingReplicas,
    addingReplicas: record.addingReplicas ?? current.addingReplicas,
  };
}

function* allPartitions(image: MetadataImage): Generator<[TopicImage, number, PartitionRegistration]> {
  for (const topic of image.topicsById.values()) {
    for (const [partitionId, partition] of topic.partitions) yield [topic, partitionId, partition];
  }
}

/**
 * Takes `brokerId` out of every ISR and leadership, as when it is fenced, shuts down or leaves:
 * it leaves each ISR unless it is the last member, and partitions it led get a new leader
 * from the remaining ISR (or go offline).
 */
export function removeBrokerFromPartitions(image: MetadataImage, brokerId: number, settings: ClusterSettings): PartitionChangeRecord[] {
  const mayLead = (id: number): boolean => id !== brokerId && isBrokerActive(image, id);
  const records: PartitionChangeRecord[] = [];
  for (const [topic, partitionId, partition] of allPartitions(image)) {
    if (partition.leader !== brokerId && !partition.isr.includes(brokerId)) continue;
    const shrunk = partition.isr.filter((id) => id !== brokerId);
    const isr = shrunk.length > 0 ? shrunk : partition.isr;
    const choice =
      partition.leader !== brokerId && partition.leader !== NO_LEADER
        ? { leader: partition.leader, isr }
        : electLeader(partition.replicas, isr, mayLead, uncleanElectionAllowed(image, topic.name, settings));
    const record = partitionChange(topic.id, partitionId, partition, choice);
    if (record) records.push(record);
  }
  return records;
}

/** Leaders for offline partitions that can have one again (after a broker came back). */
export function electOfflineLeaders(image: MetadataImage, settings: ClusterSettings): PartitionChangeRecord[] {
  const mayLead = (id: number): boolean => isBrokerActive(image, id);
  const records: PartitionChangeRecord[] = [];
  for (const [topic, partitionId, partition] of allPartitions(image)) {
    if (partition.leader !== NO_LEADER) continue;
    const choice = electLeader(partition.replicas, partition.isr, mayLead, uncleanElectionAllowed(image, topic.name, settings));
    if (choice.leader === NO_LEADER) continue;
    const record = partitionChange(topic.id, partitionId, partition, choice);
    if (record) records.push(record);
  }
  return records;
}
