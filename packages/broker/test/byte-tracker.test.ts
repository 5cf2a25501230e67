import { describe, expect, it } from 'vitest';
import { ByteTracker } from '../src/replica/byte-tracker.js';

describe('ByteTracker', () => {
  it('counts the bytes of appends between two offsets', () => {
    const t = new ByteTracker();
    t.record(10, 100); // offsets 0..9
    t.record(15, 50); // 10..14
    t.record(30, 300); // 15..29
    expect(t.bytesBetween(10, 30)).toBe(350);
    expect(t.bytesBetween(15, 30)).toBe(300);
    expect(t.bytesBetween(10, 15)).toBe(50);
    expect(t.bytesBetween(30, 30)).toBe(0);
  });

  it('treats offsets older than what it remembers as plenty', () => {
    const t = new ByteTracker();
    t.record(100, 10);
    expect(t.bytesBetween(50, 100)).toBe(Infinity);
    t.reset();
    expect(t.bytesBetween(0, 100)).toBe(Infinity);
  });

  it('forgets the oldest appends once the ring is full', () => {
    const t = new ByteTracker();
    for (let i = 1; i <= 5000; i++) t.record(i, 1);
    expect(t.bytesBetween(4000, 5000)).toBe(1000);
    expect(t.bytesBetween(10, 5000)).toBe(Infinity);
  });
});
