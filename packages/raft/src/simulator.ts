import { RunnelError } from '@runnel/protocol';
import { RaftCore, type RaftFaults } from './core.js';
import { SeededRandom } from './random.js';
import { NO_NODE, type Entry, type HardState, type Message, type NodeId, type Ready, type Snapshot } from './types.js';

/**
 * A deterministic simulator for the Raft core: N cores, a network that drops, delays, duplicates
 * and reorders messages and partitions and heals the cluster, crashes that lose everything not yet
 * durable, restarts, clock skew (nodes tick at different rates), leadership transfers and
 * compaction with snapshot shipping, leaders that send appends before their own write lands,
 * and voters removed and added back one at a time, all drawn from one seed. After every step it
 * checks election safety, log matching, leader completeness, state machine safety and that commit
 * indexes never move backward. A final quiet phase (faults off) checks the cluster still makes progress.
 */
/**
 * Families of schedules. 'mixed' draws every knob from the seed. 'leader-churn' aims at the
 * hardest elections: three voters, single-entry appends, and most new leaders crashing while they
 * still replicate earlier terms' entries (the Figure 8 schedules of Raft §5.4.2).
 */
export type SimulationProfile = 'mixed' | 'leader-churn';
export const PROFILES: readonly SimulationProfile[] = ['mixed', 'leader-churn'];

export interface SimulationOptions {
  seed: number;
  steps: number;
  profile?: SimulationProfile;
  faults?: RaftFaults;
  /** Steps allowed for the quiet phase to elect a leader and commit a fresh entry everywhere. */
  quietSteps?: number;
  /** Receives one line per delivered message and node event, for replaying a failure by eye. */
  trace?: (line: string) => void;
}

export interface SimulationResult {
  seed: number;
  steps: number;
  /** Null when every invariant held; otherwise what broke, with the command that replays it. */
  violation: string | null;
  /** Highest index known committed, distinct terms with a leader, entries applied across nodes. */
  committed: number;
  leaders: number;
  applied: number;
  crashes: number;
  snapshotsSent: number;
}

export class InvariantViolation extends Error {}

const RING = 64;
const MAX_UNCOMMITTED = 64; // network delays stay below this many steps
const FAULT_NAMES: (keyof RaftFaults)[] = ['commitOlderTermByCounting', 'voteWithoutLogCheck', 'countUnpersistedSelf'];

/** The one command that replays a seed. */
export function replayCommand(seed: number, steps: number, faults?: RaftFaults, profile: SimulationProfile = 'mixed'): string {
  const on = FAULT_NAMES.filter((f) => faults?.[f]);
  const profileEnv = profile !== 'mixed' ? ` RAFT_PROFILE=${profile}` : '';
  const faultEnv = on.length > 0 ? ` RAFT_FAULTS=${on.join(',')}` : '';
  return `RAFT_SEED=${seed} RAFT_STEPS=${steps}${profileEnv}${faultEnv} npx vitest run packages/raft -t replay`;
}

export function parseProfile(name: string | undefined): SimulationProfile {
  if (name === undefined || name === '') return 'mixed';
  if (!PROFILES.includes(name as SimulationProfile)) throw new Error(`unknown profile ${name}; known: ${PROFILES.join(', ')}`);
  return name as SimulationProfile;
}

/** Parses RAFT_FAULTS=a,b into core fault switches. */
export function parseFaults(spec: string | undefined): RaftFaults {
  const faults: RaftFaults = {};
  for (const name of (spec ?? '').split(',').filter(Boolean)) {
    if (!FAULT_NAMES.includes(name as keyof RaftFaults)) throw new Error(`unknown fault ${name}; known: ${FAULT_NAMES.join(', ')}`);
    faults[name as keyof RaftFaults] = true;
  }
  return faults;
}

interface Disk {
  hardState: HardState;
  snapshot: Snapshot | null;
  entries: Entry[]; // entries[i].index === (snapshot index) + 1 + i
}

interface SimNode {
  id: NodeId;
  core: RaftCore | null;
  disk: Disk;
  pending: Ready[];
  persistAt: number;
  tickEvery: number;
  nextTickAt: number;
  downUntil: number;
  /** A crash scheduled for a freshly elected leader, or 0. */
  crashAt: number;
  group: number;
  // The node's state machine: how far it applied and a running hash of what it applied.
  smApplied: number;
  smHash: number;
  lastCommit: number;
}

