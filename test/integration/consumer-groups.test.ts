import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Admin, Producer } from '@runnel/client';
import { FAST_FAILOVER, TestCluster } from '../harness/cluster.js';
import { NodeProcess, waitFor } from '../harness/processes.js';
import { createReplicatedTopic } from './replication-helpers.js';

const MEMBER = fileURLToPath(new URL('../harness/group-member.mjs', import.meta.url));
const SESSION_TIMEOUT_MS = 6_000;
const PARTITIONS = 6;
const GROUP_CONFIG = { ...FAST_FAILOVER, 'offsets.topic.num.partitions': '3', 'group.initial.rebalance.delay.ms': '0' };

interface MemberEvent {
  event: string;
  partitions?: number[];
  records?: [number, number, string | null][];
  offsets?: Record<string, number>;
}

/** A group member process and what it reported. */
class Member {
  readonly process: NodeProcess;

  constructor(bootstrap: string, readonly name: string, opts: { groupId: string; topic: string; groupInstanceId?: string }) {
    this.process = new NodeProcess(MEMBER, {
      args: [JSON.stringify({ bootstrap, clientId: name, sessionTimeoutMs: SESSION_TIMEOUT_MS, ...opts })],
    });
  }

  private events(): MemberEvent[] {
    const out: MemberEvent[] = [];
    for (const line of this.process.lines) {
      if (!line.startsWith('{"event"')) continue;
      out.push(JSON.parse(line) as MemberEvent);
    }
    return out;
  }

  /** Partitions owned now: assigned, minus revoked and lost (eager and cooperative alike). */
  owned(): Set<number> {
    const owned = new Set<number>();
    for (const e of this.events()) {
      if (e.event === 'assigned') for (const p of e.partitions!) owned.add(p);
      if (e.event === 'revoked' || e.event === 'lost') for (const p of e.partitions!) owned.delete(p);
    }
    return owned;
  }

  /** Every [partition, offset] this member consumed, in order. */
  consumed(): [number, number][] {
    return this.events().filter((e) => e.event === 'records').flatMap((e) => e.records!.map(([p, o]) => [p, o] as [number, number]));
  }

  /** The highest offset this member saw committed per partition. */
  committed(): Map<number, number> {
    const out = new Map<number, number>();
    for (const e of this.events()) {
      if (e.event !== 'committed') continue;
      for (const [p, o] of Object.entries(e.offsets!)) out.set(Number(p), Math.max(out.get(Number(p)) ?? 0, o));
    }
    return out;
  }
}

async function produce(bootstrap: string, topic: string, perPartition: number, from = 0): Promise<void> {
  const producer = new Producer({ bootstrap, acks: 'all', lingerMs: 1 });
  try {
    const sends: Promise<unknown>[] = [];
    for (let p = 0; p < PARTITIONS; p++) {
      for (let i = from; i < from + perPartition; i++) sends.push(producer.send({ topic, partition: p, value: `p${p}-${i}` }));
    }
    await Promise.all(sends);
  } finally {
    await producer.close();
  }
}

/** Partitions owned by exactly one of `members`, when all of 0..PARTITIONS-1 are; else undefined. */
function coveredOnce(members: Member[]): Map<number, string> | undefined {
  const owner = new Map<number, string>();
  for (const m of members) {
    for (const p of m.owned()) {
      if (owner.has(p)) return undefined;
      owner.set(p, m.name);
    }
  }
  return owner.size === PARTITIONS ? owner : undefined;
}

/** Every offset 0..end-1 of every partition was consumed by some member (at least once). */
function missing(members: Member[], endPerPartition: number): string[] {
  const seen = new Set(members.flatMap((m) => m.consumed().map(([p, o]) => `${p}:${o}`)));
  const out: string[] = [];
  for (let p = 0; p < PARTITIONS; p++) for (let o = 0; o < endPerPartition; o++) if (!seen.has(`${p}:${o}`)) out.push(`${p}:${o}`);
  return out;
}

