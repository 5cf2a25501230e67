import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CONSUMER_PROTOCOL_TYPE, RunnelError, SCRAM_MIN_ITERATIONS, aclBindingFromProto, aclBindingToProto, callUnary, createClient, decodeAssignment,
  decodeSubscription, describeAclBinding, errorName, scramSaltedPassword, type AclBinding, type ClientOf, type ErrorName, type pb,
} from '@runnel/protocol';
import { aclFilterToProto, type AclFilter } from './acl-spec.js';
import { Cluster, type BrokerInfo, type PartitionInfo } from './cluster.js';
import { CoordinatorChannel, offsetAnswerError } from './group/coordinator-channel.js';
import { SILENT_LOGGER, type ClientLogger } from './logger.js';
import { resolveCredentials, type SecurityConfig } from './security-config.js';
import { resolveSecurity } from './security.js';
import type { TopicPartition } from './partition-state.js';

export interface AdminConfig extends SecurityConfig {
  /** bootstrap.servers: "host:port,host:port". */
  bootstrap: string | string[];
  /** client.id, sent with every call. Default runnel-admin. */
  clientId?: string;
  /** request.timeout.ms (default.api.timeout.ms for the whole call, retries included). Default 30000. */
  requestTimeoutMs?: number;
  /** retry.backoff.ms. Default 100. */
  retryBackoffMs?: number;
  logger?: ClientLogger;
}

export interface NewTopic {
  name: string;
  /** Default: the broker's num.partitions. */
  numPartitions?: number;
  /** Default: the broker's default.replication.factor. */
  replicationFactor?: number;
  /** Explicit replicas per partition (instead of numPartitions/replicationFactor). */
  replicaAssignment?: number[][];
  configs?: Record<string, string>;
}

export interface CreatedTopic {
  name: string;
  numPartitions: number;
  replicationFactor: number;
}

export interface TopicDescription {
  name: string;
  internal: boolean;
  partitions: Omit<PartitionInfo, 'topic'>[];
}

export type ConfigResourceKind = 'topic' | 'broker';

export interface ConfigResourceSpec {
  type: ConfigResourceKind;
  /** Topic name, or broker id ("" for the cluster-wide broker default). */
  name: string;
  /** Only these keys (default: all). */
  keys?: string[];
}

export interface ConfigEntryDescription {
  name: string;
  value: string;
  readOnly: boolean;
  source: string;
  sensitive: boolean;
  documentation: string;
  type: string;
}

export interface ConfigDescription {
  type: ConfigResourceKind;
  name: string;
  configs: ConfigEntryDescription[];
}

export interface ConfigAlteration {
  type: ConfigResourceKind;
  name: string;
  configs: { name: string; op?: 'set' | 'delete' | 'append' | 'subtract'; value?: string }[];
}

export interface ClusterDescription {
  clusterId: string;
  controllerId: number;
  brokers: BrokerDescription[];
}

export interface BrokerDescription extends BrokerInfo {
  /** UNFENCED, FENCED or CONTROLLED_SHUTDOWN, as the controller's metadata has it. */
  state: string;
  brokerEpoch: number;
  /** Partitions this broker leads. */
  leaderCount: number;
  /** Partition replicas assigned to this broker. */
  replicaCount: number;
}

export interface QuorumReplicaDescription {
  nodeId: number;
  /** Voters: the last metadata log offset the leader knows the voter holds; brokers: the offset they reported applied. -1 = unknown. */
  logEndOffset: number;
  /** Epoch ms of the last append answer (voters) or heartbeat (brokers); -1 = none yet. */
  lastFetchTimestamp: number;
  lastCaughtUpTimestamp: number;
  /** host:port, "" when unknown. */
  address: string;
}

export interface QuorumDescription {
  leaderId: number;
  /** The Raft term of the leader (Kafka's leader epoch of the metadata quorum). */
  leaderEpoch: number;
  /** The metadata log's commit index. */
  highWatermark: number;
  voters: QuorumReplicaDescription[];
  /** Brokers following the metadata log. */
  observers: QuorumReplicaDescription[];
}

export type ElectionType = 'preferred' | 'unclean';

export interface ElectionOutcome {
  topic: string;
  partition: number;
  /** null when a leader was elected; ELECTION_NOT_NEEDED when the wanted leader already leads. */
  error: RunnelError | null;
  /** The leader after the election: the one elected, or the one that stays; -1 = none. */
  leader: number;
}

export type OffsetSpec = 'earliest' | 'latest' | 'max-timestamp' | { timestamp: number };

export interface ListedOffset {
  topic: string;
  partition: number;
  /** -1 when no record is at or after the timestamp asked for. */
  offset: number;
  timestamp: number;
  leaderEpoch: number;
}

/** Kafka's classic group states; ListGroups and DescribeGroups name them this way. */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface GroupListing {
  groupId: string;
  /** "consumer" for consumer groups; other protocol types (e.g. "connect") are listed too. */
  protocolType: string;
  state: GroupState | string;
}

export interface GroupMemberDescription {
  memberId: string;
  /** group.instance.id of a static member, else null. */
  groupInstanceId: string | null;
  clientId: string;
  /** Where the member connects from, as the coordinator saw it. */
  host: string;
  /** Topics the member subscribes to (consumer protocol only; empty otherwise). */
  subscribedTopics: string[];
  /** Partitions assigned to the member in the current generation (consumer protocol only). */
  assignment: TopicPartition[];
}

