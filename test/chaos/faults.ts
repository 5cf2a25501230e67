import type { Admin } from '@runnel/client';
import type { TestCluster } from '../harness/cluster.js';
import type { FaultKind, History } from './history.js';
import type { PacketFilter } from './packet-filter.js';
import type { Random } from './random.js';

/**
 * Process-level faults against a TestCluster: SIGKILL and restart (of a partition leader, the
 * active controller, any node), SIGSTOP past the broker session timeout, and a rolling restart
 * with SIGTERM. Each records its start and end in the history, then the cluster is healed (every
 * node serving, every partition with its full ISR) before the next one.
 */

export const PROCESS_FAULTS: FaultKind[] = ['kill-leader', 'kill-controller', 'kill-node', 'pause-node', 'rolling-restart'];
export const NETWORK_FAULTS: FaultKind[] = ['isolate-node', 'cut-leader-from-controllers', 'asymmetric-partition'];
export const ALL_FAULTS: FaultKind[] = [...PROCESS_FAULTS, ...NETWORK_FAULTS, 'kill-leader-followers-cut'];

export interface FaultContext {
  cluster: TestCluster;
  admin: Admin;
  topic: string;
  partitions: number;
  history: History;
  random: Random;
  /** broker.session.timeout.ms of the cluster: pauses last longer than this. */
  sessionTimeoutMs: number;
  log: (line: string) => void;
  /** Present when the nodes run behind packet filters, for the network faults. */
  filter?: PacketFilter;
}

