import type * as grpc from '@grpc/grpc-js';
import {
  ErrorCodes,
  RunnelError,
  callUnary,
  decodeRecordBatches,
  errorName,
  fromServiceError,
  isRetriable,
  isControl,
  type ErrorName,
  type pb,
} from '@runnel/protocol';
import type { Cluster } from './cluster.js';
import type { ResolvedConsumerConfig } from './consumer-config.js';
import { Wakeup } from './wakeup.js';
import { recordBytes, type PartitionState } from './partition-state.js';

/** Errors meaning "ask someone else, or later": refresh metadata and fetch again from the same offset. */
const REFRESH_ON: ReadonlySet<ErrorName> = new Set<ErrorName>([
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'KAFKA_STORAGE_ERROR',
  'NETWORK_EXCEPTION',
  'REQUEST_TIMED_OUT',
  'REPLICA_NOT_AVAILABLE',
  'OFFSET_NOT_AVAILABLE',
]);

interface Outstanding {
  id: number;
  /** Partition key -> generation at request time. */
  parts: Map<string, number>;
  timer: NodeJS.Timeout;
}

interface BrokerStream {
  stream: grpc.ClientDuplexStream<pb.FetchRequest, pb.FetchResponse__Output>;
  outstanding: Outstanding | null;
  /** Answers whose records are still being decoded; the next fetch waits for them. */
  processing: number;
}

/**
 * The consumer's I/O side: one Fetch stream per leader broker with one long-poll outstanding on
 * it, covering every assigned partition that has room in its buffer. When the set of partitions
 * to fetch from a broker changes (a seek, a pause, records consumed), the outstanding long-poll
 * is cancelled and reissued. Answers append to partition buffers after skipping the records
 * below the fetch offset (a fetch starts at the batch holding that offset) and control records.
 * Positions without an offset are resolved with ListOffsets (auto.offset.reset, seekToBeginning,
 * seekToEnd).
 */
export class Fetcher {
  private readonly streams = new Map<number, BrokerStream>();
  private nextId = 1;
  private readonly wake = new Wakeup(() => this.run());
  private closed = false;

  constructor(
    private readonly config: ResolvedConsumerConfig,
    private readonly cluster: Cluster,
    private readonly states: Map<string, PartitionState>,
    private readonly onProgress: () => void,
  ) {}

  wakeup(): void {
    this.wake.soon();
  }

  private run(): void {
    const now = Date.now();
    let nextWake = Infinity;
    let needMetadata = false;
    const resets = new Map<number, PartitionState[]>();
    const wanted = new Map<number, PartitionState[]>();
    for (const [key, s] of this.states) {
      if (s.error || s.resetting || s.awaitingCommitted) continue;
      if (s.position === null && s.reset === null) {
        if (this.config.autoOffsetReset === 'none') {
          s.error = new RunnelError('OFFSET_OUT_OF_RANGE', `no position for ${key} and autoOffsetReset is 'none': seek first`, { details: { topic: s.topic, partition: String(s.partition) } });
          this.onProgress();
          continue;
        }
        s.reset = this.config.autoOffsetReset;
      }
      if (s.retryAtMs > now) {
        nextWake = Math.min(nextWake, s.retryAtMs);
        continue;
      }
      const leader = this.cluster.leaderOf(s.topic, s.partition);
      if (leader < 0) {
        // A topic we may not describe (TOPIC_AUTHORIZATION_FAILED) will not get a leader by asking again.
        const topicError = this.cluster.topic(s.topic)?.error ?? 'NONE';
        if (topicError !== 'NONE' && !isRetriable(topicError)) {
          s.error = new RunnelError(topicError, `fetching ${key}: ${ErrorCodes[topicError].description}`, { details: { topic: s.topic, partition: String(s.partition) } });
          this.onProgress();
          continue;
        }
        needMetadata = true;
        continue;
      }
      if (s.reset) {
        push(resets, leader, s);
        continue;
      }
      if (s.paused || s.bufferedBytes >= this.config.maxPartitionFetchBytes) continue;
      // Answered, and its records still being decoded: wait for them.
      const outstanding = this.streams.get(leader)?.outstanding;
      if (s.inFlight !== 0 && s.inFlight !== outstanding?.id) continue;
      push(wanted, leader, s);
    }
    for (const [leader, list] of resets) void this.resetOffsets(leader, list);
    for (const [nodeId, b] of this.streams) {
      const o = b.outstanding;
      if (!o) continue;
      const want = wanted.get(nodeId) ?? [];
      const same = want.length === o.parts.size && want.every((s) => o.parts.get(`${s.topic}-${s.partition}`) === s.generation);
      if (same) {
        wanted.delete(nodeId);
        continue;
      }
      this.cancel(b, o);
    }
    for (const [nodeId, list] of wanted) {
      if ((this.streams.get(nodeId)?.processing ?? 0) > 0) continue;
      this.send(nodeId, list);
    }
    if (needMetadata) this.refreshThenWake();
    this.wake.at(nextWake);
  }

