import type { Snapshot } from './types.js';

/** How the leader is currently feeding one follower (etcd's terms). */
export const PROBE = 0; // one append at a time until the follower's log position is found
export const REPLICATE = 1; // optimistic pipelining, up to maxInflight appends in flight
export const SNAPSHOT = 2; // a snapshot is being streamed; appends wait

/** The leader's view of one voter's replication. */
export class Progress {
  match = 0;
  next = 1;
  state = PROBE;
  /** In PROBE: an append is out, wait for its answer or the next heartbeat. */
  paused = false;
  /** Heard from since the last check-quorum round. */
  recentActive = false;
  /** Heartbeat rounds in REPLICATE without match moving while behind: a sign appends were lost. */
  stalledRounds = 0;
  /**
   * SNAPSHOT state: the snapshot being streamed (kept even if the leader compacts again meanwhile,
   * so frequent compaction cannot starve a slow transfer) and how many of its bytes the follower holds.
   */
  snapshot: Snapshot | null = null;
  snapshotIndex = 0;
  snapshotOffset = 0;
  /** End of the last chunk sent. */
  snapshotSent = 0;

  // Ring of the last index of each append in flight, oldest first.
  private readonly ring: Float64Array;
  private head = 0;
  inflight = 0;

  constructor(maxInflight: number) {
    this.ring = new Float64Array(maxInflight);
  }

  get inflightFull(): boolean {
    return this.inflight === this.ring.length;
  }

  addInflight(lastIndex: number): void {
    this.ring[(this.head + this.inflight) % this.ring.length] = lastIndex;
    this.inflight++;
  }

  /** Frees every append in flight that ends at or below `index`. */
  freeUpTo(index: number): void {
    while (this.inflight > 0 && this.ring[this.head]! <= index) {
      this.head = (this.head + 1) % this.ring.length;
      this.inflight--;
    }
  }

  resetInflight(): void {
    this.head = 0;
    this.inflight = 0;
  }

  becomeProbe(next: number): void {
    this.state = PROBE;
    this.snapshot = null;
    this.next = next;
    this.paused = false;
    this.stalledRounds = 0;
    this.resetInflight();
  }

  becomeReplicate(): void {
    this.state = REPLICATE;
    this.snapshot = null;
    this.next = this.match + 1;
    this.paused = false;
    this.stalledRounds = 0;
    this.resetInflight();
  }

  becomeSnapshot(snapshot: Snapshot): void {
    this.state = SNAPSHOT;
    this.snapshot = snapshot;
    this.snapshotIndex = snapshot.meta.index;
    this.snapshotOffset = 0;
    this.snapshotSent = 0;
    this.resetInflight();
  }
}
