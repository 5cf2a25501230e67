/**
 * Many pending operations (acks=all produces, long-poll fetches) with deadlines, watched by one
 * timer: a binary min-heap ordered by deadline, and a single setTimeout armed for the earliest.
 * Completing an operation early costs nothing here: it is skipped when its deadline comes.
 */
export interface Expirable {
  readonly deadlineMs: number;
  /** True once completed some other way; the queue then ignores it. */
  readonly done: boolean;
  expire(): void;
}

export interface TimerApi {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: TimerApi = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class DeadlineQueue<T extends Expirable> {
  private readonly heap: T[] = [];
  private completedEarly = 0;
  private timer: unknown = null;
  private armedFor = Infinity;

  constructor(private readonly timers: TimerApi = systemTimers) {}

  get size(): number {
    return this.heap.length;
  }

  add(op: T): void {
    const heap = this.heap;
    heap.push(op);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.deadlineMs <= op.deadlineMs) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = op;
    if (op.deadlineMs < this.armedFor) this.arm();
  }

  /** Expire everything due now; called by the timer, and callable directly by tests. */
  expireDue(): void {
    const now = this.timers.now();
    while (this.heap.length > 0 && this.heap[0]!.deadlineMs <= now) {
      const op = this.pop();
      if (op.done) this.completedEarly = Math.max(0, this.completedEarly - 1);
      else op.expire();
    }
    this.arm();
  }

  /**
   * An operation finished before its deadline. Once such leftovers are most of the heap they are
   * dropped in one pass, so a flood of fast completions cannot grow memory until deadlines pass.
   */
  noteCompleted(): void {
    this.completedEarly++;
    if (this.completedEarly > 1024 && this.completedEarly * 2 > this.heap.length) {
      const live = this.heap.filter((op) => !op.done);
      this.heap.length = 0;
      this.completedEarly = 0;
      for (const op of live) this.add(op);
      this.arm();
    }
  }

  close(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
    this.heap.length = 0;
    this.completedEarly = 0;
  }

  private pop(): T {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && heap[r]!.deadlineMs < heap[l]!.deadlineMs ? r : l;
        if (heap[c]!.deadlineMs >= last.deadlineMs) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }

  private arm(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
    // Skip over operations completed early so the timer does not fire for nothing.
    while (this.heap.length > 0 && this.heap[0]!.done) {
      this.pop();
      this.completedEarly = Math.max(0, this.completedEarly - 1);
    }
    const next = this.heap[0];
    if (!next) return;
    this.armedFor = next.deadlineMs;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.armedFor = Infinity;
      this.expireDue();
    }, Math.max(0, next.deadlineMs - this.timers.now()));
  }
}
