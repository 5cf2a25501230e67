import { RunnelError, type RecordInput } from '@runnel/protocol';

/** Where a record was written. offset is -1 with acks=0 (the broker does not answer). */
export interface RecordMetadata {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
}

interface Pending {
  resolve: (m: RecordMetadata) => void;
  reject: (err: RunnelError) => void;
}

/** Fixed part of a RecordBatch v2 (header) used when sizing a batch. */
export const BATCH_OVERHEAD = 61;

/** Upper estimate of one record's encoded size, as Kafka's AbstractRecords.estimateSizeInBytes. */
export function estimateRecordSize(r: RecordInput): number {
  let size = 21 + (r.key?.length ?? 0) + (r.value?.length ?? 0);
  for (const h of r.headers ?? []) size += 10 + Buffer.byteLength(h.key) + (h.value?.length ?? 0);
  return size;
}

/**
 * The records of one partition sent together as one RecordBatch. Sequence and producer epoch
 * are stamped when the batch is first sent; a retry sends the very same bytes so the broker can
 * recognise it. A batch completes exactly once, resolving or rejecting every record's promise.
 */
export class ProducerBatch {
  readonly records: RecordInput[] = [];
  private readonly pending: Pending[] = [];
  /** Bytes reserved from buffer.memory for these records. */
  reserved = 0;
  estimatedSize = BATCH_OVERHEAD;
  /** No more records go in (full, lingered, flushed or drained). */
  closed = false;
  /** Encoded bytes once first sent; retries reuse them. */
  bytes: Buffer | null = null;
  producerId = -1;
  producerEpoch = -1;
  /** -1 until first sent (idempotent producers only). */
  baseSequence = -1;
  attempts = 0;
  /** This batch's place among its partition's sends (set on first send). */
  sendIndex = -1;
  retryAtMs = 0;
  /** A resend might duplicate if it were stamped anew (the last attempt may have been written). */
  outcomeUnknown = false;
  /** The error that left the outcome open. */
  unknownBecause: RunnelError | null = null;
  lastError: RunnelError | null = null;
  done = false;
  private readonly completion: Promise<void>;
  private markDone!: () => void;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly createdMs: number,
    /** Creation order within the producer: retries go back in this order. */
    readonly order: number,
  ) {
    this.completion = new Promise((r) => (this.markDone = r));
  }

  get key(): string {
    return `${this.topic}-${this.partition}`;
  }

  get recordCount(): number {
    return this.records.length;
  }

  /** Whether a record of `size` bytes still fits (the first record always does). */
  fits(size: number, batchSize: number): boolean {
    return this.records.length === 0 || this.estimatedSize + size <= batchSize;
  }

  add(record: RecordInput, size: number, reserved: number, pending: Pending): void {
    this.records.push(record);
    this.pending.push(pending);
    this.estimatedSize += size;
    this.reserved += reserved;
  }

  /** Resolves when the batch has completed, whichever way. */
  settled(): Promise<void> {
    return this.completion;
  }

  succeed(baseOffset: number, logAppendTimeMs: number): void {
    if (this.done) return;
    this.done = true;
    for (let i = 0; i < this.pending.length; i++) {
      this.pending[i]!.resolve({
        topic: this.topic,
        partition: this.partition,
        offset: baseOffset < 0 ? -1 : baseOffset + i,
        timestamp: logAppendTimeMs >= 0 ? logAppendTimeMs : this.records[i]!.timestamp!,
      });
    }
    this.markDone();
  }

  fail(err: RunnelError): void {
    if (this.done) return;
    this.done = true;
    const details = { ...err.details, topic: this.topic, partition: String(this.partition) };
    const error = new RunnelError(err.errorName, err.message, { details, cause: err.cause ?? err });
    for (const p of this.pending) p.reject(error);
    this.markDone();
  }
}
