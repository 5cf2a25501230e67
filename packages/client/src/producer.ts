import { ErrorCodes, RunnelError, isRetriable, type RecordHeader, type RecordInput } from '@runnel/protocol';
import { Accumulator } from './accumulator.js';
import { BufferPool } from './buffer-pool.js';
import { Cluster, type TopicInfo } from './cluster.js';
import { checkPartition, keyPartition, StickyPartitions } from './partitioner.js';
import { estimateRecordSize, type RecordMetadata } from './producer-batch.js';
import { resolveProducerConfig, type ProducerConfig, type ResolvedProducerConfig } from './producer-config.js';
import { Sender } from './sender.js';

export type Bytes = Buffer | string;

/** A record to send. Strings are encoded as UTF-8. */
export interface ProducerRecord {
  topic: string;
  key?: Bytes | null;
  value: Bytes | null;
  headers?: Record<string, Bytes>;
  /** An explicit partition wins over the partitioner. */
  partition?: number;
  /** Create time in ms since the epoch; defaults to now. */
  timestamp?: number;
}

/** A record whose value is `value` as JSON. */
export function jsonRecord(topic: string, value: unknown, options: Omit<ProducerRecord, 'topic' | 'value'> = {}): ProducerRecord {
  return { ...options, topic, value: Buffer.from(JSON.stringify(value)) };
}

function toBuffer(b: Bytes | null | undefined, what: string): Buffer | null {
  if (b === null || b === undefined) return null;
  if (typeof b === 'string') return Buffer.from(b, 'utf8');
  if (Buffer.isBuffer(b)) return b;
  const u = b as unknown;
  if (u instanceof Uint8Array) return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  throw new RunnelError('INVALID_RECORD', `${what} must be a Buffer, a string or null`);
}

/** Shared by every record sent without headers (nothing adds to a record's headers later). */
const NO_HEADERS: RecordHeader[] = [];

interface Prepared {
  topic: string;
  record: RecordInput;
  partition: number | undefined;
  size: number;
}

/**
 * The producer: Kafka's Java producer semantics with a promise per record. Records are
 * partitioned (explicit partition, custom partitioner, murmur2 of the key, or sticky for keyless
 * records), batched per partition, and sent by a background sender; `send` resolves once the
 * record is acknowledged as `acks` asks. Idempotent by default: retries never duplicate and a
 * partition's records are written in the order `send` was called.
 */
export class Producer {
  private readonly config: ResolvedProducerConfig;
  private readonly cluster: Cluster;
  private readonly accumulator: Accumulator;
  private readonly pool: BufferPool;
  private readonly sender: Sender;
  private readonly sticky: StickyPartitions;
  /** Appends that had to wait (metadata or memory); later sends queue behind them to keep order. */
  private tail: Promise<void> = Promise.resolve();
  private waitingAppends = 0;
  private closing: Promise<void> | null = null;

  constructor(config: ProducerConfig) {
    this.config = resolveProducerConfig(config);
    this.cluster = new Cluster({
      bootstrap: this.config.bootstrap,
      requestTimeoutMs: this.config.requestTimeoutMs,
      retryBackoffMs: this.config.retryBackoffMs,
      clientId: this.config.clientId,
      logger: this.config.logger,
      sasl: this.config.sasl,
      credentials: this.config.credentials,
    });
    this.accumulator = new Accumulator(this.config.batchSize);
    this.pool = new BufferPool(this.config.bufferMemory, () => this.sender.wakeup());
    this.sender = new Sender(this.config, this.cluster, this.accumulator, this.pool);
    this.sticky = new StickyPartitions(this.config.random);
  }

