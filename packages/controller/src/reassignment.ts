import { RunnelError } from '@runnel/protocol';
import type { ControllerContext, ControllerResult } from './controller-context.js';
import { applyRecords } from './delta.js';
import { isBrokerActive, isReassigning, originalReplicas, type MetadataImage, type PartitionRegistration } from './image.js';
import { electLeader, partitionChange, uncleanElectionAllowed } from './partition-change.js';
import { CLUSTER_DEFAULT_RESOURCE, NO_LEADER, type MetadataRecord, type PartitionChangeRecord } from './records.js';
import type { Uuid } from './uuid.js';

/**
 * Kafka's cluster-wide follower.replication.throttled.rate: bytes per second each broker's
 * replica fetchers may spend on adding replicas. Stored as the cluster default ('' resource) of
 * the broker config resource, and removed once no reassignment is left.
 */
export const REASSIGNMENT_THROTTLE_CONFIG = 'follower.replication.throttled.rate';

export interface ReassignmentRequest {
  readonly topic: string;
  readonly partitionId: number;
  /** The target replicas, the first being the preferred leader; null cancels a reassignment in progress. */
  readonly replicas: readonly number[] | null;
}

export interface ReassignmentResult {
  readonly topic: string;
  readonly partitionId: number;
  readonly error: RunnelError | null;
}

export interface AlterReassignmentsRequest {
  readonly partitions: readonly ReassignmentRequest[];
  /** Bytes per second for reassignment traffic: absent or 0 leaves it, -1 removes it, above 0 sets it. */
  readonly throttleBytesPerSec?: number;
}

export interface OngoingReassignment {
  readonly topic: string;
  readonly partitionId: number;
  readonly replicas: readonly number[];
  readonly addingReplicas: readonly number[];
  readonly removingReplicas: readonly number[];
}

interface State {
  replicas: number[];
  isr: number[];
  leader: number;
  addingReplicas: number[];
  removingReplicas: number[];
}

const without = (ids: readonly number[], drop: readonly number[]): number[] => ids.filter((id) => !drop.includes(id));

/**
 * Ends the reassignment of `state` if every target replica is in the ISR (Kafka's
 * completeReassignmentIfNeeded): the replicas become the targets, the removing replicas leave the
 * ISR, and a leader among them hands over to the first target replica in the ISR.
 */
function completeIfReady(state: State, mayLead: (id: number) => boolean): State {
  if (state.addingReplicas.length === 0 && state.removingReplicas.length === 0) return state;
  const target = without(state.replicas, state.removingReplicas);
  if (!target.every((id) => state.isr.includes(id))) return state;
  const isr = state.isr.filter((id) => target.includes(id));
  const leader = target.includes(state.leader) ? state.leader : electLeader(target, isr, mayLead, false).leader;
  return { replicas: target, isr, leader, addingReplicas: [], removingReplicas: [] };
}

/** The leader for `state`: the current one while it stays a replica, else a clean (or allowed unclean) election. */
function withLeader(state: Omit<State, 'leader'>, current: number, mayLead: (id: number) => boolean, unclean: boolean): State {
  if (current !== NO_LEADER && state.replicas.includes(current) && state.isr.includes(current)) return { ...state, leader: current };
  const choice = electLeader(state.replicas, state.isr, mayLead, unclean);
  return { ...state, leader: choice.leader, isr: [...choice.isr] };
}

function checkTarget(image: MetadataImage, name: string, replicas: readonly number[]): void {
  const bad = (why: string): RunnelError => new RunnelError('INVALID_REPLICA_ASSIGNMENT', `target replicas [${replicas.join(', ')}] of ${name}: ${why}`);
  if (replicas.length === 0) throw bad('give at least one replica (or none at all to cancel)');
  if (replicas.some((id) => !Number.isInteger(id) || id < 0)) throw bad('broker ids are non-negative integers');
  if (new Set(replicas).size !== replicas.length) throw bad('a broker appears twice');
  const unknown = replicas.filter((id) => !image.brokers.has(id));
  if (unknown.length > 0) throw bad(`brokers ${unknown.join(', ')} are not registered`);
}

