import { RunnelError } from '@runnel/protocol';
import type { ControllerContext, ControllerResult } from './controller-context.js';
import { applyRecords } from './delta.js';
import { activeBrokers, isBrokerActive, targetReplicas, type MetadataImage, type TopicImage } from './image.js';
import { electOfflineLeaders } from './partition-change.js';
import { throttleCleanup } from './reassignment.js';
import type { MetadataRecord } from './records.js';
import { clusterLoad, placeReplicas } from './replica-placement.js';
import { TOPIC_CONFIGS, parseTopicConfig, validateTopicConfigs } from './topic-config.js';
import { topicCollisionKey, validateTopicName } from './topic-name.js';
import { randomUuid, type Uuid } from './uuid.js';

/** The most partitions one request may create for a topic, so one decision's batch stays bounded. */
export const MAX_PARTITIONS_PER_REQUEST = 10_000;
const MAX_REPLICATION_FACTOR = 32_767;

export interface CreateTopicRequest {
  readonly name: string;
  /** -1 or absent: num.partitions. */
  readonly numPartitions?: number;
  /** -1 or absent: default.replication.factor. */
  readonly replicationFactor?: number;
  readonly configs?: Readonly<Record<string, string>>;
  /**
   * Replicas per partition (index = partition id), instead of numPartitions and
   * replicationFactor; the first live replica leads.
   */
  readonly assignments?: readonly (readonly number[])[];
}

export interface CreateTopicResult {
  readonly name: string;
  readonly topicId: Uuid | null;
  readonly numPartitions: number;
  readonly replicationFactor: number;
  readonly error: RunnelError | null;
}

export interface TopicRef {
  readonly name?: string;
  readonly topicId?: Uuid;
}

export interface DeleteTopicResult {
  readonly name: string | null;
  readonly topicId: Uuid | null;
  readonly error: RunnelError | null;
}

export interface CreatePartitionsRequest {
  readonly name: string;
  /** The total partition count wanted. */
  readonly count: number;
}

export interface TopicResult {
  readonly name: string;
  readonly error: RunnelError | null;
}

export interface ConfigOperation {
  readonly key: string;
  readonly op: 'set' | 'delete';
  readonly value?: string;
}

export interface AlterTopicConfigsRequest {
  readonly name: string;
  readonly ops: readonly ConfigOperation[];
}

export interface PartitionDescription {
  readonly partitionId: number;
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  /** Replicas on brokers that are not registered or are fenced. */
  readonly offlineReplicas: readonly number[];
}

export interface TopicDescription {
  readonly name: string;
  readonly topicId: Uuid | null;
  readonly partitions: readonly PartitionDescription[];
  readonly configs: Readonly<Record<string, string>>;
  readonly error: RunnelError | null;
}

function asError(err: unknown): RunnelError {
  if (err instanceof RunnelError) return err;
  throw err;
}

interface PartitionPlan {
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly leader: number;
}

/** Checks a manual assignment as Kafka does: registered, distinct brokers, one replication factor, someone alive. */
function manualPartitions(image: MetadataImage, assignments: readonly (readonly number[])[]): PartitionPlan[] {
  if (assignments.length > MAX_PARTITIONS_PER_REQUEST) {
    throw new RunnelError('INVALID_PARTITIONS', `at most ${MAX_PARTITIONS_PER_REQUEST} partitions can be created at once`);
  }
  const rf = assignments[0]!.length;
  return assignments.map((replicas, partitionId) => {
    const bad = (why: string): RunnelError =>
      new RunnelError('INVALID_REPLICA_ASSIGNMENT', `partition ${partitionId} assignment [${replicas.join(', ')}]: ${why}`);
    if (replicas.length === 0) throw bad('no replicas');
    if (replicas.length !== rf) throw bad(`every partition needs the same number of replicas (${rf})`);
    if (new Set(replicas).size !== replicas.length) throw bad('a broker appears twice');
    const unknown = replicas.filter((id) => !image.brokers.has(id));
    if (unknown.length > 0) throw bad(`brokers ${unknown.join(', ')} are not registered`);
    const isr = replicas.filter((id) => isBrokerActive(image, id));
    if (isr.length === 0) throw bad('every broker in it is fenced or shutting down');
    return { replicas, isr, leader: isr[0]! };
  });
}

function checkCount(value: number, what: string, error: 'INVALID_PARTITIONS' | 'INVALID_REPLICATION_FACTOR', max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RunnelError(error, `${what} must be an integer in [1, ${max}] (or -1 for the default), got ${value}`);
  }
}

/**
 * Creates topics: validates each (name, existence, '.'/'_' collisions, partition count,
 * replication factor against the brokers that can take replicas, configs), assigns replicas
 * rack-aware and balanced (or checks a manual assignment), and emits topic, partition and
 * config records. Each topic succeeds
 * or fails on its own; later topics in a request see the earlier ones. validateOnly checks
 * without emitting records.
 */
