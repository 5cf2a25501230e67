import { RunnelError } from './errors.js';

/**
 * Zig-zag variable-length integers exactly as Kafka's ByteUtils writes and reads them
 * (writeVarint/readVarint for int32, writeVarlong/readVarlong for int64): 7 bits per byte, low
 * group first, high bit set on every byte but the last. A varint is at most 5 bytes, a varlong
 * at most 10. Varlongs carry JS numbers, so values must be safe integers; the 64-bit arithmetic
 * is done on two 32-bit halves to stay exact without BigInt.
 *
 * Writers take (buf, value, pos) and return the position after the value, so callers keep the
 * cursor in a local and nothing is allocated. Readers advance a Cursor and refuse, with
 * CORRUPT_MESSAGE, a value that runs past `cursor.end` or is longer than Kafka allows.
 */

const TWO_32 = 4294967296;

/** A read position over buf[pos, end). Readers advance pos; they never read at or past end. */
export interface Cursor {
  buf: Buffer;
  pos: number;
  end: number;
}

export function cursor(buf: Buffer, pos = 0, end = buf.length): Cursor {
  return { buf, pos, end };
}

/** Bytes the zig-zag varint encoding of an int32 takes. */
export function sizeOfVarint(value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  let bytes = 1;
  while (v >= 0x80) {
    v >>>= 7;
    bytes++;
  }
  return bytes;
}

/** Bytes the zig-zag varlong encoding of a safe integer takes. */
export function sizeOfVarlong(value: number): number {
  if (value >= -0x40000000 && value < 0x40000000) return sizeOfVarint(value);
  // |value| >= 2^30, so the zig-zag form is at least 2^31: count 7-bit groups of it.
  const zz = value >= 0 ? value * 2 : -value * 2 - 1;
  // zz < 2^54; rounding of the odd case never crosses a 7-bit group boundary (2^35, 2^42, 2^49).
  let bytes = 5;
  let limit = 34359738368; // 2^35
  while (zz >= limit) {
    limit *= 128;
    bytes++;
  }
  return bytes;
}

/** Write an int32 as a zig-zag varint at pos; returns the position after it. */
export function writeVarint(buf: Buffer, value: number, pos: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[pos++] = v;
  return pos;
}

/** Write a safe integer as a zig-zag varlong at pos; returns the position after it. */
export function writeVarlong(buf: Buffer, value: number, pos: number): number {
  if (value >= -0x40000000 && value < 0x40000000) return writeVarint(buf, value, pos);
  if (!Number.isSafeInteger(value)) {
    throw new RunnelError('INVALID_REQUEST', `varlong value ${value} is not a safe integer`);
  }
  const hiSigned = Math.floor(value / TWO_32);
  const loIn = value - hiSigned * TWO_32; // 0 .. 2^32-1
  const sign = hiSigned >> 31; // 0 or -1: (value >> 63) in 64-bit terms
  // (value << 1) ^ (value >> 63) on the two halves.
  let lo = ((loIn * 2) ^ sign) >>> 0;
  let hi = (((hiSigned << 1) | (loIn >= 0x80000000 ? 1 : 0)) ^ sign) >>> 0;
  while (hi !== 0 || lo >= 0x80) {
    buf[pos++] = (lo & 0x7f) | 0x80;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  buf[pos++] = lo;
  return pos;
}

function truncated(c: Cursor, what: string): RunnelError {
  return new RunnelError('CORRUPT_MESSAGE', `${what} at byte ${c.pos} runs past the end of its data (byte ${c.end})`);
}

/** Read a zig-zag varint (at most 5 bytes, as Kafka's readVarint). */
export function readVarint(c: Cursor): number {
  const buf = c.buf;
  let pos = c.pos;
  const end = c.end;
  if (pos >= end) throw truncated(c, 'varint');
  let b = buf[pos++]!;
  if (b < 0x80) {
    c.pos = pos;
    return (b >>> 1) ^ -(b & 1);
  }
  let value = b & 0x7f;
  let shift = 7;
  for (;;) {
    if (pos >= end) throw truncated(c, 'varint');
    b = buf[pos++]!;
    if (b < 0x80) break;
    value |= (b & 0x7f) << shift;
    shift += 7;
    if (shift > 28) {
      throw new RunnelError('CORRUPT_MESSAGE', `varint at byte ${c.pos} is longer than 5 bytes`);
    }
  }
  // As Kafka: the last byte's bits beyond 32 are dropped by the int32 shift.
  value |= b << shift;
  c.pos = pos;
  return (value >>> 1) ^ -(value & 1);
}

/** Read a zig-zag varlong (at most 10 bytes, as Kafka's readVarlong) that must be a safe integer. */
export function readVarlong(c: Cursor): number {
  const buf = c.buf;
  let pos = c.pos;
  const end = c.end;
  if (pos >= end) throw truncated(c, 'varlong');
  let b = buf[pos++]!;
  if (b < 0x80) {
    c.pos = pos;
    return (b >>> 1) ^ -(b & 1);
  }
  // Bits 0..27 gather in lo directly; beyond that the value needs two 32-bit halves.
  let lo = b & 0x7f;
  let hi = 0;
  let shift = 7;
  for (;;) {
    if (pos >= end) throw truncated(c, 'varlong');
    b = buf[pos++]!;
    const bits = b & 0x7f;
    if (shift < 28) {
      lo |= bits << shift;
    } else if (shift === 28) {
      lo |= bits << 28; // low 4 bits land in lo, the rest in hi
      hi = bits >>> 4;
    } else {
      hi |= bits << (shift - 32);
    }
    if (b < 0x80) break;
    shift += 7;
    if (shift > 63) {
      throw new RunnelError('CORRUPT_MESSAGE', `varlong at byte ${c.pos} is longer than 10 bytes`);
    }
  }
  c.pos = pos;
  lo >>>= 0;
  hi >>>= 0;
  if (hi === 0 && lo < 0x80000000) return (lo >>> 1) ^ -(lo & 1);
  // Un-zig-zag: (zz >>> 1) ^ -(zz & 1) on the two halves.
  const sign = -(lo & 1);
  const rLo = (((lo >>> 1) | (hi << 31)) ^ sign) >>> 0;
  const rHi = ((hi >>> 1) ^ sign) | 0;
  if (rHi > 0x1fffff || rHi < -0x200000 || (rHi === -0x200000 && rLo === 0)) {
    throw new RunnelError('CORRUPT_MESSAGE', `varlong at byte ${c.pos} is outside the safe integer range`);
  }
  return rHi * TWO_32 + rLo;
}
