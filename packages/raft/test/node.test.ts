import { isRunnelError } from '@runnel/protocol';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotLeaderError } from '../src/errors.js';
import { RaftNode } from '../src/node.js';
import { Observer } from '../src/observer.js';
import { SeededRandom } from '../src/random.js';
import type { StateMachine } from '../src/state-machine.js';
import { LocalNetwork } from '../src/transport.js';
import type { Entry, NodeId, Snapshot } from '../src/types.js';
import { waitFor } from '../../../test/harness/processes.js';

/** A state machine that keeps the list of normal entries' texts. */
class ListMachine implements StateMachine {
  items: string[] = [];
  lastIndex = 0;
  restores = 0;
  apply(entry: Entry): void {
    if (entry.index !== this.lastIndex + 1) throw new Error(`applied ${entry.index} after ${this.lastIndex}`);
    this.lastIndex = entry.index;
    if (entry.type === 'normal') this.items.push(entry.data.toString());
  }
  snapshot(): Buffer {
    return Buffer.from(JSON.stringify(this.items));
  }
  restore(snapshot: Snapshot): void {
    this.restores++;
    this.items = snapshot.data.length > 0 ? (JSON.parse(snapshot.data.toString()) as string[]) : [];
    this.lastIndex = snapshot.meta.index;
  }
}

const until = (cond: () => boolean, what: string, ms = 10_000): Promise<unknown> => waitFor(what, cond, { timeoutMs: ms, intervalMs: 5 });

