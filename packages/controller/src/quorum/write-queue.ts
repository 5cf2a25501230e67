import { RunnelError } from '@runnel/protocol';
import type { ControllerClock } from './clock.js';

interface Write {
  readonly name: string;
  readonly run: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
  cancelTimer: () => void;
  settled: boolean;
}

/**
 * The controller's writes, one at a time: each runs (decides and waits for its records to commit)
 * only after the previous one finished, so every decision sees the effects of the one before.
 * Bounded: a full queue refuses new writes. Each write has a deadline: its caller gets
 * REQUEST_TIMED_OUT when it passes, and a write that has not started by then never runs. A write
 * already running is still awaited before the next starts, because its outcome decides what the
 * next one sees.
 */
export class WriteQueue {
  private readonly waiting: Write[] = [];
  private running = false;
  private open = false;

  constructor(
    private readonly clock: ControllerClock,
    readonly maxQueued: number,
  ) {}

  get size(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  /** Queues a write; its promise settles with run()'s outcome, or REQUEST_TIMED_OUT after timeoutMs. */
  enqueue<T>(name: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
    if (this.size >= this.maxQueued) {
      return Promise.reject(
        new RunnelError('THROTTLING_QUOTA_EXCEEDED', `the controller has ${this.size} writes queued; retry once some complete`),
      );
    }
    return new Promise<T>((resolve, reject) => {
      const write: Write = {
        name,
        run,
        resolve: resolve as (value: unknown) => void,
        reject,
        cancelTimer: () => undefined,
        settled: false,
      };
      write.cancelTimer = this.clock.schedule(timeoutMs, () => {
        const i = this.waiting.indexOf(write);
        if (i >= 0) this.waiting.splice(i, 1);
        this.settle(write, new RunnelError('REQUEST_TIMED_OUT', `${name} did not complete within ${timeoutMs} ms; its outcome is unknown if it had started`));
      });
      this.waiting.push(write);
      this.pump();
    });
  }

  /** Writes run only while open (this controller is active and its image is current). */
  setOpen(open: boolean): void {
    this.open = open;
    this.pump();
  }

  /** Refuses every write not yet started (e.g. leadership was lost). */
  failWaiting(err: () => RunnelError): void {
    for (const write of this.waiting.splice(0)) this.settle(write, err());
  }

  private settle(write: Write, err: unknown, value?: unknown): void {
    if (write.settled) return;
    write.settled = true;
    write.cancelTimer();
    if (err === undefined) write.resolve(value);
    else write.reject(err);
  }

  private pump(): void {
    if (this.running || !this.open) return;
    const write = this.waiting.shift();
    if (!write) return;
    this.running = true;
    write.run().then(
      (value) => this.settle(write, undefined, value),
      (err: unknown) => this.settle(write, err ?? new Error(`${write.name} failed`)),
    ).finally(() => {
      this.running = false;
      this.pump();
    });
  }
}
