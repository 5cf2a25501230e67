import { RunnelError } from './errors.js';
import { readInt64BE, writeInt64BE } from './int64.js';

/**
 * Reader and writer for Kafka's classic (non-flexible) schema encoding: big-endian integers,
 * int16-length strings, int32-length bytes and arrays, -1 for null. Kafka stores consumer
 * protocol metadata and __consumer_offsets keys and values this way.
 */
export class SchemaWriter {
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int8(v: number): this {
    this.room(1);
    this.pos = this.buf.writeInt8(v, this.pos);
    return this;
  }

  int16(v: number): this {
    this.room(2);
    this.pos = this.buf.writeInt16BE(v, this.pos);
    return this;
  }

  int32(v: number): this {
    this.room(4);
    this.pos = this.buf.writeInt32BE(v, this.pos);
    return this;
  }

  int64(v: number): this {
    this.room(8);
    writeInt64BE(this.buf, v, this.pos);
    this.pos += 8;
    return this;
  }

  string(v: string): this {
    const len = Buffer.byteLength(v);
    if (len > 0x7fff) throw new RunnelError('INVALID_REQUEST', `string of ${len} bytes is longer than the 32767 a Kafka schema string holds`);
    this.int16(len);
    this.room(len);
    this.pos += this.buf.write(v, this.pos);
    return this;
  }

  nullableString(v: string | null): this {
    return v === null ? this.int16(-1) : this.string(v);
  }

  bytes(v: Buffer | null): this {
    if (v === null) return this.int32(-1);
    this.int32(v.length);
    this.room(v.length);
    this.pos += v.copy(this.buf, this.pos);
    return this;
  }

  array<T>(items: readonly T[], write: (item: T, w: this) => void): this {
    this.int32(items.length);
    for (const item of items) write(item, this);
    return this;
  }

  /** The bytes written so far (a copy, so the writer can be dropped). */
  finish(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }
}

/** Reads what SchemaWriter writes; any overrun or bad length is CORRUPT_MESSAGE naming `what`. */
export class SchemaReader {
  private pos = 0;

  constructor(
    private readonly buf: Buffer,
    private readonly what: string,
  ) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) {
      throw new RunnelError('CORRUPT_MESSAGE', `${this.what} is truncated or malformed at byte ${this.pos} (needs ${n} more, ${this.remaining} left)`);
    }
  }

  int8(): number {
    this.need(1);
    return this.buf.readInt8(this.pos++);
  }

  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  int64(): number {
    this.need(8);
    const v = readInt64BE(this.buf, this.pos);
    this.pos += 8;
    return v;
  }

  nullableString(): string | null {
    const len = this.int16();
    if (len === -1) return null;
    this.need(len);
    const v = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return v;
  }

  string(): string {
    const v = this.nullableString();
    if (v === null) throw new RunnelError('CORRUPT_MESSAGE', `${this.what} has a null where a string is required (byte ${this.pos - 2})`);
    return v;
  }

  bytes(): Buffer | null {
    const len = this.int32();
    if (len === -1) return null;
    this.need(len);
    const v = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return v;
  }

  array<T>(read: (r: this) => T): T[] {
    const n = this.int32();
    // Each element takes at least one byte: a count beyond what is left is corruption, not a huge allocation.
    if (n < 0 || n > this.remaining) {
      throw new RunnelError('CORRUPT_MESSAGE', `${this.what} declares an array of ${n} elements with ${this.remaining} bytes left`);
    }
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(read(this));
    return out;
  }
}
