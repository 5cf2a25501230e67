import { describe, expect, it } from 'vitest';
import { ReplicationQuota } from '../src/replica/replication-quota.js';

describe('reassignment replication quota', () => {
  it('throttles nothing without a rate', () => {
    const quota = new ReplicationQuota(() => null, () => 0);
    quota.record(1 << 30);
    expect(quota.isExceeded()).toBe(false);
    expect(quota.maxFetchBytes(1 << 20)).toBe(1 << 20);
    expect(quota.waitMs()).toBe(0);
  });

  it('allows a second of the rate, then refills with the clock', () => {
    let now = 10_000;
    const quota = new ReplicationQuota(() => 1000, () => now);
    expect(quota.isExceeded()).toBe(false);
    expect(quota.maxFetchBytes(1 << 20)).toBe(1000);
    quota.record(600);
    expect(quota.isExceeded()).toBe(false);
    quota.record(900);
    // 500 bytes over: half a second at 1000 B/s.
    expect(quota.isExceeded()).toBe(true);
    expect(quota.waitMs()).toBe(500);
    now += 499;
    expect(quota.isExceeded()).toBe(true);
    now += 2;
    expect(quota.isExceeded()).toBe(false);
    // Idle time never banks more than a second of the rate.
    now += 60_000;
    quota.record(1001);
    expect(quota.isExceeded()).toBe(true);
  });

  it('starts a new rate with a full bucket and drops the limit when the rate is removed', () => {
    let rate: number | null = 100;
    const quota = new ReplicationQuota(() => rate, () => 0);
    quota.record(500);
    expect(quota.isExceeded()).toBe(true);
    rate = 1000;
    expect(quota.isExceeded()).toBe(false);
    quota.record(2000);
    expect(quota.isExceeded()).toBe(true);
    rate = null;
    expect(quota.isExceeded()).toBe(false);
  });
});
