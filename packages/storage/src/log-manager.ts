import { join } from 'node:path';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { RunnelError } from '@runnel/protocol';
import { OffsetCheckpointFile, parsePartitionKey, partitionKey, writeAtomically } from './checkpoint-file.js';
import { LogCleaner } from './cleaner.js';
import type { CleanStats } from './cleaner.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { DEFAULT_LOG_CONFIG, shouldCompact } from './config.js';
import type { LogConfig } from './config.js';
import { nodeFs } from './file-io.js';
import type { StorageFs } from './file-io.js';
import { Log } from './log.js';

export const RECOVERY_POINT_CHECKPOINT = 'recovery-point-offset-checkpoint';
export const LOG_START_OFFSET_CHECKPOINT = 'log-start-offset-checkpoint';
export const HIGH_WATERMARK_CHECKPOINT = 'replication-offset-checkpoint';
export const CLEANER_CHECKPOINT = 'cleaner-offset-checkpoint';
export const CLEAN_SHUTDOWN_MARKER = '.runnel_cleanshutdown';
const DELETE_DIR_SUFFIX = '-delete';

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: Timers = {
  setInterval: (fn, ms) => {
    const t = setInterval(fn, ms);
    t.unref();
    return t;
  },
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

export interface LogManagerOptions {
  dataDir: string;
  /** Settings for logs created without their own. */
  defaultConfig?: LogConfig;
  /** Per-topic settings for logs found on disk at start-up. */
  topicConfig?: (topic: string) => LogConfig | undefined;
  /** Logs opened (and recovered) at once during start-up (Kafka's num.recovery.threads.per.data.dir). */
  recoveryParallelism?: number;
  /** log.retention.check.interval.ms */
  retentionCheckIntervalMs?: number;
  /** log.flush.scheduler.interval.ms: how often flush.ms is checked. */
  flushCheckIntervalMs?: number;
  /** log.flush.offset.checkpoint.interval.ms (also used for the other checkpoints). */
  checkpointIntervalMs?: number;
  /** log.cleaner.backoff.ms */
  cleanerBackoffMs?: number;
  /** Most keys one compaction pass maps. */
  cleanerMaxKeys?: number;
  clock?: Clock;
  timers?: Timers;
  fs?: StorageFs;
  logger?: Logger;
}

/**
 * Owns every partition log of one data directory: opens them at start-up (bounded parallelism,
 * recovering after an unclean stop), creates and deletes them, runs retention, flushing,
 * compaction and checkpointing on a schedule, and reports sizes.
 */
export class LogManager {
  private readonly logs = new Map<string, Log>();
  private readonly fs: StorageFs;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly logger: Logger;
  private readonly defaultConfig: LogConfig;
  private readonly recoveryFile: OffsetCheckpointFile;
  private readonly startFile: OffsetCheckpointFile;
  private readonly hwFile: OffsetCheckpointFile;
  private readonly cleanerFile: OffsetCheckpointFile;
  private readonly cleaner: LogCleaner;
  private cleanerOffsets = new Map<string, number>();
  private readonly handles: unknown[] = [];
  private readonly running = new Set<string>();
  private deleteCounter = 0;
  private closed = false;

  private constructor(private readonly opts: LogManagerOptions) {
    this.fs = opts.fs ?? nodeFs;
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? realTimers;
    this.logger = (opts.logger ?? pino({ name: 'storage' })).child({ dataDir: opts.dataDir });
    this.defaultConfig = opts.defaultConfig ?? { ...DEFAULT_LOG_CONFIG };
    this.recoveryFile = new OffsetCheckpointFile(this.fs, join(opts.dataDir, RECOVERY_POINT_CHECKPOINT));
    this.startFile = new OffsetCheckpointFile(this.fs, join(opts.dataDir, LOG_START_OFFSET_CHECKPOINT));
    this.hwFile = new OffsetCheckpointFile(this.fs, join(opts.dataDir, HIGH_WATERMARK_CHECKPOINT));
    this.cleanerFile = new OffsetCheckpointFile(this.fs, join(opts.dataDir, CLEANER_CHECKPOINT));
    this.cleaner = new LogCleaner({ clock: this.clock, logger: this.logger, maxMapKeys: opts.cleanerMaxKeys });
  }

  static async open(opts: LogManagerOptions): Promise<LogManager> {
    const m = new LogManager(opts);
    await m.load();
    return m;
  }

  private async load(): Promise<void> {
    const dir = this.opts.dataDir;
    await this.fs.mkdir(dir);
    const markerPath = join(dir, CLEAN_SHUTDOWN_MARKER);
    const clean = await this.fs.exists(markerPath);
    const [recovery, starts, hws] = await Promise.all([this.recoveryFile.read(), this.startFile.read(), this.hwFile.read()]);
    this.cleanerOffsets = await this.cleanerFile.read();
    const keys: string[] = [];
    for (const name of await this.fs.readdir(dir)) {
      if (name.endsWith(DELETE_DIR_SUFFIX)) {
        await this.fs.rmrf(join(dir, name));
        continue;
      }
      if (name.startsWith('.') || name.includes('checkpoint')) continue;
      try {
        parsePartitionKey(name);
        keys.push(name);
      } catch {
        // Not a partition directory.
      }
    }
    const parallelism = Math.max(1, this.opts.recoveryParallelism ?? 4);
    let next = 0;
    const worker = async () => {
      while (next < keys.length) {
        const key = keys[next++]!;
        const { topic, partition } = parsePartitionKey(key);
        const log = await Log.open({
          dir: join(dir, key),
          topic,
          partition,
          config: this.opts.topicConfig?.(topic) ?? this.defaultConfig,
          recoveryPoint: recovery.get(key),
          logStartOffset: starts.get(key),
          highWatermark: hws.get(key),
          hadCleanShutdown: clean,
          clock: this.clock,
          fs: this.fs,
          logger: this.logger,
        });
        this.logs.set(key, log);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallelism, keys.length) }, worker));
    // From here on a crash is unclean: remove the marker before accepting writes.
    if (clean) {
      await this.fs.unlink(markerPath);
      await this.fs.syncDir(dir);
    }
    this.logger.info({ logs: this.logs.size, cleanShutdown: clean }, 'log manager started');
  }

  getLog(topic: string, partition: number): Log | undefined {
    return this.logs.get(partitionKey(topic, partition));
  }

  allLogs(): Log[] {
    return [...this.logs.values()];
  }

  /** The partition's log, created empty if it does not exist yet. */
  async createLog(topic: string, partition: number, config?: LogConfig): Promise<Log> {
    this.ensureOpen();
    const key = partitionKey(topic, partition);
    const existing = this.logs.get(key);
    if (existing) return existing;
    if (!/^[a-zA-Z0-9._-]+$/.test(topic) || topic === '.' || topic === '..' || !Number.isSafeInteger(partition) || partition < 0) {
      throw new RunnelError('INVALID_TOPIC_EXCEPTION', `cannot create a log for topic '${topic}' partition ${partition}: use [a-zA-Z0-9._-] and a partition >= 0`);
    }
    const log = await Log.open({
      dir: join(this.opts.dataDir, key),
      topic,
      partition,
      config: config ?? this.opts.topicConfig?.(topic) ?? this.defaultConfig,
      clock: this.clock,
      fs: this.fs,
      logger: this.logger,
    });
    this.logs.set(key, log);
    return log;
  }

  /** Remove the partition: rename its directory aside at once, then delete the files. */
  async deleteLog(topic: string, partition: number): Promise<boolean> {
    const key = partitionKey(topic, partition);
    const log = this.logs.get(key);
    if (!log) return false;
    this.logs.delete(key);
    this.cleanerOffsets.delete(key);
    const aside = join(this.opts.dataDir, `${key}.${this.clock.now()}.${this.deleteCounter++}${DELETE_DIR_SUFFIX}`);
    await log.close();
    await this.fs.rename(log.dir, aside);
    await this.fs.syncDir(this.opts.dataDir);
    await this.fs.rmrf(aside);
    this.logger.info({ topic, partition }, 'deleted log');
    return true;
  }

  /** Bytes on disk per partition ("topic-partition" -> bytes). */
  sizes(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [key, log] of this.logs) out.set(key, log.size);
    return out;
  }

  /** Apply retention to every log; returns the segments deleted. */
  async runRetention(): Promise<number> {
    let total = 0;
    for (const log of this.logs.values()) {
      try {
        total += await log.deleteOldSegments();
      } catch (err) {
        this.logger.error({ err, topic: log.topic, partition: log.partition }, 'retention failed');
      }
    }
    return total;
  }

  /** Flush logs whose flush.ms has passed. */
  async flushDirtyLogs(): Promise<void> {
    for (const log of this.logs.values()) {
      try {
        await log.flushIfDue();
      } catch (err) {
        this.logger.error({ err, topic: log.topic, partition: log.partition }, 'flush failed');
      }
    }
  }

  /** One compaction pass over every compacted log that is dirty enough (or all, with force). */
  async runCleaner(force = false): Promise<Map<string, CleanStats>> {
    const out = new Map<string, CleanStats>();
    for (const [key, log] of this.logs) {
      if (!shouldCompact(log.config)) continue;
      try {
        // A checkpoint past the log end means the log was truncated since: start over.
        const checkpoint = this.cleanerOffsets.get(key);
        const firstDirty = checkpoint !== undefined && checkpoint <= log.logEndOffset ? checkpoint : log.logStartOffset;
        const stats = await this.cleaner.clean(log, firstDirty, force);
        if (stats) {
          out.set(key, stats);
          this.cleanerOffsets.set(key, stats.cleanedUpTo);
        }
      } catch (err) {
        this.logger.error({ err, topic: log.topic, partition: log.partition }, 'compaction failed');
      }
    }
    if (out.size > 0) await this.cleanerFile.write(this.cleanerOffsets);
    return out;
  }

  /** Write the recovery-point, log-start-offset and high-watermark checkpoints. */
  async checkpoint(): Promise<void> {
    const recovery = new Map<string, number>();
    const starts = new Map<string, number>();
    const hws = new Map<string, number>();
    for (const [key, log] of this.logs) {
      recovery.set(key, log.recoveryPoint);
      starts.set(key, log.logStartOffset);
      hws.set(key, log.highWatermark);
    }
    await this.recoveryFile.write(recovery);
    await this.startFile.write(starts);
    await this.hwFile.write(hws);
  }

  /** Start the background schedule (retention, flush, checkpoints, cleaner). */
  start(): void {
    this.ensureOpen();
    this.every('retention', this.opts.retentionCheckIntervalMs ?? 300_000, () => this.runRetention());
    this.every('flush', this.opts.flushCheckIntervalMs ?? 1_000, () => this.flushDirtyLogs());
    this.every('checkpoint', this.opts.checkpointIntervalMs ?? 60_000, () => this.checkpoint());
    this.every('cleaner', this.opts.cleanerBackoffMs ?? 15_000, () => this.runCleaner());
  }

  /** A task that never overlaps itself: a tick that finds the previous run busy is skipped. */
  private every(name: string, ms: number, task: () => Promise<unknown>): void {
    this.handles.push(
      this.timers.setInterval(() => {
        if (this.running.has(name) || this.closed) return;
        this.running.add(name);
        task()
          .catch((err) => this.logger.error({ err, task: name }, 'scheduled storage task failed'))
          .finally(() => this.running.delete(name));
      }, ms),
    );
  }

  private ensureOpen(): void {
    if (this.closed) throw new RunnelError('KAFKA_STORAGE_ERROR', `log manager for ${this.opts.dataDir} is closed`);
  }

  /** Stop the schedule, close every log, checkpoint, and leave the clean-shutdown marker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const h of this.handles) this.timers.clearInterval(h);
    await Promise.all([...this.logs.values()].map((l) => l.close()));
    await this.checkpoint();
    await writeAtomically(this.fs, join(this.opts.dataDir, CLEAN_SHUTDOWN_MARKER), Buffer.alloc(0));
    this.logger.info({ logs: this.logs.size }, 'log manager closed cleanly');
  }
}
