/** The random source the core draws election timeouts from, passed in so a seed replays a run. */
export interface RandomSource {
  /** A uniformly distributed integer in [0, bound). */
  nextInt(bound: number): number;
}

/** sfc32: small, fast, and good enough statistically for scheduling decisions. */
export class SeededRandom implements RandomSource {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    // Warm up so nearby seeds diverge quickly.
    for (let i = 0; i < 16; i++) this.next32();
  }

  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  nextInt(bound: number): number {
    return Math.floor((this.next32() / 4294967296) * bound);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next32() < p * 4294967296;
  }
}

/** Math.random-backed source for production drivers, where replay is not needed. */
export const systemRandom: RandomSource = {
  nextInt(bound: number): number {
    return Math.floor(Math.random() * bound);
  },
};
