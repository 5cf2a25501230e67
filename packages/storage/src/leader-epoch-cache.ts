/**
 * The leader-epoch cache: for each leader epoch, the first offset written in it. Followers use
 * endOffsetFor (Kafka's OffsetsForLeaderEpoch) to find where their log diverges from the leader's.
 * Persisting is the owner's job; every mutator reports whether anything changed.
 */
export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

export const UNDEFINED_EPOCH = -1;
export const UNDEFINED_EPOCH_OFFSET = -1;

export class LeaderEpochCache {
  private list: EpochEntry[];

  constructor(entries: readonly EpochEntry[] = []) {
    // Keep only a strictly increasing prefix in both fields; anything else is damage.
    this.list = [];
    for (const e of entries) {
      const last = this.list[this.list.length - 1];
      if (last && (e.epoch <= last.epoch || e.startOffset < last.startOffset)) break;
      this.list.push({ ...e });
    }
  }

  get entries(): readonly EpochEntry[] {
    return this.list;
  }

  get latestEpoch(): number {
    return this.list[this.list.length - 1]?.epoch ?? UNDEFINED_EPOCH;
  }

  /** Record that `epoch` starts at `startOffset`, if it is newer than the latest epoch. */
  assign(epoch: number, startOffset: number): boolean {
    if (epoch < 0) return false;
    const last = this.list[this.list.length - 1];
    if (last && epoch <= last.epoch) return false;
    // An entry that starts at or after the new one describes offsets that no longer exist.
    while (this.list.length > 0 && (this.list[this.list.length - 1]?.startOffset ?? -1) >= startOffset) this.list.pop();
    this.list.push({ epoch, startOffset });
    return true;
  }

  /**
   * Kafka's OffsetsForLeaderEpoch answer: the largest epoch <= requested and the start offset of
   * the first epoch above it, or the log end offset when the requested epoch is the latest.
   */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): EpochEntry & { endOffset: number } {
    const undefinedAnswer = { epoch: UNDEFINED_EPOCH, startOffset: UNDEFINED_EPOCH_OFFSET, endOffset: UNDEFINED_EPOCH_OFFSET };
    if (requestedEpoch === UNDEFINED_EPOCH || this.list.length === 0) return undefinedAnswer;
    const latest = this.list[this.list.length - 1]!;
    if (requestedEpoch === latest.epoch) return { epoch: latest.epoch, startOffset: latest.startOffset, endOffset: logEndOffset };
    const higherIdx = this.list.findIndex((e) => e.epoch > requestedEpoch);
    if (higherIdx < 0) return undefinedAnswer;
    const higher = this.list[higherIdx]!;
    const floor = higherIdx > 0 ? this.list[higherIdx - 1] : undefined;
    if (!floor) return { epoch: requestedEpoch, startOffset: UNDEFINED_EPOCH_OFFSET, endOffset: higher.startOffset };
    return { epoch: floor.epoch, startOffset: floor.startOffset, endOffset: higher.startOffset };
  }

  /** Drop epochs starting at or after `endOffset` (the log was truncated to it). */
  truncateFromEnd(endOffset: number): boolean {
    const before = this.list.length;
    while (this.list.length > 0 && (this.list[this.list.length - 1]?.startOffset ?? -1) >= endOffset) this.list.pop();
    return this.list.length !== before;
  }

  /** The log now starts at `startOffset`: drop epochs wholly before it and move the first one up. */
  truncateFromStart(startOffset: number): boolean {
    let changed = false;
    while (this.list.length > 1 && (this.list[1]?.startOffset ?? Infinity) <= startOffset) {
      this.list.shift();
      changed = true;
    }
    const first = this.list[0];
    if (first && first.startOffset < startOffset) {
      first.startOffset = startOffset;
      changed = true;
    }
    return changed;
  }

  clear(): boolean {
    const changed = this.list.length > 0;
    this.list = [];
    return changed;
  }
}