export function createTopics(
  image: MetadataImage,
  requests: readonly CreateTopicRequest[],
  ctx: ControllerContext,
  validateOnly = false,
): ControllerResult<CreateTopicResult[]> {
  const brokers = activeBrokers(image);
  const load = clusterLoad(image, brokers.map((b) => b.id));
  const collisions = new Map<string, string>();
  for (const name of image.topicsByName.keys()) collisions.set(topicCollisionKey(name), name);
  const seen = new Set<string>();
  const records: MetadataRecord[] = [];
  const results: CreateTopicResult[] = [];

  for (const request of requests) {
    const manual = request.assignments !== undefined && request.assignments.length > 0 ? request.assignments : null;
    const numPartitions = manual
      ? manual.length
      : request.numPartitions === undefined || request.numPartitions === -1
        ? ctx.settings.numPartitions
        : request.numPartitions;
    const replicationFactor = manual
      ? manual[0]!.length
      : request.replicationFactor === undefined || request.replicationFactor === -1
        ? ctx.settings.defaultReplicationFactor
        : request.replicationFactor;
    const fail = (error: RunnelError): void => {
      results.push({ name: request.name, topicId: null, numPartitions, replicationFactor, error });
    };
    try {
      if (seen.has(request.name)) throw new RunnelError('INVALID_REQUEST', `topic '${request.name}' appears more than once in the request`);
      seen.add(request.name);
      validateTopicName(request.name);
      if (image.topicsByName.has(request.name) || (collisions.get(topicCollisionKey(request.name)) === request.name)) {
        throw new RunnelError('TOPIC_ALREADY_EXISTS', `topic '${request.name}' already exists`);
      }
      const clash = collisions.get(topicCollisionKey(request.name));
      if (clash !== undefined) {
        throw new RunnelError(
          'INVALID_TOPIC_EXCEPTION',
          `topic '${request.name}' collides with existing topic '${clash}': '.' and '_' count as the same character`,
        );
      }
      let partitions: PartitionPlan[];
      if (manual) {
        if ((request.numPartitions ?? -1) !== -1 || (request.replicationFactor ?? -1) !== -1) {
          throw new RunnelError('INVALID_REQUEST', `topic '${request.name}': give either assignments or numPartitions/replicationFactor, not both`);
        }
        partitions = manualPartitions(image, manual);
        validateTopicConfigs(request.configs ?? {});
      } else {
        checkCount(numPartitions, 'number of partitions', 'INVALID_PARTITIONS', MAX_PARTITIONS_PER_REQUEST);
        checkCount(replicationFactor, 'replication factor', 'INVALID_REPLICATION_FACTOR', MAX_REPLICATION_FACTOR);
        validateTopicConfigs(request.configs ?? {});
        partitions = placeReplicas({ brokers, existing: [], partitions: numPartitions, replicationFactor, load }, ctx.random).map((replicas) => ({
          replicas,
          isr: replicas,
          leader: replicas[0]!,
        }));
      }
      let topicId = randomUuid(ctx.random);
      while (image.topicsById.has(topicId) || results.some((r) => r.topicId === topicId)) topicId = randomUuid(ctx.random);
      collisions.set(topicCollisionKey(request.name), request.name);
      results.push({ name: request.name, topicId, numPartitions, replicationFactor, error: null });
      if (validateOnly) continue;
      records.push({ type: 'topic', name: request.name, topicId });
      partitions.forEach((p, partitionId) => {
        records.push({ type: 'partition', topicId, partitionId, ...p, leaderEpoch: 0, partitionEpoch: 0 });
      });
      for (const [name, value] of Object.entries(request.configs ?? {})) {
        records.push({ type: 'config', resourceType: 'topic', resourceName: request.name, name, value });
      }
      ctx.log?.info({ topic: request.name, topicId, numPartitions, replicationFactor }, 'creating topic');
    } catch (err) {
      fail(asError(err));
    }
  }
  return { records, response: results };
}

function findTopic(image: MetadataImage, ref: TopicRef): TopicImage {
  if (ref.topicId !== undefined) {
    const topic = image.topicsById.get(ref.topicId);
    if (!topic) throw new RunnelError('UNKNOWN_TOPIC_ID', `no topic has id ${ref.topicId}`);
    return topic;
  }
  const topic = image.topicsByName.get(ref.name ?? '');
  if (!topic) throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${ref.name ?? ''}' does not exist`);
  return topic;
}

/** Deletes topics named by name or id; each unknown one gets its own error. */
export function deleteTopics(image: MetadataImage, refs: readonly TopicRef[], ctx: ControllerContext): ControllerResult<DeleteTopicResult[]> {
  const records: MetadataRecord[] = [];
  const deleted = new Set<Uuid>();
  const results = refs.map((ref): DeleteTopicResult => {
    try {
      const topic = findTopic(image, ref);
      if (!deleted.has(topic.id)) {
        deleted.add(topic.id);
        records.push({ type: 'removeTopic', topicId: topic.id });
        ctx.log?.info({ topic: topic.name, topicId: topic.id }, 'deleting topic');
      }
      return { name: topic.name, topicId: topic.id, error: null };
    } catch (err) {
      return { name: ref.name ?? null, topicId: ref.topicId ?? null, error: asError(err) };
    }
  });
  // Deleting the last topic with a reassignment in progress ends the reassignment throttle too.
  return { records: [...records, ...throttleCleanup(image, records)], response: results };
}