function entryKey(e: Entry): number {
  if (e.type === 'noop') return 0;
  if (e.type === 'normal') return e.data.readUInt32BE(0) + 1;
  let h = 7;
  for (let i = 0; i < e.data.length; i++) h = (Math.imul(h, 31) + e.data[i]!) | 0;
  return -1 - (h >>> 0);
}

function mix(hash: number, term: number, key: number): number {
  return Math.imul(hash ^ term, 0x9e3779b1) ^ key;
}

const SNAPSHOT_PAD = 48; // makes snapshots span several chunks

function encodeState(index: number, hash: number): Buffer {
  const buf = Buffer.alloc(8 + SNAPSHOT_PAD);
  buf.writeUInt32BE(index, 0);
  buf.writeInt32BE(hash, 4);
  return buf;
}

export class Simulation {
  private readonly rng: SeededRandom;
  private readonly nodes: SimNode[] = [];
  /** Messages in flight, bucketed by the step they arrive at (modulo RING). */
  private readonly ring: Message[][] = [];
  private now = 0;
  private step = 0;
  private nextProposal = 1;

  // Scenario drawn from the seed.
  private readonly dropRate: number;
  private readonly dupRate: number;
  private readonly maxDelay: number;
  private readonly crashRate: number;
  private readonly newLeaderCrashRate: number;
  private readonly partitionRate: number;
  private readonly voterChangeRate: number;
  private readonly proposeRate: number;
  private readonly compactEvery: number;
  /** Each write takes 0..maxPersistDelay steps, drawn per write: a follower can be faster than its leader. */
  private readonly maxPersistDelay: number;
  private readonly coreOptions: {
    electionTicks: number;
    preVote: boolean;
    checkQuorum: boolean;
    maxInflight: number;
    maxAppendEntries: number;
    snapshotChunkBytes: number;
    earlySend: boolean;
  };
  private faultsOn = true;
  private healAt = 0;

  // What the checker has seen.
  private readonly leaderOfTerm = new Map<number, NodeId>();
  private readonly entryPrevTerm = new Map<number, number>();
  private readonly entryData = new Map<number, number>();
  private committedTerm: number[] = [];
  private maxCommitted = 0;
  private appliedKey: number[] = [];
  private appliedTerm: number[] = [];
  private hashAt: number[] = [];
  private appliedCount = 0;
  private crashes = 0;
  private snapshotsSent = 0;

  constructor(private readonly options: SimulationOptions) {
    const rng = (this.rng = new SeededRandom(options.seed));
    const churn = options.profile === 'leader-churn';
    const n = churn || rng.chance(0.5) ? 3 : 5;
    this.dropRate = rng.nextInt(4) === 0 ? 0 : rng.nextInt(15) / 100;
    this.dupRate = rng.nextInt(8) / 100;
    // Raft's timing requirement: a round trip well inside the shortest election timeout (which is
    // at least 8 ticks of at least 4 steps); within that, anything goes.
    this.maxDelay = 1 + rng.nextInt(6);
    this.crashRate = rng.nextInt(5) / 200;
    // New leaders crash while still replicating earlier terms' entries: where §5.4.2 bites.
    this.newLeaderCrashRate = churn ? 0.8 : [0, 0.3, 0.6, 0.8][rng.nextInt(4)]!;
    this.partitionRate = churn ? 0 : rng.nextInt(4) / 300;
    this.voterChangeRate = churn ? 0 : 0.004;
    this.proposeRate = churn ? 0.02 : (5 + rng.nextInt(30)) / 100;
    this.compactEvery = 4 + rng.nextInt(40);
    this.maxPersistDelay = rng.nextInt(8);
    this.coreOptions = {
      electionTicks: 8 + rng.nextInt(5),
      preVote: rng.nextInt(5) !== 0,
      checkQuorum: rng.nextInt(5) !== 0,
      maxInflight: 1 + rng.nextInt(8),
      maxAppendEntries: churn || rng.chance(0.4) ? 1 : 1 + rng.nextInt(32),
      snapshotChunkBytes: 8 + rng.nextInt(40),
      // Most seeds let leaders send before their own write lands (and crash before it does).
      earlySend: rng.nextInt(4) !== 0,
    };
    // Clock skew: nodes tick every 4 to 6 steps. Randomized timeouts in [T, 2T) only break ties
    // while tick rates differ by less than 2x; past that a fast node with a stale log or config
    // can time out first forever (without pre-vote), which is no longer a schedule Raft promises
    // to survive.
    const skew = rng.nextInt(2);
    for (let i = 0; i < RING; i++) this.ring.push([]);
    for (let id = 1; id <= n; id++) {
      const tickEvery = 5 + rng.nextInt(2 * skew + 1) - skew;
      const node: SimNode = {
        id,
        core: null,
        disk: { hardState: { term: 0, vote: NO_NODE, commit: 0 }, snapshot: null, entries: [] },
        pending: [],
        persistAt: 0,
        tickEvery,
        nextTickAt: 1 + rng.nextInt(tickEvery),
        downUntil: 0,
        crashAt: 0,
        group: 0,
        smApplied: 0,
        smHash: 0,
        lastCommit: 0,
      };
      this.nodes.push(node);
    }
    for (const node of this.nodes) this.boot(node);
  }

