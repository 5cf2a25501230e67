import { RunnelError } from '@runnel/protocol';
import { pino, type Logger } from 'pino';
import { RaftCore, type RaftCoreOptions } from './core.js';
import { NotLeaderError } from './errors.js';
import { LevelLogStore } from './log-store.js';
import type { ObserverSource } from './observer.js';
import { systemRandom, type RandomSource } from './random.js';
import type { StateMachine } from './state-machine.js';
import type { Transport } from './transport.js';
import type {
  Message,
  NodeId,
  ObserverFetchRequest,
  ObserverFetchResponse,
  Ready,
  Role,
  SnapshotFetchRequest,
  SnapshotFetchResponse,
} from './types.js';

export interface RaftNodeOptions {
  id: NodeId;
  /** The voters of a brand-new cluster (ignored once the log or a snapshot names them). */
  voters: NodeId[];
  /** Directory for the LevelDB log and snapshot files. */
  dir: string;
  transport: Transport;
  stateMachine: StateMachine;
  logger?: Logger;
  /** One logical tick; election timeout is electionTicks..2*electionTicks of these. */
  tickMs?: number;
  electionTicks?: number;
  heartbeatTicks?: number;
  random?: RandomSource;
  /** Take a state machine snapshot and drop the log once this many entries were applied since the last. */
  snapshotEvery?: number;
  /** Proposals awaiting commit before new ones are refused. */
  maxPendingProposals?: number;
  /**
   * How long a proposal may wait for its entry to be applied. Past it the promise is rejected with
   * REQUEST_TIMED_OUT (the outcome is unknown: the entry may still commit under a later leader).
   */
  proposalTimeoutMs?: number;
  /** Further core settings (pre-vote, check-quorum, batching limits). */
  core?: Pick<RaftCoreOptions, 'preVote' | 'checkQuorum' | 'maxInflight' | 'maxAppendEntries' | 'maxAppendBytes' | 'snapshotChunkBytes' | 'earlySend'>;
}

interface Pending {
  term: number;
  deadline: number;
  resolve: (index: number) => void;
  reject: (err: Error) => void;
}

/**
 * The driver around RaftCore: real timers, the LevelDB store, a Transport and the state machine.
 * It feeds inputs to the core and carries out each Ready in the order the core requires (persist
 * with sync, then send), grouping the Readies that pile up during one write into one synced batch.
 * A leader's appends (Ready.earlyMessages) leave as soon as the Ready is taken, so followers write
 * in parallel with the leader; committed entries, durable already, are applied as soon as they are
 * taken rather than after the write in progress; and new work is taken once per event-loop turn,
 * so proposals made in one turn share one append and one write.
 */
export class RaftNode implements ObserverSource {
  private readonly core: RaftCore;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  /** Readies taken (their early messages sent) but not yet written. */
  private queued: Ready[] = [];
  /** State machine work, in log order; it runs alongside the writes. */
  private applyChain: Promise<void> = Promise.resolve();
  /** Readies whose applying waits for their write (a snapshot install, and what follows it). */
  private readonly heldBack = new Set<Ready>();
  private scheduled = false;
  private closed = false;
  private failure: Error | null = null;
  private idle: Promise<void> = Promise.resolve();
  private readonly pending = new Map<number, Pending>();
  private readonly snapshotEvery: number;
  private readonly maxPending: number;
  private readonly proposalTimeoutMs: number;
  /** What the state machine has applied (the core's applied index runs ahead of it while Readies queue). */
  private applied = 0;
  private lastRole: Role = 'follower';
  private lastTerm = 0;
  /** When each voter last answered an append (wall-clock ms), for DescribeQuorum; one entry per peer. */
  private readonly lastAppendResponse = new Map<NodeId, number>();
  private electionsSeen = 0;

