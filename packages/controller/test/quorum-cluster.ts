import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalNetwork, RaftNode } from '@runnel/raft';
import { pino } from 'pino';
import { DEFAULT_CLUSTER_SETTINGS, type ClusterSettings, type QuorumVoter } from '../src/controller-config.js';
import type { MetadataImage } from '../src/image.js';
import { QuorumController } from '../src/quorum/quorum-controller.js';
import { seededRandomSource } from '../src/random.js';
import { randomUuid } from '../src/uuid.js';
import { waitFor } from '../../../test/harness/processes.js';

export const silent = pino({ level: 'silent' });

/** Polls until `cond` holds (the cluster runs on real timers), failing after `ms`. */
export const until = (cond: () => boolean, what: string, ms = 15_000): Promise<unknown> => waitFor(what, cond, { timeoutMs: ms, intervalMs: 5 });

/** An image as plain sorted data, so images built in different orders compare equal. */
export function canonical(image: MetadataImage): unknown {
  const sortedMap = <V>(m: ReadonlyMap<string | number, V>, f: (v: V) => unknown) =>
    [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, v]) => [k, f(v)]);
  return {
    brokers: sortedMap(image.brokers, (b) => b),
    topics: sortedMap(image.topicsById, (t) => ({ name: t.name, partitions: sortedMap(t.partitions, (p) => p) })),
    configs: { topic: sortedMap(image.configs.topic, (m) => sortedMap(m, (v) => v)), broker: sortedMap(image.configs.broker, (m) => sortedMap(m, (v) => v)) },
    nextProducerId: image.nextProducerId,
    nextBrokerEpoch: image.nextBrokerEpoch,
  };
}

export interface Member {
  readonly id: number;
  readonly controller: QuorumController;
  readonly raft: RaftNode;
}

/** Three (or more) controllers on RaftNodes over an in-process network, each with its own LevelDB directory. */
export class Quorum {
  readonly network = new LocalNetwork();
  readonly members = new Map<number, Member>();
  readonly voters: QuorumVoter[];
  /** Per member: the registered controller endpoints it last handed to its transport. */
  readonly controllerEndpoints = new Map<number, ReadonlyMap<number, string>>();
  private readonly random = seededRandomSource(7);

  private constructor(
    readonly ids: number[],
    readonly dir: string,
    readonly settings: ClusterSettings,
  ) {
    this.voters = ids.map((id) => ({ id, host: `controller-${id}.test`, port: 9090 + id }));
  }

  static async start(settings: Partial<ClusterSettings> = {}, ids = [1, 2, 3]): Promise<Quorum> {
    const dir = await mkdtemp(join(tmpdir(), 'runnel-quorum-'));
    const quorum = new Quorum(ids, dir, { ...DEFAULT_CLUSTER_SETTINGS, autoLeaderRebalanceEnable: false, ...settings });
    for (const id of ids) await quorum.startMember(id);
    return quorum;
  }

  async startMember(id: number): Promise<Member> {
    const controller = new QuorumController({
      nodeId: id,
      voters: this.voters,
      settings: this.settings,
      logger: silent,
      writeTimeoutMs: 10_000,
      random: seededRandomSource(100 + id),
      onControllerEndpoints: (endpoints) => this.controllerEndpoints.set(id, endpoints),
    });
    const raft = await RaftNode.start({
      id,
      voters: this.ids,
      dir: join(this.dir, `controller-${id}`),
      transport: this.network.transport(id),
      stateMachine: controller,
      logger: silent,
      tickMs: 10,
      electionTicks: 10,
      heartbeatTicks: 2,
    });
    controller.attach(raft);
    const member = { id, controller, raft };
    this.members.set(id, member);
    return member;
  }

  async stopMember(id: number): Promise<void> {
    const m = this.members.get(id);
    if (!m) return;
    this.members.delete(id);
    await m.controller.close();
    await m.raft.close();
  }

  /** The one active controller (waits until exactly one member serves writes). */
  async active(exclude: number[] = []): Promise<Member> {
    let found: Member | undefined;
    await until(() => {
      const active = [...this.members.values()].filter((m) => m.controller.isActive && !exclude.includes(m.id));
      found = active.length === 1 ? active[0] : undefined;
      return found !== undefined;
    }, 'an active controller');
    return found!;
  }

  /** Waits until every running member has applied the same index, and returns their images. */
  async converged(): Promise<MetadataImage[]> {
    await until(() => {
      const indexes = [...this.members.values()].map((m) => m.controller.appliedIndex);
      return indexes.every((i) => i === indexes[0]) && indexes[0]! > 0;
    }, 'controllers to apply the same log');
    return [...this.members.values()].map((m) => m.controller.image);
  }

  newIncarnation(): string {
    return randomUuid(this.random);
  }

  async close(): Promise<void> {
    for (const id of [...this.members.keys()]) await this.stopMember(id);
    await rm(this.dir, { recursive: true, force: true });
  }
}
