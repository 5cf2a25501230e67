import { describe, expect, it } from 'vitest';
import { loadServerConfig } from '../src/config/load.js';
import { SERVER_CONFIG_DEFS } from '../src/config/server-schema.js';
import { envVarName } from '../src/config/sources.js';

/**
 * Defaults from Apache Kafka 3.9's broker configuration reference, written out here from the
 * documentation (null: no default). Long.MAX_VALUE reads as the largest safe integer.
 */
const KAFKA_DEFAULTS: Record<string, unknown> = {
  'advertised.listeners': null,
  'inter.broker.listener.name': null,
  'log.dirs': null,
  'metadata.log.dir': null,
  'broker.rack': null,
  'num.partitions': 1,
  'default.replication.factor': 1,
  'min.insync.replicas': 1,
  'unclean.leader.election.enable': false,
  'auto.leader.rebalance.enable': true,
  'leader.imbalance.check.interval.seconds': 300,
  'replica.lag.time.max.ms': 30000,
  'replica.fetch.max.bytes': 1048576,
  'replica.fetch.wait.max.ms': 500,
  'replica.fetch.min.bytes': 1,
  'replica.fetch.response.max.bytes': 10485760,
  'replica.fetch.backoff.ms': 1000,
  'message.max.bytes': 1048588,
  'fetch.max.bytes': 57671680,
  'socket.request.max.bytes': 104857600,
  'broker.session.timeout.ms': 9000,
  'broker.heartbeat.interval.ms': 2000,
  'controlled.shutdown.enable': true,
  'producer.id.expiration.ms': 86400000,
  'log.segment.bytes': 1073741824,
  'log.roll.ms': null,
  'log.roll.hours': 168,
  'log.retention.ms': null,
  'log.retention.minutes': null,
  'log.retention.hours': 168,
  'log.retention.bytes': -1,
  'log.cleanup.policy': ['delete'],
  'log.index.interval.bytes': 4096,
  'log.index.size.max.bytes': 10485760,
  'log.flush.interval.messages': Number.MAX_SAFE_INTEGER,
  'log.flush.interval.ms': null,
  'log.cleaner.delete.retention.ms': 86400000,
  'log.cleaner.min.cleanable.ratio': 0.5,
  'log.retention.check.interval.ms': 300000,
  'num.recovery.threads.per.data.dir': 1,
  'controller.quorum.election.timeout.ms': 1000,
  'offsets.topic.num.partitions': 50,
  'offsets.topic.replication.factor': 3,
  'offsets.retention.minutes': 10080,
  'offsets.retention.check.interval.ms': 600000,
  'offsets.commit.timeout.ms': 5000,
  'offset.metadata.max.bytes': 4096,
  'group.initial.rebalance.delay.ms': 3000,
  'group.min.session.timeout.ms': 6000,
  'group.max.session.timeout.ms': 1800000,
  'group.max.size': 2147483647,
  'authorizer.class.name': null,
  'super.users': null,
  'allow.everyone.if.no.acl.found': false,
  'ssl.keystore.location': null,
  'ssl.key.password': null,
  'ssl.truststore.location': null,
  'ssl.client.auth': 'none',
  'ssl.endpoint.identification.algorithm': 'https',
  'max.connections.per.ip': 2147483647,
  'connections.max.idle.ms': 600000,
};

/** Kafka keys every node must set (Kafka's own defaults for them do not make a working KRaft node). */
const REQUIRED = ['node.id', 'process.roles', 'controller.quorum.voters'];

/** Kafka keys whose Runnel default differs on purpose, with Kafka's default for the record. */
const RUNNEL_DEFAULTS: Record<string, { kafka: unknown; runnel: unknown }> = {
  listeners: { kafka: 'PLAINTEXT://:9092', runnel: ['CLIENT://:9092'] },
  'controller.listener.names': { kafka: null, runnel: ['CONTROLLER'] },
  'log.dir': { kafka: '/tmp/kafka-logs', runnel: '/tmp/runnel-logs' },
  'listener.security.protocol.map': { kafka: 'SASL_SSL:SASL_SSL,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT', runnel: null },
  'sasl.enabled.mechanisms': { kafka: ['GSSAPI'], runnel: ['SCRAM-SHA-256'] },
  'ssl.keystore.type': { kafka: 'JKS', runnel: 'PEM' },
  'ssl.truststore.type': { kafka: 'JKS', runnel: 'PEM' },
};

/** Update modes from Kafka's documentation, for the keys whose mode matters most to operators. */
const KAFKA_UPDATE_MODES: Record<string, string> = {
  'min.insync.replicas': 'cluster-wide',
  'unclean.leader.election.enable': 'cluster-wide',
  'message.max.bytes': 'cluster-wide',
  'log.retention.ms': 'cluster-wide',
  'log.retention.hours': 'read-only',
  'log.segment.bytes': 'cluster-wide',
  'num.partitions': 'read-only',
  'default.replication.factor': 'read-only',
  'replica.lag.time.max.ms': 'read-only',
  'node.id': 'read-only',
  'producer.id.expiration.ms': 'cluster-wide',
};