  private constructor(
    private readonly options: RaftNodeOptions,
    private readonly store: LevelLogStore,
    core: RaftCore,
  ) {
    this.core = core;
    this.log = (options.logger ?? pino({ name: 'raft', base: { nodeId: options.id } })).child({ component: 'raft' });
    this.snapshotEvery = options.snapshotEvery ?? 10_000;
    this.maxPending = options.maxPendingProposals ?? 4096;
    this.proposalTimeoutMs = options.proposalTimeoutMs ?? 10_000;
    this.lastTerm = core.term;
  }

  /** Opens the store, restores the state machine from the latest snapshot, and starts ticking. */
  static async start(options: RaftNodeOptions): Promise<RaftNode> {
    const store = await LevelLogStore.open(options.dir);
    const state = await store.load();
    const core = new RaftCore(
      {
        id: options.id,
        voters: options.voters,
        random: options.random ?? systemRandom,
        electionTicks: options.electionTicks ?? 10,
        heartbeatTicks: options.heartbeatTicks ?? 2,
        earlySend: true,
        ...options.core,
      },
      state,
    );
    if (state.snapshot) await options.stateMachine.restore(state.snapshot);
    const node = new RaftNode(options, store, core);
    node.applied = core.snapshotIndex;
    options.transport.onMessage((m) => node.receive(m));
    node.timer = setInterval(() => node.tick(), options.tickMs ?? 50);
    node.log.info({ term: core.term, lastIndex: core.lastIndex, snapshotIndex: core.snapshotIndex }, 'raft node started');
    node.kick();
    return node;
  }

  get id(): NodeId {
    return this.options.id;
  }
  get role(): Role {
    return this.core.role;
  }
  get term(): number {
    return this.core.term;
  }
  get leaderId(): NodeId {
    return this.core.leaderId;
  }
  get isLeader(): boolean {
    return this.core.role === 'leader';
  }
  get commitIndex(): number {
    return this.core.commitIndex;
  }
  get appliedIndex(): number {
    return this.core.appliedIndex;
  }
  get lastIndex(): number {
    return this.core.lastIndex;
  }
  /** Terms begun since this node started: each is an election somewhere in the quorum. */
  get elections(): number {
    return this.electionsSeen;
  }
  get voters(): readonly NodeId[] {
    return this.core.voters;
  }

  /** Non-voters this node replicates to whenever it leads (see RaftCore.setLearners). */
  get learners(): readonly NodeId[] {
    return this.core.learners;
  }

  setLearners(ids: Iterable<NodeId>): void {
    if (this.closed || this.failure) return;
    this.core.setLearners(ids);
    this.kick();
  }

  /**
   * The leader's view of every voter's and learner's log: the last index known to match its own
   * (its own last index for itself) and when the replica last answered an append (-1 when not
   * since this node started). Empty on a node that does not lead.
   */
  replicaProgress(): { id: NodeId; voter: boolean; matchIndex: number; lastResponseMs: number }[] {
    if (this.core.role !== 'leader') return [];
    const replica = (id: NodeId, voter: boolean) => ({
      id,
      voter,
      matchIndex: id === this.id ? this.core.lastIndex : this.core.progressOf(id)?.match ?? -1,
      lastResponseMs: id === this.id ? Date.now() : this.lastAppendResponse.get(id) ?? -1,
    });
    return [...this.core.voters.map((id) => replica(id, true)), ...this.core.learners.map((id) => replica(id, false))];
  }

  /** Resolves with the entry's index once it is committed and applied here. */
  propose(data: Buffer): Promise<number> {
    return this.submit(() => this.core.propose(data));
  }

  addVoter(id: NodeId): Promise<number> {
    return this.submit(() => this.core.changeVoters({ add: id }));
  }

  removeVoter(id: NodeId): Promise<number> {
    return this.submit(() => this.core.changeVoters({ remove: id }));
  }

  /** Hands leadership to another voter (controlled shutdown); watch `leaderId` for the outcome. */
  transferLeadership(to: NodeId): void {
    this.assertOpen();
    this.core.transferLeadership(to);
    this.kick();
  }

