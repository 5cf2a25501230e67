import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AckPolicy, connect, StorageType, type ConnectionOptions, type Consumer, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import type { BenchTarget, ConsumeWorkload, LatencyWorkload, Measured, ProduceWorkload, ProgressFn, Workload } from './bench-types.js';
import { sendAtFixedRate } from './fixed-rate.js';
import { LatencyRecorder } from './latency-recorder.js';

export interface NatsTargetOptions {
  /** Node i keeps its config, log and JetStream store under <workDir>/nats/n<i>. */
  workDir: string;
  /** Client ports are base..base+2, cluster (route) ports base+3..base+5. */
  basePort?: number;
  logger?: (line: string) => void;
}

const NODES = 3;
const CLUSTER_NAME = 'runnel-bench';
/**
 * Unacknowledged publishes kept in flight. On the 2-core reference machine windows from 250 to
 * 2,000 reached the same rate within run-to-run noise (15,000-23,000 100-byte records/s; 4,000
 * and 8,000 were slower) while the publish-to-ack latency grew with the window: 1,000 keeps a
 * margin over the smallest window on the plateau at half the latency of 2,000.
 */
const PUBLISH_WINDOW = 1_000;
/** Refill the window only once it has drained this far, so sends go out in runs rather than one per ack. */
const PUBLISH_REFILL = PUBLISH_WINDOW * 0.75;
/** Messages a pull consumer asks for at once. */
const PULL_BATCH = 10_000;
const READY_TIMEOUT_MS = 30_000;
/** JetStream API calls and publish acks: generous, as a loaded cluster is slow, not broken. */
const API_TIMEOUT_MS = 30_000;
/** A reader that receives nothing for this long fails the run instead of hanging it. */
const STALL_MS = 30_000;
/** nats-server's default max_payload. */
const MAX_PAYLOAD = 1024 * 1024;
/** Consume and latency records carry their index in their first bytes (big-endian uint32). */
const INDEX_BYTES = 4;