/** Grows topics to `count` partitions, placing the new ones like creation does. */
export function createPartitions(
  image: MetadataImage,
  requests: readonly CreatePartitionsRequest[],
  ctx: ControllerContext,
): ControllerResult<TopicResult[]> {
  const brokers = activeBrokers(image);
  const load = clusterLoad(image, brokers.map((b) => b.id));
  const records: MetadataRecord[] = [];
  const seen = new Set<string>();
  const results = requests.map((request): TopicResult => {
    try {
      if (seen.has(request.name)) throw new RunnelError('INVALID_REQUEST', `topic '${request.name}' appears more than once in the request`);
      seen.add(request.name);
      const topic = findTopic(image, { name: request.name });
      const current = topic.partitions.size;
      if (!Number.isInteger(request.count) || request.count <= current) {
        throw new RunnelError(
          'INVALID_PARTITIONS',
          `topic '${request.name}' has ${current} partitions; the new count must be a larger integer, got ${request.count}`,
        );
      }
      if (request.count - current > MAX_PARTITIONS_PER_REQUEST) {
        throw new RunnelError('INVALID_PARTITIONS', `at most ${MAX_PARTITIONS_PER_REQUEST} partitions can be added at once`);
      }
      // A partition being reassigned counts with its target replicas, not the union with the leaving ones.
      const existing = [...topic.partitions.values()].map((p) => targetReplicas(p));
      const replicationFactor = existing[0]?.length ?? 1;
      const assignments = placeReplicas({ brokers, existing, partitions: request.count - current, replicationFactor, load }, ctx.random);
      assignments.forEach((replicas, i) => {
        records.push({
          type: 'partition',
          topicId: topic.id,
          partitionId: current + i,
          replicas,
          isr: replicas,
          leader: replicas[0]!,
          leaderEpoch: 0,
          partitionEpoch: 0,
        });
      });
      ctx.log?.info({ topic: topic.name, topicId: topic.id, from: current, to: request.count }, 'adding partitions');
      return { name: request.name, error: null };
    } catch (err) {
      return { name: request.name, error: asError(err) };
    }
  });
  return { records, response: results };
}

/**
 * Sets or removes topic configs. Turning unclean.leader.election.enable on elects leaders
 * for the topic's offline partitions in the same batch.
 */
export function alterTopicConfigs(
  image: MetadataImage,
  requests: readonly AlterTopicConfigsRequest[],
  ctx: ControllerContext,
): ControllerResult<TopicResult[]> {
  const configRecords: MetadataRecord[] = [];
  const results = requests.map((request): TopicResult => {
    try {
      findTopic(image, { name: request.name });
      const batch: MetadataRecord[] = [];
      for (const op of request.ops) {
        if (op.op === 'set') {
          if (op.value === undefined) throw new RunnelError('INVALID_CONFIG', `setting topic config ${op.key} needs a value`);
          parseTopicConfig(op.key, op.value);
          batch.push({ type: 'config', resourceType: 'topic', resourceName: request.name, name: op.key, value: op.value });
        } else if (op.op === 'delete') {
          if (!(op.key in TOPIC_CONFIGS)) throw new RunnelError('INVALID_CONFIG', `unknown topic config '${op.key}'`);
          batch.push({ type: 'config', resourceType: 'topic', resourceName: request.name, name: op.key, value: null });
        } else {
          throw new RunnelError('INVALID_REQUEST', `config operation must be 'set' or 'delete'`);
        }
      }
      configRecords.push(...batch);
      return { name: request.name, error: null };
    } catch (err) {
      return { name: request.name, error: asError(err) };
    }
  });
  const after = applyRecords(image, configRecords).image;
  return { records: [...configRecords, ...electOfflineLeaders(after, ctx.settings)], response: results };
}

/** Describes topics (all of them when `names` is absent); unknown names get an error entry. */
export function describeTopics(image: MetadataImage, names?: readonly string[]): TopicDescription[] {
  const offline = (id: number): boolean => {
    const broker = image.brokers.get(id);
    return broker === undefined || broker.fenced;
  };
  const wanted = names ?? [...image.topicsByName.keys()].sort();
  return wanted.map((name): TopicDescription => {
    const topic = image.topicsByName.get(name);
    if (!topic) {
      return {
        name,
        topicId: null,
        partitions: [],
        configs: {},
        error: new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${name}' does not exist`),
      };
    }
    const partitions = [...topic.partitions]
      .sort((a, b) => a[0] - b[0])
      .map(([partitionId, p]) => ({
        partitionId,
        leader: p.leader,
        leaderEpoch: p.leaderEpoch,
        replicas: p.replicas,
        isr: p.isr,
        offlineReplicas: p.replicas.filter(offline),
      }));
    return { name, topicId: topic.id, partitions, configs: Object.fromEntries(image.configs.topic.get(name) ?? []), error: null };
  });
}
