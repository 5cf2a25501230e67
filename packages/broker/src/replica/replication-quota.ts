/**
 * The byte-rate limit on reassignment traffic a broker's replica fetchers share (Kafka's
 * follower.replication.throttled.rate): a token bucket holding at most one second of the rate,
 * refilled from the injected clock. Fetches of throttled partitions take from it after the fact,
 * so the bucket may go below zero; those partitions are then left out of fetch requests until
 * it refills. With no rate set nothing is throttled.
 */
export class ReplicationQuota {
  private tokens = 0;
  private lastRefillMs = 0;
  private lastRate: number | null = null;

  constructor(
    /** Bytes per second, or null when unlimited; read on every check so a metadata change applies at once. */
    private readonly rate: () => number | null,
    private readonly now: () => number,
  ) {}

  /** The current rate, with the bucket refilled up to now (full when the rate was just set or changed). */
  private refill(): number | null {
    const rate = this.rate();
    const now = this.now();
    if (rate === null || rate <= 0) {
      this.lastRate = null;
      return null;
    }
    if (rate !== this.lastRate) {
      this.lastRate = rate;
      this.tokens = rate;
    } else {
      this.tokens = Math.min(rate, this.tokens + ((now - this.lastRefillMs) * rate) / 1000);
    }
    this.lastRefillMs = now;
    return rate;
  }

  /** Whether throttled partitions must sit out the next fetch. */
  isExceeded(): boolean {
    return this.refill() !== null && this.tokens <= 0;
  }

  /** The most bytes one fetch of a throttled partition should ask for (about a second's worth). */
  maxFetchBytes(limit: number): number {
    const rate = this.refill();
    return rate === null ? limit : Math.max(1, Math.min(limit, rate));
  }

  /** Bytes a throttled partition just fetched. */
  record(bytes: number): void {
    if (this.refill() !== null) this.tokens -= bytes;
  }

  /** How long until the bucket holds bytes again (at most a second, so a rate change is seen soon). */
  waitMs(): number {
    const rate = this.refill();
    if (rate === null || this.tokens > 0) return 0;
    return Math.min(1000, Math.max(1, Math.ceil((-this.tokens * 1000) / rate)));
  }
}
