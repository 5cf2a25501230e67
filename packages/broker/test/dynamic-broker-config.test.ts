import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { EMPTY_IMAGE, applyRecords, type MetadataImage, type MetadataRecord } from '@runnel/controller';
import { DEFAULT_LOG_CONFIG } from '@runnel/storage';
import { DynamicBrokerConfig, type BrokerConfigView, type DynamicConfigValues } from '../src/metadata/dynamic-broker-config.js';

/** A resolver that takes retention from the dynamic values (per broker over default), refusing 'bad'. */
function resolver(calls: DynamicConfigValues[]) {
  return (dynamic: DynamicConfigValues): BrokerConfigView | null => {
    calls.push(dynamic);
    const text = dynamic.perBroker.get('log.retention.ms') ?? dynamic.clusterDefault.get('log.retention.ms');
    if (text === 'bad') return null;
    const log = { ...DEFAULT_LOG_CONFIG, retentionMs: text === undefined ? DEFAULT_LOG_CONFIG.retentionMs : Number(text) };
    return { defaults: { log, minInsyncReplicas: 1, replicaLagTimeMaxMs: 30_000, sources: new Map() }, producerIdExpirationMs: 1000, described: [] };
  };
}

function setConfig(image: MetadataImage, resourceName: string, value: string | null): MetadataImage {
  const record: MetadataRecord = { type: 'config', resourceType: 'broker', resourceName, name: 'log.retention.ms', value };
  return applyRecords(image, [record]).image;
}

describe('DynamicBrokerConfig', () => {
  it('resolves again only when this broker\'s or the default\'s values change, and keeps the last good view', () => {
    const calls: DynamicConfigValues[] = [];
    const seen: number[] = [];
    const dynamic = new DynamicBrokerConfig(2, resolver(calls), pino({ level: 'silent' }));
    dynamic.onChange((view) => seen.push(view.defaults.log.retentionMs));
    expect(dynamic.current.defaults.log.retentionMs).toBe(DEFAULT_LOG_CONFIG.retentionMs);

    let image = setConfig(EMPTY_IMAGE, '', '60000');
    dynamic.update(image);
    dynamic.update(image);
    // Another broker's values are not this broker's business.
    image = setConfig(image, '3', '1');
    dynamic.update(image);
    image = setConfig(image, '2', '30000');
    dynamic.update(image);
    expect(seen).toEqual([60_000, 30_000]);
    expect(calls).toHaveLength(3);

    // A set that does not resolve changes nothing; the next good one applies.
    image = setConfig(image, '2', 'bad');
    dynamic.update(image);
    expect(dynamic.current.defaults.log.retentionMs).toBe(30_000);
    image = setConfig(image, '2', null);
    dynamic.update(image);
    expect(seen).toEqual([60_000, 30_000, 60_000]);
    expect(calls.at(-1)!.perBroker.size).toBe(0);
  });
});