  run(): SimulationResult {
    const { steps } = this.options;
    let violation: string | null = null;
    try {
      for (this.step = 1; this.step <= steps; this.step++) this.tickWorld();
      this.quietPhase();
    } catch (err) {
      if (!(err instanceof InvariantViolation)) {
        // An exception inside the core (say, a refused truncation of a committed entry) is a failure too.
        violation = `seed ${this.options.seed} step ${this.step}: ${(err as Error).stack ?? String(err)}`;
      } else {
        violation = err.message;
      }
      violation += `\nreplay: ${replayCommand(this.options.seed, steps, this.options.faults, this.options.profile)}`;
    }
    return {
      seed: this.options.seed,
      steps,
      violation,
      committed: this.maxCommitted,
      leaders: this.leaderOfTerm.size,
      applied: this.appliedCount,
      crashes: this.crashes,
      snapshotsSent: this.snapshotsSent,
    };
  }

  // ---- the world ---------------------------------------------------------------------------

  private tickWorld(): void {
    const rng = this.rng;
    this.now++;
    if (this.faultsOn) this.injectFaults();
    if (this.faultsOn && rng.chance(this.proposeRate)) this.propose();
    for (const node of this.nodes) {
      if (node.core === null) {
        if (node.downUntil !== 0 && this.now >= node.downUntil) this.boot(node);
        continue;
      }
      if (node.crashAt !== 0 && this.now >= node.crashAt) {
        node.crashAt = 0;
        if (this.faultsOn) {
          this.crash(node, this.now + 5 + this.rng.nextInt(100));
          continue;
        }
      }
      if (this.now >= node.nextTickAt) {
        node.nextTickAt += node.tickEvery;
        node.core.tick();
        this.afterInput(node);
      }
      if (node.pending.length > 0 && this.now >= node.persistAt) this.persist(node);
    }
    const bucket = this.ring[this.now % RING]!;
    if (bucket.length > 0) {
      this.ring[this.now % RING] = [];
      for (const m of bucket) this.deliver(m);
    }
  }

  private injectFaults(): void {
    const rng = this.rng;
    if (rng.chance(this.crashRate)) {
      // Leaders crash more often than their share: that is where the hard schedules are.
      const leader = this.nodes.find((n) => n.core?.role === 'leader');
      const node = leader && rng.chance(0.5) ? leader : this.nodes[rng.nextInt(this.nodes.length)]!;
      if (node.core !== null) this.crash(node, this.now + 5 + rng.nextInt(150));
    }
    if (this.healAt === 0 && rng.chance(this.partitionRate)) {
      for (const node of this.nodes) node.group = rng.nextInt(2);
      this.healAt = this.now + 30 + rng.nextInt(300);
    } else if (this.healAt !== 0 && this.now >= this.healAt) {
      this.heal();
    }
    if (rng.chance(this.voterChangeRate)) this.changeVoters();
    if (rng.chance(0.002)) {
      const leader = this.nodes.find((n) => n.core?.role === 'leader');
      if (leader) {
        const voters = leader.core!.voters;
        leader.core!.transferLeadership(voters[rng.nextInt(voters.length)]!);
        this.afterInput(leader);
      }
    }
  }