export interface GroupDescription {
  groupId: string;
  state: GroupState | string;
  protocolType: string;
  /** The assignor the group agreed on (protocol name), "" while no generation is complete. */
  assignor: string;
  generationId: number;
  /** The broker coordinating the group. */
  coordinator: BrokerInfo;
  members: GroupMemberDescription[];
}

export interface GroupOffset {
  topic: string;
  partition: number;
  /** The committed offset: the next record the group will read; -1 when none is committed. */
  offset: number;
  /** Leader epoch of the committed record, -1 when unknown. */
  leaderEpoch: number;
  metadata: string;
}

export interface GroupOffsetAlteration {
  topic: string;
  partition: number;
  offset: number;
  leaderEpoch?: number;
  metadata?: string;
}

/** Answers that mean "find the coordinator again and retry". */

function byTopic(partitions: readonly TopicPartition[]): { name: string; partitions: number[] }[] {
  const topics = new Map<string, number[]>();
  for (const p of partitions) topics.set(p.topic, [...(topics.get(p.topic) ?? []), p.partition]);
  return [...topics].map(([name, list]) => ({ name, partitions: list }));
}

function flatten(tps: readonly { topic: string; partitions: number[] }[]): TopicPartition[] {
  return tps.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition })));
}

function checkGroupId(groupId: string): void {
  if (typeof groupId !== 'string' || groupId.length === 0) throw new RunnelError('INVALID_GROUP_ID', 'a group id must be a non-empty string');
}

const RESOURCE: Record<ConfigResourceKind, 'CONFIG_RESOURCE_TOPIC' | 'CONFIG_RESOURCE_BROKER'> = {
  topic: 'CONFIG_RESOURCE_TOPIC',
  broker: 'CONFIG_RESOURCE_BROKER',
};
const OPS = { set: 'ALTER_CONFIG_SET', delete: 'ALTER_CONFIG_DELETE', append: 'ALTER_CONFIG_APPEND', subtract: 'ALTER_CONFIG_SUBTRACT' } as const;

interface ItemResult {
  name: string;
  errorCode: number;
  errorMessage?: string;
}

/** Throw one error naming every failed item (the first failure's name leads). */
function throwIfFailed(what: string, results: ItemResult[]): void {
  const failed = results.filter((r) => r.errorCode !== 0);
  if (failed.length === 0) return;
  const first = failed[0]!;
  const lead = errorName(first.errorCode);
  // The error carries the lead name already; other items name theirs only where it differs.
  const message = failed
    .map((r) => {
      const name = errorName(r.errorCode);
      const text = r.errorMessage || (name === lead ? '' : name);
      return `${r.name}${name !== lead && r.errorMessage ? ` (${name})` : ''}${text ? `: ${text}` : ''}`;
    })
    .join('; ');
  throw new RunnelError(errorName(first.errorCode), `${what} failed for ${message}`, { details: { resource: first.name, failed: failed.map((f) => f.name).join(',') } });
}

/**
 * Cluster administration over the Admin service (served by every broker, which forwards writes
 * to the active controller) and the Broker service's Metadata and ListOffsets.
 */
export class Admin {
  private readonly cluster: Cluster;
  private readonly groups: CoordinatorChannel;
  private readonly clients = new Map<string, ClientOf<'Admin'>>();
  private readonly timeoutMs: number;
  private readonly backoffMs: number;
  private readonly clientId: string;

  constructor(config: AdminConfig) {
    this.clientId = config.clientId ?? 'runnel-admin';
    this.timeoutMs = config.requestTimeoutMs ?? 30_000;
    this.backoffMs = config.retryBackoffMs ?? 100;
    if (!Number.isSafeInteger(this.timeoutMs) || this.timeoutMs <= 0) throw new RunnelError('INVALID_CONFIG', `requestTimeoutMs must be a positive integer, got ${this.timeoutMs}`);
    const logger = config.logger ?? SILENT_LOGGER;
    this.cluster = new Cluster({
      bootstrap: config.bootstrap,
      requestTimeoutMs: this.timeoutMs,
      retryBackoffMs: this.backoffMs,
      clientId: this.clientId,
      logger,
      credentials: resolveCredentials(config),
      sasl: resolveSecurity(config),
    });
    this.groups = new CoordinatorChannel(this.cluster, { clientId: this.clientId, requestTimeoutMs: this.timeoutMs, retryBackoffMs: this.backoffMs, logger });
  }