const logger = pino({ level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function cluster(ids: NodeId[], snapshotEvery = 10_000, proposalTimeoutMs = 10_000) {
  const base = await mkdtemp(join(tmpdir(), 'raft-node-'));
  const net = new LocalNetwork();
  const nodes = new Map<NodeId, RaftNode>();
  const machines = new Map<NodeId, ListMachine>();
  const start = async (id: NodeId, voters = ids): Promise<RaftNode> => {
    const sm = new ListMachine();
    const node = await RaftNode.start({
      id,
      voters,
      dir: join(base, `node-${id}`),
      transport: net.transport(id),
      stateMachine: sm,
      logger,
      tickMs: 5,
      electionTicks: 10,
      heartbeatTicks: 2,
      random: new SeededRandom(id),
      snapshotEvery,
      proposalTimeoutMs,
    });
    nodes.set(id, node);
    machines.set(id, sm);
    return node;
  };
  for (const id of ids) await start(id);
  cleanups.push(async () => {
    for (const n of nodes.values()) await n.close();
    await rm(base, { recursive: true, force: true });
  });
  const leader = (): RaftNode | undefined => [...nodes.values()].find((n) => n.isLeader);
  return { net, nodes, machines, start, leader };
}

describe('RaftNode', () => {
  it('elects a leader, commits proposals on every node, and refuses proposals elsewhere with a leader hint', async () => {
    const c = await cluster([1, 2, 3]);
    await until(() => c.leader() !== undefined, 'a leader');
    const leader = c.leader()!;
    const indexes = await Promise.all(['a', 'b', 'c'].map((t) => leader.propose(Buffer.from(t))));
    expect(indexes).toEqual([indexes[0], indexes[0]! + 1, indexes[0]! + 2]);
    expect(c.machines.get(leader.id)!.items).toEqual(['a', 'b', 'c']);
    await until(() => [...c.machines.values()].every((m) => m.items.length === 3), 'followers to apply');
    const follower = [...c.nodes.values()].find((n) => !n.isLeader)!;
    await until(() => follower.leaderId === leader.id, 'the follower to know the leader');
    const err = await follower.propose(Buffer.from('x')).catch((e: unknown) => e);
    expect(isRunnelError(err, 'NOT_CONTROLLER')).toBe(true);
    expect((err as NotLeaderError).leaderId).toBe(leader.id);
    expect((err as Error).message).toContain(`the leader is node ${leader.id}`);
  });

  it('fails over when the leader stops, and a restarted node recovers its log from disk and catches up', async () => {
    const c = await cluster([1, 2, 3]);
    await until(() => c.leader() !== undefined, 'a leader');
    const first = c.leader()!;
    await first.propose(Buffer.from('before'));
    await first.close();
    c.nodes.delete(first.id);
    await until(() => c.leader() !== undefined, 'a new leader');
    const second = c.leader()!;
    expect(second.term).toBeGreaterThan(first.term);
    await second.propose(Buffer.from('after'));
    const restarted = await c.start(first.id);
    await until(() => c.machines.get(first.id)!.items.length === 2, 'the restarted node to catch up');
    expect(c.machines.get(first.id)!.items).toEqual(['before', 'after']);
    expect(restarted.isLeader).toBe(false);
  });

  it('compacts into snapshots and brings a node that fell behind the compacted log back through snapshot install', async () => {
    const c = await cluster([1, 2, 3], 5);
    await until(() => c.leader() !== undefined, 'a leader');
    const leader = c.leader()!;
    const lagging = [...c.nodes.values()].find((n) => n !== leader)!;
    c.net.isolate(lagging.id);
    for (let i = 0; i < 12; i++) await leader.propose(Buffer.from(`v${i}`));
    c.net.heal();
    const expected = Array.from({ length: 12 }, (_, i) => `v${i}`);
    await until(() => c.machines.get(lagging.id)!.items.length === 12, 'the lagging node to catch up from a snapshot');
    expect(c.machines.get(lagging.id)!.items).toEqual(expected);
    expect(c.machines.get(lagging.id)!.restores).toBeGreaterThanOrEqual(1);
  });

  it('transfers leadership on request, and changes voters one at a time', async () => {
    const c = await cluster([1, 2, 3]);
    await until(() => c.leader() !== undefined, 'a leader');
    const leader = c.leader()!;
    await leader.propose(Buffer.from('x'));
    const target = [...c.nodes.values()].find((n) => n !== leader)!;
    leader.transferLeadership(target.id);
    await until(() => target.isLeader, 'the transfer');
    await c.start(4, []);
    const index = await target.addVoter(4);
    expect(index).toBeGreaterThan(0);
    await until(() => c.nodes.get(4)!.voters.length === 4, 'node 4 to learn it votes');
    await target.propose(Buffer.from('y'));
    await until(() => c.machines.get(4)!.items.join() === 'x,y', 'node 4 to catch up');
    await target.removeVoter(leader.id);
    expect(target.voters).toEqual([1, 2, 3, 4].filter((v) => v !== leader.id));
    await target.propose(Buffer.from('z'));
  });

  it('rejects a proposal whose outcome stays unknown past the timeout', async () => {
    const c = await cluster([1, 2, 3], 10_000, 300);
    await until(() => c.leader() !== undefined, 'a leader');
    const leader = c.leader()!;
    c.net.isolate(leader.id);
    const err = await leader.propose(Buffer.from('lost')).catch((e: unknown) => e);
    expect(isRunnelError(err, 'REQUEST_TIMED_OUT')).toBe(true);
    expect((err as Error).message).toMatch(/outcome is unknown/);
  });

  it('serves observers that pull committed entries', async () => {
    const c = await cluster([1, 2, 3]);
    await until(() => c.leader() !== undefined, 'a leader');
    const leader = c.leader()!;
    const follower = [...c.nodes.values()].find((n) => n !== leader)!;
    const sm = new ListMachine();
    const observer = new Observer({ source: follower, stateMachine: sm, idleMs: 5, logger });
    observer.start();
    cleanups.push(() => observer.stop());
    const last = (await Promise.all(['p', 'q'].map((t) => leader.propose(Buffer.from(t)))))[1]!;
    await observer.waitFor(last);
    expect(sm.items).toEqual(['p', 'q']);
  });
});
