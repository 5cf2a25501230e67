import { describe, expect, it } from 'vitest';
import { RunnelError } from '../src/errors.js';
import { readInt64BE, writeInt64BE } from '../src/int64.js';

describe('int64 as safe integers', () => {
  it('reads the safe extremes and refuses one past them', () => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64BE(BigInt(Number.MAX_SAFE_INTEGER));
    expect(readInt64BE(buf, 0)).toBe(Number.MAX_SAFE_INTEGER);
    buf.writeBigInt64BE(BigInt(Number.MIN_SAFE_INTEGER));
    expect(readInt64BE(buf, 0)).toBe(Number.MIN_SAFE_INTEGER);
    for (const unsafe of [2n ** 53n, -(2n ** 53n), 2n ** 63n - 1n, -(2n ** 63n)]) {
      buf.writeBigInt64BE(unsafe);
      expect(() => readInt64BE(buf, 0)).toThrow(RunnelError);
    }
  });

  it('writes what BigInt64 writes for values across the range', () => {
    for (const v of [0, 1, -1, 2 ** 32, -(2 ** 32), 2 ** 32 - 1, 1_700_000_000_000, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      const ours = Buffer.alloc(8);
      writeInt64BE(ours, v, 0);
      const ref = Buffer.alloc(8);
      ref.writeBigInt64BE(BigInt(v));
      expect(ours.toString('hex')).toBe(ref.toString('hex'));
      expect(readInt64BE(ours, 0)).toBe(v);
    }
  });
});
