/** What `runnel bench` measures and how systems under test plug into it. */

export type Acks = '1' | 'all';
export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

/** Producer throughput: send as fast as the client allows for `durationMs`, after `warmupMs`. */
export interface ProduceWorkload {
  kind: 'produce';
  id: string;
  recordSize: number;
  acks: Acks;
  replicationFactor: number;
  partitions: number;
  compression: Compression;
  warmupMs: number;
  durationMs: number;
}

/** Consumer throughput: `records` records of `recordSize` bytes are written first, then read by `consumers` readers. */
export interface ConsumeWorkload {
  kind: 'consume';
  id: string;
  recordSize: number;
  records: number;
  partitions: number;
  replicationFactor: number;
  /** 1: one reader of every partition (or stream); more: a consumer group of that many members. */
  consumers: number;
}

/**
 * End-to-end latency at a fixed offered rate: records are sent on a schedule and latency runs
 * from each record's intended send time to its arrival at a consumer, so a stall counts against
 * every record it delays (coordinated omission corrected).
 */
export interface LatencyWorkload {
  kind: 'latency';
  id: string;
  recordSize: number;
  partitions: number;
  replicationFactor: number;
  /** Share of the measured maximum of `rateOf`; the runner fills `ratePerSec` before running. */
  fraction: number;
  rateOf: string;
  ratePerSec: number;
  durationMs: number;
}

/** From SIGKILL of a partition leader to the next acks=all write acknowledged (clusters the bench started only). */
export interface FailoverWorkload {
  kind: 'failover';
  id: string;
  /**
   * Which node dies: a partition leader that is not the active controller (a broker failure),
   * or the active controller's node, which also leads partitions (both roles fail at once).
   */
  victim: 'leader' | 'controller';
  recordSize: number;
  partitions: number;
  replicationFactor: number;
}

export type Workload = ProduceWorkload | ConsumeWorkload | LatencyWorkload | FailoverWorkload;

/** Latency percentiles in milliseconds. */
export interface LatencySummary {
  p50: number;
  p99: number;
  p999: number;
  max: number;
  count: number;
}

/** What a target reports for one workload; the runner adds timing-independent server figures. */
export interface Measured {
  records: number;
  bytes: number;
  elapsedMs: number;
  latency?: LatencySummary;
  /** Failover only: ms from the kill to the first acknowledged write sent after it. */
  failoverMs?: number;
}

export interface WorkloadResult extends Measured {
  target: string;
  workload: Workload;
  recordsPerSec: number;
  mbPerSec: number;
  /** CPU seconds (user+system) of the target's server processes during the workload; absent when unknown. */
  serverCpuSeconds?: number;
  /** Largest resident set (MiB) of any one server process sampled during the workload. */
  serverPeakRssMiB?: number;
}

/** A skipped target or workload, with the one-line reason printed. */
export interface Skip {
  target: string;
  workload?: string;
  reason: string;
}

export interface BenchReport {
  startedAt: string;
  mode: 'quick' | 'full';
  host: { cpus: number; memoryGiB: number; node: string; platform: string };
  results: WorkloadResult[];
  skipped: Skip[];
}

/** Reports done/total of the current workload (records, or milliseconds for timed ones). */
export type ProgressFn = (done: number, total: number) => void;

/** A system under test: Runnel itself or a peer. */
export interface BenchTarget {
  readonly name: string;
  /** Why this target cannot run `w` (different model, no such setting), or null when it can. */
  unsupported(w: Workload): string | null;
  /** Start (or connect to) the system. Throws a one-line reason when it is not available. */
  start(): Promise<void>;
  /** Server processes whose CPU and memory are reported; empty when the system was not started here. */
  serverPids(): number[];
  run(w: Workload, progress: ProgressFn): Promise<Measured>;
  stop(): Promise<void>;
}