  /** Send one record, or several (resolving in the same order). */
  send(record: ProducerRecord): Promise<RecordMetadata>;
  send(records: ProducerRecord[]): Promise<RecordMetadata[]>;
  send(input: ProducerRecord | ProducerRecord[]): Promise<RecordMetadata | RecordMetadata[]> {
    if (Array.isArray(input)) {
      let prepared: Prepared[];
      try {
        prepared = input.map((r) => this.prepare(r));
      } catch (err) {
        return Promise.reject(err);
      }
      return Promise.all(prepared.map((p) => this.enqueue(p)));
    }
    try {
      return this.enqueue(this.prepare(input));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Check and serialize a record (bad input is refused before anything is queued). */
  private prepare(r: ProducerRecord): Prepared {
    if (this.closing) throw new RunnelError('INVALID_REQUEST', 'the producer is closed');
    if (!r || typeof r.topic !== 'string' || r.topic.length === 0) throw new RunnelError('INVALID_TOPIC_EXCEPTION', 'a record needs a non-empty topic name');
    if (r.partition !== undefined && (!Number.isInteger(r.partition) || r.partition < 0)) {
      throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `partition ${r.partition} of topic '${r.topic}' is not a non-negative integer`);
    }
    const timestamp = r.timestamp ?? Date.now();
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RunnelError('INVALID_TIMESTAMP', `timestamp ${r.timestamp} is not a time in ms since the epoch`);
    let headers = NO_HEADERS;
    if (r.headers) {
      headers = [];
      for (const [key, value] of Object.entries(r.headers)) headers.push({ key, value: toBuffer(value, `header '${key}'`) });
    }
    const record: RecordInput = { key: toBuffer(r.key, 'key'), value: toBuffer(r.value, 'value'), headers, timestamp };
    const size = estimateRecordSize(record);
    if (size > this.config.maxRequestSize) {
      throw new RunnelError('MESSAGE_TOO_LARGE', `the record is about ${size} bytes, more than maxRequestSize (max.request.size = ${this.config.maxRequestSize})`, { details: { topic: r.topic } });
    }
    if (size > this.config.bufferMemory) {
      throw new RunnelError('MESSAGE_TOO_LARGE', `the record is about ${size} bytes, more than bufferMemory (buffer.memory = ${this.config.bufferMemory})`, { details: { topic: r.topic } });
    }
    return { topic: r.topic, record, partition: r.partition, size };
  }

  private enqueue(p: Prepared): Promise<RecordMetadata> {
    return new Promise<RecordMetadata>((resolve, reject) => {
      const pending = { resolve, reject };
      // Fast path: nothing is waiting ahead, the topic is known and memory is free.
      const topic = this.cluster.topic(p.topic);
      if (this.waitingAppends === 0 && topic && topic.error === 'NONE' && topic.partitions.length > 0 && this.pool.tryReserve(p.size)) {
        try {
          this.append(p, topic, pending);
        } catch (err) {
          this.pool.release(p.size);
          reject(err as RunnelError);
        }
        return;
      }
      this.waitingAppends++;
      this.tail = this.tail.then(async () => {
        try {
          const known = await this.waitForTopic(p.topic);
          await this.pool.reserve(p.size, this.config.maxBlockMs);
          try {
            this.append(p, known, pending);
          } catch (err) {
            this.pool.release(p.size);
            throw err;
          }
        } catch (err) {
          reject(err instanceof RunnelError ? err : new RunnelError('UNKNOWN_SERVER_ERROR', String(err)));
        } finally {
          this.waitingAppends--;
        }
      });
    });
  }

  private append(p: Prepared, topic: TopicInfo, pending: { resolve: (m: RecordMetadata) => void; reject: (e: RunnelError) => void }): void {
    const count = topic.partitions.length;
    const available = topic.partitions.filter((x) => x.leader >= 0).map((x) => x.partition);
    let partition: number;
    if (p.partition !== undefined) {
      partition = checkPartition(p.topic, p.partition, count, 'the record');
    } else if (this.config.partitioner) {
      partition = checkPartition(p.topic, this.config.partitioner({ topic: p.topic, key: p.record.key ?? null, value: p.record.value, partitionCount: count, availablePartitions: available }), count, 'the partitioner');
    } else if (p.record.key) {
      partition = keyPartition(p.record.key, count);
    } else {
      partition = this.sticky.partition(p.topic, count, available);
      if (this.accumulator.needsNewBatch(p.topic, partition, p.size)) {
        // The sticky partition's batch is done: move on before starting a new one.
        partition = this.sticky.onNewBatch(p.topic, count, available, partition);
      }
    }
    const appended = this.accumulator.append(p.topic, partition, p.record, p.size, p.size, pending, Date.now());
    // A new batch only needs the sender once linger.ms runs out, which the sender times itself,
    // but it must learn the batch exists.
    if (appended !== 'added' || this.config.lingerMs === 0) this.sender.wakeup();
  }

  /** Metadata for a topic, refreshing until it is known or max.block.ms has passed. */
  private async waitForTopic(name: string): Promise<TopicInfo> {
    const deadline = Date.now() + this.config.maxBlockMs;
    let last = 'no metadata yet';
    for (;;) {
      const known = this.cluster.topic(name);
      if (known && known.error === 'NONE' && known.partitions.length > 0) return known;
      if (known) last = known.error;
      // Waiting cannot cure a topic we may not use (TOPIC_AUTHORIZATION_FAILED) or an invalid name.
      if (known && known.error !== 'NONE' && !isRetriable(known.error)) {
        throw new RunnelError(known.error, `topic '${name}': ${ErrorCodes[known.error].description}`, { details: { topic: name } });
      }
      if (Date.now() >= deadline) {
        throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${name}' not present in metadata after ${this.config.maxBlockMs} ms (maxBlockMs, max.block.ms); last answer: ${last}`, { details: { topic: name } });
      }
      try {
        await withTimeout(this.cluster.refresh([name]), deadline - Date.now());
      } catch (err) {
        // A refused login (SASL_AUTHENTICATION_FAILED) will not pass by waiting either.
        if (err instanceof RunnelError && err.errorName === 'SASL_AUTHENTICATION_FAILED') throw err;
        last = err instanceof Error ? err.message : String(err);
      }
    }
  }

  /** Partition metadata of a topic (fetched if not known yet). */
  async partitionsFor(topic: string): Promise<TopicInfo['partitions']> {
    return (await this.waitForTopic(topic)).partitions;
  }

  /** Send everything accepted so far without waiting for linger.ms, and wait until it completes. */
  async flush(): Promise<void> {
    await this.tail;
    this.sender.flushing++;
    try {
      this.accumulator.closeAll();
      this.sender.wakeup();
      await Promise.all([...this.accumulator.incomplete].map((b) => b.settled()));
    } finally {
      this.sender.flushing--;
    }
  }

  /** Flush, then close the streams and channels. Sends after close are refused. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.flush();
      } finally {
        this.sender.stop(new RunnelError('NETWORK_EXCEPTION', 'the producer was closed before the record was sent'));
        this.pool.abort(new RunnelError('NETWORK_EXCEPTION', 'the producer was closed'));
        this.cluster.close();
      }
    })();
    return this.closing;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new RunnelError('REQUEST_TIMED_OUT', `no answer within ${ms} ms`)), Math.max(0, ms));
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