/** Inject fault number `id` of the given kind and wait until it is over (not healed). */
export async function injectFault(ctx: FaultContext, kind: FaultKind, id: number): Promise<void> {
  const { cluster, random } = ctx;
  const leaders = await partitionLeaders(ctx);
  const led = (nodes: number[]): number[] => [...leaders].filter(([, l]) => nodes.includes(l)).map(([p]) => p);
  const killAndRestart = async (node: number): Promise<void> => {
    ctx.history.add({ type: 'fault-start', id, kind, nodes: [node], partitions: led([node]) });
    await cluster.kill(node);
    // Down long enough for the controller to fence it and move its leaderships, sometimes.
    await delay(random.between(300, ctx.sessionTimeoutMs + 500));
    cluster.spawn(node);
    await cluster.waitReady([node], 60_000);
    ctx.history.add({ type: 'fault-end', id });
  };

  switch (kind) {
    case 'kill-leader': {
      const p = random.int(ctx.partitions);
      const leader = leaders.get(p) ?? random.pick(cluster.ids);
      ctx.log(`fault #${id}: SIGKILL node ${leader} (leader of partition ${p}), then restart`);
      await killAndRestart(leader);
      break;
    }
    case 'kill-controller': {
      const controller = (await ctx.admin.describeQuorum()).leaderId;
      ctx.log(`fault #${id}: SIGKILL node ${controller} (active controller), then restart`);
      await killAndRestart(controller);
      break;
    }
    case 'kill-node': {
      const node = random.pick(cluster.ids);
      ctx.log(`fault #${id}: SIGKILL node ${node}, then restart`);
      await killAndRestart(node);
      break;
    }
    case 'pause-node': {
      const node = random.pick(cluster.ids);
      const holdMs = ctx.sessionTimeoutMs + random.between(500, 2_500);
      ctx.log(`fault #${id}: SIGSTOP node ${node} for ${holdMs} ms, then SIGCONT`);
      ctx.history.add({ type: 'fault-start', id, kind, nodes: [node], partitions: led([node]) });
      cluster.pause(node);
      await delay(holdMs);
      cluster.resume(node);
      ctx.history.add({ type: 'fault-end', id });
      break;
    }
    case 'rolling-restart': {
      ctx.log(`fault #${id}: rolling restart (SIGTERM, start, wait for full ISR) of nodes ${cluster.ids.join(',')}`);
      ctx.history.add({ type: 'fault-start', id, kind, nodes: cluster.ids, partitions: [] });
      for (const node of cluster.ids) {
        await cluster.stop(node);
        cluster.spawn(node);
        await cluster.waitReady([node], 60_000);
        await waitFullIsr(ctx);
      }
      ctx.history.add({ type: 'fault-end', id });
      break;
    }
    case 'kill-leader-followers-cut': {
      // Only safe setups survive this: with acks=1 the leader acknowledges what its frozen
      // followers never got, and the follower elected after the kill does not have it.
      const p = random.int(ctx.partitions);
      const leader = leaders.get(p) ?? random.pick(cluster.ids);
      const followers = cluster.ids.filter((n) => n !== leader);
      // Well inside replica.lag.time.max.ms even on a busy machine, so the followers stay in the ISR.
      const holdMs = random.between(500, 1_000);
      ctx.log(`fault #${id}: SIGSTOP followers ${followers.join(',')} of partition ${p} for ${holdMs} ms, SIGKILL leader ${leader}, SIGCONT followers`);
      ctx.history.add({ type: 'fault-start', id, kind, nodes: cluster.ids, partitions: led([leader]) });
      for (const f of followers) cluster.pause(f);
      await delay(holdMs);
      await cluster.kill(leader);
      for (const f of followers) cluster.resume(f);
      const after = await cluster.waitForPartition(ctx.topic, p, `a new live leader, or an ISR of the killed leader ${leader} alone`,
        (v) => (v.leader !== leader && cluster.live.includes(v.leader)) || (v.isr.length === 1 && v.isr[0] === leader), { timeoutMs: 60_000 });
      if (!cluster.live.includes(after.leader)) {
        // The followers had dropped out of the ISR before the kill: no clean election can pick one,
        // so the partition waits for its old leader, as in Kafka without unclean election.
        ctx.log(`fault #${id}: partition ${p}'s ISR had shrunk to leader ${leader} alone; it stays offline until ${leader} is back`);
      }
      cluster.spawn(leader);
      await cluster.waitReady([leader], 60_000);
      ctx.history.add({ type: 'fault-end', id });
      break;
    }
    case 'isolate-node':
    case 'cut-leader-from-controllers':
    case 'asymmetric-partition': {
      const filter = ctx.filter;
      if (!filter) throw new Error(`${kind} needs the nodes behind packet filters (--network)`);
      const p = random.int(ctx.partitions);
      const node = kind === 'isolate-node' ? random.pick(cluster.ids) : leaders.get(p) ?? random.pick(cluster.ids);
      const others = cluster.ids.filter((n) => n !== node);
      const holdMs = ctx.sessionTimeoutMs + random.between(1_000, 3_000);
      if (kind === 'isolate-node') {
        ctx.log(`fault #${id}: drop all packets between node ${node} and the other nodes for ${holdMs} ms`);
        for (const o of others) {
          await filter.drop(node, o);
          await filter.drop(o, node);
        }
      } else if (kind === 'asymmetric-partition') {
        ctx.log(`fault #${id}: drop packets from node ${node} (leader of partition ${p}) to the other nodes, not back, for ${holdMs} ms`);
        for (const o of others) await filter.drop(node, o);
      } else {
        // Controller traffic only, both ways: the leader can no longer heartbeat nor vote, while
        // replication to and from it still flows.
        ctx.log(`fault #${id}: cut node ${node} (leader of partition ${p}) from the other controllers for ${holdMs} ms; replication still flows`);
        for (const o of others) {
          for (const c of [cluster.ports(o).controller, cluster.ports(node).controller]) {
            if (c === undefined) continue;
            await filter.drop(node, o, { dport: c });
            await filter.drop(node, o, { sport: c });
            await filter.drop(o, node, { dport: c });
            await filter.drop(o, node, { sport: c });
          }
        }
      }
      // Starts once every rule is in place, so writes acknowledged before then are not counted as through it.
      ctx.history.add({ type: 'fault-start', id, kind, nodes: [node], partitions: led([node]) });
      await delay(holdMs);
      await filter.heal();
      ctx.history.add({ type: 'fault-end', id });
      break;
    }
    default:
      throw new Error(`unknown fault kind ${kind}`);
  }
}

/** Every node serving and every partition of the topic led with all replicas in sync. */
export async function heal(ctx: FaultContext): Promise<void> {
  await ctx.filter?.heal();
  for (const id of ctx.cluster.ids) {
    if (!ctx.cluster.processes.has(id)) ctx.cluster.spawn(id);
    else ctx.cluster.resume(id);
  }
  await ctx.cluster.waitReady(ctx.cluster.ids, 60_000);
  await waitFullIsr(ctx);
}

export async function waitFullIsr(ctx: FaultContext): Promise<void> {
  const all = ctx.cluster.ids;
  for (let p = 0; p < ctx.partitions; p++) {
    await ctx.cluster.waitForPartition(ctx.topic, p, 'a live leader and every replica in sync', (v) => all.includes(v.leader) && v.isr.length === v.replicas.length, { timeoutMs: 60_000 });
  }
}

/** partition -> leader, as the first live node that answers sees it. */
export async function partitionLeaders(ctx: Pick<FaultContext, 'cluster' | 'topic' | 'partitions'>): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const via of ctx.cluster.live) {
    try {
      for (let p = 0; p < ctx.partitions; p++) {
        const v = await ctx.cluster.describePartition(ctx.topic, p, via);
        if (v && v.leader >= 0) out.set(p, v.leader);
      }
      return out;
    } catch {
      out.clear();
    }
  }
  return out;
}

export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
