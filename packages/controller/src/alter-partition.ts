import { RunnelError } from '@runnel/protocol';
import { checkBrokerEpoch } from './broker-lifecycle.js';
import type { ControllerContext, ControllerResult } from './controller-context.js';
import { isBrokerActive, isReassigning, type MetadataImage, type PartitionRegistration } from './image.js';
import { applyPartitionChange, partitionChange } from './partition-change.js';
import { completeReassignment, throttleCleanup } from './reassignment.js';
import type { MetadataRecord } from './records.js';
import type { Uuid } from './uuid.js';

export interface AlterPartitionData {
  readonly partitionId: number;
  /** The leader epoch the leader is in. */
  readonly leaderEpoch: number;
  /** The partition epoch of the state the leader based its proposal on. */
  readonly partitionEpoch: number;
  readonly newIsr: readonly number[];
}

export interface AlterPartitionRequest {
  readonly brokerId: number;
  readonly brokerEpoch: number;
  readonly topics: readonly { readonly topicId: Uuid; readonly partitions: readonly AlterPartitionData[] }[];
}

/** The partition's state after the request (on success) or now (on error), for the leader to adopt. */
export interface AlterPartitionResult {
  readonly topicId: Uuid;
  readonly partitionId: number;
  readonly error: RunnelError | null;
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly isr: readonly number[];
  readonly partitionEpoch: number;
}

function answer(topicId: Uuid, partitionId: number, error: RunnelError | null, p: PartitionRegistration): AlterPartitionResult {
  return { topicId, partitionId, error, leader: p.leader, leaderEpoch: p.leaderEpoch, isr: p.isr, partitionEpoch: p.partitionEpoch };
}

function validate(
  image: MetadataImage,
  brokerId: number,
  partition: PartitionRegistration,
  data: AlterPartitionData,
  name: string,
): void {
  // Epochs newer than ours mean this controller is behind: the leader should find the active one.
  if (data.leaderEpoch > partition.leaderEpoch || data.partitionEpoch > partition.partitionEpoch) {
    throw new RunnelError(
      'NOT_CONTROLLER',
      `${name} is at leader epoch ${partition.leaderEpoch} / partition epoch ${partition.partitionEpoch} here, older than the request's`,
    );
  }
  if (data.leaderEpoch < partition.leaderEpoch) {
    throw new RunnelError('FENCED_LEADER_EPOCH', `${name} is at leader epoch ${partition.leaderEpoch}, the request has ${data.leaderEpoch}`);
  }
  if (brokerId !== partition.leader) {
    throw new RunnelError('NOT_LEADER_OR_FOLLOWER', `broker ${brokerId} does not lead ${name}; the leader is ${partition.leader}`);
  }
  if (data.partitionEpoch < partition.partitionEpoch) {
    throw new RunnelError(
      'INVALID_UPDATE_VERSION',
      `${name} is at partition epoch ${partition.partitionEpoch}, the request has ${data.partitionEpoch}; refresh and retry`,
    );
  }
  const isr = data.newIsr;
  if (new Set(isr).size !== isr.length || isr.some((id) => !partition.replicas.includes(id))) {
    throw new RunnelError('INVALID_REQUEST', `new ISR [${isr.join(', ')}] of ${name} must be distinct replicas of [${partition.replicas.join(', ')}]`);
  }
  if (!isr.includes(partition.leader)) {
    throw new RunnelError('INVALID_REQUEST', `new ISR [${isr.join(', ')}] of ${name} leaves out the leader ${partition.leader}`);
  }
  const ineligible = isr.filter((id) => id !== partition.leader && !isBrokerActive(image, id));
  if (ineligible.length > 0) {
    throw new RunnelError(
      'INELIGIBLE_REPLICA',
      `new ISR of ${name} names brokers that are fenced, shutting down or unregistered: ${ineligible.join(', ')}`,
    );
  }
}

/**
 * A partition leader's request to change its ISR. Accepted only from the current leader, with
 * the current leader epoch and partition epoch, and with every new ISR member an unfenced
 * replica; each partition is answered on its own. The broker epoch must be current for any
 * of it to be considered.
 */
export function alterPartition(
  image: MetadataImage,
  request: AlterPartitionRequest,
  ctx: ControllerContext,
): ControllerResult<AlterPartitionResult[]> {
  checkBrokerEpoch(image, request.brokerId, request.brokerEpoch);
  const records: MetadataRecord[] = [];
  const results: AlterPartitionResult[] = [];
  // Later entries for the same partition see the earlier ones' effect.
  const updated = new Map<string, PartitionRegistration>();
  for (const { topicId, partitions } of request.topics) {
    const topic = image.topicsById.get(topicId);
    for (const data of partitions) {
      const key = `${topicId}:${data.partitionId}`;
      const current = updated.get(key) ?? topic?.partitions.get(data.partitionId);
      if (!topic || !current) {
        const error = !topic
          ? new RunnelError('UNKNOWN_TOPIC_ID', `no topic has id ${topicId}`)
          : new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${topic.name} has no partition ${data.partitionId}`);
        results.push({ topicId, partitionId: data.partitionId, error, leader: -1, leaderEpoch: -1, isr: [], partitionEpoch: -1 });
        continue;
      }
      const name = `${topic.name}-${data.partitionId}`;
      try {
        validate(image, request.brokerId, current, data, name);
      } catch (err) {
        if (!(err instanceof RunnelError)) throw err;
        results.push(answer(topicId, data.partitionId, err, current));
        continue;
      }
      // An ISR that now holds every target replica completes a reassignment in the same record.
      const record = isReassigning(current)
        ? completeReassignment(topicId, data.partitionId, current, data.newIsr, image)
        : partitionChange(topicId, data.partitionId, current, { leader: current.leader, isr: data.newIsr });
      const next = record ? applyPartitionChange(current, record) : current;
      if (record) {
        records.push(record);
        updated.set(key, next);
        ctx.log?.info(
          { topic: topic.name, partition: data.partitionId, leaderEpoch: next.leaderEpoch, isr: next.isr, partitionEpoch: next.partitionEpoch },
          'ISR changed',
        );
      }
      results.push(answer(topicId, data.partitionId, null, next));
    }
  }
  // A completed reassignment may have been the last one: its throttle goes with it.
  return { records: [...records, ...throttleCleanup(image, records)], response: results };
}
