import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyPartition } from '../src/partitioner.js';
import { murmur2, toPositive } from '../src/murmur2.js';
import { kafkaPartition as kafkajsPartition } from '../../../test/harness/kafka-reference.js';

describe('murmur2 partitioning', () => {
  it('matches the Java client on known values', () => {
    // From Kafka's UtilsTest.testMurmur2.
    const cases: [string, number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ];
    for (const [key, hash] of cases) expect(murmur2(Buffer.from(key))).toBe(hash);
    expect(murmur2(Buffer.from([0x61, 0x62, 0x63]))).toBe(murmur2(Buffer.from('abc')));
  });

  it('puts every key where the Java-compatible partitioner of KafkaJS does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.integer({ min: 1, max: 500 }), (bytes, n) => {
        const key = Buffer.from(bytes);
        expect(keyPartition(key, n)).toBe(kafkajsPartition(key, n));
      }),
      { numRuns: 2000 },
    );
    for (let i = 0; i < 1000; i++) {
      const key = Buffer.from(`user-${i}`);
      expect(keyPartition(key, 12)).toBe(kafkajsPartition(key, 12));
    }
  });

  it('toPositive clears the sign bit like Java', () => {
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(5)).toBe(5);
  });
});
