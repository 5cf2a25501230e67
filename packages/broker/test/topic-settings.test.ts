import { describe, expect, it } from 'vitest';
import { EMPTY_IMAGE, applyRecords, type MetadataImage } from '@runnel/controller';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '@runnel/storage';
import { TopicSettings } from '../src/replica/topic-settings.js';

function fakePartition(topic: string): { topic: string; log: { updateConfig(c: LogConfig): void }; seen: LogConfig[] } {
  const seen: LogConfig[] = [];
  return { topic, seen, log: { updateConfig: (c) => seen.push(c) } };
}

describe('TopicSettings', () => {
  it('gives every open log of a topic its new settings after a dynamic config change', () => {
    let image: MetadataImage = EMPTY_IMAGE;
    const settings = new TopicSettings(() => image, { log: { ...DEFAULT_LOG_CONFIG }, minInsyncReplicas: 1, replicaLagTimeMaxMs: 30_000 });
    const partitions = [fakePartition('orders'), fakePartition('orders'), fakePartition('orders'), fakePartition('other')];
    for (const p of partitions) settings.logConfig(p.topic);
    expect(settings.applyToLogs(partitions)).toBe(0);

    image = applyRecords(image, [{ type: 'config', resourceType: 'topic', resourceName: 'orders', name: 'retention.ms', value: '60000' }]).image;
    expect(settings.applyToLogs(partitions)).toBe(3);
    for (const p of partitions.slice(0, 3)) expect(p.seen.map((c) => c.retentionMs)).toEqual([60_000]);
    expect(partitions[3]!.seen).toEqual([]);
    expect(settings.partition('orders').minInsyncReplicas).toBe(1);
    // Nothing changed since: nothing is applied again.
    expect(settings.applyToLogs(partitions)).toBe(0);
  });
});
