import { RaftCore, type RaftCoreOptions, type RaftInitialState } from '../src/core.js';
import { SeededRandom } from '../src/random.js';
import type { Entry, Message, NodeId, Snapshot } from '../src/types.js';

/**
 * A hand-driven cluster of cores for unit tests: durable writes happen at once, messages wait in
 * a queue until the test delivers them, and links can be cut.
 */
export class Cluster {
  readonly cores = new Map<NodeId, RaftCore>();
  readonly applied = new Map<NodeId, Entry[]>();
  readonly restored = new Map<NodeId, Snapshot[]>();
  queue: Message[] = [];
  readonly sent: Message[] = [];
  private readonly cut = new Set<NodeId>();
  private readonly rng: SeededRandom;

  constructor(
    ids: NodeId[],
    options: Partial<RaftCoreOptions> = {},
    initial: Map<NodeId, RaftInitialState> = new Map(),
    seed = 1,
  ) {
    this.rng = new SeededRandom(seed);
    for (const id of ids) this.add(id, { voters: ids, ...options }, initial.get(id));
  }

  add(id: NodeId, options: Partial<RaftCoreOptions>, state?: RaftInitialState): RaftCore {
    const core = new RaftCore({ id, random: new SeededRandom(id * 7919), electionTicks: 10, heartbeatTicks: 2, ...options }, state);
    this.cores.set(id, core);
    this.applied.set(id, []);
    this.restored.set(id, []);
    return core;
  }

  core(id: NodeId): RaftCore {
    return this.cores.get(id)!;
  }

  leader(): RaftCore | undefined {
    let best: RaftCore | undefined;
    for (const c of this.cores.values()) if (c.role === 'leader' && (!best || c.term > best.term)) best = c;
    return best;
  }

  isolate(id: NodeId): void {
    this.cut.add(id);
  }

  heal(): void {
    this.cut.clear();
  }

  /** Carries out every pending Ready: persist at once, queue messages, apply. */
  flush(): void {
    for (const [id, core] of this.cores) {
      while (core.hasReady()) {
        const rd = core.ready();
        for (const m of rd.earlyMessages) this.post(m);
        core.persisted(rd.lastIndex, rd.lastTerm);
        for (const m of rd.messages) this.post(m);
        if (rd.snapshot) {
          this.restored.get(id)!.push(rd.snapshot);
          this.applied.set(id, []);
        }
        this.applied.get(id)!.push(...rd.committedEntries);
      }
    }
  }

  private post(m: Message): void {
    this.sent.push(m);
    if (!this.cut.has(m.from) && !this.cut.has(m.to)) this.queue.push(m);
  }

  /** Delivers one queued message (the oldest, or a random one when shuffling). */
  deliverOne(shuffle = false): Message | undefined {
    this.flush();
    if (this.queue.length === 0) return undefined;
    const i = shuffle ? this.rng.nextInt(this.queue.length) : 0;
    const m = this.queue.splice(i, 1)[0]!;
    if (this.cut.has(m.from) || this.cut.has(m.to)) return m;
    this.cores.get(m.to)?.step(m);
    this.flush();
    return m;
  }

  /** Delivers until nothing is left in flight. */
  stabilize(shuffle = false): void {
    for (let i = 0; i < 100_000; i++) if (!this.deliverOne(shuffle)) return;
    throw new Error('cluster did not quiesce');
  }

  /** Delivers messages until `done()` holds; returns false if the queue ran dry first. */
  runUntil(done: () => boolean): boolean {
    while (!done()) if (!this.deliverOne()) return false;
    return true;
  }

  tick(id: NodeId, times = 1): void {
    for (let i = 0; i < times; i++) this.core(id).tick();
    this.flush();
  }

  /** Ticks every node once, then delivers everything. */
  round(times = 1): void {
    for (let i = 0; i < times; i++) {
      for (const id of this.cores.keys()) this.core(id).tick();
      this.stabilize();
    }
  }

  /** Ticks only `id` until it starts campaigning, then lets the election run. */
  elect(id: NodeId): RaftCore {
    const core = this.core(id);
    for (let i = 0; i < 100 && core.role === 'follower'; i++) this.tick(id);
    this.stabilize();
    return core;
  }

  /** Ticks only `ids`, delivering as it goes, until one of them leads; returns it. */
  electAmong(ids: NodeId[]): RaftCore {
    for (let i = 0; i < 500; i++) {
      for (const id of ids) this.core(id).tick();
      this.stabilize();
      const leader = ids.map((id) => this.core(id)).find((c) => c.role === 'leader');
      if (leader) return leader;
    }
    throw new Error(`none of ${ids.join(', ')} became leader`);
  }

  propose(id: NodeId, text: string): number {
    return this.core(id).propose(Buffer.from(text)).index;
  }
}

export const texts = (entries: Entry[]): string[] => entries.filter((e) => e.type === 'normal').map((e) => e.data.toString());

export function log(terms: number[]): Entry[] {
  return terms.map((term, i) => ({ index: i + 1, term, type: 'normal' as const, data: Buffer.from(`t${term}i${i + 1}`) }));
}