  private refreshThenWake(): void {
    this.cluster.refresh().then(
      () => this.wakeup(),
      (err: unknown) => {
        this.config.logger.warn({ err: String(err) }, 'metadata refresh failed');
        if (err instanceof RunnelError && err.errorName === 'SASL_AUTHENTICATION_FAILED') {
          // A refused login is not cured by retrying: poll() reports it.
          for (const s of this.states.values()) s.error ??= err;
          this.onProgress();
        }
        this.wake.at(Date.now() + this.config.retryBackoffMs);
      },
    );
  }

  private cancel(b: BrokerStream, o: Outstanding): void {
    clearTimeout(o.timer);
    b.outstanding = null;
    for (const key of o.parts.keys()) {
      const s = this.states.get(key);
      if (s && s.inFlight === o.id) s.inFlight = 0;
    }
    b.stream.write({ correlationId: 0, cancelCorrelationId: o.id, topics: [] });
  }

  private streamTo(nodeId: number): BrokerStream {
    let b = this.streams.get(nodeId);
    if (b) return b;
    const stream = this.cluster.brokerClient(nodeId).fetch();
    const entry: BrokerStream = { stream, outstanding: null, processing: 0 };
    b = entry;
    this.streams.set(nodeId, entry);
    stream.on('data', (response: pb.FetchResponse__Output) => {
      const o = entry.outstanding;
      if (this.streams.get(nodeId) !== entry || !o || o.id !== response.correlationId) return;
      clearTimeout(o.timer);
      entry.outstanding = null;
      entry.processing++;
      void this.onResponse(response, o).finally(() => {
        entry.processing--;
        this.wakeup();
      });
    });
    const broken = (why: string): void => {
      if (this.streams.get(nodeId) !== entry) return;
      this.streams.delete(nodeId);
      stream.cancel();
      const o = entry.outstanding;
      entry.outstanding = null;
      if (o) {
        clearTimeout(o.timer);
        this.config.logger.warn({ broker: nodeId, err: why }, 'fetch stream failed; refreshing metadata');
        const retryAt = Date.now() + this.config.retryBackoffMs;
        for (const key of o.parts.keys()) {
          const s = this.states.get(key);
          if (s && s.inFlight === o.id) {
            s.inFlight = 0;
            s.retryAtMs = retryAt;
          }
        }
        this.refreshThenWake();
        this.wake.at(retryAt);
      }
    };
    stream.on('error', (err: unknown) => broken(fromServiceError(err).message));
    stream.on('end', () => broken('the broker closed the fetch stream'));
    return entry;
  }

  private send(nodeId: number, list: PartitionState[]): void {
    let b: BrokerStream;
    try {
      b = this.streamTo(nodeId);
    } catch {
      this.refreshThenWake();
      return;
    }
    const id = this.nextId++;
    const topics = new Map<string, pb.FetchPartition[]>();
    const parts = new Map<string, number>();
    for (const s of list) {
      let t = topics.get(s.topic);
      if (!t) topics.set(s.topic, (t = []));
      t.push({
        partition: s.partition,
        fetchOffset: s.fetchOffset,
        partitionMaxBytes: this.config.maxPartitionFetchBytes,
        currentLeaderEpoch: this.cluster.partition(s.topic, s.partition)?.leaderEpoch ?? -1,
      });
      parts.set(`${s.topic}-${s.partition}`, s.generation);
      s.inFlight = id;
    }
    const timer = setTimeout(() => {
      if (b.outstanding?.id === id) b.stream.emit('error', new RunnelError('REQUEST_TIMED_OUT', `no fetch answer from broker ${nodeId} in time`));
    }, this.config.fetchMaxWaitMs + this.config.requestTimeoutMs);
    b.outstanding = { id, parts, timer };
    b.stream.write({
      correlationId: id,
      maxWaitMs: this.config.fetchMaxWaitMs,
      minBytes: this.config.fetchMinBytes,
      maxBytes: this.config.fetchMaxBytes,
      isolationLevel: 0,
      topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
      cancelCorrelationId: 0,
    });
  }

  private async onResponse(response: pb.FetchResponse__Output, o: Outstanding): Promise<void> {
    const whole = errorName(response.errorCode);
    const answers = new Map<string, pb.FetchPartitionResponse__Output>();
    for (const t of response.topics) for (const p of t.partitions) answers.set(`${t.name}-${p.partition}`, p);
    await Promise.all(
      [...o.parts].map(async ([key, generation]) => {
        const s = this.states.get(key);
        if (!s || s.generation !== generation) return;
        try {
          const a = answers.get(key);
          const error = whole !== 'NONE' ? whole : a ? errorName(a.errorCode) : 'UNKNOWN_SERVER_ERROR';
          if (error === 'NONE') await this.append(s, generation, a!);
          else this.onError(s, error, whole !== 'NONE' ? response.errorMessage : a?.errorMessage ?? `no answer for ${key}`);
        } finally {
          if (s.inFlight === o.id) s.inFlight = 0;
        }
      }),
    );
    this.onProgress();
  }

