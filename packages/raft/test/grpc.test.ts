import { afterEach, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import pino from 'pino';
import { addService, bindServer, createServer, shutdownServer } from '@runnel/protocol';
import { RaftNode } from '../src/node.js';
import { Observer } from '../src/observer.js';
import type { StateMachine } from '../src/state-machine.js';
import type { Entry, NodeId, Snapshot } from '../src/types.js';
import { AppliedWatch } from '../src/grpc/applied-watch.js';
import { GrpcObserverSource } from '../src/grpc/grpc-observer-source.js';
import { GrpcTransport } from '../src/grpc/grpc-transport.js';
import { quorumHandlers } from '../src/grpc/quorum-service.js';
import { freePorts, tempDir, waitFor } from '../../../test/harness/processes.js';

const logger = pino({ level: 'silent' });

/** Applies entries into a list; snapshots are the list's normal-entry data joined. */
class ListMachine implements StateMachine {
  values: string[] = [];
  apply(entry: Entry): void {
    if (entry.type === 'normal') this.values.push(entry.data.toString());
  }
  snapshot(): Buffer {
    return Buffer.from(JSON.stringify(this.values));
  }
  restore(snapshot: Snapshot): void {
    this.values = snapshot.data.length === 0 ? [] : (JSON.parse(snapshot.data.toString()) as string[]);
  }
}

interface Voter {
  id: NodeId;
  node: RaftNode;
  machine: ListMachine;
  server: grpc.Server;
  transport: GrpcTransport;
}

describe('Raft over gRPC on loopback', () => {
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });

  async function voter(id: NodeId, addresses: Map<NodeId, string>, dir: string): Promise<Voter> {
    const machine = new ListMachine();
    const applied = new AppliedWatch();
    const transport = new GrpcTransport(id, addresses, logger);
    const node = await RaftNode.start({ id, voters: [...addresses.keys()], dir: `${dir}/n${id}`, transport, stateMachine: applied.wrap(machine), logger, tickMs: 20, snapshotEvery: 50 });
    const server = createServer();
    addService(server, 'Quorum', quorumHandlers({ transport, source: node, applied, logger }));
    await bindServer(server, addresses.get(id)!);
    const v = { id, node, machine, server, transport };
    cleanups.push(async () => {
      await shutdownServer(server, 200);
      await node.close();
      await transport.close();
    });
    return v;
  }

  it('elects a leader, commits, survives losing it, and feeds an observer over gRPC', async () => {
    const dir = await tempDir('raft-grpc');
    cleanups.push(() => dir.remove());
    const ports = await freePorts(3);
    const addresses = new Map(ports.map((p, i) => [i + 1, `127.0.0.1:${p}`] as const));
    const voters = await Promise.all([1, 2, 3].map((id) => voter(id, addresses, dir.path)));
    const leaderOf = () => voters.find((v) => v.node.isLeader);
    const first = await waitFor('a leader', leaderOf, { timeoutMs: 10_000 });

    for (let i = 0; i < 120; i++) await first.node.propose(Buffer.from(`v${i}`));
    await waitFor('all applied everywhere', () => voters.every((v) => v.machine.values.length === 120));

    const observed = new ListMachine();
    const source = new GrpcObserverSource(addresses, 100, logger, 200);
    const observer = new Observer({ source, stateMachine: observed, logger });
    observer.start();
    cleanups.push(async () => {
      await observer.stop();
      source.close();
    });
    await waitFor('observer caught up (through a snapshot)', () => observed.values.length === 120);
    expect(observed.values).toEqual(voters[0]!.machine.values);

    // Take the leader off the network: the other two elect a new one and keep committing.
    await shutdownServer(first.server, 100);
    await first.transport.close();
    const second = await waitFor('a new leader', () => voters.find((v) => v !== first && v.node.isLeader), { timeoutMs: 10_000 });
    await second.node.propose(Buffer.from('after'));
    await waitFor('observer saw the write made after failover', () => observed.values.at(-1) === 'after', { timeoutMs: 10_000 });
    expect(observed.values.slice(0, 120)).toEqual(first.machine.values.slice(0, 120));
  });
});
