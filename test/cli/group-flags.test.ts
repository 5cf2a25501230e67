import { describe, expect, it } from 'vitest';
import { parseReset } from '../../packages/cli/src/commands/group-reset.js';
import { parseDatetime, parseDuration } from '../../packages/cli/src/commands/time-spec.js';
import { parseTopicSpec } from '../../packages/cli/src/commands/topic-spec.js';

describe('reset-offsets flags', () => {
  it('reads ISO-8601 durations as kafka-consumer-groups.sh --by-duration does', () => {
    expect(parseDuration('--by-duration', 'PT15M')).toBe(15 * 60_000);
    expect(parseDuration('--by-duration', 'P1DT2H3M4.5S')).toBe(((24 + 2) * 60 + 3) * 60_000 + 4_500);
    expect(parseDuration('--by-duration', 'P2D')).toBe(2 * 86_400_000);
    for (const bad of ['P', 'PT', '15m', 'PT-5M', 'P1H', '']) expect(() => parseDuration('--by-duration', bad)).toThrow(/PnDTnHnMnS/);
  });

  it('reads date-times with and without a zone', () => {
    expect(parseDatetime('--to-datetime', '2024-05-01T12:00:00.000Z')).toBe(Date.UTC(2024, 4, 1, 12));
    expect(parseDatetime('--to-datetime', '2024-05-01T12:00:00+0100')).toBe(Date.UTC(2024, 4, 1, 11));
    expect(parseDatetime('--to-datetime', '2024-05-01T12:00:00-02:30')).toBe(Date.UTC(2024, 4, 1, 14, 30));
    // Without a zone the time is local.
    expect(parseDatetime('--to-datetime', '2024-05-01T12:00')).toBe(new Date(2024, 4, 1, 12).getTime());
    for (const bad of ['yesterday', '2024-05-01', '2024-13-01T00:00:00Z', '1714564800000']) expect(() => parseDatetime('--to-datetime', bad)).toThrow(/INVALID_CONFIG|date-time/);
  });

  it('reads topic specs with partitions', () => {
    expect(parseTopicSpec('orders')).toEqual({ topic: 'orders', partitions: null });
    expect(parseTopicSpec('orders:2,0,2')).toEqual({ topic: 'orders', partitions: [2, 0] });
    expect(() => parseTopicSpec('orders:x')).toThrow(/partition/);
    expect(() => parseTopicSpec(':1')).toThrow(/topic name/);
  });

  it('asks for exactly one scope and one strategy', () => {
    const now = 1_700_000_000_000;
    expect(parseReset({ group: 'g', topic: ['t:1'], shiftBy: '-3' }, now)).toEqual({ groupId: 'g', scope: { kind: 'topics', topics: [{ topic: 't', partitions: [1] }] }, strategy: { kind: 'shift', by: -3 }, execute: false });
    expect(parseReset({ group: 'g', allTopics: true, byDuration: 'PT1M', execute: true }, now)).toEqual({ groupId: 'g', scope: { kind: 'all-topics' }, strategy: { kind: 'timestamp', timestamp: now - 60_000 }, execute: true });
    expect(() => parseReset({ topic: ['t'], toEarliest: true }, now)).toThrow(/--group/);
    expect(() => parseReset({ group: 'g', toEarliest: true }, now)).toThrow(/--topic.*--all-topics/);
    expect(() => parseReset({ group: 'g', topic: ['t'], allTopics: true, toEarliest: true }, now)).toThrow(/--topic.*--all-topics/);
    expect(() => parseReset({ group: 'g', topic: ['t'] }, now)).toThrow(/exactly one of/);
    expect(() => parseReset({ group: 'g', topic: ['t'], toLatest: true, toOffset: '3' }, now)).toThrow(/got --to-latest, --to-offset/);
    expect(() => parseReset({ group: 'g', topic: ['t'], toOffset: '-1' }, now)).toThrow(/--to-offset/);
    expect(() => parseReset({ group: 'g', topic: ['t'], toEarliest: true, dryRun: true, execute: true }, now)).toThrow(/--dry-run and --execute/);
  });
});