/** The change a new target makes: from the original replicas (a reassignment in progress is replaced). */
function reassign(current: PartitionRegistration, target: readonly number[], mayLead: (id: number) => boolean): State {
  const original = originalReplicas(current);
  const removing = without(original, target);
  const replicas = [...target, ...removing];
  const isr = current.isr.filter((id) => replicas.includes(id));
  if (isr.length === 0) {
    throw new RunnelError(
      'INVALID_REPLICA_ASSIGNMENT',
      `target [${target.join(', ')}] would leave no in-sync replica (the ISR is [${current.isr.join(', ')}]); wait for the original replicas to catch up or include an in-sync one`,
    );
  }
  const state = withLeader(
    { replicas, isr, addingReplicas: without(target, original), removingReplicas: removing },
    current.leader,
    mayLead,
    false,
  );
  return completeIfReady(state, mayLead);
}

/**
 * Puts the original replicas back (Kafka's cancellation revert). In the unlikely case that none
 * of them is in the ISR any more (only adding replicas are in sync), Kafka's rule applies: the
 * originals become the ISR and the leader is elected uncleanly among the live ones, since the
 * adding replicas leave with the reassignment.
 */
function revert(current: PartitionRegistration, mayLead: (id: number) => boolean, unclean: boolean): State {
  const replicas = originalReplicas(current);
  let isr = current.isr.filter((id) => replicas.includes(id));
  let allowUnclean = unclean;
  if (isr.length === 0) {
    const live = replicas.filter(mayLead);
    // With none alive either, all of them wait as the ISR so the first to return can lead.
    isr = live.length > 0 ? live : replicas;
    allowUnclean = true;
  }
  return withLeader({ replicas, isr, addingReplicas: [], removingReplicas: [] }, current.leader, mayLead, allowUnclean);
}

function throttleRecord(value: string | null): MetadataRecord {
  return { type: 'config', resourceType: 'broker', resourceName: CLUSTER_DEFAULT_RESOURCE, name: REASSIGNMENT_THROTTLE_CONFIG, value };
}

function anyReassigning(image: MetadataImage): boolean {
  for (const topic of image.topicsById.values()) {
    for (const p of topic.partitions.values()) if (isReassigning(p)) return true;
  }
  return false;
}

/**
 * The record that removes the reassignment throttle when `records`, applied to `image`, leave no
 * reassignment in progress; none otherwise (or when there is no throttle).
 */
export function throttleCleanup(image: MetadataImage, records: readonly MetadataRecord[]): MetadataRecord[] {
  const setsThrottle = records.some((r) => r.type === 'config' && r.resourceType === 'broker' && r.name === REASSIGNMENT_THROTTLE_CONFIG);
  if (!setsThrottle && !(image.configs.broker.get(CLUSTER_DEFAULT_RESOURCE)?.has(REASSIGNMENT_THROTTLE_CONFIG) ?? false)) return [];
  const after = records.length === 0 ? image : applyRecords(image, records).image;
  const throttled = after.configs.broker.get(CLUSTER_DEFAULT_RESOURCE)?.has(REASSIGNMENT_THROTTLE_CONFIG) ?? false;
  return throttled && !anyReassigning(after) ? [throttleRecord(null)] : [];
}

/**
 * Starts, replaces or cancels partition reassignments (AlterPartitionReassignments). A new target
 * adds its new replicas at once, next to the old ones; the leader's ISR changes bring them into
 * the ISR as they catch up, and the reassignment completes (see completeReassignment) when every
 * target replica is in the ISR. A target whose replicas are already all in the ISR completes in
 * the same batch. Each partition succeeds or fails on its own.
 */
