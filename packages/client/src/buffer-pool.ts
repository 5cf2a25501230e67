import { RunnelError } from '@runnel/protocol';

interface Waiter {
  size: number;
  resolve: () => void;
  reject: (err: RunnelError) => void;
  timer: NodeJS.Timeout;
}

/**
 * buffer.memory as a byte budget: records reserve their size before they are queued and give it
 * back when their batch completes. A reservation that does not fit waits (first come, first
 * served, so a large record is not starved by small ones) for at most max.block.ms.
 */
export class BufferPool {
  private available: number;
  private readonly waiters: Waiter[] = [];

  /** `onWait` runs when a reservation starts waiting (the sender then sends without lingering). */
  constructor(
    readonly total: number,
    private readonly onWait: () => void = () => undefined,
  ) {
    this.available = total;
  }

  /** Someone is waiting for memory. */
  get exhausted(): boolean {
    return this.waiters.length > 0;
  }

  get free(): number {
    return this.available;
  }

  /** True when `size` can be taken at once (nobody is waiting ahead). */
  tryReserve(size: number): boolean {
    if (this.waiters.length > 0 || size > this.available) return false;
    this.available -= size;
    return true;
  }

  reserve(size: number, maxBlockMs: number): Promise<void> {
    if (size > this.total) {
      return Promise.reject(new RunnelError('MESSAGE_TOO_LARGE', `a record of ${size} bytes is larger than bufferMemory (buffer.memory = ${this.total})`));
    }
    if (this.tryReserve(size)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        size,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new RunnelError('REQUEST_TIMED_OUT', `waited ${maxBlockMs} ms (maxBlockMs, max.block.ms) for ${size} bytes of bufferMemory; records are produced slower than they are sent`, { details: { reason: 'buffer-full' } }));
          this.serve();
        }, maxBlockMs),
      };
      this.waiters.push(waiter);
      this.onWait();
    });
  }

  release(size: number): void {
    this.available += size;
    this.serve();
  }

  /** Fail everyone waiting (the producer is closing). */
  abort(err: RunnelError): void {
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  }

  private serve(): void {
    while (this.waiters.length > 0 && this.waiters[0]!.size <= this.available) {
      const w = this.waiters.shift()!;
      clearTimeout(w.timer);
      this.available -= w.size;
      w.resolve();
    }
  }
}
