/**
 * What a partition leader knows about its followers, and the decisions that follow from it:
 * the high watermark, who has fallen out of the ISR, who may rejoin. Pure logic with the clock
 * passed in, following Kafka's Partition/Replica rules:
 *
 * - A follower is caught up at time t if it fetched from an offset >= the leader's log end offset
 *   at t, or from an offset >= the leader's log end offset as of its previous fetch (then it was
 *   caught up as of that previous fetch).
 * - The high watermark is the minimum log end offset over the "maximal" ISR: the committed ISR plus
 *   members a pending AlterPartition would add, never minus members it would remove, so the HW can
 *   never run ahead of a replica that might still count.
 * - The leader only asks the controller to change the ISR; the change is real once committed
 *   (applyCommittedIsr), and one request is in flight at a time.
 */
export interface FollowerState {
  readonly id: number;
  logEndOffset: number;
  lastFetchTimeMs: number;
  lastCaughtUpTimeMs: number;
  /** Leader's log end offset when this follower last fetched. */
  lastFetchLeaderLogEndOffset: number;
}

export interface IsrChange {
  newIsr: number[];
  /** The partition epoch the change is made against (AlterPartition's check). */
  partitionEpoch: number;
}

export class LeaderState {
  readonly leaderId: number;
  readonly leaderEpoch: number;
  /** First offset of this leader epoch: a follower must reach it before it may rejoin the ISR. */
  readonly epochStartOffset: number;
  private replicas: number[];
  private isr: number[];
  private partitionEpoch: number;
  private pendingIsr: IsrChange | null = null;
  private readonly followers = new Map<number, FollowerState>();
  private hw: number;

  constructor(opts: {
    leaderId: number;
    leaderEpoch: number;
    partitionEpoch: number;
    replicas: number[];
    isr: number[];
    /** The leader's log end offset when it took over. */
    logEndOffset: number;
    highWatermark: number;
    nowMs: number;
  }) {
    this.leaderId = opts.leaderId;
    this.leaderEpoch = opts.leaderEpoch;
    this.partitionEpoch = opts.partitionEpoch;
    this.replicas = [...opts.replicas];
    this.isr = [...opts.isr];
    this.epochStartOffset = opts.logEndOffset;
    this.hw = opts.highWatermark;
    for (const id of opts.replicas) {
      if (id === opts.leaderId) continue;
      // Followers in the ISR are presumed caught up as of now; others must prove it.
      const inIsr = opts.isr.includes(id);
      this.followers.set(id, {
        id,
        logEndOffset: -1,
        lastFetchTimeMs: inIsr ? opts.nowMs : 0,
        lastCaughtUpTimeMs: inIsr ? opts.nowMs : 0,
        lastFetchLeaderLogEndOffset: -1,
      });
    }
  }

  get highWatermark(): number {
    return this.hw;
  }

  get committedIsr(): readonly number[] {
    return this.isr;
  }


  get assignedReplicas(): readonly number[] {
    return this.replicas;
  }

  get hasPendingIsrChange(): boolean {
    return this.pendingIsr !== null;
  }

  /** Committed ISR plus pending additions: the set the high watermark must wait for. */
  maximalIsr(): number[] {
    if (!this.pendingIsr) return this.isr;
    const out = new Set(this.isr);
    for (const id of this.pendingIsr.newIsr) out.add(id);
    return [...out];
  }


  /**
   * A follower fetched from `fetchOffset` (its log end offset). Returns true if the high
   * watermark moved, so the caller can complete waiting acks=all requests and wake consumers.
   */
  onFollowerFetch(id: number, fetchOffset: number, leaderLogEndOffset: number, nowMs: number): boolean {
    const f = this.followers.get(id);
    if (!f) return false;
    if (fetchOffset >= leaderLogEndOffset) {
      f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, nowMs);
    } else if (fetchOffset >= f.lastFetchLeaderLogEndOffset && f.lastFetchLeaderLogEndOffset >= 0) {
      f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, f.lastFetchTimeMs);
    }
    f.logEndOffset = fetchOffset;
    f.lastFetchLeaderLogEndOffset = leaderLogEndOffset;
    f.lastFetchTimeMs = nowMs;
    return this.maybeAdvanceHighWatermark(leaderLogEndOffset);
  }

  /**
   * Recompute the HW after the leader's own log grew or the ISR changed. The HW never goes
   * backward on a leader, and a follower with an unknown position holds it where it is.
   */
  maybeAdvanceHighWatermark(leaderLogEndOffset: number): boolean {
    let min = leaderLogEndOffset;
    for (const id of this.maximalIsr()) {
      if (id === this.leaderId) continue;
      const f = this.followers.get(id);
      if (!f || f.logEndOffset < 0) return false;
      if (f.logEndOffset < min) min = f.logEndOffset;
    }
    if (min > this.hw) {
      this.hw = min;
      return true;
    }
    return false;
  }

  /** ISR members that have not caught up for longer than replica.lag.time.max.ms. */
  laggingIsrMembers(nowMs: number, lagTimeMaxMs: number): number[] {
    return this.isr.filter((id) => {
      if (id === this.leaderId) return false;
      const f = this.followers.get(id);
      return !f || nowMs - f.lastCaughtUpTimeMs > lagTimeMaxMs;
    });
  }

  /** Followers outside the ISR that have reached the HW and this epoch's start: they may rejoin. */
  caughtUpOutsiders(): number[] {
    const out: number[] = [];
    for (const f of this.followers.values()) {
      if (this.isr.includes(f.id)) continue;
      if (f.logEndOffset >= this.hw && f.logEndOffset >= this.epochStartOffset) out.push(f.id);
    }
    return out;
  }

  /**
   * The ISR change to ask the controller for now, if any (shrinks first: they unblock acks=all),
   * remembered as pending until the controller answers.
   */
  proposeIsrChange(nowMs: number, lagTimeMaxMs: number): IsrChange | null {
    if (this.pendingIsr) return null;
    const lagging = this.laggingIsrMembers(nowMs, lagTimeMaxMs);
    let newIsr: number[] | null = null;
    if (lagging.length > 0) {
      newIsr = this.isr.filter((id) => !lagging.includes(id));
    } else {
      const joiners = this.caughtUpOutsiders();
      if (joiners.length > 0) newIsr = [...this.isr, ...joiners].sort((a, b) => a - b);
    }
    if (!newIsr) return null;
    this.pendingIsr = { newIsr, partitionEpoch: this.partitionEpoch };
    return this.pendingIsr;
  }

  /** The controller answered (or the request failed): nothing is pending any more. */
  clearPendingIsrChange(): void {
    this.pendingIsr = null;
  }

  /** A committed partition change for this same leader epoch (ours or a reassignment). */
  applyCommittedIsr(isr: number[], partitionEpoch: number, replicas: number[], nowMs: number): void {
    if (partitionEpoch < this.partitionEpoch) return;
    this.isr = [...isr];
    this.partitionEpoch = partitionEpoch;
    this.pendingIsr = null;
    for (const id of replicas) {
      if (id !== this.leaderId && !this.followers.has(id)) {
        this.followers.set(id, { id, logEndOffset: -1, lastFetchTimeMs: 0, lastCaughtUpTimeMs: nowMs, lastFetchLeaderLogEndOffset: -1 });
      }
    }
    for (const id of [...this.followers.keys()]) if (!replicas.includes(id)) this.followers.delete(id);
    this.replicas = [...replicas];
  }
}
