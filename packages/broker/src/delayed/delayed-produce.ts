import { RunnelError, type ErrorName } from '@runnel/protocol';
import type { DeadlineQueue, Expirable } from './deadline-queue.js';

/**
 * An acks=all produce request waiting for the high watermark to cover what it wrote, on one or
 * more partitions. It answers once every partition is settled (covered, failed, or timed out).
 */
export interface PartitionAck {
  errorName: ErrorName;
  errorMessage: string;
}

const OK: PartitionAck = { errorName: 'NONE', errorMessage: '' };

export class DelayedProduce implements Expirable {
  private settledCount = 0;
  private finished = false;
  private readonly results = new Map<string, PartitionAck>();

  constructor(
    readonly deadlineMs: number,
    private readonly partitions: readonly string[],
    private readonly onComplete: (results: ReadonlyMap<string, PartitionAck>) => void,
    private readonly queue?: DeadlineQueue<DelayedProduce>,
  ) {}

  get done(): boolean {
    return this.finished;
  }

  /** The partition's part of the request is settled: acknowledged, or failed with `error`. */
  settle(partition: string, error?: RunnelError): void {
    if (this.finished || this.results.has(partition)) return;
    this.results.set(partition, error ? { errorName: error.errorName, errorMessage: error.message } : OK);
    if (++this.settledCount === this.partitions.length) this.finish(true);
  }

  expire(): void {
    for (const p of this.partitions) {
      if (!this.results.has(p)) {
        this.results.set(p, { errorName: 'REQUEST_TIMED_OUT', errorMessage: 'the in-sync replicas did not acknowledge the write before the request timeout' });
      }
    }
    this.finish(false);
  }

  private finish(early: boolean): void {
    if (this.finished) return;
    this.finished = true;
    if (early) this.queue?.noteCompleted();
    this.onComplete(this.results);
  }
}

interface Waiter {
  requiredOffset: number;
  op: DelayedProduce;
  key: string;
}

/**
 * The acks=all requests waiting on one partition, in append order. Appends are serialised, so
 * required offsets only grow and a high-watermark move settles a prefix of the queue.
 */
export class AckWaiters {
  private queue: Waiter[] = [];
  private head = 0;

  get size(): number {
    return this.queue.length - this.head;
  }

  /** Wait until the high watermark reaches `requiredOffset` (the batch's last offset + 1). */
  add(key: string, requiredOffset: number, op: DelayedProduce): void {
    this.queue.push({ key, requiredOffset, op });
  }

  /**
   * Settle every waiter the high watermark now covers. `checkAfterAppend` may refuse them (fewer
   * in-sync replicas than min.insync.replicas: NOT_ENOUGH_REPLICAS_AFTER_APPEND, as Kafka does).
   */
  onHighWatermark(highWatermark: number, checkAfterAppend: () => RunnelError | undefined): void {
    while (this.head < this.queue.length) {
      const w = this.queue[this.head]!;
      if (!w.op.done && w.requiredOffset > highWatermark) break;
      this.head++;
      if (!w.op.done) w.op.settle(w.key, checkAfterAppend());
    }
    this.compactHead();
  }

  /** Leadership moved or the partition went away: nobody here will be acknowledged by us. */
  failAll(error: RunnelError): void {
    for (let i = this.head; i < this.queue.length; i++) {
      const w = this.queue[i]!;
      if (!w.op.done) w.op.settle(w.key, error);
    }
    this.queue = [];
    this.head = 0;
  }

  private compactHead(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}

export function notEnoughReplicasAfterAppend(isrSize: number, minIsr: number): RunnelError {
  return new RunnelError(
    'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
    `the write reached the log but the ISR shrank to ${isrSize}, below min.insync.replicas=${minIsr}`,
  );
}
