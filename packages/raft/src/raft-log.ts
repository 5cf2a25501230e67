import type { Entry } from './types.js';

/**
 * The core's view of the log: entries after the last snapshot, in memory. The driver keeps the
 * durable copy; the core only ever reads from here, so it never waits on disk.
 */
export class RaftLog {
  snapshotIndex = 0;
  snapshotTerm = 0;
  /** entries[i].index === snapshotIndex + 1 + i */
  private entries: Entry[] = [];

  constructor(snapshotIndex: number, snapshotTerm: number, entries: Entry[]) {
    this.snapshotIndex = snapshotIndex;
    this.snapshotTerm = snapshotTerm;
    for (const e of entries) {
      if (e.index <= snapshotIndex) continue;
      if (e.index !== this.lastIndex + 1) throw new Error(`log entries are not contiguous at index ${e.index}`);
      this.entries.push(e);
    }
  }

  get lastIndex(): number {
    return this.snapshotIndex + this.entries.length;
  }

  get lastTerm(): number {
    const n = this.entries.length;
    return n === 0 ? this.snapshotTerm : this.entries[n - 1]!.term;
  }

  /** The term at `index`, or -1 when the index is compacted away or beyond the end. */
  termAt(index: number): number {
    if (index === this.snapshotIndex) return this.snapshotTerm;
    if (index < this.snapshotIndex || index > this.lastIndex) return -1;
    return this.entries[index - this.snapshotIndex - 1]!.term;
  }

  /** The entry at `index`; the caller guarantees snapshotIndex < index <= lastIndex. */
  entry(index: number): Entry {
    return this.entries[index - this.snapshotIndex - 1]!;
  }

  /** Entries in [from, to], stopping once maxBytes of data is reached (always at least one). */
  slice(from: number, to: number, maxBytes: number): Entry[] {
    const out: Entry[] = [];
    let bytes = 0;
    const base = this.snapshotIndex + 1;
    for (let i = from; i <= to; i++) {
      const e = this.entries[i - base]!;
      bytes += e.data.length;
      if (out.length > 0 && bytes > maxBytes) break;
      out.push(e);
    }
    return out;
  }

  append(entry: Entry): void {
    this.entries.push(entry);
  }

  /** Drops entries at `index` and above. */
  truncateFrom(index: number): void {
    this.entries.length = Math.max(0, index - this.snapshotIndex - 1);
  }

  /** The last index holding `term`, searching down from `from`; 0 when no such entry is retained. */
  lastIndexOfTerm(term: number, from: number): number {
    for (let i = Math.min(from, this.lastIndex); i >= this.snapshotIndex; i--) {
      const t = this.termAt(i);
      if (t === term) return i;
      if (t < term) return 0;
    }
    return 0;
  }

  /** The first index of the run of `term` that contains `index`, not searching below `floor`. */
  firstIndexOfTerm(term: number, index: number, floor: number): number {
    let i = index;
    const low = Math.max(floor, this.snapshotIndex + 1);
    while (i > low && this.termAt(i - 1) === term) i--;
    return i;
  }

  /** Drops entries up to and including `index` (now covered by a snapshot). */
  compact(index: number, term: number): void {
    this.entries.splice(0, index - this.snapshotIndex);
    this.snapshotIndex = index;
    this.snapshotTerm = term;
  }

  /** Replaces the whole log with a snapshot's position. */
  reset(index: number, term: number): void {
    this.entries = [];
    this.snapshotIndex = index;
    this.snapshotTerm = term;
  }
}
