import type * as grpc from '@grpc/grpc-js';
import { RunnelError } from '@runnel/protocol';
import { assignorByName, type PartitionAssignor } from './group/assignors.js';
import { resolveSecurity, type SaslCredentials } from './security.js';
import { SILENT_LOGGER, type ClientLogger } from './logger.js';
import { resolveCredentials, type SecurityConfig, type SecurityKey } from './security-config.js';

export type OffsetResetStrategy = 'earliest' | 'latest' | 'none';

/** Consumer settings: Kafka's consumer configs in camelCase, with Kafka 3.x defaults. */
export interface ConsumerConfig extends SecurityConfig {
  /** bootstrap.servers: "host:port,host:port". */
  bootstrap: string | string[];
  /** client.id */
  clientId?: string;
  /** auto.offset.reset: where to start without a position, or after OFFSET_OUT_OF_RANGE. Default 'latest'. */
  autoOffsetReset?: OffsetResetStrategy;
  /** fetch.min.bytes. Default 1. */
  fetchMinBytes?: number;
  /** fetch.max.wait.ms. Default 500. */
  fetchMaxWaitMs?: number;
  /** fetch.max.bytes. Default 52428800. */
  fetchMaxBytes?: number;
  /** max.partition.fetch.bytes; also the most a partition keeps buffered before it is fetched again. Default 1048576. */
  maxPartitionFetchBytes?: number;
  /** max.poll.records. Default 500. */
  maxPollRecords?: number;
  /** request.timeout.ms. Default 30000. */
  requestTimeoutMs?: number;
  /** retry.backoff.ms. Default 100. */
  retryBackoffMs?: number;
  /** metadata.max.age.ms: how often metadata is refreshed even without errors (finds new topics for a pattern subscription). Default 300000. */
  metadataMaxAgeMs?: number;
  /** group.id: the consumer group to join with subscribe() and to commit offsets to. None by default. */
  groupId?: string;
  /** group.instance.id: makes this a static member, which can restart within the session timeout without a rebalance. */
  groupInstanceId?: string;
  /** session.timeout.ms: how long the coordinator waits for a heartbeat before removing the member. Default 45000. */
  sessionTimeoutMs?: number;
  /** heartbeat.interval.ms. Default 3000; must be below sessionTimeoutMs. */
  heartbeatIntervalMs?: number;
  /** max.poll.interval.ms: the most time between poll() calls before the member leaves the group; also the rebalance timeout. Default 300000. */
  maxPollIntervalMs?: number;
  /** enable.auto.commit: commit consumed positions every autoCommitIntervalMs from poll(), before revocation and on close. Default true with a groupId. */
  enableAutoCommit?: boolean;
  /** auto.commit.interval.ms. Default 5000. */
  autoCommitIntervalMs?: number;
  /** partition.assignment.strategy: assignor names in order of preference. Default ['range', 'cooperative-sticky']. */
  partitionAssignmentStrategy?: string[];
  /** client.rack: sent in the subscription for rack-aware assignors. */
  clientRack?: string;
  logger?: ClientLogger;
}

type GroupKeys = 'groupId' | 'groupInstanceId' | 'clientRack' | 'partitionAssignmentStrategy';

export type ResolvedConsumerConfig = Required<Omit<ConsumerConfig, 'clientId' | 'logger' | GroupKeys | SecurityKey>> & {
  /** TLS for SSL and SASL_SSL (securityProtocol), else undefined. */
  credentials: grpc.ChannelCredentials | undefined;
  clientId: string;
  logger: ClientLogger;
  sasl: SaslCredentials | null;
  groupId: string | null;
  groupInstanceId: string | null;
  clientRack: string | null;
  /** The assignors of partition.assignment.strategy, in order of preference. */
  assignors: PartitionAssignor[];
};

function int(name: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < min) throw new RunnelError('INVALID_CONFIG', `${name} must be an integer >= ${min}, got ${String(value)}`);
  return v;
}