  /**
   * Call the Admin service on any reachable broker; whole-call retriable errors (NOT_CONTROLLER
   * while a controller election runs, a broker going away) are retried until the timeout.
   */
  private async admin<T>(call: (client: ClientOf<'Admin'>) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      let last: RunnelError | undefined;
      for (const address of this.cluster.addresses()) {
        try {
          return await call(this.adminClient(address));
        } catch (err) {
          const e = err instanceof RunnelError ? err : new RunnelError('UNKNOWN_SERVER_ERROR', String(err));
          if (!e.retriable) throw e;
          last = e;
        }
      }
      if (Date.now() + this.backoffMs >= deadline) throw last!;
      await new Promise((r) => setTimeout(r, this.backoffMs));
    }
  }

  private adminClient(address: string): ClientOf<'Admin'> {
    let client = this.clients.get(address);
    if (!client) this.clients.set(address, (client = createClient('Admin', address, this.cluster.clientOptions)));
    return client;
  }

  /** The client address of broker `id` (a broker id as a config resource name). */
  private async brokerAddress(id: string): Promise<string> {
    await this.cluster.refresh();
    const broker = /^\d+$/.test(id) ? this.cluster.broker(Number(id)) : undefined;
    if (!broker) {
      const known = this.cluster.allBrokers().map((b) => b.nodeId).sort((a, b) => a - b).join(', ');
      throw new RunnelError('INVALID_REQUEST', `broker '${id}' is not a live broker of the cluster (live: ${known || 'none'})`, { details: { broker: id } });
    }
    return `${broker.host}:${broker.port}`;
  }

  private remaining(deadline: number): number {
    return Math.max(1, deadline - Date.now());
  }

  async createTopics(topics: NewTopic[], options: { validateOnly?: boolean; timeoutMs?: number } = {}): Promise<CreatedTopic[]> {
    const request: pb.CreateTopicsRequest = {
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      validateOnly: options.validateOnly ?? false,
      topics: topics.map((t) => ({
        name: t.name,
        numPartitions: t.replicaAssignment ? -1 : t.numPartitions ?? -1,
        replicationFactor: t.replicaAssignment ? -1 : t.replicationFactor ?? -1,
        assignments: (t.replicaAssignment ?? []).map((brokerIds, partition) => ({ partition, brokerIds })),
        configs: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
      })),
    };
    const deadline = Date.now() + this.timeoutMs;
    const r = await this.admin((c) => callUnary(c.createTopics.bind(c), request, { timeoutMs: this.remaining(deadline) }));
    throwIfFailed('CreateTopics', r.topics);
    return r.topics.map((t) => ({ name: t.name, numPartitions: t.numPartitions, replicationFactor: t.replicationFactor }));
  }

  async deleteTopics(names: string[], options: { timeoutMs?: number } = {}): Promise<void> {
    const r = await this.admin((c) => callUnary(c.deleteTopics.bind(c), { topicNames: names, timeoutMs: options.timeoutMs ?? this.timeoutMs }, { timeoutMs: this.timeoutMs }));
    throwIfFailed('DeleteTopics', r.results);
  }

  /** Raise the partition count of topics to `count`. */
  async createPartitions(topics: { topic: string; count: number; assignments?: number[][] }[], options: { validateOnly?: boolean } = {}): Promise<void> {
    const request: pb.CreatePartitionsRequest = {
      timeoutMs: this.timeoutMs,
      validateOnly: options.validateOnly ?? false,
      topics: topics.map((t) => ({ name: t.topic, count: t.count, assignments: (t.assignments ?? []).map((brokerIds, i) => ({ partition: i, brokerIds })) })),
    };
    const r = await this.admin((c) => callUnary(c.createPartitions.bind(c), request, { timeoutMs: this.timeoutMs }));
    throwIfFailed('CreatePartitions', r.results);
  }

  async listTopics(options: { includeInternal?: boolean } = {}): Promise<string[]> {
    const r = await this.cluster.fetchAll(options.includeInternal ?? false);
    return r.topics.filter((t) => t.errorCode === 0 && (options.includeInternal || !t.isInternal)).map((t) => t.name).sort();
  }

  /** Leader, replicas, ISR and offline replicas of every partition; fails for unknown topics. */
  async describeTopics(names: string[]): Promise<TopicDescription[]> {
    await this.cluster.refresh(names);
    const out: TopicDescription[] = [];
    const failed: ItemResult[] = [];
    for (const name of names) {
      const t = this.cluster.topic(name);
      if (!t || t.error !== 'NONE') {
        failed.push({ name, errorCode: new RunnelError(t?.error ?? 'UNKNOWN_TOPIC_OR_PARTITION').code });
        continue;
      }
      out.push({ name, internal: t.internal, partitions: t.partitions.map(({ topic: _topic, ...p }) => p) });
    }
    throwIfFailed('DescribeTopics', failed);
    return out;
  }

  /**
   * Configs of topics and brokers. A broker's own configuration is asked of that broker (as
   * Kafka's admin client does); everything else of any broker.
   */
  async describeConfigs(resources: ConfigResourceSpec[], options: { includeDocumentation?: boolean } = {}): Promise<ConfigDescription[]> {
    const byAddress = new Map<string, number[]>();
    for (const [i, r] of resources.entries()) {
      const address = r.type === 'broker' && r.name !== '' ? await this.brokerAddress(r.name) : '';
      byAddress.set(address, [...(byAddress.get(address) ?? []), i]);
    }
    const answers: pb.DescribeConfigsResult__Output[] = new Array(resources.length);
    await Promise.all([...byAddress].map(async ([address, indexes]) => {
      const request: pb.DescribeConfigsRequest = {
        includeDocumentation: options.includeDocumentation ?? false,
        resources: indexes.map((i) => resources[i]!).map((r) => ({ resourceType: RESOURCE[r.type], resourceName: r.name, configurationKeys: r.keys ?? [] })),
      };
      const call = (c: ClientOf<'Admin'>): Promise<pb.DescribeConfigsResponse__Output> => callUnary(c.describeConfigs.bind(c), request, { timeoutMs: this.timeoutMs });
      const r = address === '' ? await this.admin(call) : await call(this.adminClient(address));
      indexes.forEach((i, j) => (answers[i] = r.results[j]!));
    }));
    throwIfFailed('DescribeConfigs', answers.map((x) => ({ name: x.resourceName, errorCode: x.errorCode, errorMessage: x.errorMessage })));
    return answers.map((x) => ({
      type: x.resourceType === 'CONFIG_RESOURCE_BROKER' ? 'broker' : 'topic',
      name: x.resourceName,
      configs: x.configs.map((c) => ({ name: c.name, value: c.value, readOnly: c.readOnly, source: c.source, sensitive: c.isSensitive, documentation: c.documentation, type: c.type })),
    }));
  }

  async incrementalAlterConfigs(changes: ConfigAlteration[], options: { validateOnly?: boolean } = {}): Promise<void> {
    const request: pb.IncrementalAlterConfigsRequest = {
      validateOnly: options.validateOnly ?? false,
      resources: changes.map((r) => ({
        resourceType: RESOURCE[r.type],
        resourceName: r.name,
        configs: r.configs.map((c) => ({ name: c.name, op: OPS[c.op ?? 'set'], value: c.value ?? '' })),
      })),
    };
    const r = await this.admin((c) => callUnary(c.incrementalAlterConfigs.bind(c), request, { timeoutMs: this.timeoutMs }));
    const named = (x: pb.AlterConfigsResult__Output): string =>
      x.resourceType !== 'CONFIG_RESOURCE_BROKER' ? x.resourceName : x.resourceName === '' ? 'the cluster-wide broker default' : `broker ${x.resourceName}`;
    throwIfFailed('IncrementalAlterConfigs', r.results.map((x) => ({ name: named(x), errorCode: x.errorCode, errorMessage: x.errorMessage })));
  }

  async describeCluster(): Promise<ClusterDescription> {
    const r = await this.admin((c) => callUnary(c.describeCluster.bind(c), {}, { timeoutMs: this.timeoutMs }));
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), r.errorMessage);
    return {
      clusterId: r.clusterId,
      controllerId: r.controllerId,
      brokers: r.brokers.map((b) => ({
        nodeId: b.node?.nodeId ?? -1,
        host: b.node?.host ?? '',
        port: b.node?.port ?? 0,
        rack: b.node?.rack ?? '',
        state: b.state,
        brokerEpoch: b.brokerEpoch,
        leaderCount: b.leaderCount,
        replicaCount: b.replicaCount,
      })),
    };
  }

  /** The controller quorum as the active controller sees it: leader, term, and each voter's and broker's progress on the metadata log. */
  async describeQuorum(): Promise<QuorumDescription> {
    const r = await this.admin((c) => callUnary(c.describeQuorum.bind(c), {}, { timeoutMs: this.timeoutMs }));
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), r.errorMessage);
    const replica = (x: pb.ReplicaState__Output): QuorumReplicaDescription => ({
      nodeId: x.replicaId,
      logEndOffset: x.logEndOffset,
      lastFetchTimestamp: x.lastFetchTimestamp,
      lastCaughtUpTimestamp: x.lastCaughtUpTimestamp,
      address: x.address,
    });
    return { leaderId: r.leaderId, leaderEpoch: r.leaderEpoch, highWatermark: r.highWatermark, voters: r.voters.map(replica), observers: r.observers.map(replica) };
  }

  /**
   * Adds a controller to the quorum (KIP-853's AddRaftVoter). The controller must be running with
   * that node id and its controller listener at `endpoint`: it catches up on the metadata log as a
   * learner first, and the call resolves once it votes. One change at a time.
   */
  async addRaftVoter(voterId: number, endpoint: { host: string; port: number }): Promise<void> {
    const r = await this.admin((c) => callUnary(c.addRaftVoter.bind(c), { voterId, endpoint }, { timeoutMs: Math.max(this.timeoutMs, 60_000) }));
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), r.errorMessage);
  }

  /** Removes a controller from the quorum (KIP-853's RemoveRaftVoter); it keeps a copy of the log as a learner. */
  async removeRaftVoter(voterId: number): Promise<void> {
    const r = await this.admin((c) => callUnary(c.removeRaftVoter.bind(c), { voterId }, { timeoutMs: this.timeoutMs }));
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), r.errorMessage);
  }

  /**
   * Elect leaders: 'preferred' moves leadership to the first replica when it is alive and in the
   * ISR; 'unclean' picks any live replica for partitions that have no leader. One outcome per
   * partition asked for; without `partitions`, the controller answers only for the partitions
   * where it elected a leader or failed to.
   */
  async electLeaders(type: ElectionType, partitions?: TopicPartition[], options: { timeoutMs?: number } = {}): Promise<ElectionOutcome[]> {
    if (type !== 'preferred' && type !== 'unclean') throw new RunnelError('INVALID_REQUEST', `election type must be preferred or unclean, got '${String(type)}'`);
    const request: pb.ElectLeadersRequest = {
      electionType: type === 'preferred' ? 0 : 1,
      topicPartitions: partitions ? byTopic(partitions).map((t) => ({ topic: t.name, partitions: t.partitions })) : [],
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
    };
    const r = await this.admin((c) => callUnary(c.electLeaders.bind(c), request, { timeoutMs: this.timeoutMs }));
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), `ElectLeaders failed: ${r.errorMessage}`);
    return r.results.map((x) => ({
      topic: x.topic,
      partition: x.partition,
      error: x.errorCode === 0 ? null : new RunnelError(errorName(x.errorCode), x.errorMessage, { details: { topic: x.topic, partition: String(x.partition) } }),
      leader: x.leaderId,
    }));
  }

  /** Offsets by partition from each partition's leader: earliest, latest (the high watermark), or by time. */
  async listOffsets(requests: { topic: string; partition: number; spec: OffsetSpec }[]): Promise<ListedOffset[]> {
    // One request may name a partition once: repeated partitions go in later rounds.
    const seen = new Set<string>();
    const first: number[] = [];
    const later: number[] = [];
    requests.forEach((r, i) => {
      const key = `${r.topic}-${r.partition}`;
      (seen.has(key) ? later : first).push(i);
      seen.add(key);
    });
    if (later.length > 0) {
      const a = await this.listOffsets(first.map((i) => requests[i]!));
      const b = await this.listOffsets(later.map((i) => requests[i]!));
      const out: ListedOffset[] = new Array(requests.length);
      first.forEach((i, j) => (out[i] = a[j]!));
      later.forEach((i, j) => (out[i] = b[j]!));
      return out;
    }
    const deadline = Date.now() + this.timeoutMs;
    const results = new Map<string, ListedOffset>();
    let pending = requests;
    let lastError: { name: ErrorName; message: string; key: string } | null = null;
    await this.cluster.refresh(requests.map((r) => r.topic));
    while (pending.length > 0) {
      const byLeader = new Map<number, typeof requests>();
      const retry: typeof requests = [];
      for (const r of pending) {
        const leader = this.cluster.leaderOf(r.topic, r.partition);
        if (leader < 0) {
          const t = this.cluster.topic(r.topic);
          if (t && t.error === 'NONE' && r.partition >= t.partitions.length) {
            throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${r.topic}' has no partition ${r.partition}`, { details: { topic: r.topic, partition: String(r.partition) } });
          }
          if (t && t.error === 'UNKNOWN_TOPIC_OR_PARTITION') throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${r.topic}' does not exist`, { details: { topic: r.topic } });
          retry.push(r);
          lastError = { name: 'LEADER_NOT_AVAILABLE', message: 'no leader', key: `${r.topic}-${r.partition}` };
          continue;
        }
        const list = byLeader.get(leader) ?? [];
        list.push(r);
        byLeader.set(leader, list);
      }
      await Promise.all([...byLeader].map(async ([leader, list]) => {
        const topics = new Map<string, pb.ListOffsetsPartition[]>();
        for (const r of list) {
          const ts = r.spec === 'earliest' ? -2 : r.spec === 'latest' ? -1 : r.spec === 'max-timestamp' ? -3 : r.spec.timestamp;
          topics.set(r.topic, [...(topics.get(r.topic) ?? []), { partition: r.partition, timestamp: ts, currentLeaderEpoch: -1 }]);
        }
        try {
          const client = this.cluster.brokerClient(leader);
          const res = await callUnary(client.listOffsets.bind(client), { isolationLevel: 0, topics: [...topics].map(([name, partitions]) => ({ name, partitions })) }, { timeoutMs: this.remaining(deadline) });
          const answers = new Map<string, pb.ListOffsetsPartitionResponse__Output>();
          for (const t of res.topics) for (const p of t.partitions) answers.set(`${t.name}-${p.partition}`, p);
          for (const r of list) {
            const key = `${r.topic}-${r.partition}`;
            const a = answers.get(key);
            const name = a ? errorName(a.errorCode) : 'UNKNOWN_SERVER_ERROR';
            if (name === 'NONE') results.set(key, { topic: r.topic, partition: r.partition, offset: a!.offset, timestamp: a!.timestamp, leaderEpoch: a!.leaderEpoch });
            else if (new RunnelError(name).retriable) {
              retry.push(r);
              lastError = { name, message: a?.errorMessage ?? '', key };
            } else throw new RunnelError(name, `ListOffsets for ${key}: ${a?.errorMessage ?? 'no answer'}`, { details: { topic: r.topic, partition: String(r.partition) } });
          }
        } catch (err) {
          const e = err instanceof RunnelError ? err : new RunnelError('UNKNOWN_SERVER_ERROR', String(err));
          if (!e.retriable) throw e;
          retry.push(...list);
          lastError = { name: e.errorName, message: e.message, key: `broker ${leader}` };
        }
      }));
      pending = retry;
      if (pending.length === 0) break;
      if (Date.now() + this.backoffMs >= deadline) {
        throw new RunnelError(lastError!.name, `ListOffsets did not complete within ${this.timeoutMs} ms; last error for ${lastError!.key}: ${lastError!.message}`);
      }
      await new Promise((r) => setTimeout(r, this.backoffMs));
      await this.cluster.refresh();
    }
    return requests.map((r) => results.get(`${r.topic}-${r.partition}`)!);
  }

  /**
   * A call to the coordinator of `groupId` whose answer carries the group's error inside an item
   * (DescribeGroups, DeleteGroups). An item, or a transport error, saying the coordinator moved
   * or is loading is retried with a fresh FindCoordinator until the timeout; at the deadline the
   * last answer is returned for the caller to report.
   */
  /**
   * Groups of every broker (each answers for the groups it coordinates), merged and sorted by id.
   * `states` keeps only groups in those states (e.g. ['Stable', 'Empty']).
   */
  async listGroups(options: { states?: string[] } = {}): Promise<GroupListing[]> {
    await this.cluster.refresh();
    const brokers = this.cluster.allBrokers();
    if (brokers.length === 0) throw new RunnelError('BROKER_NOT_AVAILABLE', 'the cluster metadata names no broker to ask for groups');
    const deadline = Date.now() + this.timeoutMs;
    const found = new Map<string, GroupListing>();
    await Promise.all(brokers.map(async (b) => {
      const client = this.groups.clientAt(`${b.host}:${b.port}`);
      for (;;) {
        let err: RunnelError;
        try {
          const r = await callUnary(client.listGroups.bind(client), { statesFilter: options.states ?? [] }, { timeoutMs: this.remaining(deadline) });
          if (r.errorCode === 0) {
            for (const g of r.groups) if (!found.has(g.groupId)) found.set(g.groupId, { groupId: g.groupId, protocolType: g.protocolType, state: g.groupState });
            return;
          }
          err = new RunnelError(errorName(r.errorCode), `ListGroups on broker ${b.nodeId} failed`);
        } catch (e) {
          err = e instanceof RunnelError ? e : new RunnelError('UNKNOWN_SERVER_ERROR', String(e));
        }
        // A broker still loading its share of __consumer_offsets answers COORDINATOR_LOAD_IN_PROGRESS: ask again.
        if (!err.retriable || Date.now() + this.backoffMs >= deadline) {
          throw new RunnelError(err.errorName, `ListGroups on broker ${b.nodeId} (${b.host}:${b.port}): ${err.message}`, { details: { broker: String(b.nodeId) } });
        }
        await sleep(this.backoffMs);
      }
    }));
    return [...found.values()].sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  }

  /**
   * State, protocol, assignor, generation, coordinator and members (with their assigned
   * partitions) of each group. A group that does not exist is described with state 'Dead' (or
   * fails with GROUP_ID_NOT_FOUND, as the coordinator answers).
   */
  async describeGroups(groupIds: string[]): Promise<GroupDescription[]> {
    groupIds.forEach(checkGroupId);
    const answers = await Promise.all(groupIds.map(async (groupId) => {
      const r = await this.groups.call<pb.DescribeGroupsRequest, pb.DescribeGroupsResponse__Output>(groupId, (c) => c.describeGroups, { groups: [groupId] }, { errorOf: (res) => res.groups.find((g) => g.groupId === groupId) });
      const g = r.groups.find((x) => x.groupId === groupId);
      if (!g) throw new RunnelError('UNKNOWN_SERVER_ERROR', `DescribeGroups answered without group '${groupId}'`);
      return g;
    }));
    throwIfFailed('DescribeGroups', answers.map((g) => ({ name: g.groupId, errorCode: g.errorCode, errorMessage: g.errorMessage })));
    return Promise.all(answers.map(async (g): Promise<GroupDescription> => {
      const known = await this.groups.coordinator(g.groupId);
      const coordinator = this.cluster.broker(g.coordinatorId) ?? (known.nodeId === g.coordinatorId || g.coordinatorId < 0 ? known : { nodeId: g.coordinatorId, host: '', port: 0, rack: '' });
      const consumer = g.protocolType === CONSUMER_PROTOCOL_TYPE;
      return {
        groupId: g.groupId,
        state: g.groupState,
        protocolType: g.protocolType,
        assignor: g.protocolData,
        generationId: g.generationId,
        coordinator,
        members: g.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId || null,
          clientId: m.clientId,
          host: m.clientHost,
          subscribedTopics: consumer && m.memberMetadata.length > 0 ? decodeSubscription(m.memberMetadata).topics : [],
          assignment: consumer && m.memberAssignment.length > 0 ? flatten(decodeAssignment(m.memberAssignment).partitions) : [],
        })),
      };
    }));
  }

  /**
   * Committed offsets of a group: of `partitions`, or of every partition it has committed.
   * Partitions asked for without a committed offset come back with offset -1.
   */
  async listGroupOffsets(groupId: string, partitions?: TopicPartition[]): Promise<GroupOffset[]> {
    checkGroupId(groupId);
    const request: pb.OffsetFetchRequest = { groupId, topics: partitions ? byTopic(partitions) : [], requireStable: true };
    const r = await this.groups.call(groupId, (c) => c.offsetFetch, request);
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), `OffsetFetch for group '${groupId}' failed${r.errorMessage ? `: ${r.errorMessage}` : ''}`, { details: { group: groupId } });
    const out = r.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, ...p })));
    throwIfFailed(`OffsetFetch for group '${groupId}'`, out.map((p) => ({ name: `${p.topic}-${p.partition}`, errorCode: p.errorCode })));
    return out
      .map((p) => ({ topic: p.topic, partition: p.partition, offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch, metadata: p.metadata }))
      .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  }

  /**
   * Set a group's committed offsets (a simple commit: no generation, no member id). The
   * coordinator refuses it while the group has live members, whose own commits would race it.
   */
  async alterGroupOffsets(groupId: string, offsets: GroupOffsetAlteration[]): Promise<void> {
    checkGroupId(groupId);
    for (const o of offsets) {
      if (!Number.isSafeInteger(o.offset) || o.offset < 0) throw new RunnelError('INVALID_REQUEST', `offset for ${o.topic}-${o.partition} must be a whole number >= 0, got ${o.offset}`);
    }
    const topics = new Map<string, pb.OffsetCommitPartition[]>();
    for (const o of offsets) {
      topics.set(o.topic, [...(topics.get(o.topic) ?? []), { partition: o.partition, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch ?? -1, committedMetadata: o.metadata ?? '' }]);
    }
    const request: pb.OffsetCommitRequest = { groupId, generationId: -1, memberId: '', groupInstanceId: '', topics: [...topics].map(([name, partitions]) => ({ name, partitions })) };
    // Kafka answers a moved coordinator per partition: retry on any partition saying so.
    const r = await this.groups.call(groupId, (c) => c.offsetCommit, request, { errorOf: offsetAnswerError });
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), `OffsetCommit for group '${groupId}' failed${r.errorMessage ? `: ${r.errorMessage}` : ''}`, { details: { group: groupId } });
    throwIfFailed(`OffsetCommit for group '${groupId}'`, r.topics.flatMap((t) => t.partitions.map((p) => ({ name: `${t.name}-${p.partition}`, errorCode: p.errorCode, errorMessage: p.errorMessage }))));
  }

  /** Delete groups and their committed offsets; a group with live members is refused (NON_EMPTY_GROUP). */
  async deleteGroups(groupIds: string[]): Promise<void> {
    groupIds.forEach(checkGroupId);
    const results = await Promise.all([...new Set(groupIds)].map(async (groupId) => {
      const r = await this.groups.call<pb.DeleteGroupsRequest, pb.DeleteGroupsResponse__Output>(groupId, (c) => c.deleteGroups, { groups: [groupId] }, { errorOf: (res) => res.results.find((g) => g.groupId === groupId) });
      const g = r.results.find((x) => x.groupId === groupId);
      if (!g) throw new RunnelError('UNKNOWN_SERVER_ERROR', `DeleteGroups answered without group '${groupId}'`);
      return { name: groupId, errorCode: g.errorCode, errorMessage: g.errorMessage };
    }));
    throwIfFailed('DeleteGroups', results);
  }

  /**
   * Delete a group's committed offsets for some partitions. Refused per partition
   * (GROUP_SUBSCRIBED_TO_TOPIC) for topics the group's live members subscribe to.
   */
  async deleteGroupOffsets(groupId: string, partitions: TopicPartition[]): Promise<void> {
    checkGroupId(groupId);
    const request: pb.DeleteOffsetsRequest = { groupId, topics: byTopic(partitions) };
    const r = await this.groups.call(groupId, (c) => c.deleteOffsets, request);
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), `DeleteOffsets for group '${groupId}' failed${r.errorMessage ? `: ${r.errorMessage}` : ''}`, { details: { group: groupId } });
    throwIfFailed(`DeleteOffsets for group '${groupId}'`, r.topics.flatMap((t) => t.partitions.map((p) => ({ name: `${t.name}-${p.partition}`, errorCode: p.errorCode, errorMessage: p.errorMessage }))));
  }

  // Partition reassignment (Kafka's KIP-455): AlterPartitionReassignments / ListPartitionReassignments,
  // plus each replica's log end as its broker reports it, for progress.

  /**
   * Start, replace or cancel (replicas: null) partition reassignments. The new replicas copy the
   * log by normal replication; the controller completes each reassignment once every target
   * replica is in the ISR. `throttleBytesPerSec` limits each broker's reassignment traffic until no
   * reassignment is left (-1 removes the limit). One outcome per partition, in request order.
   */
  async alterPartitionReassignments(
    reassignments: readonly PartitionReassignmentSpec[],
    options: { throttleBytesPerSec?: number; timeoutMs?: number } = {},
  ): Promise<ReassignmentOutcome[]> {
    for (const r of reassignments) {
      if (r.replicas !== null && r.replicas.length === 0) {
        throw new RunnelError('INVALID_REPLICA_ASSIGNMENT', `${r.topic}-${r.partition}: give at least one target replica, or null to cancel`);
      }
    }
    const throttle = options.throttleBytesPerSec ?? 0;
    if (!Number.isSafeInteger(throttle) || throttle < -1) {
      throw new RunnelError('INVALID_REQUEST', `throttleBytesPerSec must be a whole number of bytes per second (or -1 to remove the limit), got ${throttle}`);
    }
    const request: pb.AlterPartitionReassignmentsRequest = {
      // An empty replica list is the wire's null: cancel.
      partitions: reassignments.map((r) => ({ topic: r.topic, partition: r.partition, replicas: r.replicas ?? [] })),
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      throttleBytesPerSec: throttle,
    };
    const r = await this.admin((c) => callUnary(c.alterPartitionReassignments.bind(c), request, { timeoutMs: this.timeoutMs }));
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), `AlterPartitionReassignments failed: ${r.errorMessage}`);
    return r.results.map((x) => ({
      topic: x.topic,
      partition: x.partition,
      error: x.errorCode === 0 ? null : new RunnelError(errorName(x.errorCode), x.errorMessage, { details: { topic: x.topic, partition: String(x.partition) } }),
    }));
  }

  /** Cancel reassignments in progress: the original replicas are restored and the added ones dropped. */
  cancelPartitionReassignments(partitions: readonly TopicPartition[], options: { timeoutMs?: number } = {}): Promise<ReassignmentOutcome[]> {
    return this.alterPartitionReassignments(partitions.map((p) => ({ topic: p.topic, partition: p.partition, replicas: null })), options);
  }

  /** Reassignments in progress, of the given partitions or of the whole cluster. */
  async listPartitionReassignments(partitions?: readonly TopicPartition[]): Promise<OngoingPartitionReassignment[]> {
    const request: pb.ListPartitionReassignmentsRequest = {
      topicPartitions: partitions ? byTopic(partitions).map((t) => ({ topic: t.name, partitions: t.partitions })) : [],
    };
    const r = await this.admin((c) => callUnary(c.listPartitionReassignments.bind(c), request, { timeoutMs: this.timeoutMs }));
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), `ListPartitionReassignments failed: ${r.errorMessage}`);
    return r.reassignments.map((x) => ({
      topic: x.topic,
      partition: x.partition,
      replicas: x.replicas,
      addingReplicas: x.addingReplicas,
      removingReplicas: x.removingReplicas,
    }));
  }

  /**
   * The logs broker `brokerId` hosts for `partitions` (all of them when empty): log end offset,
   * high watermark and size as that broker sees them. A partition it does not host is absent.
   */
  async replicaLogs(brokerId: number, partitions: readonly TopicPartition[] = []): Promise<ReplicaLogDescription[]> {
    const client = this.adminClient(await this.brokerAddress(String(brokerId)));
    const request: pb.DescribeLogDirsRequest = { topics: byTopic(partitions).map((t) => ({ topic: t.name, partitions: t.partitions })) };
    const r = await callUnary(client.describeLogDirs.bind(client), request, { timeoutMs: this.timeoutMs });
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), `DescribeLogDirs on broker ${brokerId} failed`);
    return r.partitions.map((x) => ({
      brokerId,
      topic: x.topic,
      partition: x.partition,
      logDir: r.logDir,
      sizeBytes: x.sizeBytes,
      logStartOffset: x.logStartOffset,
      logEndOffset: x.logEndOffset,
      highWatermark: x.highWatermark,
    }));
  }

  /** Kafka's CreateAcls: adds the bindings (one that exists already stays as it is). SECURITY_DISABLED without an authorizer. */
  async createAcls(bindings: AclBinding[]): Promise<void> {
    const r = await this.admin((c) => callUnary(c.createAcls.bind(c), { creations: bindings.map(aclBindingToProto) }, { timeoutMs: this.timeoutMs }));
    throwIfFailed('CreateAcls', r.results.map((x, i) => ({ name: describeAclBinding(bindings[i]!), errorCode: x.errorCode, errorMessage: x.errorMessage })));
  }

  /** Kafka's DescribeAcls: the bindings the filter matches (every binding for an empty filter). */
  async describeAcls(filter: AclFilter = {}): Promise<AclBinding[]> {
    const r = await this.admin((c) => callUnary(c.describeAcls.bind(c), { filter: aclFilterToProto(filter) }, { timeoutMs: this.timeoutMs }));
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), r.errorMessage);
    return r.bindings.map(aclBindingFromProto);
  }

  /** Kafka's DeleteAcls: removes every binding a filter matches and returns them. */
  async deleteAcls(filters: AclFilter[]): Promise<AclBinding[]> {
    const r = await this.admin((c) => callUnary(c.deleteAcls.bind(c), { filters: filters.map(aclFilterToProto) }, { timeoutMs: this.timeoutMs }));
    throwIfFailed('DeleteAcls', r.results.map((x, i) => ({ name: `filter ${i + 1}`, errorCode: x.errorCode, errorMessage: x.errorMessage })));
    const seen = new Set<string>();
    return r.results.flatMap((x) => x.deleted.map(aclBindingFromProto)).filter((b) => !seen.has(describeAclBinding(b)) && seen.add(describeAclBinding(b)));
  }

  /** Kafka's DescribeUserScramCredentials: users with a SCRAM credential (the named ones, or all). */
  async describeUserScramCredentials(users: string[] = []): Promise<ScramUserDescription[]> {
    const r = await this.admin((c) => callUnary(c.describeUserScramCredentials.bind(c), { users }, { timeoutMs: this.timeoutMs }));
    if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), r.errorMessage);
    throwIfFailed('DescribeUserScramCredentials', r.results.map((x) => ({ name: x.user, errorCode: x.errorCode, errorMessage: x.errorMessage })));
    return r.results.map((x) => ({
      user: x.user,
      credentials: x.credentialInfos.map((i) => ({ mechanism: i.mechanism === 'SCRAM_SHA_256' ? 'SCRAM-SHA-256' as const : 'SCRAM-SHA-512' as const, iterations: i.iterations })),
    }));
  }

  /**
   * Kafka's AlterUserScramCredentials: sets (upsert) or removes (delete) users' SCRAM-SHA-256
   * credentials. The password is salted and hashed here (PBKDF2 with a fresh random salt); only
   * the salted password travels, and the cluster keeps only keys derived from it.
   */
  async alterUserScramCredentials(alterations: ScramCredentialAlteration[]): Promise<void> {
    const deletions: pb.ScramCredentialDeletion[] = [];
    const upsertions: pb.ScramCredentialUpsertion[] = [];
    for (const a of alterations) {
      if (a.type === 'delete') {
        deletions.push({ name: a.user, mechanism: 'SCRAM_SHA_256' });
        continue;
      }
      const iterations = a.iterations ?? SCRAM_MIN_ITERATIONS;
      const salt = randomBytes(32);
      upsertions.push({ name: a.user, mechanism: 'SCRAM_SHA_256', iterations, salt, saltedPassword: await scramSaltedPassword(a.password, salt, iterations) });
    }
    const r = await this.admin((c) => callUnary(c.alterUserScramCredentials.bind(c), { deletions, upsertions }, { timeoutMs: this.timeoutMs }));
    throwIfFailed('AlterUserScramCredentials', r.results.map((x) => ({ name: x.user, errorCode: x.errorCode, errorMessage: x.errorMessage })));
  }

  async close(): Promise<void> {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
    this.groups.close();
    this.cluster.close();
  }
}

export interface ScramUserDescription {
  user: string;
  credentials: { mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; iterations: number }[];
}

/** Set a user's password (iterations default 4096, Kafka's minimum), or remove the user's credential. */
export type ScramCredentialAlteration = { type: 'upsert'; user: string; password: string; iterations?: number } | { type: 'delete'; user: string };

/** A target for one partition; replicas null cancels the reassignment in progress. */
export interface PartitionReassignmentSpec {
  topic: string;
  partition: number;
  replicas: number[] | null;
}

export interface ReassignmentOutcome {
  topic: string;
  partition: number;
  error: RunnelError | null;
}

/** A reassignment in progress: replicas are the target ones followed by those leaving. */
export interface OngoingPartitionReassignment {
  topic: string;
  partition: number;
  replicas: number[];
  addingReplicas: number[];
  removingReplicas: number[];
}

export interface ReplicaLogDescription {
  brokerId: number;
  topic: string;
  partition: number;
  logDir: string;
  sizeBytes: number;
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
}
