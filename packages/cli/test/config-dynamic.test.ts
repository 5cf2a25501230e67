import { isRunnelError, type ErrorName } from '@runnel/protocol';
import { describe, expect, it } from 'vitest';
import type { ConfigDef } from '../src/config/config-def.js';
import { brokerConfigPolicy, brokerConfigView, withDynamicConfigs } from '../src/config/dynamic.js';
import { loadServerConfig } from '../src/config/load.js';

const STATIC = [
  'node.id=2',
  'process.roles=broker,controller',
  'controller.quorum.voters=2@127.0.0.1:9093',
  'listeners=CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
  'log.retention.hours=1',
  'message.max.bytes=5000',
  'log.segment.bytes=1048576',
].join('\n');

function load() {
  return loadServerConfig({ file: { path: 'server.properties', text: STATIC }, hostname: 'h' });
}

const map = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));

/** The error `fn` throws, as name and message. */
function refusal(fn: () => unknown): { name: ErrorName; message: string } | undefined {
  try {
    fn();
  } catch (err) {
    if (isRunnelError(err)) return { name: err.errorName, message: err.message };
    throw err;
  }
  return undefined;
}

describe('the dynamic broker config policy', () => {
  const policy = brokerConfigPolicy();

  it('takes cluster-wide keys per broker and as the default, stored normalised', () => {
    expect(policy.check('log.retention.ms', ' 60000 ', null)).toBe('60000');
    expect(policy.check('min.insync.replicas', '2', 3)).toBe('2');
    expect(policy.check('log.cleanup.policy', 'compact , delete', null)).toBe('compact,delete');
    expect(policy.check('unclean.leader.election.enable', 'TRUE', null)).toBe('true');
    expect(policy.check('log.retention.ms', null, 1)).toBeNull();
  });

  it('refuses unknown, read-only and out-of-range keys, naming the key', () => {
    expect(refusal(() => policy.check('log.retention.msec', '1', null))).toEqual({ name: 'INVALID_CONFIG', message: expect.stringMatching(/unknown broker config 'log\.retention\.msec' \(did you mean log\.retention\.ms\?\)/) });
    expect(refusal(() => policy.check('num.partitions', '3', null))).toEqual({ name: 'INVALID_REQUEST', message: expect.stringMatching(/^num\.partitions cannot be changed while brokers run \(read-only\)/) });
    expect(refusal(() => policy.check('listeners', 'CLIENT://:1', 1))?.name).toBe('INVALID_REQUEST');
    // A deletion names a key as well.
    expect(refusal(() => policy.check('node.id', null, 1))?.name).toBe('INVALID_REQUEST');
    expect(refusal(() => policy.check('min.insync.replicas', '0', null))).toEqual({ name: 'INVALID_CONFIG', message: expect.stringMatching(/invalid value '0' for broker config min\.insync\.replicas: expected an integer between 1 and/) });
    expect(refusal(() => policy.check('log.cleanup.policy', 'shred', null))?.name).toBe('INVALID_CONFIG');
    expect(refusal(() => policy.check('unclean.leader.election.enable', 'true', 2))).toEqual({ name: 'INVALID_REQUEST', message: expect.stringMatching(/cluster-wide default/) });
  });

  it('takes a per-broker key for one broker only', () => {
    const defs: ConfigDef[] = [{ name: 'x.listener', type: 'string', default: null, importance: 'low', dynamic: 'per-broker', kafka: false, description: 'x' }];
    const own = brokerConfigPolicy(defs);
    expect(own.check('x.listener', 'a', 1)).toBe('a');
    expect(refusal(() => own.check('x.listener', 'a', null))).toEqual({ name: 'INVALID_REQUEST', message: expect.stringMatching(/^x\.listener is set per broker, not as a cluster-wide default/) });
  });
});

describe('dynamic values over the static configuration', () => {
  it('ranks per broker over cluster-wide default over static over default, and derives settings from them', () => {
    const config = load();
    expect(config.log.retentionMs).toBe(3_600_000);
    const { config: effective, problems } = withDynamicConfigs(config, {
      clusterDefault: map({ 'log.retention.ms': '60000', 'message.max.bytes': '3000', 'min.insync.replicas': '2' }),
      perBroker: map({ 'message.max.bytes': '2000' }),
    });
    expect(problems).toEqual([]);
    // log.retention.ms, set dynamically, wins over the static log.retention.hours.
    expect(effective!.log.retentionMs).toBe(60_000);
    expect(effective!.broker.messageMaxBytes).toBe(2_000);
    expect(effective!.broker.minInsyncReplicas).toBe(2);
    expect(effective!.log.segmentBytes).toBe(1_048_576);
    // The static configuration is left as it was.
    expect(config.broker.messageMaxBytes).toBe(5_000);
  });

  it('describes each value with its Kafka source, broker keys and the topic defaults they give alike', () => {
    const { view } = brokerConfigView(load(), {
      clusterDefault: map({ 'log.retention.ms': '60000', 'message.max.bytes': '3000', 'follower.replication.throttled.rate': '1000' }),
      perBroker: map({ 'message.max.bytes': '2000' }),
    });
    const described = new Map(view!.described.map((d) => [d.name, d]));
    expect(described.get('message.max.bytes')).toMatchObject({ value: '2000', source: 'DYNAMIC_BROKER_CONFIG', readOnly: false });
    expect(described.get('log.retention.ms')).toMatchObject({ value: '60000', source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' });
    expect(described.get('log.segment.bytes')).toMatchObject({ value: '1048576', source: 'STATIC_BROKER_CONFIG' });
    expect(described.get('log.retention.bytes')).toMatchObject({ value: '-1', source: 'DEFAULT_CONFIG' });
    expect(described.get('follower.replication.throttled.rate')).toMatchObject({ value: '1000', source: 'DYNAMIC_DEFAULT_BROKER_CONFIG', type: 'LONG' });
    expect(view!.defaults.log).toMatchObject({ retentionMs: 60_000, maxMessageBytes: 2_000 });
    expect(Object.fromEntries(view!.defaults.sources)).toMatchObject({
      'retention.ms': 'DYNAMIC_DEFAULT_BROKER_CONFIG',
      'max.message.bytes': 'DYNAMIC_BROKER_CONFIG',
      'segment.bytes': 'STATIC_BROKER_CONFIG',
      'min.insync.replicas': 'DEFAULT_CONFIG',
    });
  });

  it('leaves out stored values the schema does not take as dynamic, and keeps the rest', () => {
    const { config: effective, problems } = withDynamicConfigs(load(), {
      clusterDefault: map({ 'num.partitions': '9', 'min.insync.replicas': 'many', 'log.retention.bytes': '1000' }),
      perBroker: map({}),
    });
    expect(problems).toEqual([
      'dynamic cluster-wide default: num.partitions = "9" is not a dynamic broker config; ignored',
      expect.stringMatching(/^dynamic cluster-wide default: min\.insync\.replicas = "many": expected an integer/),
    ]);
    expect(effective!.broker.numPartitions).toBe(1);
    expect(effective!.broker.minInsyncReplicas).toBe(1);
    expect(effective!.log.retentionBytes).toBe(1000);
  });
});
