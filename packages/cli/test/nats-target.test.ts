import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsumeWorkload, LatencyWorkload, ProduceWorkload } from '../src/bench/bench-types.js';
import { findNatsServer, NatsTarget } from '../src/bench/nats-target.js';
import { freePorts, tempDir } from '../../../test/harness/processes.js';

const hasNatsServer = (await findNatsServer()) !== undefined;

const produce: ProduceWorkload = { kind: 'produce', id: 'produce', recordSize: 100, acks: 'all', replicationFactor: 3, partitions: 1, compression: 'none', warmupMs: 100, durationMs: 300 };
const consume = (consumers: number): ConsumeWorkload => ({ kind: 'consume', id: `consume-${consumers}`, recordSize: 100, records: 2_000, partitions: 3, replicationFactor: 3, consumers });
const latency: LatencyWorkload = { kind: 'latency', id: 'latency', recordSize: 64, partitions: 1, replicationFactor: 3, fraction: 0.5, rateOf: 'produce', ratePerSec: 500, durationMs: 1_000 };

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const bindable = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/** A base port with the six ports the target uses (base..base+5) free on 127.0.0.1. */
async function freeRange(): Promise<number> {
  for (;;) {
    const [base] = await freePorts(1);
    if (base! + 5 > 65535) continue;
    const free = await Promise.all(Array.from({ length: 6 }, (_, i) => bindable(base! + i)));
    if (free.every(Boolean)) return base!;
  }
}

describe('NatsTarget.unsupported', () => {
  const target = new NatsTarget({ workDir: '/nonexistent' });

  it('runs R3 produce with acks=all and no compression, consume and latency, on any partition count', () => {
    expect(target.unsupported({ ...produce, partitions: 12 })).toBeNull();
    expect(target.unsupported(consume(3))).toBeNull();
    expect(target.unsupported(latency)).toBeNull();
  });

  it('names why acks=1, compression, other replication factors and failover are not compared', () => {
    expect(target.unsupported({ ...produce, acks: '1' })).toMatch(/acks=1/);
    expect(target.unsupported({ ...produce, compression: 'lz4' })).toMatch(/compress/);
    expect(target.unsupported({ ...consume(1), replicationFactor: 1 })).toMatch(/replication factor 3/);
    expect(target.unsupported({ kind: 'failover', victim: 'leader', id: 'f', recordSize: 100, partitions: 1, replicationFactor: 3 })).toMatch(/failover/);
  });
});

describe.skipIf(!hasNatsServer)(hasNatsServer ? 'NatsTarget on a three-node JetStream cluster' : 'NatsTarget (skipped: nats-server is not installed; apt-get install nats-server)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let target: NatsTarget;
  const progress: Array<[number, number]> = [];
  const onProgress = (done: number, total: number): void => void progress.push([done, total]);

  beforeAll(async () => {
    dir = await tempDir('nats-target');
    target = new NatsTarget({ workDir: dir.path, basePort: await freeRange() });
    await target.start();
  });

  afterAll(async () => {
    await target?.stop();
    await dir?.remove();
  });

  it('runs three live nats-server processes', () => {
    const pids = target.serverPids();
    expect(pids).toHaveLength(3);
    expect(pids.every(alive)).toBe(true);
  });

  it('produce counts acknowledged records, each with its publish-to-ack latency', async () => {
    progress.length = 0;
    const m = await target.run(produce, onProgress);
    expect(m.records).toBeGreaterThan(0);
    expect(m.bytes).toBe(m.records * produce.recordSize);
    expect(m.elapsedMs).toBe(produce.durationMs);
    expect(m.latency?.count).toBe(m.records);
    expect(m.latency!.p50).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([produce.durationMs, produce.durationMs]);
  });

  for (const consumers of [1, 3]) {
    it(`consume with ${consumers} consumer(s) reads every record exactly once`, async () => {
      progress.length = 0;
      const w = consume(consumers);
      // The target fails the run on a record read twice or one never read.
      const m = await target.run(w, onProgress);
      expect(m.records).toBe(w.records);
      expect(m.bytes).toBe(w.records * w.recordSize);
      expect(m.elapsedMs).toBeGreaterThan(0);
      expect(progress.at(-1)).toEqual([w.records, w.records]);
    });
  }

  it('latency receives every scheduled record and measures each one', async () => {
    const m = await target.run(latency, onProgress);
    expect(m.records).toBe((latency.ratePerSec * latency.durationMs) / 1000);
    expect(m.bytes).toBe(m.records * latency.recordSize);
    expect(m.latency?.count).toBe(m.records);
    expect(m.latency!.max).toBeGreaterThanOrEqual(m.latency!.p50);
  });

  it('stop ends the servers', async () => {
    const pids = target.serverPids();
    await target.stop();
    expect(pids.some(alive)).toBe(false);
    expect(target.serverPids()).toEqual([]);
  });
});
