import { describe, expect, it } from 'vitest';
import { EMPTY_IMAGE, applyRecords, type MetadataImage } from '@runnel/controller';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '@runnel/storage';
import { TopicSettings, type BrokerDefaults } from '../src/replica/topic-settings.js';

function fakeLog(topic: string): { topic: string; updateConfig(c: LogConfig): void; seen: LogConfig[] } {
  const seen: LogConfig[] = [];
  return { topic, seen, updateConfig: (c) => seen.push(c) };
}

const DEFAULTS: BrokerDefaults = { log: { ...DEFAULT_LOG_CONFIG }, minInsyncReplicas: 1, replicaLagTimeMaxMs: 30_000, sources: new Map() };

describe('TopicSettings', () => {
  it('gives every open log of a topic its new settings after a dynamic config change', () => {
    let image: MetadataImage = EMPTY_IMAGE;
    const settings = new TopicSettings(() => image, DEFAULTS);
    const logs = [fakeLog('orders'), fakeLog('orders'), fakeLog('orders'), fakeLog('other')];
    for (const l of logs) settings.logConfig(l.topic);
    expect(settings.applyToLogs(logs)).toBe(0);

    image = applyRecords(image, [{ type: 'config', resourceType: 'topic', resourceName: 'orders', name: 'retention.ms', value: '60000' }]).image;
    expect(settings.applyToLogs(logs)).toBe(3);
    for (const l of logs.slice(0, 3)) expect(l.seen.map((c) => c.retentionMs)).toEqual([60_000]);
    expect(logs[3]!.seen).toEqual([]);
    expect(settings.partition('orders').minInsyncReplicas).toBe(1);
    // Nothing changed since: nothing is applied again.
    expect(settings.applyToLogs(logs)).toBe(0);
  });

  it('takes new broker defaults for every topic that does not set its own, logs and partition settings alike', () => {
    const image = applyRecords(EMPTY_IMAGE, [{ type: 'config', resourceType: 'topic', resourceName: 'own', name: 'retention.ms', value: '5000' }]).image;
    const settings = new TopicSettings(() => image, DEFAULTS);
    const logs = [fakeLog('plain'), fakeLog('own')];
    for (const l of logs) settings.logConfig(l.topic);
    expect(settings.partition('plain').minInsyncReplicas).toBe(1);

    settings.setDefaults({
      ...DEFAULTS,
      log: { ...DEFAULT_LOG_CONFIG, retentionMs: 90_000, maxMessageBytes: 2_000 },
      minInsyncReplicas: 2,
      sources: new Map([['retention.ms', 'DYNAMIC_DEFAULT_BROKER_CONFIG'], ['min.insync.replicas', 'DYNAMIC_BROKER_CONFIG']]),
    });
    expect(settings.applyToLogs(logs)).toBe(2);
    expect(logs[0]!.seen.map((c) => [c.retentionMs, c.maxMessageBytes])).toEqual([[90_000, 2_000]]);
    // The topic's own retention.ms still wins over the new default.
    expect(logs[1]!.seen.map((c) => [c.retentionMs, c.maxMessageBytes])).toEqual([[5_000, 2_000]]);
    expect(settings.partition('plain')).toMatchObject({ minInsyncReplicas: 2, maxMessageBytes: 2_000 });
    expect(settings.applyToLogs(logs)).toBe(0);

    const described = settings.describeDefaults();
    expect(described.get('retention.ms')).toEqual({ value: '90000', source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' });
    expect(described.get('min.insync.replicas')).toEqual({ value: '2', source: 'DYNAMIC_BROKER_CONFIG' });
    expect(described.get('flush.ms')).toEqual({ value: '9223372036854775807', source: 'DEFAULT_CONFIG' });
  });
});
