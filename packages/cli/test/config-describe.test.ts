import type { BrokerDefaults, ReplicaFetcherSettings } from '@runnel/broker';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '@runnel/storage';
import { describe, expect, it } from 'vitest';
import type { ConfigDef } from '../src/config/config-def.js';
import { describeConfig, describedConfigs } from '../src/config/describe.js';
import { toBrokerDefaults, toControllerConfig, toLogConfigDefaults, toReplicaFetcherSettings } from '../src/config/handoff.js';
import { loadServerConfig } from '../src/config/load.js';
import { resolveConfig } from '../src/config/resolve.js';
import { SERVER_CONFIG_DEFS } from '../src/config/server-schema.js';

const FILE = [
  'node.id=1',
  'process.roles=broker,controller',
  'controller.quorum.voters=1@127.0.0.1:9093',
  'listeners=CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
  'num.partitions=2',
  'log.retention.minutes=30',
  'log.cleanup.policy = compact ,  delete',
].join('\n');

function load() {
  return loadServerConfig({
    file: { path: 'conf/server.properties', text: FILE },
    env: { RUNNEL_LOG_SEGMENT_BYTES: '1048576' },
    overrides: ['num.partitions=4'],
    hostname: 'h',
  });
}

/** The table's rows keyed by key, each split into its columns. */
function rowsOf(table: string): Map<string, string[]> {
  return new Map(
    table
      .split('\n')
      .slice(1)
      .map((line) => {
        const cols = line.split(/ {2,}/);
        return [cols[0]!, cols.slice(1)];
      }),
  );
}

describe('describeConfig', () => {
  it('lists every key with its effective value and source', () => {
    const table = describeConfig(load());
    const rows = rowsOf(table);
    expect(rows.size).toBe(SERVER_CONFIG_DEFS.length);
    expect(rows.get('num.partitions')).toEqual(['4', 'override']);
    expect(rows.get('log.segment.bytes')).toEqual(['1048576', 'env RUNNEL_LOG_SEGMENT_BYTES']);
    expect(rows.get('log.retention.minutes')).toEqual(['30', 'file conf/server.properties:6']);
    expect(rows.get('node.id')).toEqual(['1', 'file conf/server.properties:1']);
    expect(rows.get('replica.lag.time.max.ms')).toEqual(['30000', 'default']);
    expect(rows.get('log.retention.ms')).toEqual(['null', 'default']);
    expect(rows.get('log.cleanup.policy')).toEqual(['compact,delete', 'file conf/server.properties:7']);
  });

  it('aligns the columns under a header, keys sorted', () => {
    const lines = describeConfig(load()).split('\n');
    expect(lines[0]).toMatch(/^KEY +VALUE +SOURCE$/);
    const valueAt = lines[0]!.indexOf('VALUE');
    const sourceAt = lines[0]!.indexOf('SOURCE');
    for (const line of lines.slice(1)) {
      expect(line[valueAt - 1], line).toBe(' ');
      expect(line[valueAt], line).not.toBe(' ');
      expect(line[sourceAt], line).not.toBe(' ');
    }
    const keys = lines.slice(1).map((l) => l.split(' ')[0]!);
    expect(keys).toEqual([...keys].sort());
  });

  const SECRET_DEFS: ConfigDef[] = [
    { name: 'ssl.key.password', type: 'password', default: null, description: 'key store password', importance: 'high', dynamic: 'per-broker', kafka: true },
    { name: 'ssl.enabled', type: 'boolean', default: 'false', description: 'whether TLS is on', importance: 'high', dynamic: 'read-only', kafka: false },
  ];

  it('hides passwords, in the table and in DescribeConfigs', () => {
    const { values, problems } = resolveConfig(SECRET_DEFS, { overrides: ['ssl.key.password= s3cret '] });
    expect(problems).toEqual([]);
    expect(values.get('ssl.key.password')!.value).toBe(' s3cret ');
    const table = describeConfig({ values });
    expect(table).not.toContain('s3cret');
    expect(rowsOf(table).get('ssl.key.password')).toEqual(['[hidden]', 'override']);
    const described = describedConfigs({ values });
    expect(described.find((d) => d.name === 'ssl.key.password')).toMatchObject({ value: '', isSensitive: true, type: 'PASSWORD', readOnly: false });
  });
});

describe('describedConfigs', () => {
  it('answers as DescribeConfigs does: Kafka sources, types and read-only flags', () => {
    const described = new Map(describedConfigs(load()).map((d) => [d.name, d]));
    expect(described.size).toBe(SERVER_CONFIG_DEFS.length);
    expect(described.get('num.partitions')).toMatchObject({ value: '4', source: 'STATIC_BROKER_CONFIG', readOnly: true, type: 'INT', isSensitive: false });
    expect(described.get('log.retention.ms')).toMatchObject({ value: '', source: 'DEFAULT_CONFIG', readOnly: false, type: 'LONG' });
    expect(described.get('log.level')).toMatchObject({ value: 'info', type: 'STRING', source: 'DEFAULT_CONFIG' });
    expect(described.get('log.cleanup.policy')).toMatchObject({ value: 'compact,delete', type: 'LIST', source: 'STATIC_BROKER_CONFIG' });
    expect(described.get('log.cleaner.min.cleanable.ratio')).toMatchObject({ value: '0.5', type: 'DOUBLE' });
    expect(described.get('num.partitions')!.documentation?.length).toBeGreaterThan(0);
  });
});

