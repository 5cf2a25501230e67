import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_CONFIG, parseLogConfig, shouldCompact, shouldDelete } from '../src/config.js';
import { LeaderEpochCache } from '../src/leader-epoch-cache.js';

describe('LogConfig', () => {
  it("takes Kafka's names and defaults", () => {
    expect(DEFAULT_LOG_CONFIG.segmentBytes).toBe(1073741824);
    expect(DEFAULT_LOG_CONFIG.retentionMs).toBe(604800000);
    expect(DEFAULT_LOG_CONFIG.indexIntervalBytes).toBe(4096);
    expect(DEFAULT_LOG_CONFIG.segmentIndexBytes).toBe(10485760);
    expect(DEFAULT_LOG_CONFIG.deleteRetentionMs).toBe(86400000);
    const c = parseLogConfig({ 'segment.bytes': '1048576', 'retention.ms': -1, 'cleanup.policy': 'delete, compact', 'flush.messages': 1 });
    expect(c).toMatchObject({ segmentBytes: 1048576, retentionMs: -1, cleanupPolicy: 'compact,delete', flushMessages: 1 });
    expect(shouldCompact(c) && shouldDelete(c)).toBe(true);
    expect(shouldDelete(parseLogConfig({ 'cleanup.policy': 'compact' }))).toBe(false);
  });

  it('refuses unknown keys and bad values with INVALID_CONFIG naming the key', () => {
    expect(() => parseLogConfig({ 'segment.byte': 1 })).toThrow(/unknown log config key 'segment.byte'/);
    expect(() => parseLogConfig({ 'segment.bytes': 'lots' })).toThrow(/segment.bytes=lots/);
    expect(() => parseLogConfig({ 'cleanup.policy': 'shred' })).toThrow(/cleanup.policy/);
    expect(() => parseLogConfig({ 'min.cleanable.dirty.ratio': 2 })).toThrow(/between 0 and 1/);
    try {
      parseLogConfig({ 'retention.bytes': -2 });
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ errorName: 'INVALID_CONFIG' });
    }
  });
});

describe('LeaderEpochCache', () => {
  it('assigns only newer epochs and truncates from both ends', () => {
    const c = new LeaderEpochCache();
    expect(c.assign(1, 0)).toBe(true);
    expect(c.assign(1, 5)).toBe(false);
    expect(c.assign(0, 7)).toBe(false);
    c.assign(3, 10);
    c.assign(4, 20);
    expect(c.truncateFromEnd(20)).toBe(true);
    expect(c.entries).toEqual([
      { epoch: 1, startOffset: 0 },
      { epoch: 3, startOffset: 10 },
    ]);
    expect(c.truncateFromStart(12)).toBe(true);
    expect(c.entries).toEqual([{ epoch: 3, startOffset: 12 }]);
    // A new epoch starting at or below an existing entry replaces it.
    c.assign(5, 12);
    expect(c.entries).toEqual([{ epoch: 5, startOffset: 12 }]);
  });

  it('drops a damaged (non-increasing) tail when loaded', () => {
    const c = new LeaderEpochCache([
      { epoch: 1, startOffset: 0 },
      { epoch: 2, startOffset: 10 },
      { epoch: 2, startOffset: 12 },
    ]);
    expect(c.entries.length).toBe(2);
  });
});