/**
 * Keys Kafka can change while a broker runs and Runnel cannot (nothing may claim to be dynamic
 * that is not applied live), with Kafka's mode for the record.
 */
const RUNNEL_READ_ONLY: Record<string, string> = {
  listeners: 'per-broker',
  'advertised.listeners': 'per-broker',
  'num.recovery.threads.per.data.dir': 'cluster-wide',
};

function minimal() {
  return loadServerConfig({
    overrides: ['node.id=1', 'process.roles=broker,controller', 'controller.quorum.voters=1@127.0.0.1:9093'],
    env: { RUNNEL_LISTENERS: 'CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093' },
    hostname: 'h',
  });
}

describe('defaults', () => {
  it('equal Kafka\'s documented defaults', () => {
    const config = minimal();
    for (const [key, expected] of Object.entries(KAFKA_DEFAULTS)) {
      const v = config.values.get(key);
      expect(v, key).toBeDefined();
      expect(v!.source.kind, key).toBe('default');
      expect(v!.value, key).toEqual(expected);
    }
  });

  it('cover every Kafka key of the table, and only deliberate differences are left out', () => {
    for (const def of SERVER_CONFIG_DEFS.filter((d) => d.kafka)) {
      const accounted = def.name in KAFKA_DEFAULTS || REQUIRED.includes(def.name) || def.name in RUNNEL_DEFAULTS;
      expect(accounted, `${def.name} has no expected Kafka default in this test`).toBe(true);
    }
    const broker = loadServerConfig({ env: { RUNNEL_NODE_ID: '2', RUNNEL_PROCESS_ROLES: 'broker', RUNNEL_CONTROLLER_QUORUM_VOTERS: '1@h:9093' }, hostname: 'h' });
    for (const [key, { runnel }] of Object.entries(RUNNEL_DEFAULTS)) {
      expect(broker.values.get(key)!.source.kind, key).toBe('default');
      expect(broker.values.get(key)!.value, key).toEqual(runnel);
    }
    expect(broker.listeners.client).toEqual({ name: 'CLIENT', host: '', port: 9092, advertisedHost: 'h', advertisedPort: 9092 });
  });

  it('give the effective settings Kafka documents', () => {
    const config = minimal();
    expect(config.log.retentionMs).toBe(7 * 24 * 3_600_000); // 168 hours
    expect(config.log.segmentMs).toBe(7 * 24 * 3_600_000);
    expect(config.log.cleanupPolicy).toBe('delete');
    expect(config.broker.leaderImbalanceCheckIntervalMs).toBe(300_000);
    expect(config.node.logDirs).toEqual(['/tmp/runnel-logs']);
    expect(config.groups).toEqual({
      offsetsTopicNumPartitions: 50,
      offsetsTopicReplicationFactor: 3,
      offsetsRetentionMs: 7 * 24 * 3_600_000,
      offsetsRetentionCheckIntervalMs: 600_000,
      offsetCommitTimeoutMs: 5000,
      offsetMetadataMaxBytes: 4096,
      initialRebalanceDelayMs: 3000,
      minSessionTimeoutMs: 6000,
      maxSessionTimeoutMs: 1_800_000,
      maxSize: 2147483647,
    });
    expect(config.observability).toEqual({ logLevel: 'info', httpListener: '127.0.0.1:9644' });
    expect(config.warnings).toEqual([]);
  });

  it('keep the required keys without defaults', () => {
    for (const key of REQUIRED) expect(SERVER_CONFIG_DEFS.find((d) => d.name === key)!.required, key).toBe(true);
  });

  it('carry Kafka\'s update modes, except where a key cannot be applied live here', () => {
    for (const [key, mode] of Object.entries(KAFKA_UPDATE_MODES)) {
      expect(SERVER_CONFIG_DEFS.find((d) => d.name === key)!.dynamic, key).toBe(mode);
    }
    for (const [key, kafkaMode] of Object.entries(RUNNEL_READ_ONLY)) {
      const def = SERVER_CONFIG_DEFS.find((d) => d.name === key)!;
      expect(def.dynamic, key).toBe('read-only');
      expect(def.description, key).toContain(`Kafka: ${kafkaMode}`);
    }
  });
});

describe('the table', () => {
  it('names each key once and maps each to its own RUNNEL_ variable', () => {
    const names = SERVER_CONFIG_DEFS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(names.map(envVarName)).size).toBe(names.length);
    expect(envVarName('log.retention.ms')).toBe('RUNNEL_LOG_RETENTION_MS');
  });

  it('describes every key and gives enums and element-checked lists their values', () => {
    for (const def of SERVER_CONFIG_DEFS) {
      expect(def.description.length, def.name).toBeGreaterThan(10);
      if (def.type === 'enum') expect(def.values?.length, def.name).toBeGreaterThan(1);
    }
  });
});
