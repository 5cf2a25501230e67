import { describe, expect, it } from 'vitest';
import { LeaderState } from '../src/replica/leader-state.js';

const LAG = 30_000;

function leader(overrides: Partial<ConstructorParameters<typeof LeaderState>[0]> = {}): LeaderState {
  return new LeaderState({
    leaderId: 1, leaderEpoch: 5, partitionEpoch: 10, replicas: [1, 2, 3], isr: [1, 2, 3],
    logEndOffset: 100, highWatermark: 90, nowMs: 0, ...overrides,
  });
}

describe('LeaderState', () => {
  it('holds the high watermark until every ISR follower has reported its position', () => {
    const s = leader();
    expect(s.onFollowerFetch(2, 100, 100, 10)).toBe(false);
    expect(s.highWatermark).toBe(90);
    expect(s.onFollowerFetch(3, 95, 100, 10)).toBe(true);
    expect(s.highWatermark).toBe(95);
  });

  it('advances to the minimum log end offset over the ISR and never goes backward', () => {
    const s = leader();
    s.onFollowerFetch(2, 100, 120, 10);
    s.onFollowerFetch(3, 110, 120, 10);
    expect(s.highWatermark).toBe(100);
    s.onFollowerFetch(2, 120, 120, 20);
    expect(s.highWatermark).toBe(110);
    // A follower reporting a lower offset (it truncated) cannot pull the HW back.
    s.onFollowerFetch(3, 50, 120, 30);
    expect(s.highWatermark).toBe(110);
  });

  it('ignores followers outside the ISR for the high watermark', () => {
    const s = leader({ isr: [1, 2] });
    s.onFollowerFetch(2, 100, 100, 10);
    expect(s.highWatermark).toBe(100);
    s.onFollowerFetch(3, 0, 100, 10);
    expect(s.highWatermark).toBe(100);
  });

  it('proposes removing a follower that has not caught up within replica.lag.time.max.ms', () => {
    const s = leader();
    s.onFollowerFetch(2, 100, 100, 1_000);
    s.onFollowerFetch(3, 80, 100, 1_000);
    expect(s.proposeIsrChange(20_000, LAG)).toBeNull();
    s.onFollowerFetch(2, 100, 100, 31_000);
    const change = s.proposeIsrChange(31_000, LAG);
    expect(change).toEqual({ newIsr: [1, 2], partitionEpoch: 10 });
    // One change in flight at a time.
    expect(s.proposeIsrChange(40_000, LAG)).toBeNull();
  });

  it('counts a follower as caught up as of its previous fetch when it reached the LEO seen then', () => {
    const s = leader();
    s.onFollowerFetch(2, 100, 100, 0);
    s.onFollowerFetch(3, 100, 100, 0);
    // The leader keeps appending; follower 3 always fetches from the LEO of its previous fetch.
    let leo = 100;
    for (let t = 10_000; t <= 100_000; t += 10_000) {
      const prevLeo = leo;
      leo += 50;
      s.onFollowerFetch(2, leo, leo, t);
      s.onFollowerFetch(3, prevLeo, leo, t);
    }
    expect(s.laggingIsrMembers(100_000, LAG)).toEqual([]);
  });

  it('keeps a pending shrink from advancing the HW past the member being removed until committed', () => {
    const s = leader();
    s.onFollowerFetch(2, 100, 100, 31_000);
    s.onFollowerFetch(3, 90, 100, 0);
    expect(s.proposeIsrChange(31_000, LAG)).toEqual({ newIsr: [1, 2], partitionEpoch: 10 });
    expect(s.maybeAdvanceHighWatermark(100)).toBe(false);
    expect(s.highWatermark).toBe(90);
    s.applyCommittedIsr([1, 2], 11, [1, 2, 3], 31_000);
    expect(s.maybeAdvanceHighWatermark(100)).toBe(true);
    expect(s.highWatermark).toBe(100);
  });

  it('lets a follower rejoin only after reaching both the HW and the start of this leader epoch', () => {
    const s = leader({ isr: [1, 2], logEndOffset: 100, highWatermark: 80 });
    s.onFollowerFetch(2, 100, 100, 10);
    s.onFollowerFetch(3, 90, 100, 10);
    expect(s.highWatermark).toBe(100);
    expect(s.caughtUpOutsiders()).toEqual([]);
    s.onFollowerFetch(3, 100, 100, 20);
    expect(s.proposeIsrChange(20, LAG)).toEqual({ newIsr: [1, 2, 3], partitionEpoch: 10 });
    // While the expansion is pending, the joiner already holds the HW back (maximal ISR).
    s.onFollowerFetch(2, 150, 150, 30);
    expect(s.highWatermark).toBe(100);
  });

  it('ignores a committed change older than what it knows', () => {
    const s = leader();
    s.applyCommittedIsr([1], 9, [1, 2, 3], 0);
    expect(s.committedIsr).toEqual([1, 2, 3]);
  });
});
