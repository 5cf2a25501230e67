import { randomBytes, randomInt } from 'node:crypto';

/** Where the controller gets randomness from, passed in so simulations replay exactly. */
export interface RandomSource {
  /** `length` random bytes. */
  nextBytes(length: number): Buffer;
  /** A random integer in [0, bound). */
  nextInt(bound: number): number;
}

/** The production source: the operating system's CSPRNG. */
export const cryptoRandomSource: RandomSource = {
  nextBytes: (length) => randomBytes(length),
  nextInt: (bound) => randomInt(bound),
};

/**
 * A deterministic source (mulberry32) for simulations and tests: the same seed gives the same
 * sequence, so a failing seed replays exactly.
 */
export function seededRandomSource(seed: number): RandomSource {
  let state = seed >>> 0;
  const next32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    nextBytes(length) {
      const out = Buffer.alloc(length);
      for (let i = 0; i < length; i += 4) {
        const word = next32();
        for (let j = 0; j < 4 && i + j < length; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
      }
      return out;
    },
    nextInt(bound) {
      if (!Number.isInteger(bound) || bound <= 0 || bound > 0x100000000) {
        throw new RangeError(`bound must be an integer in [1, 2^32], got ${bound}`);
      }
      return Math.floor((next32() / 0x100000000) * bound);
    },
  };
}
