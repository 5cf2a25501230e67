import { readInt64BE, writeInt64BE } from '@runnel/protocol';
import { IndexFile } from './index-file.js';

/**
 * Sparse map from timestamp to offset, 12 bytes an entry (timestamp int64, relative offset int32)
 * as in Kafka. An entry (T, O) means no record at or before offset O has a timestamp above T;
 * timestamps strictly increase from entry to entry.
 */
export interface TimestampOffset {
  timestamp: number;
  offset: number;
}

export class TimeIndex extends IndexFile {
  constructor(path: string, baseOffset: number, maxIndexBytes: number) {
    super(path, baseOffset, 12, maxIndexBytes);
  }

  timestampAt(i: number): number {
    return readInt64BE(this.buf, i * 12);
  }

  offsetAt(i: number): number {
    return this.baseOffset + this.buf.readInt32BE(i * 12 + 8);
  }

  get lastEntry(): TimestampOffset | null {
    if (this.count === 0) return null;
    return { timestamp: this.timestampAt(this.count - 1), offset: this.offsetAt(this.count - 1) };
  }

  /** Add (timestamp, offset) unless it does not raise the largest timestamp indexed. */
  maybeAppend(timestamp: number, offset: number): void {
    const last = this.lastEntry;
    if (last !== null && (timestamp <= last.timestamp || offset < last.offset)) return;
    const at = this.slot();
    writeInt64BE(this.buf, timestamp, at);
    this.buf.writeInt32BE(offset - this.baseOffset, at + 8);
    this.count++;
  }

  /** The entry with the largest timestamp strictly below target, or null. */
  lookupBefore(target: number): TimestampOffset | null {
    const i = this.floorIndex((j) => this.timestampAt(j), target, true);
    if (i < 0) return null;
    return { timestamp: this.timestampAt(i), offset: this.offsetAt(i) };
  }

  /** Drop entries whose offset is >= offset. */
  truncateTo(offset: number): void {
    let n = this.count;
    while (n > 0 && this.offsetAt(n - 1) >= offset) n--;
    this.truncateEntries(n);
  }

  isSane(lastOffsetInSegment: number): boolean {
    let prevTs = Number.MIN_SAFE_INTEGER;
    let prevOffset = this.baseOffset;
    for (let i = 0; i < this.count; i++) {
      let ts: number;
      try {
        ts = this.timestampAt(i);
      } catch {
        return false;
      }
      const o = this.offsetAt(i);
      if (ts <= prevTs || o < prevOffset || o > lastOffsetInSegment) return false;
      prevTs = ts;
      prevOffset = o;
    }
    return true;
  }
}
