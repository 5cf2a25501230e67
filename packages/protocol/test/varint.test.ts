import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunnelError } from '../src/errors.js';
import { cursor, readVarint, readVarlong, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from '../src/varint.js';

/** Reference encoder from the definition (BigInt, obviously correct, slow): zig-zag then base-128. */
function reference(value: bigint, bits: 32n | 64n): number[] {
  let zz = BigInt.asUintN(Number(bits), (value << 1n) ^ (value >> (bits - 1n)));
  const out: number[] = [];
  while (zz >= 0x80n) {
    out.push(Number(zz & 0x7fn) | 0x80);
    zz >>= 7n;
  }
  out.push(Number(zz));
  return out;
}

function hex(bytes: number[] | Buffer): string {
  return Buffer.from(bytes).toString('hex');
}

function encodeVarint(v: number): Buffer {
  const buf = Buffer.alloc(10);
  return buf.subarray(0, writeVarint(buf, v, 0));
}

function encodeVarlong(v: number): Buffer {
  const buf = Buffer.alloc(10);
  return buf.subarray(0, writeVarlong(buf, v, 0));
}

function expectCorrupt(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RunnelError);
    expect((err as RunnelError).errorName).toBe('CORRUPT_MESSAGE');
    return;
  }
  throw new Error('expected CORRUPT_MESSAGE, nothing was thrown');
}

// Byte sequences from Kafka's spec and its ByteUtilsTest.
const VARINT_VECTORS: [number, string][] = [
  [0, '00'],
  [-1, '01'],
  [1, '02'],
  [-2, '03'],
  [63, '7e'],
  [-64, '7f'],
  [64, '8001'],
  [-65, '8101'],
  [300, 'd804'],
  [8191, 'fe7f'],
  [-8192, 'ff7f'],
  [8192, '808001'],
  [2147483647, 'feffffff0f'],
  [-2147483648, 'ffffffff0f'],
];

const VARLONG_VECTORS: [number, string][] = [
  ...VARINT_VECTORS,
  [2147483648, '8080808010'],
  [-2147483649, '8180808010'],
  [34359738367, 'feffffffff01'],
  [-34359738368, 'ffffffffff01'],
  [34359738368, '808080808002'],
  [Number.MAX_SAFE_INTEGER, 'feffffffffffff1f'],
  [Number.MIN_SAFE_INTEGER, 'fdffffffffffff1f'],
  [1700000000000, '80a0abfef962'],
];

describe('varint (int32)', () => {
  it.each(VARINT_VECTORS)('%d encodes as %s and back', (value, bytes) => {
    expect(hex(encodeVarint(value))).toBe(bytes);
    expect(sizeOfVarint(value)).toBe(bytes.length / 2);
    const c = cursor(Buffer.from(bytes, 'hex'));
    expect(readVarint(c)).toBe(value);
    expect(c.pos).toBe(bytes.length / 2);
  });

  it('matches the reference encoding for any int32', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2147483648, max: 2147483647 }), (v) => {
        const enc = encodeVarint(v);
        expect(hex(enc)).toBe(hex(reference(BigInt(v), 32n)));
        expect(sizeOfVarint(v)).toBe(enc.length);
        expect(readVarint(cursor(enc))).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a varint longer than 5 bytes', () => {
    expectCorrupt(() => readVarint(cursor(Buffer.from('ffffffff8f01', 'hex'))));
  });

  it('refuses a varint cut off by the end of its data, even with bytes beyond the end', () => {
    expectCorrupt(() => readVarint(cursor(Buffer.alloc(0))));
    expectCorrupt(() => readVarint(cursor(Buffer.from('8080', 'hex'))));
    // The continuation byte exists in the buffer but past the cursor's end.
    expectCorrupt(() => readVarint(cursor(Buffer.from('8001', 'hex'), 0, 1)));
  });

  it('reads consecutive values and leaves the cursor after each', () => {
    const buf = Buffer.alloc(20);
    let pos = writeVarint(buf, 300, 0);
    pos = writeVarint(buf, -1, pos);
    pos = writeVarint(buf, 2147483647, pos);
    const c = cursor(buf, 0, pos);
    expect([readVarint(c), readVarint(c), readVarint(c)]).toEqual([300, -1, 2147483647]);
    expect(c.pos).toBe(pos);
  });
});

describe('varlong (int64 as safe integers)', () => {
  it.each(VARLONG_VECTORS)('%d encodes as %s and back', (value, bytes) => {
    expect(hex(encodeVarlong(value))).toBe(bytes);
    expect(hex(reference(BigInt(value), 64n))).toBe(bytes);
    expect(sizeOfVarlong(value)).toBe(bytes.length / 2);
    const c = cursor(Buffer.from(bytes, 'hex'));
    expect(readVarlong(c)).toBe(value);
    expect(c.pos).toBe(bytes.length / 2);
  });

  it('matches the reference encoding for any safe integer', () => {
    const safe = fc.oneof(
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: -5000, max: 5000 }),
      fc.integer({ min: 0, max: 52 }).map((e) => 2 ** e),
      fc.integer({ min: 0, max: 52 }).map((e) => -(2 ** e)),
      fc.integer({ min: 1, max: 53 }).map((e) => 2 ** e - 1),
    );
    fc.assert(
      fc.property(safe, (v) => {
        const enc = encodeVarlong(v);
        expect(hex(enc)).toBe(hex(reference(BigInt(v), 64n)));
        expect(sizeOfVarlong(v)).toBe(enc.length);
        expect(readVarlong(cursor(enc))).toBe(v);
      }),
      { numRuns: 3000 },
    );
  });

  it("reads Kafka's 10-byte Long.MAX_VALUE / MIN_VALUE encodings as corrupt (not representable)", () => {
    expectCorrupt(() => readVarlong(cursor(Buffer.from('feffffffffffffffff01', 'hex'))));
    expectCorrupt(() => readVarlong(cursor(Buffer.from('ffffffffffffffffff01', 'hex'))));
    // -2^53 is one past the safe range.
    expectCorrupt(() => readVarlong(cursor(Buffer.from(reference(-(2n ** 53n), 64n)))));
    expectCorrupt(() => readVarlong(cursor(Buffer.from(reference(2n ** 53n, 64n)))));
  });

  it('refuses a varlong longer than 10 bytes or cut off', () => {
    expectCorrupt(() => readVarlong(cursor(Buffer.from('8080808080808080808001', 'hex'))));
    expectCorrupt(() => readVarlong(cursor(Buffer.from('808080', 'hex'))));
    expectCorrupt(() => readVarlong(cursor(Buffer.alloc(0))));
  });

  it('refuses to write a value that is not a safe integer', () => {
    const buf = Buffer.alloc(10);
    expect(() => writeVarlong(buf, 2 ** 53, 0)).toThrow(RunnelError);
    expect(() => writeVarlong(buf, 1.5e10 + 0.5, 0)).toThrow(RunnelError);
  });
});
