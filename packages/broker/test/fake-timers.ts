import type { TimerApi } from '../src/delayed/deadline-queue.js';

/** A manual clock for deadline tests: timers fire only when the test advances time. */
export class FakeTimers implements TimerApi {
  t = 0;
  private pending: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ at: this.t + ms, fn, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  advance(ms: number): void {
    this.t += ms;
    for (;;) {
      const due = this.pending.filter((p) => p.at <= this.t).sort((a, b) => a.at - b.at)[0];
      if (!due) return;
      this.pending = this.pending.filter((p) => p !== due);
      due.fn();
    }
  }

  /** Timers armed and not yet fired or cleared. */
  get live(): number {
    return this.pending.length;
  }
}
