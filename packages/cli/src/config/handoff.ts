import type { BrokerConfigSource, BrokerDefaults, GroupCoordinatorSettings, ReplicaFetcherSettings } from '@runnel/broker';
import type { ClusterSettings, QuorumVoter } from '@runnel/controller';
import type { LogConfig } from '@runnel/storage';
import { kafkaSource } from './describe.js';
import { RETENTION_MS_KEYS, SEGMENT_MS_KEYS, precedingKey, type ServerConfig } from './server-config.js';

/**
 * The typed settings the other packages take, made from a ServerConfig.
 *
 * log.segment.bytes -> segment.bytes, log.roll.ms/hours -> segment.ms,
 * log.index.size.max.bytes -> segment.index.bytes, log.index.interval.bytes -> index.interval.bytes,
 * log.retention.ms/minutes/hours -> retention.ms, log.retention.bytes -> retention.bytes,
 * log.cleanup.policy -> cleanup.policy, log.cleaner.delete.retention.ms -> delete.retention.ms,
 * log.cleaner.min.cleanable.ratio -> min.cleanable.dirty.ratio, message.max.bytes ->
 * max.message.bytes, log.flush.interval.messages/ms -> flush.messages/ms.
 */
export function toLogConfigDefaults(config: ServerConfig): Readonly<LogConfig> {
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

/** Broker keys whose value another key can give (a duration set in other units). */
const UNIT_KEYS: Readonly<Record<string, readonly { key: string }[]>> = { 'log.retention.ms': RETENTION_MS_KEYS, 'log.roll.ms': SEGMENT_MS_KEYS };

/** Where each topic config's default comes from: the source of the broker key that gives it. */
function topicDefaultSources(config: ServerConfig): Map<string, BrokerConfigSource> {
  const out = new Map<string, BrokerConfigSource>();
  for (const v of config.values.values()) {
    if (!v.def.topicConfig) continue;
    const keys = UNIT_KEYS[v.def.name] ?? [{ key: v.def.name }];
    const giving = config.values.get(keys[precedingKey(config.values, keys)]!.key)!;
    out.set(v.def.topicConfig, kafkaSource(giving.source.kind));
  }
  return out;
}

/** The broker's BrokerDefaults: what a topic gets unless its own configs say otherwise. */
export function toBrokerDefaults(config: ServerConfig): BrokerDefaults {
  return {
    log: toLogConfigDefaults(config),
    minInsyncReplicas: config.broker.minInsyncReplicas,
    replicaLagTimeMaxMs: config.replication.replicaLagTimeMaxMs,
    uncleanLeaderElectionEnable: config.broker.uncleanLeaderElectionEnable,
    sources: topicDefaultSources(config),
  };
}

/** The broker's ReplicaFetcherSettings, from the replica.fetch.* keys. */
export function toReplicaFetcherSettings(config: ServerConfig): ReplicaFetcherSettings {
  const r = config.replication;
  return {
    maxWaitMs: r.fetchWaitMaxMs,
    minBytes: r.fetchMinBytes,
    maxBytes: r.fetchResponseMaxBytes,
    partitionMaxBytes: r.fetchMaxBytes,
    backoffMs: r.fetchBackoffMs,
  };
}

/** The broker's group coordinator settings, from the offsets.* and group.* keys. */
export function toGroupCoordinatorSettings(config: ServerConfig): GroupCoordinatorSettings {
  return { ...config.groups };
}

/** What a controller node needs: its voters, bind listeners, metadata directory, timeouts and cluster policy. */
export interface ControllerNodeConfig {
  nodeId: number;
  voters: readonly QuorumVoter[];
  listeners: readonly { name: string; host: string; port: number }[];
  controllerListenerNames: readonly string[];
  metadataLogDir: string;
  electionTimeoutMs: number;
  cluster: ClusterSettings;
}

export function toControllerConfig(config: ServerConfig): ControllerNodeConfig {
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