  /** The leader of the highest term, if any (stale leaders of older terms may linger). */
  private newestLeader(): SimNode | undefined {
    let best: SimNode | undefined;
    for (const n of this.nodes) if (n.core?.role === 'leader' && (!best || n.core.term > best.core!.term)) best = n;
    return best;
  }

  /** Removes a voter (possibly the leader itself) or adds a missing node back, one at a time; picks learners. */
  private changeVoters(add = false): void {
    const leader = this.newestLeader();
    if (!leader || leader.core!.transferTarget !== NO_NODE) return;
    const core = leader.core!;
    const voters = core.voters;
    const missing = this.nodes.filter((n) => !voters.includes(n.id));
    // Some non-voters follow the log as learners (joining before their add, or kept after removal).
    core.setLearners(missing.filter(() => this.rng.chance(0.6)).map((n) => n.id));
    try {
      if (missing.length > 0 && (add || voters.length <= 2 || this.rng.chance(0.5))) {
        core.changeVoters({ add: missing[this.rng.nextInt(missing.length)]!.id });
      } else if (!add && voters.length > 2) {
        core.changeVoters({ remove: voters[this.rng.nextInt(voters.length)]! });
      } else {
        return;
      }
    } catch (err) {
      // Refused while a change is pending or before the leader committed in its term: fine.
      if (err instanceof RunnelError && (err.errorName === 'REASSIGNMENT_IN_PROGRESS' || err.errorName === 'LEADER_NOT_AVAILABLE')) return;
      throw err;
    }
    this.options.trace?.(`${this.now} voters change at node ${leader.id}: ${voters.join(',')} -> ${core.voters.join(',')}`);
    this.afterInput(leader);
  }

  private heal(): void {
    for (const node of this.nodes) node.group = 0;
    this.healAt = 0;
  }

  private propose(): void {
    const leaders = this.nodes.filter((n) => n.core?.role === 'leader' && n.core.transferTarget === NO_NODE);
    if (leaders.length === 0) return;
    const node = leaders[this.rng.nextInt(leaders.length)]!;
    // Backpressure, as a driver bounds its uncommitted proposals.
    if (node.core!.lastIndex - node.core!.commitIndex >= MAX_UNCOMMITTED) return;
    const data = Buffer.allocUnsafe(4);
    data.writeUInt32BE(this.nextProposal++, 0);
    node.core!.propose(data);
    this.afterInput(node);
  }

