import { describe, expect, it } from 'vitest';
import { partitionForGroup } from '../src/group/group-coordinator.js';

describe('partitionForGroup', () => {
  it('is Kafka\'s Utils.abs(groupId.hashCode()) % partitions with Java String.hashCode', () => {
    // "hello".hashCode() == 99162322 in Java.
    expect(partitionForGroup('hello', 50)).toBe(99162322 % 50);
    expect(partitionForGroup('', 50)).toBe(0);
    // Java strings with equal hash codes land together.
    expect(partitionForGroup('Aa', 1000)).toBe(2112 % 1000);
    expect(partitionForGroup('BB', 1000)).toBe(2112 % 1000);
    // "polygenelubricants".hashCode() == Integer.MIN_VALUE, which Utils.abs maps to 0.
    expect(partitionForGroup('polygenelubricants', 7)).toBe(0);
  });

  it('hashes UTF-16 code units as Java does', () => {
    // "é" is one UTF-16 unit 0xE9; "😀" is the surrogate pair D83D DE00: 0xD83D * 31 + 0xDE00.
    expect(partitionForGroup('é', 1000)).toBe(0xe9 % 1000);
    expect(partitionForGroup('😀', 100_000_000)).toBe((0xd83d * 31 + 0xde00) % 100_000_000);
  });
});