  async fetch(req: ObserverFetchRequest): Promise<ObserverFetchResponse> {
    this.assertOpen();
    return this.core.readCommitted(req);
  }

  async fetchSnapshot(req: SnapshotFetchRequest): Promise<SnapshotFetchResponse> {
    this.assertOpen();
    const res = this.core.readSnapshot(req);
    if (!res) throw new RunnelError('SNAPSHOT_NOT_FOUND', `snapshot ${req.index}/${req.term} is no longer retained; fetch again to learn the current one`);
    return res;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle;
    await this.applyChain.catch(() => undefined);
    await this.options.transport.close();
    await this.store.close();
    this.rejectAll(new RunnelError('NOT_CONTROLLER', `node ${this.id} is shutting down`));
    this.log.info({ term: this.core.term }, 'raft node closed');
  }

  private submit(op: () => { index: number; term: number }): Promise<number> {
    try {
      this.assertOpen();
      if (this.pending.size >= this.maxPending) {
        throw new RunnelError('THROTTLING_QUOTA_EXCEEDED', `${this.pending.size} proposals await commit; retry once some complete`);
      }
      const { index, term } = op();
      const deadline = Date.now() + this.proposalTimeoutMs;
      const p = new Promise<number>((resolve, reject) => this.pending.set(index, { term, deadline, resolve, reject }));
      this.kick();
      return p;
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private assertOpen(): void {
    if (this.failure) throw new RunnelError('KAFKA_STORAGE_ERROR', `raft node ${this.id} stopped after a storage failure: ${this.failure.message}`);
    if (this.closed) throw new RunnelError('NOT_CONTROLLER', `raft node ${this.id} is closed`);
  }

  private tick(): void {
    if (this.closed || this.failure) return;
    this.core.tick();
    this.expireProposals();
    this.kick();
  }

  /** The map keeps proposals in the order they were made, so deadlines ascend along it. */
  private expireProposals(): void {
    if (this.pending.size === 0) return;
    const now = Date.now();
    for (const [index, p] of this.pending) {
      if (p.deadline > now) break;
      this.pending.delete(index);
      p.reject(new RunnelError('REQUEST_TIMED_OUT', `entry ${index} was not applied within ${this.proposalTimeoutMs} ms; its outcome is unknown`));
    }
  }

  private receive(m: Message): void {
    if (this.closed || this.failure) return;
    if (m.type === 'AppendResponse') this.lastAppendResponse.set(m.from, Date.now());
    this.core.step(m);
    this.kick();
  }

  /**
   * Takes the new work at the end of this event-loop turn, so everything proposed or received in
   * the turn travels in one append and one write: runs the Ready loop, or, while it is already
   * running (a write is under way), takes the work at once so its early messages and applies need
   * not wait for that write.
   */
  private kick(): void {
    this.noteRole();
    if (this.closed || this.failure || this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.onTurnEnd);
  }

  private readonly onTurnEnd = (): void => {
    this.scheduled = false;
    if (this.closed || this.failure) return;
    if (this.busy) {
      this.collect();
      return;
    }
    this.busy = true;
    this.idle = this.drain().finally(() => {
      this.busy = false;
      // Work that arrived as the loop was finishing.
      if (!this.closed && !this.failure && (this.queued.length > 0 || this.core.hasReady())) this.kick();
    });
  };

  /**
   * Takes every pending Ready: its early messages go now, its committed entries are queued for the
   * state machine now (they are durable already: the core hands out none past its persisted index),
   * and the rest waits for its write. A snapshot to install holds back applying, its own and every
   * later Ready's, until its write is done.
   */
  private collect(): void {
    while (this.core.hasReady()) {
      const rd = this.core.ready();
      for (const m of rd.earlyMessages) this.options.transport.send(m);
      if (rd.snapshot || this.heldBack.size > 0) {
        this.heldBack.add(rd);
      } else if (rd.committedEntries.length > 0) {
        this.enqueueApply(() => this.applyReady(rd));
      }
      this.queued.push(rd);
    }
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        this.collect();
        if (this.failure || this.queued.length === 0) break;
        const readies = this.queued;
        this.queued = [];
        await this.handle(readies);
        this.noteRole();
      }
    } catch (err) {
      this.stop(err as Error);
    }
  }

