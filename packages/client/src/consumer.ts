import { RunnelError } from '@runnel/protocol';
import { Cluster } from './cluster.js';
import { resolveConsumerConfig, type ConsumerConfig, type ResolvedConsumerConfig } from './consumer-config.js';
import { Fetcher } from './fetcher.js';
import { PartitionState, tpKey, type ConsumerRecord, type TopicPartition } from './partition-state.js';

/**
 * A consumer of manually assigned partitions (no group): assign, seek, poll. Fetching runs in
 * the background into bounded per-partition buffers; poll() hands out what is buffered, up to
 * max.poll.records, and moves each partition's position past what it returned.
 */
export class Consumer implements AsyncIterable<ConsumerRecord> {
  private readonly config: ResolvedConsumerConfig;
  private readonly cluster: Cluster;
  private readonly states = new Map<string, PartitionState>();
  private readonly fetcher: Fetcher;
  private readonly waiters = new Set<() => void>();
  /** Rotates which partition poll() serves first, so none starves. */
  private rotation = 0;
  private closed = false;

  constructor(config: ConsumerConfig) {
    this.config = resolveConsumerConfig(config);
    this.cluster = new Cluster({
      bootstrap: this.config.bootstrap,
      requestTimeoutMs: this.config.requestTimeoutMs,
      retryBackoffMs: this.config.retryBackoffMs,
      logger: this.config.logger,
    });
    this.fetcher = new Fetcher(this.config, this.cluster, this.states, () => this.notify());
  }

  /** Consume exactly these partitions (replacing the previous assignment). */
  assign(partitions: TopicPartition[]): void {
    this.checkOpen();
    for (const tp of partitions) {
      if (!tp || typeof tp.topic !== 'string' || tp.topic.length === 0 || !Number.isInteger(tp.partition) || tp.partition < 0) {
        throw new RunnelError('INVALID_REQUEST', `cannot assign ${JSON.stringify(tp)}: needs a topic name and a partition number >= 0`);
      }
    }
    const keep = new Set(partitions.map(tpKey));
    for (const key of [...this.states.keys()]) {
      if (!keep.has(key)) {
        this.states.get(key)!.clear();
        this.states.delete(key);
      }
    }
    for (const tp of partitions) {
      const key = tpKey(tp);
      if (!this.states.has(key)) this.states.set(key, new PartitionState(tp.topic, tp.partition));
    }
    this.cluster.addTopics(partitions.map((tp) => tp.topic));
    this.fetcher.wakeup();
  }

  assignment(): TopicPartition[] {
    return [...this.states.values()].map((s) => ({ topic: s.topic, partition: s.partition }));
  }

  private state(tp: TopicPartition): PartitionState {
    const s = this.states.get(tpKey(tp));
    if (!s) throw new RunnelError('INVALID_REQUEST', `${tp.topic}-${tp.partition} is not assigned to this consumer; assign it first`);
    return s;
  }

  /** The next poll() returns records of this partition from `offset`. */
  seek(tp: TopicPartition, offset: number): void {
    this.checkOpen();
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RunnelError('INVALID_REQUEST', `seek offset ${offset} is not a non-negative integer`);
    const s = this.state(tp);
    s.seek(offset);
    s.error = null;
    s.retryAtMs = 0;
    this.fetcher.wakeup();
  }

  seekToBeginning(partitions: TopicPartition[] = this.assignment()): void {
    this.resetTo(partitions, 'earliest');
  }

  seekToEnd(partitions: TopicPartition[] = this.assignment()): void {
    this.resetTo(partitions, 'latest');
  }

  private resetTo(partitions: TopicPartition[], reset: 'earliest' | 'latest'): void {
    this.checkOpen();
    const states = partitions.map((tp) => this.state(tp));
    for (const s of states) {
      s.position = null;
      s.clear();
      s.reset = reset;
      s.error = null;
      s.retryAtMs = 0;
    }
    this.fetcher.wakeup();
  }

  /** The offset of the next record poll() will return for this partition (resolving resets). */
  async position(tp: TopicPartition, timeoutMs = this.config.requestTimeoutMs): Promise<number> {
    const s = this.state(tp);
    const deadline = Date.now() + timeoutMs;
    this.fetcher.wakeup();
    for (;;) {
      if (s.error) throw s.error;
      if (s.position !== null && s.reset === null) return s.position;
      if (this.closed || Date.now() >= deadline) throw new RunnelError('REQUEST_TIMED_OUT', `no position for ${tp.topic}-${tp.partition} within ${timeoutMs} ms`);
      await this.waitForProgress(deadline - Date.now());
    }
  }

  pause(partitions: TopicPartition[]): void {
    for (const tp of partitions) this.state(tp).paused = true;
    this.fetcher.wakeup();
  }

  resume(partitions: TopicPartition[]): void {
    for (const tp of partitions) this.state(tp).paused = false;
    this.fetcher.wakeup();
  }

  paused(): TopicPartition[] {
    return [...this.states.values()].filter((s) => s.paused).map((s) => ({ topic: s.topic, partition: s.partition }));
  }

  /**
   * Records fetched since the last poll, up to max.poll.records; waits up to `timeoutMs` for some
   * when none are buffered. Throws a partition's error (e.g. OFFSET_OUT_OF_RANGE with
   * autoOffsetReset 'none') once, after which that partition needs a seek.
   */
  async poll(timeoutMs = 1000): Promise<ConsumerRecord[]> {
    this.checkOpen();
    const deadline = Date.now() + Math.max(0, timeoutMs);
    for (;;) {
      for (const s of this.states.values()) {
        if (s.error) {
          const e = s.error;
          s.error = null;
          throw e;
        }
      }
      const out = this.take();
      if (out.length > 0) {
        this.fetcher.wakeup();
        return out;
      }
      this.fetcher.wakeup();
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) return [];
      await this.waitForProgress(left);
    }
  }

  private take(): ConsumerRecord[] {
    const out: ConsumerRecord[] = [];
    const states = [...this.states.values()];
    const n = states.length;
    for (let i = 0; i < n && out.length < this.config.maxPollRecords; i++) {
      const s = states[(this.rotation + i) % n]!;
      if (s.paused || s.reset !== null) continue;
      s.take(this.config.maxPollRecords, out);
    }
    this.rotation = n > 0 ? (this.rotation + 1) % n : 0;
    return out;
  }

  /** Records one at a time until the consumer is closed. */
  async *[Symbol.asyncIterator](): AsyncIterator<ConsumerRecord> {
    while (!this.closed) {
      const records = await this.poll(this.config.fetchMaxWaitMs + 500);
      for (const r of records) yield r;
    }
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private waitForProgress(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  private checkOpen(): void {
    if (this.closed) throw new RunnelError('INVALID_REQUEST', 'the consumer is closed');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fetcher.close();
    this.cluster.close();
    this.notify();
  }
}
