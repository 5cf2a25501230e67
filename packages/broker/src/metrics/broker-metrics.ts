import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { MetadataImage } from '@runnel/controller';
import type { Partition } from '../replica/partition.js';

/** What the scrape-time gauges read: the broker's partitions, their settings and its metadata image. */
export interface BrokerMetricsSource {
  partitions: () => Iterable<Partition>;
  minInsyncReplicas: (topic: string) => number;
  image: () => MetadataImage;
  /** Operations parked until their condition or deadline (Kafka's purgatory), by kind. */
  purgatorySize: () => { produce: number; fetch: number };
  /** Committed offsets of the groups this broker coordinates. */
  committedOffsets: () => Iterable<{ group: string; topic: string; partition: number; offset: number }>;
  /** The high watermark of a partition hosted here, or undefined. */
  highWatermark: (topic: string, partition: number) => number | undefined;
  /** Offset of the last metadata record this broker applied. */
  metadataOffset: () => number;
}

export type RequestKind = 'Produce' | 'Fetch';

/**
 * The broker's metrics in Kafka's vocabulary (BytesInPerSec, MessagesInPerSec, BytesOutPerSec,
 * UnderReplicatedPartitions, UnderMinIsrPartitionCount, OfflinePartitionsCount, LeaderCount,
 * IsrShrinksPerSec, IsrExpandsPerSec, request rates and latencies, purgatory size, log sizes, and
 * consumer group lag) as
 * Prometheus series. Counters are bumped on the request paths; gauges are read when scraped, so
 * an idle broker spends nothing on them.
 */
export class BrokerMetrics {
  private readonly bytesIn: Counter<'topic'>;
  private readonly messagesIn: Counter<'topic'>;
  private readonly bytesOut: Counter<'topic'>;
  private readonly requests: Counter<'request' | 'error'>;
  private readonly latency: Histogram<'request'>;
  private readonly isrShrinks: Counter;
  private readonly isrExpands: Counter;

  constructor(registry: Registry, source: BrokerMetricsSource) {
    const registers = [registry];
    this.bytesIn = new Counter({ name: 'runnel_broker_topic_bytes_in_total', help: 'Bytes of record batches appended by leaders here (BytesInPerSec)', labelNames: ['topic'], registers });
    this.messagesIn = new Counter({ name: 'runnel_broker_topic_messages_in_total', help: 'Records appended by leaders here (MessagesInPerSec)', labelNames: ['topic'], registers });
    this.bytesOut = new Counter({ name: 'runnel_broker_topic_bytes_out_total', help: 'Bytes of record batches sent to consumers (BytesOutPerSec)', labelNames: ['topic'], registers });
    this.requests = new Counter({ name: 'runnel_broker_requests_total', help: 'Requests answered, by kind and error name (NONE when it succeeded)', labelNames: ['request', 'error'], registers });
    this.latency = new Histogram({
      name: 'runnel_broker_request_duration_seconds',
      help: 'Time from a request arriving to its answer (TotalTimeMs), by kind',
      labelNames: ['request'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.isrShrinks = new Counter({ name: 'runnel_broker_isr_shrinks_total', help: 'ISR shrinks committed for partitions led here (IsrShrinksPerSec)', registers });
    this.isrExpands = new Counter({ name: 'runnel_broker_isr_expands_total', help: 'ISR expansions committed for partitions led here (IsrExpandsPerSec)', registers });

    const byPartition = (name: string, help: string, value: (p: Partition) => number): void => {
      new Gauge({
        name,
        help,
        labelNames: ['topic', 'partition'],
        registers,
        collect() {
          this.reset();
          for (const p of source.partitions()) this.set({ topic: p.topic, partition: String(p.partition) }, value(p));
        },
      });
    };
    const count = (name: string, help: string, matches: (p: Partition) => boolean): void => {
      new Gauge({
        name,
        help,
        registers,
        collect() {
          let n = 0;
          for (const p of source.partitions()) if (matches(p)) n++;
          this.set(n);
        },
      });
    };
    count('runnel_broker_partitions', 'Partitions hosted here, led or followed (PartitionCount)', () => true);
    count('runnel_broker_leader_partitions', 'Partitions led here (LeaderCount)', (p) => p.isLeader);
    count('runnel_broker_under_replicated_partitions', 'Partitions led here whose ISR is smaller than their replica set (UnderReplicatedPartitions)', (p) => {
      const l = p.leaderState;
      return l !== null && l.committedIsr.length < l.assignedReplicas.length;
    });
    count('runnel_broker_under_min_isr_partitions', 'Partitions led here whose ISR is below min.insync.replicas (UnderMinIsrPartitionCount)', (p) => {
      const l = p.leaderState;
      return l !== null && l.committedIsr.length < source.minInsyncReplicas(p.topic);
    });
    new Gauge({
      name: 'runnel_cluster_offline_partitions',
      help: 'Partitions with no leader, as this broker\'s metadata shows (OfflinePartitionsCount)',
      registers,
      collect() {
        let n = 0;
        for (const topic of source.image().topicsByName.values()) for (const reg of topic.partitions.values()) if (reg.leader < 0) n++;
        this.set(n);
      },
    });
    new Gauge({
      name: 'runnel_broker_purgatory_size',
      help: 'Produce and fetch requests parked until acknowledged or data arrives (PurgatorySize)',
      labelNames: ['operation'],
      registers,
      collect() {
        const s = source.purgatorySize();
        this.set({ operation: 'produce' }, s.produce);
        this.set({ operation: 'fetch' }, s.fetch);
      },
    });
    new Gauge({
      name: 'runnel_group_lag',
      help: 'High watermark minus committed offset, per partition of each group coordinated here (where this broker hosts the partition)',
      labelNames: ['group', 'topic', 'partition'],
      registers,
      collect() {
        this.reset();
        for (const c of source.committedOffsets()) {
          const hw = source.highWatermark(c.topic, c.partition);
          if (hw !== undefined) this.set({ group: c.group, topic: c.topic, partition: String(c.partition) }, Math.max(0, hw - c.offset));
        }
      },
    });
    new Gauge({
      name: 'runnel_broker_metadata_offset',
      help: 'Offset of the last metadata log record this broker applied',
      registers,
      collect() {
        this.set(source.metadataOffset());
      },
    });
    byPartition('runnel_log_size_bytes', 'Bytes on disk of a partition\'s log (Log Size)', (p) => p.log.size);
    byPartition('runnel_log_end_offset', 'Offset the next record appended to the partition gets (LogEndOffset)', (p) => p.log.logEndOffset);
    byPartition('runnel_log_start_offset', 'First offset still in the partition\'s log (LogStartOffset)', (p) => p.log.logStartOffset);
    byPartition('runnel_partition_high_watermark', 'Offset below which records are committed and readable', (p) => p.highWatermark);
  }

  appended(topic: string, bytes: number, records: number): void {
    this.bytesIn.inc({ topic }, bytes);
    this.messagesIn.inc({ topic }, records);
  }

  sent(topic: string, bytes: number): void {
    if (bytes > 0) this.bytesOut.inc({ topic }, bytes);
  }

  /** One answered request: its kind, outcome and time from arrival in ms. */
  answered(request: RequestKind, error: string, elapsedMs: number): void {
    this.requests.inc({ request, error });
    this.latency.observe({ request }, elapsedMs / 1000);
  }

  isrChanged(before: readonly number[], after: readonly number[]): void {
    if (after.length < before.length) this.isrShrinks.inc();
    else if (after.length > before.length) this.isrExpands.inc();
  }
}