describe('consumer groups across processes', () => {
  let cluster: TestCluster | undefined;
  let members: Member[] = [];

  afterEach(async () => {
    await Promise.all(members.map((m) => m.process.kill()));
    members = [];
    await cluster?.close();
    cluster = undefined;
  });

  it('three members share six partitions, and a SIGKILLed member\'s partitions move within the session timeout', async () => {
    cluster = await TestCluster.start({ config: GROUP_CONFIG });
    const c = cluster;
    await createReplicatedTopic(c, 'shared', { partitions: PARTITIONS });
    members = ['a', 'b', 'c'].map((n) => new Member(c.bootstrap, n, { groupId: 'g1', topic: 'shared' }));
    const first = await waitFor('three members owning two partitions each', () => {
      const owner = coveredOnce(members);
      return owner && members.every((m) => m.owned().size === 2) ? owner : undefined;
    }, { timeoutMs: 45_000 });
    expect(new Set(first.values())).toEqual(new Set(['a', 'b', 'c']));
    await produce(c.bootstrap, 'shared', 10);
    await waitFor('every record consumed', () => missing(members, 10).length === 0, { timeoutMs: 30_000 });

    const victim = members[2]!;
    const moved = [...victim.owned()];
    const killedAt = Date.now();
    await victim.process.kill();
    const survivors = members.slice(0, 2);
    // The coordinator notices the silence after session.timeout.ms, then one rebalance round.
    const after = await waitFor('the survivors owning all six partitions', () => coveredOnce(survivors), { timeoutMs: SESSION_TIMEOUT_MS + 15_000 });
    console.log(`consumer groups: SIGKILL of a member to its partitions reassigned: ${Date.now() - killedAt} ms (session.timeout.ms ${SESSION_TIMEOUT_MS})`);
    for (const p of moved) expect(['a', 'b']).toContain(after.get(p));

    await produce(c.bootstrap, 'shared', 10, 10);
    await waitFor('the records after the kill consumed by the survivors', () => missing(survivors, 20).filter((k) => Number(k.split(':')[1]) >= 10).length === 0, { timeoutMs: 30_000 });
  }, 150_000);

  it('keeps every committed offset through a SIGKILL of the coordinator\'s broker', async () => {
    // Two controllers keep quorum when any one node dies; the coordinator may be any broker.
    cluster = await TestCluster.start({ config: GROUP_CONFIG });
    const c = cluster;
    await createReplicatedTopic(c, 'orders', { partitions: PARTITIONS });
    await produce(c.bootstrap, 'orders', 20);
    members = ['a', 'b'].map((n) => new Member(c.bootstrap, n, { groupId: 'g2', topic: 'orders' }));
    await waitFor('every record consumed', () => missing(members, 20).length === 0, { timeoutMs: 45_000 });

    const admin = new Admin({ bootstrap: c.bootstrap, requestTimeoutMs: 20_000 });
    try {
      const before = await waitFor('all offsets committed', async () => {
        const offsets = await admin.listGroupOffsets('g2');
        return offsets.length === PARTITIONS && offsets.every((o) => o.offset === 20) ? offsets : undefined;
      }, { timeoutMs: 20_000 });
      expect(before).toHaveLength(PARTITIONS);
      const [group] = await admin.describeGroups(['g2']);
      const coordinator = group!.coordinator.nodeId;
      expect(c.ids).toContain(coordinator);
      await c.kill(coordinator);

      // A new coordinator loads the group from __consumer_offsets: nothing committed is lost.
      const reloaded = await waitFor('committed offsets from the new coordinator', async () => {
        const offsets = await admin.listGroupOffsets('g2');
        return offsets.length === PARTITIONS ? offsets : undefined;
      }, { timeoutMs: 30_000 });
      for (const o of reloaded) expect(o.offset).toBeGreaterThanOrEqual(20);
      const [moved] = await admin.describeGroups(['g2']);
      expect(moved!.coordinator.nodeId).not.toBe(coordinator);

      // The group goes on: records written now are consumed and committed.
      await produce(c.bootstrap, 'orders', 10, 20);
      await waitFor('records after the failover consumed', () => missing(members, 30).length === 0, { timeoutMs: 45_000 });
      await waitFor('offsets after the failover committed', async () => {
        const offsets = await admin.listGroupOffsets('g2');
        return offsets.length === PARTITIONS && offsets.every((o) => o.offset === 30);
      }, { timeoutMs: 30_000 });
    } finally {
      await admin.close();
    }
  }, 180_000);

  it('a member restarted under the same group id continues at its last commit: nothing skipped, nothing re-read beyond it', async () => {
    cluster = await TestCluster.start({ config: GROUP_CONFIG });
    const c = cluster;
    await createReplicatedTopic(c, 'resume', { partitions: PARTITIONS });
    await produce(c.bootstrap, 'resume', 50);
    const first = new Member(c.bootstrap, 'first', { groupId: 'g3', topic: 'resume' });
    members.push(first);
    // Kill it mid-stream: some polls are committed, the last may not be.
    await waitFor('some records consumed and committed', () => first.committed().size > 0 && first.consumed().length >= 60, { timeoutMs: 45_000 });
    await first.process.kill();

    const admin = new Admin({ bootstrap: c.bootstrap, requestTimeoutMs: 20_000 });
    let committed: Map<number, number>;
    try {
      committed = new Map((await admin.listGroupOffsets('g3')).map((o) => [o.partition, o.offset]));
    } finally {
      await admin.close();
    }
    const consumedBefore = first.consumed();
    for (const [p, o] of first.committed()) expect(committed.get(p)).toBeGreaterThanOrEqual(o);

    // More records while no member runs, so the restarted one has work on every partition.
    await produce(c.bootstrap, 'resume', 50, 50);
    const second = new Member(c.bootstrap, 'second', { groupId: 'g3', topic: 'resume' });
    members.push(second);
    await waitFor('the rest consumed after the restart', () => missing([first, second], 100).length === 0, { timeoutMs: SESSION_TIMEOUT_MS + 45_000 });
    for (let p = 0; p < PARTITIONS; p++) {
      const offsets = second.consumed().filter(([q]) => q === p).map(([, o]) => o);
      const start = committed.get(p) ?? 0;
      // Starts exactly at the committed offset: earlier offsets were committed (re-reading them would duplicate).
      expect(offsets[0]).toBe(start);
      // Nothing skipped: the committed offset is never past what the first member consumed.
      const lastBefore = Math.max(-1, ...consumedBefore.filter(([q]) => q === p).map(([, o]) => o));
      expect(start).toBeLessThanOrEqual(lastBefore + 1);
    }
  }, 150_000);
});
