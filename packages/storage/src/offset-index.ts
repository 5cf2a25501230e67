import { IndexFile } from './index-file.js';

/**
 * Sparse map from offset to file position, 8 bytes an entry (relative offset int32, position
 * int32) as in Kafka. Entries point at the start of a batch and are keyed by its base offset.
 */
export interface OffsetPosition {
  offset: number;
  position: number;
}

export class OffsetIndex extends IndexFile {
  constructor(path: string, baseOffset: number, maxIndexBytes: number) {
    super(path, baseOffset, 8, maxIndexBytes);
  }

  offsetAt(i: number): number {
    return this.baseOffset + this.buf.readInt32BE(i * 8);
  }

  positionAt(i: number): number {
    return this.buf.readInt32BE(i * 8 + 4);
  }

  get lastEntry(): OffsetPosition {
    if (this.count === 0) return { offset: this.baseOffset, position: 0 };
    return { offset: this.offsetAt(this.count - 1), position: this.positionAt(this.count - 1) };
  }

  append(offset: number, position: number): void {
    const at = this.slot();
    this.buf.writeInt32BE(offset - this.baseOffset, at);
    this.buf.writeInt32BE(position, at + 4);
    this.count++;
  }

  /** The entry with the largest offset <= target, or the segment start. */
  lookup(target: number): OffsetPosition {
    const i = this.floorIndex((j) => this.offsetAt(j), target, false);
    if (i < 0) return { offset: this.baseOffset, position: 0 };
    return { offset: this.offsetAt(i), position: this.positionAt(i) };
  }

  /** Drop entries for offsets >= offset. */
  truncateTo(offset: number): void {
    this.truncateEntries(this.floorIndex((j) => this.offsetAt(j), offset, true) + 1);
  }

  /** Entries strictly increasing in offset and position, positions inside the log. */
  isSane(logSize: number): boolean {
    let prevOffset = this.baseOffset - 1;
    let prevPosition = 0;
    for (let i = 0; i < this.count; i++) {
      const o = this.offsetAt(i);
      const p = this.positionAt(i);
      if (o <= prevOffset || p <= prevPosition || p >= logSize) return false;
      prevOffset = o;
      prevPosition = p;
    }
    return true;
  }
}
