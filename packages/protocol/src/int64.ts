import { RunnelError } from './errors.js';

/**
 * Offsets, timestamps and producer ids are int64 on the wire but JS numbers in memory: every value
 * Runnel produces stays within ±2^53, and numbers keep the hot path free of BigInt arithmetic.
 * A value outside that range is refused rather than silently rounded.
 */
const TWO_32 = 4294967296;

export function readInt64BE(buf: Buffer, pos: number): number {
  const hi = buf.readInt32BE(pos);
  const lo = buf.readUInt32BE(pos + 4);
  // -2^53 (hi -0x200000, lo 0) is one past Number.MIN_SAFE_INTEGER.
  if (hi > 0x1fffff || hi < -0x200000 || (hi === -0x200000 && lo === 0)) {
    throw new RunnelError('CORRUPT_MESSAGE', `int64 at byte ${pos} is outside the safe integer range`);
  }
  return hi * TWO_32 + lo;
}

export function writeInt64BE(buf: Buffer, value: number, pos: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new RunnelError('INVALID_REQUEST', `int64 value ${value} is not a safe integer`);
  }
  const hi = Math.floor(value / TWO_32);
  buf.writeInt32BE(hi, pos);
  buf.writeUInt32BE(value - hi * TWO_32, pos + 4);
}
