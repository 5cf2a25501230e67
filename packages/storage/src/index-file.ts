import type { LogFile, StorageFs } from './file-io.js';
import { readFully, writeFully } from './file-io.js';

/**
 * A sorted file of fixed-width entries held in memory (Node has no mmap). The active segment's
 * index is preallocated on disk and its new entries written with positional writes once a page
 * has accumulated and at flush; on roll the file is trimmed to the entries used and closed. Indexes
 * of inactive segments are served from memory only.
 */
const INITIAL_ENTRIES = 64;
/** Write accumulated entries once this many bytes are pending. */
const DIRTY_WRITE_BYTES = 4096;

export abstract class IndexFile {
  protected buf: Buffer;
  protected count = 0;
  readonly maxEntries: number;
  private file: LogFile | null = null;
  private written = 0;

  constructor(
    public path: string,
    readonly baseOffset: number,
    readonly entrySize: number,
    maxIndexBytes: number,
  ) {
    this.maxEntries = Math.max(1, Math.floor(maxIndexBytes / entrySize));
    this.buf = Buffer.alloc(Math.min(INITIAL_ENTRIES, this.maxEntries) * entrySize);
  }

  get entries(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count >= this.maxEntries;
  }

  /** Room for one more entry, growing the buffer geometrically. */
  protected slot(): number {
    const at = this.count * this.entrySize;
    if (at + this.entrySize > this.buf.length) {
      const next = Buffer.alloc(Math.min(this.buf.length * 2, this.maxEntries * this.entrySize));
      this.buf.copy(next, 0, 0, at);
      this.buf = next;
    }
    return at;
  }

  /** Largest entry index whose key <= target (strict: key < target), or -1. */
  protected floorIndex(keyAt: (i: number) => number, target: number, strict: boolean): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keyAt(mid);
      if (k < target || (!strict && k === target)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Replace the contents with what the file holds; false if the file is absent. */
  async load(fs: StorageFs): Promise<boolean> {
    if (!(await fs.exists(this.path))) return false;
    const file = await fs.open(this.path, 'r');
    try {
      const size = await file.size();
      const usable = size - (size % this.entrySize);
      const buf = Buffer.alloc(Math.max(usable, this.entrySize));
      const read = await readFully(file, buf, 0, usable, 0);
      this.buf = buf;
      this.count = Math.floor(read / this.entrySize);
      this.written = this.count;
      return size % this.entrySize === 0;
    } finally {
      await file.close();
    }
  }

  /** Keep the first n entries. */
  protected truncateEntries(n: number): void {
    this.count = Math.min(this.count, n);
    this.written = Math.min(this.written, this.count);
  }

  reset(): void {
    this.truncateEntries(0);
  }

  /** Open the file for appends (active segment), preallocating it to the maximum size. */
  async openForAppend(fs: StorageFs, create: boolean): Promise<void> {
    if (this.file) return;
    this.file = await fs.open(this.path, create ? 'w+' : (await fs.exists(this.path)) ? 'r+' : 'w+');
    await this.file.truncate(this.maxEntries * this.entrySize);
    // What is on disk may be stale (after a rebuild or truncation): rewrite from the start.
    this.written = 0;
  }

  get hasPendingWrites(): boolean {
    return this.file !== null && (this.count - this.written) * this.entrySize >= DIRTY_WRITE_BYTES;
  }

  /** Write entries added since the last write (active segment only). */
  async writePending(): Promise<void> {
    if (!this.file || this.written >= this.count) return;
    const from = this.written * this.entrySize;
    const to = this.count * this.entrySize;
    const upTo = this.count;
    await writeFully(this.file, this.buf.subarray(from, to), from);
    this.written = Math.max(this.written, upTo);
  }

  /** On roll or close: write what is pending, trim the file to its entries, fsync and close. */
  async trimAndClose(): Promise<void> {
    if (!this.file) return;
    await this.writePending();
    await this.file.truncate(this.count * this.entrySize);
    await this.file.sync();
    await this.file.close();
    this.file = null;
  }

  /** Write the whole index to its file (after a rebuild of an inactive segment). */
  async writeAll(fs: StorageFs): Promise<void> {
    const file = await fs.open(this.path, 'w+');
    try {
      await writeFully(file, this.buf.subarray(0, this.count * this.entrySize), 0);
      await file.sync();
    } finally {
      await file.close();
    }
    this.written = this.count;
  }

  /** Close without writing (the log is being deleted or the handle abandoned after an error). */
  async closeQuietly(): Promise<void> {
    const file = this.file;
    this.file = null;
    if (file) await file.close().catch(() => undefined);
  }
}