  private send(m: Message): void {
    const rng = this.rng;
    if (this.faultsOn && rng.chance(this.dropRate)) return;
    const copies = this.faultsOn && rng.chance(this.dupRate) ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      const at = this.now + 1 + rng.nextInt(this.maxDelay);
      this.ring[at % RING]!.push(m);
    }
    if (m.type === 'SnapshotChunk' && m.offset === 0) this.snapshotsSent++;
  }

  private deliver(m: Message): void {
    const to = this.nodes[m.to - 1];
    const from = this.nodes[m.from - 1];
    if (!to || !from || to.core === null || to.group !== from.group) return;
    this.options.trace?.(`${this.now} deliver ${JSON.stringify(m, (k, v) => (k === 'entries' ? v.length : k === 'data' ? undefined : v))}`);
    to.core.step(m);
    this.afterInput(to);
  }

  /** Takes what the core wants done; it becomes durable at persistAt, unless the node crashes first. */
  private afterInput(node: SimNode): void {
    const core = node.core!;
    this.checkNode(node, core);
    while (core.hasReady()) {
      const rd = core.ready();
      this.checkAppended(core, rd.entries);
      for (const m of rd.earlyMessages) this.send(m);
      if (node.pending.length === 0) node.persistAt = this.now + this.rng.nextInt(this.maxPersistDelay + 1);
      node.pending.push(rd);
    }
  }

  private persist(node: SimNode): void {
    const core = node.core!;
    const readies = node.pending;
    node.pending = [];
    const disk = node.disk;
    for (const rd of readies) {
      if (rd.snapshot) {
        disk.snapshot = rd.snapshot;
        disk.entries = [];
      }
      if (rd.entries.length > 0) {
        const base = (disk.snapshot?.meta.index ?? 0) + 1;
        disk.entries.length = rd.entries[0]!.index - base;
        for (const e of rd.entries) disk.entries.push(e);
      }
      if (rd.hardState) disk.hardState = rd.hardState;
    }
    const lastRd = readies[readies.length - 1]!;
    core.persisted(lastRd.lastIndex, lastRd.lastTerm);
    for (const rd of readies) {
      for (const m of rd.messages) this.send(m);
      if (rd.snapshot) this.restore(node, rd.snapshot);
      for (const e of rd.committedEntries) this.apply(node, e);
    }
    this.maybeCompact(node, core);
    this.afterInput(node);
  }

  private maybeCompact(node: SimNode, core: RaftCore): void {
    if (node.pending.length > 0 || node.smApplied - core.snapshotIndex < this.compactEvery) return;
    const index = node.smApplied;
    const snap = core.compact(index, encodeState(index, node.smHash));
    // Written atomically, then the log before it is dropped.
    const disk = node.disk;
    const base = (disk.snapshot?.meta.index ?? 0) + 1;
    disk.entries = disk.entries.slice(index + 1 - base);
    disk.snapshot = snap;
  }

  private crash(node: SimNode, until: number): void {
    this.options.trace?.(`${this.now} crash ${node.id}`);
    node.core = null;
    node.pending = []; // never made durable
    node.downUntil = until;
    this.crashes++;
  }

  private boot(node: SimNode): void {
    const disk = node.disk;
    node.core = new RaftCore(
      {
        id: node.id,
        random: new SeededRandom(this.rng.next32()),
        voters: this.nodes.map((n) => n.id),
        heartbeatTicks: 2,
        ...this.coreOptions,
        faults: this.options.faults,
      },
      { hardState: { ...disk.hardState }, snapshot: disk.snapshot, entries: disk.entries.slice() },
    );
    node.downUntil = 0;
    node.smApplied = 0;
    node.smHash = 0;
    if (disk.snapshot) this.restore(node, disk.snapshot);
    node.lastCommit = node.core.commitIndex;
    if (node.lastCommit > node.disk.hardState.commit && node.lastCommit > (disk.snapshot?.meta.index ?? 0)) {
      this.fail(`node ${node.id} restarted with commit ${node.lastCommit} above its durable commit`);
    }
    this.afterInput(node);
  }

  // ---- the state machine and the checks ------------------------------------------------------

  private restore(node: SimNode, snap: Snapshot): void {
    const index = snap.data.readUInt32BE(0);
    const hash = snap.data.readInt32BE(4);
    if (index !== snap.meta.index) this.fail(`node ${node.id} got snapshot data for ${index} labelled ${snap.meta.index}`);
    const known = this.hashAt[index];
    if (known !== undefined && known !== hash) this.fail(`node ${node.id} restored a snapshot at ${index} whose state differs from what others applied`);
    node.smApplied = index;
    node.smHash = hash;
  }

  private apply(node: SimNode, e: Entry): void {
    if (e.index !== node.smApplied + 1) this.fail(`node ${node.id} applied index ${e.index} after ${node.smApplied}: out of order`);
    const key = entryKey(e);
    const seenKey = this.appliedKey[e.index];
    if (seenKey === undefined) {
      this.appliedKey[e.index] = key;
      this.appliedTerm[e.index] = e.term;
    } else if (seenKey !== key || this.appliedTerm[e.index] !== e.term) {
      this.fail(`state machine safety: node ${node.id} applied term ${e.term} at index ${e.index}, another node applied term ${this.appliedTerm[e.index]}`);
    }
    node.smApplied = e.index;
    node.smHash = mix(node.smHash, e.term, key);
    const known = this.hashAt[e.index];
    if (known === undefined) this.hashAt[e.index] = node.smHash;
    else if (known !== node.smHash) this.fail(`state machine safety: node ${node.id} state at ${e.index} differs from another node's`);
    this.appliedCount++;
  }

  /** Log matching, checked as entries are appended: same index and term means same entry and same predecessor. */
  private checkAppended(core: RaftCore, entries: Entry[]): void {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const prevTerm = i > 0 ? entries[i - 1]!.term : core.termAt(e.index - 1);
      const k = e.index * 2097152 + e.term;
      const seenPrev = this.entryPrevTerm.get(k);
      if (seenPrev === undefined) {
        this.entryPrevTerm.set(k, prevTerm);
        this.entryData.set(k, entryKey(e));
      } else if (seenPrev !== prevTerm || this.entryData.get(k) !== entryKey(e)) {
        this.fail(`log matching: node ${core.id} holds a different entry or predecessor at index ${e.index} term ${e.term}`);
      }
    }
  }

  private checkNode(node: SimNode, core: RaftCore): void {
    if (core.role === 'leader') {
      const seen = this.leaderOfTerm.get(core.term);
      if (seen === undefined) {
        this.leaderOfTerm.set(core.term, core.id);
        if (this.faultsOn && this.rng.chance(this.newLeaderCrashRate)) node.crashAt = this.now + 1 + this.rng.nextInt(15);
        // Leader completeness: the new leader holds the newest committed entry (log matching gives the rest).
        const c = this.maxCommitted;
        if (c > core.snapshotIndex && core.termAt(c) !== this.committedTerm[c]) {
          this.fail(`leader completeness: node ${core.id} leads term ${core.term} without committed entry ${c} (term ${this.committedTerm[c]})`);
        }
      } else if (seen !== core.id) {
        this.fail(`election safety: nodes ${seen} and ${core.id} both lead term ${core.term}`);
      }
    }
    const commit = core.commitIndex;
    if (commit < node.lastCommit) this.fail(`node ${core.id} moved its commit index back from ${node.lastCommit} to ${commit}`);
    for (let i = node.lastCommit + 1; i <= commit; i++) {
      const t = core.termAt(i);
      if (t < 0) continue; // covered by an installed snapshot, checked by its state hash
      const known = this.committedTerm[i];
      if (known === undefined) this.committedTerm[i] = t;
      else if (known !== t) this.fail(`node ${core.id} committed term ${t} at index ${i} where term ${known} was committed`);
    }
    if (commit > this.maxCommitted && core.termAt(commit) >= 0) this.maxCommitted = commit;
    node.lastCommit = commit;
  }

  private fail(what: string): never {
    throw new InvariantViolation(`seed ${this.options.seed} step ${this.step}: ${what}`);
  }

  /** Faults off, everyone up and connected: a leader must emerge and a new entry reach every node. */
  private quietPhase(): void {
    this.faultsOn = false;
    this.heal();
    for (const node of this.nodes) if (node.core === null) node.downUntil = this.now + 1;
    const limit = this.options.quietSteps ?? 3000;
    let marker = 0;
    let markerLeader: SimNode | null = null;
    for (let i = 0; i < limit; i++, this.step++) {
      this.tickWorld();
      if (marker !== 0 && markerLeader?.core?.role !== 'leader') marker = 0;
      if (marker === 0) {
        const current = this.newestLeader();
        if (current && current.core!.voters.length < this.nodes.length) {
          this.changeVoters(true); // every node must end up a voter again
          continue;
        }
        const leader = current;
        if (!leader) continue;
        const data = Buffer.allocUnsafe(4);
        data.writeUInt32BE(this.nextProposal++, 0);
        if (leader.core!.transferTarget !== NO_NODE) continue;
        marker = leader.core!.propose(data).index;
        markerLeader = leader;
        this.afterInput(leader);
        continue;
      }
      if (this.nodes.every((n) => n.smApplied >= marker)) return;
    }
    this.fail(`no progress: after ${limit} quiet steps the cluster has not committed and applied a new entry on every node\n${this.describe()}`);
  }

  /** One line per node, for failure reports. */
  describe(): string {
    return this.nodes
      .map((n) => {
        const c = n.core;
        if (!c) return `node ${n.id}: down`;
        return `node ${n.id}: ${c.role} term ${c.term} leader ${c.leaderId} vote ${c.votedFor} last ${c.lastIndex}/${c.lastTerm} commit ${c.commitIndex} persisted ${c.persistedIndex} snapshot ${c.snapshotIndex} applied ${n.smApplied} voters [${c.voters.join(',')}] ${this.nodes.filter((p) => p !== n).map((p) => `${p.id}:${JSON.stringify(c.progressOf(p.id) ?? null)}`).join(' ')}`;
      })
      .join('\n');
  }
}

export function runSimulation(options: SimulationOptions): SimulationResult {
  return new Simulation(options).run();
}