export function resolveConsumerConfig(config: ConsumerConfig): ResolvedConsumerConfig {
  const reset = config.autoOffsetReset ?? 'latest';
  if (reset !== 'earliest' && reset !== 'latest' && reset !== 'none') {
    throw new RunnelError('INVALID_CONFIG', `autoOffsetReset must be 'earliest', 'latest' or 'none', got '${String(reset)}'`);
  }
  const groupId = optionalName('groupId (group.id)', config.groupId);
  const groupInstanceId = optionalName('groupInstanceId (group.instance.id)', config.groupInstanceId);
  const clientRack = optionalName('clientRack (client.rack)', config.clientRack);
  if (config.enableAutoCommit !== undefined && typeof config.enableAutoCommit !== 'boolean') {
    throw new RunnelError('INVALID_CONFIG', `enableAutoCommit (enable.auto.commit) must be true or false, got ${String(config.enableAutoCommit)}`);
  }
  if (config.enableAutoCommit === true && groupId === null) {
    throw new RunnelError('INVALID_CONFIG', 'enableAutoCommit (enable.auto.commit) needs a groupId (group.id): set groupId, or leave enableAutoCommit unset');
  }
  const sessionTimeoutMs = int('sessionTimeoutMs (session.timeout.ms)', config.sessionTimeoutMs, 45_000, 1);
  const heartbeatIntervalMs = int('heartbeatIntervalMs (heartbeat.interval.ms)', config.heartbeatIntervalMs, 3_000, 1);
  if (heartbeatIntervalMs >= sessionTimeoutMs) {
    throw new RunnelError('INVALID_CONFIG', `heartbeatIntervalMs (heartbeat.interval.ms) ${heartbeatIntervalMs} must be lower than sessionTimeoutMs (session.timeout.ms) ${sessionTimeoutMs}`);
  }
  const strategy = config.partitionAssignmentStrategy ?? ['range', 'cooperative-sticky'];
  if (!Array.isArray(strategy) || strategy.length === 0) {
    throw new RunnelError('INVALID_CONFIG', 'partitionAssignmentStrategy (partition.assignment.strategy) must list at least one assignor name');
  }
  const assignors = strategy.map((name) => assignorByName(name));
  if (new Set(strategy).size !== strategy.length) {
    throw new RunnelError('INVALID_CONFIG', `partitionAssignmentStrategy (partition.assignment.strategy) names an assignor twice: ${strategy.join(', ')}`);
  }
  return {
    bootstrap: config.bootstrap,
    clientId: config.clientId ?? 'runnel-consumer',
    autoOffsetReset: reset,
    fetchMinBytes: int('fetchMinBytes (fetch.min.bytes)', config.fetchMinBytes, 1, 0),
    fetchMaxWaitMs: int('fetchMaxWaitMs (fetch.max.wait.ms)', config.fetchMaxWaitMs, 500, 0),
    fetchMaxBytes: int('fetchMaxBytes (fetch.max.bytes)', config.fetchMaxBytes, 52_428_800, 1),
    maxPartitionFetchBytes: int('maxPartitionFetchBytes (max.partition.fetch.bytes)', config.maxPartitionFetchBytes, 1_048_576, 1),
    maxPollRecords: int('maxPollRecords (max.poll.records)', config.maxPollRecords, 500, 1),
    requestTimeoutMs: int('requestTimeoutMs (request.timeout.ms)', config.requestTimeoutMs, 30_000, 1),
    retryBackoffMs: int('retryBackoffMs (retry.backoff.ms)', config.retryBackoffMs, 100, 0),
    metadataMaxAgeMs: int('metadataMaxAgeMs (metadata.max.age.ms)', config.metadataMaxAgeMs, 300_000, 0),
    groupId,
    groupInstanceId,
    sessionTimeoutMs,
    heartbeatIntervalMs,
    maxPollIntervalMs: int('maxPollIntervalMs (max.poll.interval.ms)', config.maxPollIntervalMs, 300_000, 1),
    enableAutoCommit: config.enableAutoCommit ?? groupId !== null,
    autoCommitIntervalMs: int('autoCommitIntervalMs (auto.commit.interval.ms)', config.autoCommitIntervalMs, 5_000, 0),
    assignors,
    clientRack,
    logger: config.logger ?? SILENT_LOGGER,
    sasl: resolveSecurity(config),
    credentials: resolveCredentials(config),
  };
}

/** An optional non-empty string setting: undefined means unset. */
function optionalName(name: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || value.length === 0) throw new RunnelError('INVALID_CONFIG', `${name} must be a non-empty string when set, got ${JSON.stringify(value)}`);
  return value;
}
