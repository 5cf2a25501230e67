import { RunnelError } from '@runnel/protocol';
import type { BrokerRegistration, MetadataImage } from './image.js';
import type { RandomSource } from './random.js';

/** Replica and leader counts per broker. */
export interface BrokerLoad {
  replicas: number;
  leaders: number;
}

/** How many replicas and leaderships each of `brokerIds` holds across the whole cluster. */
export function clusterLoad(image: MetadataImage, brokerIds: Iterable<number>): Map<number, BrokerLoad> {
  const load = new Map<number, BrokerLoad>();
  for (const id of brokerIds) load.set(id, { replicas: 0, leaders: 0 });
  for (const topic of image.topicsById.values()) {
    for (const partition of topic.partitions.values()) {
      for (const r of partition.replicas) {
        const l = load.get(r);
        if (l) l.replicas++;
      }
      const l = load.get(partition.leader);
      if (l) l.leaders++;
    }
  }
  return load;
}

export interface PlacementRequest {
  /** Brokers that may receive replicas (unfenced, not shutting down). */
  readonly brokers: readonly BrokerRegistration[];
  /** Assignments the topic already has (for adding partitions); their first replica leads. */
  readonly existing: readonly (readonly number[])[];
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Cluster-wide load of the brokers, updated as replicas are placed. */
  readonly load: Map<number, BrokerLoad>;
}

/**
 * Assigns replicas for new partitions of one topic. Per partition, the leader is the broker
 * with the fewest of the topic's leaderships (then fewest of its replicas, then least loaded in
 * the cluster, then a random order fixed per call). Followers are then taken one at a time
 * from racks the partition does not use yet (while any remain): the broker with the fewest of
 * the topic's replicas, preferring brokers that already lead more (they will not be picked as
 * leaders soon, so their replica budget is spent now). This keeps every broker within one
 * replica and one leadership of the topic's average when racks are even, spreads each
 * partition across racks, and steers new topics to emptier brokers.
 */
export function placeReplicas(request: PlacementRequest, random: RandomSource): number[][] {
  const { brokers, replicationFactor, load } = request;
  if (replicationFactor > brokers.length) {
    throw new RunnelError(
      'INVALID_REPLICATION_FACTOR',
      `replication factor ${replicationFactor} is larger than the ${brokers.length} available brokers`,
    );
  }
  const order = new Map<number, number>();
  const shuffled = [...brokers].sort((a, b) => a.id - b.id);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  shuffled.forEach((b, i) => order.set(b.id, i));

  const topicReplicas = new Map<number, number>(brokers.map((b) => [b.id, 0]));
  const topicLeaders = new Map<number, number>(brokers.map((b) => [b.id, 0]));
  for (const assignment of request.existing) {
    for (const r of assignment) if (topicReplicas.has(r)) topicReplicas.set(r, topicReplicas.get(r)! + 1);
    const leader = assignment[0];
    if (leader !== undefined && topicLeaders.has(leader)) topicLeaders.set(leader, topicLeaders.get(leader)! + 1);
  }
  const loadOf = (id: number): BrokerLoad => load.get(id) ?? { replicas: 0, leaders: 0 };
  const rackOf = (b: BrokerRegistration): string => b.rack ?? '';

  const compareForReplica = (a: BrokerRegistration, b: BrokerRegistration): number =>
    topicReplicas.get(a.id)! - topicReplicas.get(b.id)! ||
    topicLeaders.get(b.id)! - topicLeaders.get(a.id)! ||
    loadOf(a.id).replicas - loadOf(b.id).replicas ||
    order.get(a.id)! - order.get(b.id)!;
  const compareForLeader = (a: BrokerRegistration, b: BrokerRegistration): number =>
    topicLeaders.get(a.id)! - topicLeaders.get(b.id)! ||
    topicReplicas.get(a.id)! - topicReplicas.get(b.id)! ||
    loadOf(a.id).leaders - loadOf(b.id).leaders ||
    order.get(a.id)! - order.get(b.id)!;
  const best = (pool: BrokerRegistration[], compare: (a: BrokerRegistration, b: BrokerRegistration) => number): BrokerRegistration =>
    pool.reduce((min, b) => (compare(b, min) < 0 ? b : min));

  const assignments: number[][] = [];
  for (let p = 0; p < request.partitions; p++) {
    const leader = best([...brokers], compareForLeader);
    const chosen: BrokerRegistration[] = [leader];
    const usedRacks = new Set<string>([rackOf(leader)]);
    while (chosen.length < replicationFactor) {
      const candidates = brokers.filter((b) => !chosen.includes(b));
      const newRack = candidates.filter((b) => !usedRacks.has(rackOf(b)));
      const pick = best(newRack.length > 0 ? newRack : candidates, compareForReplica);
      chosen.push(pick);
      usedRacks.add(rackOf(pick));
    }
    const assignment = chosen.map((b) => b.id);
    for (const id of assignment) {
      topicReplicas.set(id, topicReplicas.get(id)! + 1);
      const l = load.get(id);
      if (l) l.replicas++;
    }
    topicLeaders.set(leader.id, topicLeaders.get(leader.id)! + 1);
    const l = load.get(leader.id);
    if (l) l.leaders++;
    assignments.push(assignment);
  }
  return assignments;
}
