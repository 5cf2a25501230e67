import { RunnelError } from '@runnel/protocol';
import { Cluster } from './cluster.js';
import { resolveConsumerConfig, type ConsumerConfig, type ResolvedConsumerConfig } from './consumer-config.js';
import { Fetcher } from './fetcher.js';
import { ConsumerCoordinator, missingGroupId, type GroupMetadata } from './group/consumer-coordinator.js';
import type { CommittedOffset, OffsetCommitSpec } from './group/group-offsets.js';
import type { RebalanceListener } from './group/rebalance-listener.js';
import { Subscription } from './group/subscription.js';
import { WakeupError } from './group/wakeup-error.js';
import { PartitionState, tpKey, type ConsumerRecord, type TopicPartition } from './partition-state.js';

/** Called when a commitAsync finishes: the error, or null, and the offsets it committed. */
export type CommitCallback = (error: Error | null, offsets: OffsetCommitSpec[]) => void;

/**
 * A consumer: either a member of a consumer group (subscribe; partitions assigned by the group
 * and their positions committed to it) or of manually assigned partitions (assign, seek).
 * Fetching runs in the background into bounded per-partition buffers; poll() hands out what is
 * buffered, up to max.poll.records, moves each partition's position past what it returned, and
 * does the group's work (rebalances, listener callbacks, auto-commit) as Kafka's poll() does.
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
  private readonly coordinator: ConsumerCoordinator | null;
  private wakeupPending = false;

  constructor(config: ConsumerConfig) {
    this.config = resolveConsumerConfig(config);
    this.cluster = new Cluster({
      bootstrap: this.config.bootstrap,
      requestTimeoutMs: this.config.requestTimeoutMs,
      retryBackoffMs: this.config.retryBackoffMs,
      clientId: this.config.clientId,
      logger: this.config.logger,
      sasl: this.config.sasl,
      credentials: this.config.credentials,
    });
    this.fetcher = new Fetcher(this.config, this.cluster, this.states, () => this.notify());
    this.coordinator =
      this.config.groupId === null
        ? null
        : new ConsumerCoordinator(this.config, this.cluster, this.states, () => {
            this.fetcher.wakeup();
            this.notify();
          });
  }

  private group(feature: string): ConsumerCoordinator {
    if (!this.coordinator) throw missingGroupId(feature);
    return this.coordinator;
  }

  /**
   * Join the consumer group and consume the partitions it assigns from these topics, or from
   * every topic whose name matches the pattern (re-checked every metadataMaxAgeMs). The group is
   * joined, and the listener called, from within poll().
   */
  subscribe(topics: string[] | RegExp, listener?: RebalanceListener): void {
    this.checkOpen();
    const group = this.group('subscribe()');
    if (!group.subscribed() && this.states.size > 0) {
      throw new RunnelError('INVALID_REQUEST', 'subscribe() cannot be used while partitions are assigned with assign(): call unsubscribe() first');
    }
    const subscription = Subscription.of(topics);
    if (!subscription.pattern && subscription.current().length === 0) {
      throw new RunnelError('INVALID_REQUEST', 'subscribe() needs at least one topic; to stop consuming, call unsubscribe()');
    }
    group.subscribe(subscription, listener);
  }

  /** The topics subscribed to (for a pattern, those it matched last); empty when not subscribed. */
  subscription(): string[] {
    return [...(this.coordinator?.subscribed()?.current() ?? [])];
  }

  /**
   * Stop consuming: a group member commits (auto-commit), gives its partitions up through the
   * listener and leaves the group; a manually assigned consumer drops its assignment.
   */
  async unsubscribe(): Promise<void> {
    this.checkOpen();
    if (this.coordinator?.subscribed()) {
      await this.coordinator.leave('the consumer unsubscribed');
      return;
    }
    this.assign([]);
  }

  /** Consume exactly these partitions (replacing the previous assignment). */
  assign(partitions: TopicPartition[]): void {
    this.checkOpen();
    if (this.coordinator?.subscribed()) {
      throw new RunnelError('INVALID_REQUEST', 'assign() cannot be used while subscribed to topics with subscribe(): call unsubscribe() first');
    }
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
      if (!this.states.has(key)) {
        const s = new PartitionState(tp.topic, tp.partition);
        // With a groupId, a new partition starts at the group's committed offset, as in Kafka.
        s.awaitingCommitted = this.coordinator !== null;
        this.states.set(key, s);
      }
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
      s.awaitingCommitted = false;
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
      // A group member's new partition starts at the committed offset, fetched here as poll() would.
      const committedPending = s.awaitingCommitted;
      if (committedPending) await this.coordinator?.fetchCommittedPositions();
      if (this.closed || Date.now() >= deadline) throw new RunnelError('REQUEST_TIMED_OUT', `no position for ${tp.topic}-${tp.partition} within ${timeoutMs} ms`);
      await this.waitForProgress(committedPending ? Math.min(deadline - Date.now(), this.config.retryBackoffMs) : deadline - Date.now());
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
   * when none are buffered. A group member also joins or rejoins the group here and calls its
   * rebalance listener. Throws a partition's error (e.g. OFFSET_OUT_OF_RANGE with
   * autoOffsetReset 'none') once, after which that partition needs a seek.
   */
  async poll(timeoutMs = 1000): Promise<ConsumerRecord[]> {
    this.checkOpen();
    const deadline = Date.now() + Math.max(0, timeoutMs);
    for (;;) {
      this.checkWakeup();
      if (this.coordinator) await this.coordinator.poll();
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

  /**
   * Make a poll() that is waiting throw a WakeupError (or the next one, when none is waiting),
   * e.g. from a signal handler to stop a consuming loop.
   */
  wakeup(): void {
    this.wakeupPending = true;
    this.notify();
  }

  private checkWakeup(): void {
    if (!this.wakeupPending) return;
    this.wakeupPending = false;
    throw new WakeupError();
  }

  /**
   * Commit offsets to the group and wait for the answer: by default the consumed positions of
   * every assigned partition (the offset after the last record poll() returned, with its leader
   * epoch). Throws RebalanceInProgressError (retriable) while the group rebalances, and a
   * CommitFailedError (UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION) when the group has moved on.
   */
  async commitSync(offsets?: OffsetCommitSpec[], timeoutMs = this.config.requestTimeoutMs): Promise<void> {
    this.checkOpen();
    const group = this.group('commitSync()');
    await group.commit(offsets ?? group.positions(), timeoutMs);
  }

  /** commitSync without waiting: the callback (if any) is told how it went; failures are otherwise only logged. */
  commitAsync(offsets?: OffsetCommitSpec[], callback?: CommitCallback): void {
    this.checkOpen();
    const group = this.group('commitAsync()');
    const list = offsets ?? group.positions();
    group.commit(list).then(
      () => callback?.(null, list),
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        if (callback) callback(e, list);
        else this.config.logger.warn({ groupId: group.groupId, err: e.message }, 'async commit failed');
      },
    );
  }

  /** The group's committed offsets of these partitions (offset null where nothing is committed). */
  async committed(partitions: TopicPartition[], timeoutMs = this.config.requestTimeoutMs): Promise<CommittedOffset[]> {
    this.checkOpen();
    return this.group('committed()').committed(partitions, timeoutMs);
  }

  /** Who this consumer is in its group: group id, generation, member id, group instance id. */
  groupMetadata(): GroupMetadata {
    return this.group('groupMetadata()').metadata();
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

  /**
   * Close: a group member commits (auto-commit), gives up its partitions through the listener
   * and leaves the group (a static member keeps its place for session.timeout.ms instead).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.coordinator?.close();
    } finally {
      this.closed = true;
      this.fetcher.close();
      this.cluster.close();
      this.notify();
    }
  }
}
