import { RunnelError } from '@runnel/protocol';

/**
 * Runs tasks one at a time in arrival order, with a bound on how many may wait: appends to one
 * partition are serialised, and a caller that outruns the disk gets an error, not a growing queue.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly maxWaiting: number,
    private readonly name: string,
  ) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.waiting >= this.maxWaiting) {
      return Promise.reject(new RunnelError('REQUEST_TIMED_OUT', `${this.name} has ${this.waiting} operations queued (limit ${this.maxWaiting}); retry after earlier ones complete`));
    }
    this.waiting++;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.waiting--,
      () => this.waiting--,
    );
    return result;
  }
}