  private async handle(readies: Ready[]): Promise<void> {
    await this.store.write(readies);
    const last = readies[readies.length - 1]!;
    this.core.persisted(last.lastIndex, last.lastTerm);
    for (const rd of readies) for (const m of rd.messages) this.options.transport.send(m);
    for (const rd of readies) {
      if (this.heldBack.delete(rd)) this.enqueueApply(() => this.applyReady(rd));
    }
    // Applying keeps pace with writing, so neither runs away from the other.
    await this.applyChain;
    await this.maybeSnapshot();
  }

  /** Runs `fn` after everything queued before it; a failure stops the node. */
  private enqueueApply(fn: () => Promise<void>): void {
    const next = this.applyChain.then(fn);
    next.catch((err: unknown) => this.stop(err as Error));
    this.applyChain = next;
  }

  private async applyReady(rd: Ready): Promise<void> {
    const sm = this.options.stateMachine;
    if (rd.snapshot) {
      await sm.restore(rd.snapshot);
      this.applied = rd.snapshot.meta.index;
      this.log.info({ term: this.core.term, snapshotIndex: rd.snapshot.meta.index }, 'installed snapshot from leader');
      // Proposals the snapshot covers can no longer be matched to their entries.
      for (const [index, p] of this.pending) {
        if (index > rd.snapshot.meta.index) continue;
        this.pending.delete(index);
        p.reject(new RunnelError('NOT_CONTROLLER', `the outcome of entry ${index} is unknown after a snapshot install; check the state before retrying`));
      }
    }
    for (const e of rd.committedEntries) {
      await sm.apply(e);
      this.applied = e.index;
      const p = this.pending.get(e.index);
      if (!p) continue;
      this.pending.delete(e.index);
      if (p.term === e.term) p.resolve(e.index);
      else p.reject(new NotLeaderError(this.core.leaderId, `entry ${e.index} was replaced by a new leader's; retry on the leader (node ${this.core.leaderId})`));
    }
  }

  /**
   * Snapshots at what the state machine has applied (the core's applied index runs ahead of it
   * while applies are queued). The state is read in turn with applies, so none lands mid-read.
   */
  private async maybeSnapshot(): Promise<void> {
    if (this.applied - this.core.snapshotIndex < this.snapshotEvery) return;
    let at = 0;
    const reading = this.applyChain.then(() => {
      at = this.applied;
      return this.options.stateMachine.snapshot();
    });
    this.applyChain = reading.then(() => undefined);
    this.applyChain.catch(() => undefined); // reported by the await below
    const data = await reading;
    if (at <= this.core.snapshotIndex) return; // a snapshot from the leader landed meanwhile
    const snap = this.core.compact(at, data);
    await this.store.compact(snap);
    this.log.info({ term: this.core.term, snapshotIndex: at, bytes: data.length }, 'took snapshot and compacted the log');
  }

  /** The durable state or the state machine is now unknown: stop rather than risk acting on it. */
  private stop(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    if (this.timer) clearInterval(this.timer);
    this.log.error({ err, term: this.core.term }, 'raft node stopped: storage or state machine failure');
    this.rejectAll(new RunnelError('KAFKA_STORAGE_ERROR', `raft node ${this.id} failed: ${err.message}`));
  }

  private noteRole(): void {
    const role = this.core.role;
    const term = this.core.term;
    if (role === this.lastRole && term === this.lastTerm) return;
    if (term > this.lastTerm) this.electionsSeen += term - this.lastTerm;
    this.lastRole = role;
    this.lastTerm = term;
    this.log.info({ term, role, leaderId: this.core.leaderId }, `raft role is now ${role}`);
  }

  private rejectAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