export function alterPartitionReassignments(
  image: MetadataImage,
  request: AlterReassignmentsRequest,
  ctx: ControllerContext,
): ControllerResult<ReassignmentResult[]> {
  const throttle = request.throttleBytesPerSec ?? 0;
  if (!Number.isSafeInteger(throttle) || throttle < -1) {
    throw new RunnelError('INVALID_REQUEST', `throttle must be a number of bytes per second (0 leaves it as it is, -1 removes it), got ${throttle}`);
  }
  const mayLead = (id: number): boolean => isBrokerActive(image, id);
  const records: MetadataRecord[] = [];
  const seen = new Set<string>();
  const results = request.partitions.map((req): ReassignmentResult => {
    const name = `${req.topic}-${req.partitionId}`;
    try {
      if (seen.has(name)) throw new RunnelError('INVALID_REQUEST', `${name} appears more than once in the request`);
      seen.add(name);
      const topic = image.topicsByName.get(req.topic);
      const current = topic?.partitions.get(req.partitionId);
      if (!topic || !current) throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `${name} does not exist`);
      let next: State;
      if (req.replicas === null) {
        if (!isReassigning(current)) throw new RunnelError('NO_REASSIGNMENT_IN_PROGRESS', `${name} has no reassignment in progress to cancel`);
        next = revert(current, mayLead, uncleanElectionAllowed(image, topic.name, ctx.settings));
      } else {
        checkTarget(image, name, req.replicas);
        next = reassign(current, req.replicas, mayLead);
      }
      const record = partitionChange(topic.id, req.partitionId, current, next);
      if (record) {
        records.push(record);
        ctx.log?.info(
          { topic: topic.name, partition: req.partitionId, target: req.replicas, replicas: next.replicas, adding: next.addingReplicas, removing: next.removingReplicas, leader: next.leader, leaderEpoch: record.leaderEpoch },
          req.replicas === null ? 'reassignment cancelled' : 'reassignment started',
        );
      }
      return { topic: req.topic, partitionId: req.partitionId, error: null };
    } catch (err) {
      if (!(err instanceof RunnelError)) throw err;
      return { topic: req.topic, partitionId: req.partitionId, error: err };
    }
  });
  if (throttle > 0) records.push(throttleRecord(String(throttle)));
  else if (throttle === -1 && image.configs.broker.get(CLUSTER_DEFAULT_RESOURCE)?.has(REASSIGNMENT_THROTTLE_CONFIG)) records.push(throttleRecord(null));
  return { records: [...records, ...throttleCleanup(image, records)], response: results };
}

/**
 * The partition state after an ISR change, with its reassignment completed if the new ISR holds
 * every target replica. Used by AlterPartition so the completing change commits with the ISR
 * change that enables it.
 */
export function completeReassignment(
  topicId: Uuid,
  partitionId: number,
  current: PartitionRegistration,
  isr: readonly number[],
  image: MetadataImage,
): PartitionChangeRecord | null {
  const mayLead = (id: number): boolean => isBrokerActive(image, id);
  const state = completeIfReady(
    { replicas: [...current.replicas], isr: [...isr], leader: current.leader, addingReplicas: [...current.addingReplicas], removingReplicas: [...current.removingReplicas] },
    mayLead,
  );
  return partitionChange(topicId, partitionId, current, state);
}

/** Reassignments in progress, of the given partitions or of all (ListPartitionReassignments). */
export function listPartitionReassignments(
  image: MetadataImage,
  partitions?: readonly { readonly topic: string; readonly partitionId: number }[],
): OngoingReassignment[] {
  const out: OngoingReassignment[] = [];
  const add = (topic: string, partitionId: number, p: PartitionRegistration | undefined): void => {
    if (p && isReassigning(p)) {
      out.push({ topic, partitionId, replicas: p.replicas, addingReplicas: p.addingReplicas, removingReplicas: p.removingReplicas });
    }
  };
  if (partitions) {
    for (const { topic, partitionId } of partitions) add(topic, partitionId, image.topicsByName.get(topic)?.partitions.get(partitionId));
    return out;
  }
  for (const name of [...image.topicsByName.keys()].sort()) {
    const topic = image.topicsByName.get(name)!;
    for (const [partitionId, p] of [...topic.partitions].sort((a, b) => a[0] - b[0])) add(name, partitionId, p);
  }
  return out;
}