  private async append(s: PartitionState, generation: number, a: pb.FetchPartitionResponse__Output): Promise<void> {
    s.highWatermark = a.highWatermark;
    if (a.records.length === 0) return;
    let batches;
    try {
      batches = await decodeRecordBatches(a.records);
    } catch (err) {
      const e = err instanceof RunnelError ? err : new RunnelError('CORRUPT_MESSAGE', String(err));
      if (s.generation === generation) s.error = new RunnelError(e.errorName, `fetched data of ${s.topic}-${s.partition} at offset ${s.fetchOffset}: ${e.message}`);
      return;
    }
    // A seek while decoding made these records someone else's concern.
    if (s.generation !== generation) return;
    for (const batch of batches) {
      const end = batch.header.baseOffset + batch.header.lastOffsetDelta + 1;
      if (!isControl(batch.header.attributes)) {
        for (const r of batch.records) {
          if (r.offset < s.fetchOffset) continue;
          const record = { topic: s.topic, partition: s.partition, offset: r.offset, timestamp: r.timestamp, leaderEpoch: batch.header.partitionLeaderEpoch, key: r.key, value: r.value, headers: r.headers };
          s.buffer.push(record);
          s.bufferedBytes += recordBytes(record);
        }
      }
      if (end > s.fetchOffset) s.fetchOffset = end;
    }
  }

  private onError(s: PartitionState, error: ErrorName, message: string): void {
    const key = `${s.topic}-${s.partition}`;
    if (error === 'OFFSET_OUT_OF_RANGE') {
      if (this.config.autoOffsetReset === 'none') {
        s.error = new RunnelError(error, `offset ${s.fetchOffset} of ${key} is out of range and autoOffsetReset is 'none': ${message}`, { details: { topic: s.topic, partition: String(s.partition) } });
      } else {
        this.config.logger.info({ topic: s.topic, partition: s.partition, offset: s.fetchOffset, reset: this.config.autoOffsetReset }, 'offset out of range; resetting');
        s.position = null;
        s.clear();
        s.reset = this.config.autoOffsetReset;
      }
      return;
    }
    if (REFRESH_ON.has(error) || new RunnelError(error).retriable) {
      this.config.logger.debug({ topic: s.topic, partition: s.partition, error }, 'fetch will be retried');
      s.retryAtMs = Date.now() + this.config.retryBackoffMs;
      this.wake.at(s.retryAtMs);
      if (REFRESH_ON.has(error)) this.refreshThenWake();
      return;
    }
    s.error = new RunnelError(error, `fetching ${key}: ${message}`, { details: { topic: s.topic, partition: String(s.partition) } });
  }

  /** Resolve pending resets (earliest/latest) of partitions led by one broker. */
  private async resetOffsets(leader: number, list: PartitionState[]): Promise<void> {
    const asked = list.map((s) => ({ s, generation: s.generation, reset: s.reset! }));
    for (const s of list) s.resetting = true;
    const byTopic = new Map<string, pb.ListOffsetsPartition[]>();
    for (const { s, reset } of asked) {
      let t = byTopic.get(s.topic);
      if (!t) byTopic.set(s.topic, (t = []));
      t.push({ partition: s.partition, timestamp: reset === 'earliest' ? -2 : -1, currentLeaderEpoch: this.cluster.partition(s.topic, s.partition)?.leaderEpoch ?? -1 });
    }
    let response: pb.ListOffsetsResponse__Output | null = null;
    let failure: RunnelError | null = null;
    try {
      const client = this.cluster.brokerClient(leader);
      response = await callUnary(client.listOffsets.bind(client), { isolationLevel: 0, topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })) }, { timeoutMs: this.config.requestTimeoutMs });
    } catch (err) {
      failure = err instanceof RunnelError ? err : new RunnelError('NETWORK_EXCEPTION', String(err));
    }
    const answers = new Map<string, pb.ListOffsetsPartitionResponse__Output>();
    for (const t of response?.topics ?? []) for (const p of t.partitions) answers.set(`${t.name}-${p.partition}`, p);
    for (const { s, generation, reset } of asked) {
      s.resetting = false;
      if (s.generation !== generation || s.reset !== reset) continue;
      const a = answers.get(`${s.topic}-${s.partition}`);
      const error: ErrorName = failure ? failure.errorName : a ? errorName(a.errorCode) : 'UNKNOWN_SERVER_ERROR';
      if (error === 'NONE' && a!.offset >= 0) {
        s.seek(a!.offset);
        this.config.logger.debug({ topic: s.topic, partition: s.partition, offset: a!.offset, reset }, 'position reset');
      } else if (error === 'NONE' || REFRESH_ON.has(error) || new RunnelError(error).retriable) {
        s.retryAtMs = Date.now() + this.config.retryBackoffMs;
        this.wake.at(s.retryAtMs);
        if (error !== 'NONE') this.refreshThenWake();
      } else {
        s.error = new RunnelError(error, `resetting the offset of ${s.topic}-${s.partition} to ${reset}: ${failure?.message ?? a?.errorMessage ?? ''}`);
      }
    }
    this.onProgress();
    this.wakeup();
  }

  close(): void {
    this.closed = true;
    this.wake.stop();
    for (const b of this.streams.values()) {
      if (b.outstanding) clearTimeout(b.outstanding.timer);
      b.stream.cancel();
    }
    this.streams.clear();
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
