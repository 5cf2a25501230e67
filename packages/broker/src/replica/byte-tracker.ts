/**
 * How many bytes lie between two offsets near the end of a partition, so a long-poll fetch can
 * tell whether fetch.min.bytes is reached without reading the log. It remembers the cumulative
 * byte count at the end of each recent append (a bounded ring); older offsets are counted as
 * "plenty", which is right: a fetch from far back has at least a batch waiting.
 */
const CAPACITY = 4096;

export class ByteTracker {
  private readonly endOffsets = new Float64Array(CAPACITY);
  private readonly cumulative = new Float64Array(CAPACITY);
  private count = 0;
  private next = 0;
  private total = 0;

  /** An append ending just before `endOffset` (its last offset + 1) added `bytes`. */
  record(endOffset: number, bytes: number): void {
    this.total += bytes;
    this.endOffsets[this.next] = endOffset;
    this.cumulative[this.next] = this.total;
    this.next = (this.next + 1) % CAPACITY;
    if (this.count < CAPACITY) this.count++;
  }

  /** Forget everything (truncation, new leadership): counts restart from the current end. */
  reset(): void {
    this.count = 0;
    this.next = 0;
    this.total = 0;
  }

  /** Bytes appended for offsets in [from, to); Infinity when `from` is older than the ring. */
  bytesBetween(from: number, to: number): number {
    if (to <= from) return 0;
    const low = this.cumulativeAt(from);
    if (low === undefined) return Infinity;
    return (this.cumulativeAt(to) ?? low) - low;
  }

  /** Cumulative bytes of the appends that ended at or before `offset`; undefined if unknown. */
  private cumulativeAt(offset: number): number | undefined {
    if (this.count === 0) return undefined;
    const first = (this.next - this.count + CAPACITY) % CAPACITY;
    const at = (i: number): number => (first + i) % CAPACITY;
    if (offset < this.endOffsets[at(0)]!) return undefined;
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.endOffsets[at(mid)]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.cumulative[at(lo)]!;
  }
}
