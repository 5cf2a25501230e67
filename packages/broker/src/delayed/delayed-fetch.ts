import type { DeadlineQueue, Expirable } from './deadline-queue.js';

/**
 * A long-poll fetch: answered as soon as at least `minBytes` are available across its partitions,
 * or at its deadline (fetch.max.wait.ms) with whatever there is. It registers with the
 * FetchWaiters of each partition it reads; appends (replica fetches) or high-watermark moves
 * (consumer fetches) wake it, and it asks `available()` how much it could now return.
 */
export class DelayedFetch implements Expirable {
  private finished = false;
  private readonly watching: FetchWaiters[] = [];

  constructor(
    readonly deadlineMs: number,
    private readonly minBytes: number,
    private readonly available: () => number,
    private readonly onComplete: (reason: 'ready' | 'deadline' | 'cancelled') => void,
    private readonly queue?: DeadlineQueue<DelayedFetch>,
  ) {}

  get done(): boolean {
    return this.finished;
  }

  watch(waiters: FetchWaiters): void {
    waiters.add(this);
    this.watching.push(waiters);
  }

  /** Something changed on a watched partition: answer now if enough is available. */
  wake(): void {
    if (!this.finished && this.available() >= this.minBytes) this.finish('ready', true);
  }

  expire(): void {
    this.finish('deadline', false);
  }

  /** The stream closed or the request was superseded: answer nothing more. */
  cancel(): void {
    this.finish('cancelled', true);
  }

  private finish(reason: 'ready' | 'deadline' | 'cancelled', early: boolean): void {
    if (this.finished) return;
    this.finished = true;
    for (const w of this.watching) w.remove(this);
    this.watching.length = 0;
    if (early) this.queue?.noteCompleted();
    this.onComplete(reason);
  }
}

/** The long-poll fetches waiting on one partition. */
export class FetchWaiters {
  private readonly ops = new Set<DelayedFetch>();

  get size(): number {
    return this.ops.size;
  }

  add(op: DelayedFetch): void {
    this.ops.add(op);
  }

  remove(op: DelayedFetch): void {
    this.ops.delete(op);
  }

  wakeAll(): void {
    for (const op of [...this.ops]) op.wake();
  }
}