/** nats-server's path, or undefined when it is not installed. */
export async function findNatsServer(): Promise<string | undefined> {
  // Debian installs it in /usr/sbin, which a non-root PATH may lack.
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    const path = join(dir, 'nats-server');
    try {
      await access(path, constants.X_OK);
      return path;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

interface Server {
  name: string;
  dir: string;
  proc: ChildProcess;
  exited: Promise<void>;
}

const running = (s: Server): boolean => s.proc.exitCode === null && s.proc.signalCode === null;

/**
 * NATS JetStream as a bench peer: a three-node JetStream cluster of nats-server processes on
 * 127.0.0.1, driven with the official nats.js client. Every workload gets a fresh R3 file stream,
 * deleted afterwards; partitions have no JetStream counterpart, so any count runs on one stream.
 */
export class NatsTarget implements BenchTarget {
  readonly name = 'nats-jetstream';
  private servers: Server[] = [];
  private nc: NatsConnection | undefined;
  private jsm: JetStreamManager | undefined;
  /** Set while stop() ends the servers, whose exits are then expected. */
  private stopping = false;
  private readonly basePort: number;
  private readonly log: (line: string) => void;
  /** No server outlives the process that started it. */
  private readonly killOnExit = (): void => {
    for (const s of this.servers) if (running(s)) s.proc.kill('SIGKILL');
  };

  constructor(private readonly options: NatsTargetOptions) {
    this.basePort = options.basePort ?? 14222;
    this.log = options.logger ?? (() => {});
  }

  unsupported(w: Workload): string | null {
    if (w.kind === 'failover') return 'failover is not measured for peers';
    if (w.replicationFactor !== 3) return 'only replication factor 3 is compared for NATS JetStream';
    if (w.recordSize > MAX_PAYLOAD) return `records over ${MAX_PAYLOAD} bytes exceed nats-server's max_payload`;
    if (w.kind === 'produce') {
      if (w.acks !== 'all') return 'JetStream acknowledges a publish only once the stream quorum stores it (no acks=1)';
      if (w.compression !== 'none') return 'nats-server 2.9 stores streams uncompressed (no compression to compare)';
    }
    if (w.kind !== 'produce' && w.recordSize < INDEX_BYTES) return `records under ${INDEX_BYTES} bytes cannot carry their index`;
    return null;
  }

  serverPids(): number[] {
    return this.servers.filter(running).map((s) => s.proc.pid!);
  }

  private clientUrls(): string[] {
    return Array.from({ length: NODES }, (_, i) => `nats://127.0.0.1:${this.basePort + i}`);
  }

  /**
   * Every server's URL; no async stack traces, which nats.js otherwise captures for every request
   * (about a sixth of the client's CPU time in a produce run).
   */
  private connectOptions(name: string): ConnectionOptions {
    return { servers: this.clientUrls(), name, noAsyncTraces: true, maxReconnectAttempts: -1 };
  }

  async start(): Promise<void> {
    const bin = await findNatsServer();
    if (!bin) throw new Error('nats-server is not installed (apt-get install nats-server)');
    this.log(`nats-jetstream: starting ${NODES} nats-server nodes on 127.0.0.1:${this.basePort}-${this.basePort + NODES - 1}`);
    process.on('exit', this.killOnExit);
    try {
      for (let i = 0; i < NODES; i++) this.servers.push(await this.startServer(bin, i));
      const started = performance.now();
      await this.waitReady();
      this.log(`nats-jetstream: JetStream cluster ready after ${Math.round(performance.now() - started)} ms`);
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  private async startServer(bin: string, i: number): Promise<Server> {
    const name = `n${i + 1}`;
    const dir = join(this.options.workDir, 'nats', name);
    // A store left by an earlier run that died would bring back its streams.
    await rm(join(dir, 'store'), { recursive: true, force: true });
    await mkdir(join(dir, 'store'), { recursive: true });
    const routePort = (n: number): number => this.basePort + NODES + n;
    const routes = Array.from({ length: NODES }, (_, n) => n)
      .filter((n) => n !== i)
      .map((n) => `    nats-route://127.0.0.1:${routePort(n)}`);
    const config = [
      `server_name: ${name}`,
      `listen: 127.0.0.1:${this.basePort + i}`,
      'jetstream {',
      `  store_dir: ${JSON.stringify(join(dir, 'store'))}`,
      '}',
      'cluster {',
      `  name: ${CLUSTER_NAME}`,
      `  listen: 127.0.0.1:${routePort(i)}`,
      '  routes: [',
      ...routes,
      '  ]',
      '}',
    ].join('\n');
    const configPath = join(dir, 'nats-server.conf');
    await writeFile(configPath, config + '\n');
    const logFd = openSync(join(dir, 'server.log'), 'a');
    const proc = spawn(bin, ['-c', configPath], { stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    const server: Server = { name, dir, proc, exited: new Promise((r) => proc.once('exit', () => r())) };
    proc.once('exit', (code, signal) => {
      if (!this.stopping) this.log(`nats-jetstream: ${name} exited unexpectedly (${signal ?? `code ${code}`}), see ${join(dir, 'server.log')}`);
    });
    return server;
  }

  /** Until the cluster has a JetStream meta leader and places an R3 stream, or a deadline. */
  private async waitReady(): Promise<void> {
    const deadline = performance.now() + READY_TIMEOUT_MS;
    let lastError = 'no answer';
    for (;;) {
      const dead = this.servers.find((s) => !running(s));
      if (dead) throw new Error(`nats-server ${dead.name} exited at start: ${await lastLine(join(dead.dir, 'server.log'))}`);
      try {
        this.nc ??= await connect({ ...this.connectOptions('runnel-bench'), timeout: 2_000 });
        this.jsm ??= await this.nc.jetstreamManager({ timeout: 2_000 });
        await this.jsm.getAccountInfo();
        await this.jsm.streams.add({ name: 'bench_probe', subjects: ['bench.probe'], storage: StorageType.File, num_replicas: NODES });
        await this.jsm.streams.delete('bench_probe');
        // Workload calls get the generous timeout; readiness probes kept theirs short.
        this.jsm = await this.nc.jetstreamManager({ timeout: API_TIMEOUT_MS });
        return;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      }
      if (performance.now() > deadline) throw new Error(`NATS JetStream cluster not ready after ${READY_TIMEOUT_MS / 1000} s: ${lastError}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async run(w: Workload, progress: ProgressFn): Promise<Measured> {
    const reason = this.unsupported(w);
    // unsupported() names a reason for failover too.
    if (reason !== null || w.kind === 'failover') throw new Error(reason!);
    if (!this.nc || !this.jsm) throw new Error('nats-jetstream is not started');
    const slug = w.id.replace(/[^A-Za-z0-9_-]/g, '_');
    const stream = `bench_${slug}`;
    const subject = `bench.${slug}`;
    await this.jsm.streams.add({ name: stream, subjects: [subject], storage: StorageType.File, num_replicas: NODES });
    try {
      const js = this.nc.jetstream({ timeout: API_TIMEOUT_MS });
      if (w.kind === 'produce') return await this.produce(js, subject, w, progress);
      if (w.kind === 'consume') return await this.consume(js, stream, subject, w, progress);
      return await this.latency(js, stream, subject, w, progress);
    } finally {
      await this.jsm.streams.delete(stream);
    }
  }

  private async produce(js: JetStreamClient, subject: string, w: ProduceWorkload, progress: ProgressFn): Promise<Measured> {
    const payload = new Uint8Array(w.recordSize);
    const recorder = new LatencyRecorder();
    let records = 0;
    const measureFrom = performance.now() + w.warmupMs;
    const measureTo = measureFrom + w.durationMs;
    const ticker = setInterval(() => progress(Math.min(w.durationMs, Math.max(0, performance.now() - measureFrom)), w.durationMs), 250);
    try {
      // Acks arriving in the measured window count, so the window sees steady state from both ends.
      await publishPipelined(js, subject, () => (performance.now() < measureTo ? payload : undefined), (sentAt, ackedAt) => {
        if (ackedAt >= measureFrom && ackedAt < measureTo) {
          records++;
          recorder.record(sentAt, ackedAt);
        }
      });
    } finally {
      clearInterval(ticker);
    }
    progress(w.durationMs, w.durationMs);
    return { records, bytes: records * w.recordSize, elapsedMs: w.durationMs, latency: recorder.summary() };
  }

  private async consume(js: JetStreamClient, stream: string, subject: string, w: ConsumeWorkload, progress: ProgressFn): Promise<Measured> {
    let next = 0;
    let acked = 0;
    await publishPipelined(js, subject, () => (next < w.records ? indexed(next++, w.recordSize) : undefined), () => {
      if (++acked % 1_000 === 0) progress(acked, w.records);
    });

    // Readers: one ordered consumer, or that many clients sharing one durable pull consumer. With
    // AckPolicy.None each message goes to one pull request and counts as done when delivered.
    const clients: NatsConnection[] = [];
    try {
      let consumers: Consumer[];
      if (w.consumers === 1) {
        consumers = [await js.consumers.get(stream)];
      } else {
        await this.jsm!.consumers.add(stream, { durable_name: 'bench', ack_policy: AckPolicy.None });
        for (let i = 0; i < w.consumers; i++) clients.push(await connect(this.connectOptions(`runnel-bench-reader-${i}`)));
        consumers = await Promise.all(clients.map((nc) => nc.jetstream({ timeout: API_TIMEOUT_MS }).consumers.get(stream, 'bench')));
      }
      const seen = new Uint8Array(w.records);
      let read = 0;
      const started = performance.now();
      const streams = await Promise.all(consumers.map((c) => c.consume({ max_messages: PULL_BATCH })));
      const stopAll = (err?: Error): void => streams.forEach((s) => s.stop(err));
      const unwatch = stallWatch(() => read, stopAll, `consume ${w.id}`);
      try {
        await Promise.all(
          streams.map(async (messages) => {
            for await (const m of messages) {
              const i = indexOf(m.data);
              if (i >= w.records || seen[i]) throw new Error(`record ${i} was read twice or was never written`);
              seen[i] = 1;
              if (++read % 1_000 === 0) progress(read, w.records);
              if (read === w.records) stopAll();
            }
          }),
        ).catch((err: unknown) => {
          stopAll();
          throw err;
        });
      } finally {
        unwatch();
      }
      const elapsedMs = performance.now() - started;
      if (read !== w.records) throw new Error(`read ${read} of ${w.records} records`);
      progress(read, w.records);
      return { records: read, bytes: read * w.recordSize, elapsedMs };
    } finally {
      await Promise.all(clients.map((nc) => nc.close()));
    }
  }

  private async latency(js: JetStreamClient, stream: string, subject: string, w: LatencyWorkload, progress: ProgressFn): Promise<Measured> {
    const intervalMs = 1000 / w.ratePerSec;
    const total = Math.ceil((w.durationMs * w.ratePerSec) / 1000);
    const recorder = new LatencyRecorder();
    let start = 0;
    let received = 0;
    const messages = await (await js.consumers.get(stream)).consume({ max_messages: PULL_BATCH });
    const reading = (async () => {
      for await (const m of messages) {
        recorder.record(start + indexOf(m.data) * intervalMs, performance.now());
        if (++received === total) messages.stop();
      }
    })();
    // Awaited once sending is over; a reader failure before that must not go unhandled meanwhile.
    reading.catch(() => undefined);
    const unwatch = stallWatch(() => received, (err) => messages.stop(err), `latency ${w.id}`);
    let failure: Error | undefined;
    let settled = 0;
    let allSettled: () => void = () => {};
    const acksDone = new Promise<void>((r) => (allSettled = r));
    const settle = (): void => {
      if (++settled === total) allSettled();
    };
    try {
      start = performance.now();
      const sent = await sendAtFixedRate({
        start,
        ratePerSec: w.ratePerSec,
        total,
        send: (i) => {
          js.publish(subject, indexed(i, w.recordSize)).then(settle, (err: Error) => {
            failure ??= err;
            messages.stop();
            settle();
          });
        },
        progress,
        stopped: () => failure !== undefined,
      });
      await reading;
      if (sent === total) await acksDone;
    } finally {
      unwatch();
    }
    if (failure) throw failure;
    progress(w.durationMs, w.durationMs);
    return { records: received, bytes: received * w.recordSize, elapsedMs: w.durationMs, latency: recorder.summary() };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.nc?.close();
    this.nc = undefined;
    this.jsm = undefined;
    for (const s of this.servers) if (running(s)) s.proc.kill('SIGTERM');
    await Promise.all(
      this.servers.map(async (s) => {
        const timer = setTimeout(() => {
          this.log(`nats-jetstream: ${s.name} ignored SIGTERM for 15 s, killing it`);
          s.proc.kill('SIGKILL');
        }, 15_000);
        await s.exited;
        clearTimeout(timer);
        await rm(join(s.dir, 'store'), { recursive: true, force: true });
      }),
    );
    this.servers = [];
    this.stopping = false;
    process.off('exit', this.killOnExit);
  }
}

/**
 * Publish what `next` returns until it returns undefined, with at most PUBLISH_WINDOW publishes
 * unacknowledged; `onAck` hears each one's send and ack times. The first failed publish fails it.
 */
async function publishPipelined(
  js: JetStreamClient,
  subject: string,
  next: () => Uint8Array | undefined,
  onAck: (sentAt: number, ackedAt: number) => void,
): Promise<void> {
  let inflight = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const settled = (): void => {
    inflight--;
    if (wake && (inflight <= PUBLISH_REFILL || failure !== undefined)) {
      const w = wake;
      wake = undefined;
      w();
    }
  };
  const waitForAcks = (): Promise<void> => new Promise((r) => (wake = r));
  for (;;) {
    if (failure !== undefined) break;
    if (inflight >= PUBLISH_WINDOW) {
      await waitForAcks();
      continue;
    }
    const data = next();
    if (!data) break;
    const sentAt = performance.now();
    inflight++;
    js.publish(subject, data).then(
      () => {
        onAck(sentAt, performance.now());
        settled();
      },
      (err: unknown) => {
        failure ??= err;
        settled();
      },
    );
  }
  while (inflight > 0) await waitForAcks();
  if (failure !== undefined) throw failure;
}

/** A record of `size` bytes carrying `i`. */
function indexed(i: number, size: number): Uint8Array {
  const data = new Uint8Array(size);
  new DataView(data.buffer).setUint32(0, i);
  return data;
}

function indexOf(data: Uint8Array): number {
  return new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0);
}

/** Calls `fail` when `count()` has not moved for STALL_MS; returns the function that ends the watch. */
function stallWatch(count: () => number, fail: (err: Error) => void, what: string): () => void {
  let last = count();
  let since = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (count() !== last) {
      last = count();
      since = now;
    } else if (now - since > STALL_MS) {
      fail(new Error(`${what}: nothing arrived for ${STALL_MS / 1000} s`));
    }
  }, 1_000);
  return () => clearInterval(timer);
}

async function lastLine(path: string): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.trim().split('\n').pop() || 'no log output';
}
