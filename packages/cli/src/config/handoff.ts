import type { CleanupPolicy, ServerConfig } from './server-config.js';

/**
 * The typed settings other packages take, made from a ServerConfig. The shapes repeat those
 * packages' own types field for field (storage's LogConfig, the broker's BrokerDefaults and
 * ReplicaFetcherSettings, the controller's QuorumVoter and ClusterSettings), so the results can be handed over
 * as they are.
 */

/** storage's LogConfig: the topic-level names' defaults, from the broker's log.* keys. */
export interface LogConfigDefaults {
  segmentBytes: number;
  segmentMs: number;
  segmentIndexBytes: number;
  indexIntervalBytes: number;
  retentionMs: number;
  retentionBytes: number;
  cleanupPolicy: CleanupPolicy;
  deleteRetentionMs: number;
  minCleanableDirtyRatio: number;
  maxMessageBytes: number;
  flushMessages: number;
  flushMs: number;
}

/**
 * log.segment.bytes -> segment.bytes, log.roll.ms/hours -> segment.ms,
 * log.index.size.max.bytes -> segment.index.bytes, log.index.interval.bytes -> index.interval.bytes,
 * log.retention.ms/minutes/hours -> retention.ms, log.retention.bytes -> retention.bytes,
 * log.cleanup.policy -> cleanup.policy, log.cleaner.delete.retention.ms -> delete.retention.ms,
 * log.cleaner.min.cleanable.ratio -> min.cleanable.dirty.ratio, message.max.bytes ->
 * max.message.bytes, log.flush.interval.messages/ms -> flush.messages/ms.
 */
export function toLogConfigDefaults(config: ServerConfig): Readonly<LogConfigDefaults> {
  const log = config.log;
  return Object.freeze({
    segmentBytes: log.segmentBytes,
    segmentMs: log.segmentMs,
    segmentIndexBytes: log.segmentIndexBytes,
    indexIntervalBytes: log.indexIntervalBytes,
    retentionMs: log.retentionMs,
    retentionBytes: log.retentionBytes,
    cleanupPolicy: log.cleanupPolicy,
    deleteRetentionMs: log.deleteRetentionMs,
    minCleanableDirtyRatio: log.minCleanableDirtyRatio,
    maxMessageBytes: config.broker.messageMaxBytes,
    flushMessages: log.flushIntervalMessages,
    flushMs: log.flushIntervalMs,
  });
}

/** The broker's BrokerDefaults: what a topic gets unless its own configs say otherwise. */
export function toBrokerDefaults(config: ServerConfig): {
  log: Readonly<LogConfigDefaults>;
  minInsyncReplicas: number;
  replicaLagTimeMaxMs: number;
} {
  return {
    log: toLogConfigDefaults(config),
    minInsyncReplicas: config.broker.minInsyncReplicas,
    replicaLagTimeMaxMs: config.replication.replicaLagTimeMaxMs,
  };
}

/** The broker's ReplicaFetcherSettings, from the replica.fetch.* keys. */
export function toReplicaFetcherSettings(config: ServerConfig): {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  partitionMaxBytes: number;
  backoffMs: number;
} {
  const r = config.replication;
  return {
    maxWaitMs: r.fetchWaitMaxMs,
    minBytes: r.fetchMinBytes,
    maxBytes: r.fetchResponseMaxBytes,
    partitionMaxBytes: r.fetchMaxBytes,
    backoffMs: r.fetchBackoffMs,
  };
}

/** What a controller node needs: its voters, bind listeners, metadata directory, timeouts and cluster policy. */
export function toControllerConfig(config: ServerConfig): {
  nodeId: number;
  voters: readonly { id: number; host: string; port: number }[];
  listeners: readonly { name: string; host: string; port: number }[];
  controllerListenerNames: readonly string[];
  metadataLogDir: string;
  electionTimeoutMs: number;
  cluster: {
    numPartitions: number;
    defaultReplicationFactor: number;
    minInsyncReplicas: number;
    uncleanLeaderElectionEnable: boolean;
    autoLeaderRebalanceEnable: boolean;
    leaderImbalanceCheckIntervalMs: number;
    brokerSessionTimeoutMs: number;
    brokerHeartbeatIntervalMs: number;
  };
} {
  const { node, quorum, broker, listeners } = config;
  return {
    nodeId: node.nodeId,
    voters: quorum.voters,
    listeners: listeners.all.map((l) => ({ name: l.name, host: l.host, port: l.port })),
    controllerListenerNames: listeners.controllerListenerNames,
    metadataLogDir: node.metadataLogDir,
    electionTimeoutMs: quorum.electionTimeoutMs,
    cluster: {
      numPartitions: broker.numPartitions,
      defaultReplicationFactor: broker.defaultReplicationFactor,
      minInsyncReplicas: broker.minInsyncReplicas,
      uncleanLeaderElectionEnable: broker.uncleanLeaderElectionEnable,
      autoLeaderRebalanceEnable: broker.autoLeaderRebalanceEnable,
      leaderImbalanceCheckIntervalMs: broker.leaderImbalanceCheckIntervalMs,
      brokerSessionTimeoutMs: broker.sessionTimeoutMs,
      brokerHeartbeatIntervalMs: broker.heartbeatIntervalMs,
    },
  };
}