describe('handing settings to other packages', () => {
  it('gives storage Kafka\'s log defaults when nothing is set', () => {
    const config = loadServerConfig({
      overrides: ['node.id=1', 'process.roles=controller', 'controller.quorum.voters=1@h:9093', 'listeners=CONTROLLER://:9093'],
      hostname: 'h',
    });
    const defaults: LogConfig = toLogConfigDefaults(config);
    expect(defaults).toEqual(DEFAULT_LOG_CONFIG);
  });

  it('maps the log.* keys onto storage\'s topic-level fields', () => {
    const config = loadServerConfig({
      file: {
        path: 's.properties',
        text: [
          'node.id=1',
          'process.roles=broker,controller',
          'controller.quorum.voters=1@127.0.0.1:9093',
          'listeners=CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
          'log.segment.bytes=1048576',
          'log.roll.hours=2',
          'log.index.size.max.bytes=4096',
          'log.index.interval.bytes=1024',
          'log.retention.hours=-1',
          'log.retention.bytes=1073741824',
          'log.cleanup.policy=delete,compact',
          'log.cleaner.delete.retention.ms=1000',
          'log.cleaner.min.cleanable.ratio=0.25',
          'message.max.bytes=2097152',
          'log.flush.interval.messages=1',
          'log.flush.interval.ms=50',
          'min.insync.replicas=1',
          'replica.lag.time.max.ms=10000',
        ].join('\n'),
      },
      hostname: 'h',
    });
    const expected: LogConfig = {
      segmentBytes: 1048576,
      segmentMs: 7_200_000,
      segmentIndexBytes: 4096,
      indexIntervalBytes: 1024,
      retentionMs: -1,
      retentionBytes: 1073741824,
      cleanupPolicy: 'compact,delete',
      deleteRetentionMs: 1000,
      minCleanableDirtyRatio: 0.25,
      maxMessageBytes: 2097152,
      flushMessages: 1,
      flushMs: 50,
    };
    expect(toLogConfigDefaults(config)).toEqual(expected);
    const brokerDefaults: BrokerDefaults = toBrokerDefaults(config);
    const { sources, ...rest } = brokerDefaults;
    expect(rest).toEqual({ log: expected, minInsyncReplicas: 1, replicaLagTimeMaxMs: 10000, uncleanLeaderElectionEnable: false });
    // Each topic default's source is that of the broker key giving it, in whichever unit it was set.
    expect(Object.fromEntries(sources)).toMatchObject({
      'retention.ms': 'STATIC_BROKER_CONFIG',
      'segment.ms': 'STATIC_BROKER_CONFIG',
      'min.insync.replicas': 'STATIC_BROKER_CONFIG',
      'max.message.bytes': 'STATIC_BROKER_CONFIG',
      'unclean.leader.election.enable': 'DEFAULT_CONFIG',
    });
  });

  it('gives the broker its replica fetcher settings', () => {
    const config = loadServerConfig({
      overrides: [
        'node.id=1',
        'process.roles=broker,controller',
        'controller.quorum.voters=1@h:9093',
        'listeners=CLIENT://:9092,CONTROLLER://:9093',
        'replica.fetch.wait.max.ms=250',
        'replica.fetch.min.bytes=10',
        'replica.fetch.response.max.bytes=5000000',
        'replica.fetch.max.bytes=100000',
        'replica.fetch.backoff.ms=200',
      ],
      hostname: 'h',
    });
    const settings: ReplicaFetcherSettings = toReplicaFetcherSettings(config);
    expect(settings).toEqual({ maxWaitMs: 250, minBytes: 10, maxBytes: 5000000, partitionMaxBytes: 100000, backoffMs: 200 });
  });

  it('gives the controller its voters, listeners, timeouts and cluster policy', () => {
    const config = loadServerConfig({
      file: {
        path: 's.properties',
        text: [
          'node.id=2',
          'process.roles=controller',
          'controller.quorum.voters=1@127.0.0.1:9093,2@127.0.0.1:9193,3@127.0.0.1:9293',
          'listeners=CONTROLLER://127.0.0.1:9193',
          'log.dirs=/data/a',
          'num.partitions=3',
          'default.replication.factor=3',
          'min.insync.replicas=2',
          'leader.imbalance.check.interval.seconds=60',
          'controller.quorum.election.timeout.ms=1500',
          'broker.session.timeout.ms=12000',
        ].join('\n'),
      },
      hostname: 'h',
    });
    const typed = toControllerConfig(config);
    expect(typed.nodeId).toBe(2);
    expect(typed.voters).toEqual([
      { id: 1, host: '127.0.0.1', port: 9093 },
      { id: 2, host: '127.0.0.1', port: 9193 },
      { id: 3, host: '127.0.0.1', port: 9293 },
    ]);
    expect(typed.electionTimeoutMs).toBe(1500);
    expect(typed.cluster).toMatchObject({ numPartitions: 3, defaultReplicationFactor: 3, minInsyncReplicas: 2, brokerSessionTimeoutMs: 12_000 });
    expect(typed.metadataLogDir).toBe('/data/a');
    expect(typed.cluster.leaderImbalanceCheckIntervalMs).toBe(60_000);
  });
});
