import { RunnelError } from '@runnel/protocol';
import { NotLeaderError } from './errors.js';
import { PROBE, Progress, REPLICATE, SNAPSHOT } from './progress.js';
import type { RandomSource } from './random.js';
import { RaftLog } from './raft-log.js';
import {
  NO_NODE,
  type AppendRequest,
  type AppendResponse,
  type Entry,
  type EntryType,
  type HardState,
  type Message,
  type NodeId,
  type ObserverFetchRequest,
  type ObserverFetchResponse,
  type Ready,
  type Role,
  type Snapshot,
  type SnapshotChunk,
  type SnapshotFetchRequest,
  type SnapshotFetchResponse,
  type SnapshotResponse,
  type VoteRequest,
  type VoteResponse,
} from './types.js';
import { VoterHistory, decodeVoters, encodeVoters } from './voters.js';

/**
 * Deliberate bugs, for proving that the simulator catches what it claims to catch. Never set
 * outside tests.
 */
export interface RaftFaults {
  /** Commit an entry of an earlier term once a majority holds it (the Figure 8 bug of Raft §5.4.2). */
  commitOlderTermByCounting?: boolean;
  /** Grant votes without checking that the candidate's log is at least as up to date (§5.4.1). */
  voteWithoutLogCheck?: boolean;
  /** A leader counts its own entries toward commit before they are persisted (breaks §10.2.1's rule). */
  countUnpersistedSelf?: boolean;
}

export interface RaftCoreOptions {
  id: NodeId;
  random: RandomSource;
  /** The voters of a brand-new cluster; ignored once a snapshot or config entry says otherwise. */
  voters?: NodeId[];
  /** Election timeout is drawn from [electionTicks, 2 * electionTicks). */
  electionTicks?: number;
  heartbeatTicks?: number;
  preVote?: boolean;
  checkQuorum?: boolean;
  /** Appends in flight per follower while pipelining. */
  maxInflight?: number;
  maxAppendEntries?: number;
  maxAppendBytes?: number;
  snapshotChunkBytes?: number;
  /**
   * Let the leader's appends leave before its own write is durable (Raft thesis §10.2.1): they
   * come out in Ready.earlyMessages. The leader still counts itself toward commit only once
   * persisted() says so, and followers still persist before they acknowledge. Off by default, for
   * drivers that only read Ready.messages.
   */
  earlySend?: boolean;
  faults?: RaftFaults;
}

/** What the driver read back from storage. */
export interface RaftInitialState {
  hardState: HardState;
  snapshot: Snapshot | null;
  entries: Entry[];
}

export const EMPTY_STATE: RaftInitialState = { hardState: { term: 0, vote: NO_NODE, commit: 0 }, snapshot: null, entries: [] };

const EMPTY: Entry[] = [];
const EMPTY_BUF = Buffer.alloc(0);

interface IncomingSnapshot {
  index: number;
  term: number;
  voters: NodeId[];
  chunks: Buffer[];
  size: number;
}

/**
 * The Raft state machine of one node: pure and deterministic. It never touches a clock, a socket,
 * a disk or Math.random: inputs are tick(), step(message), propose(), persisted() and compact();
 * everything it wants done comes out of ready(). See Ready for the driver's contract.
 */
export class RaftCore {
  readonly id: NodeId;
  private readonly random: RandomSource;
  private readonly electionTicks: number;
  private readonly heartbeatTicks: number;
  private readonly preVote: boolean;
  private readonly checkQuorum: boolean;
  private readonly maxInflight: number;
  private readonly maxAppendEntries: number;
  private readonly maxAppendBytes: number;
  private readonly chunkBytes: number;
  private readonly earlySend: boolean;
  private readonly faults: RaftFaults;

  private _term: number;
  private vote: NodeId;
  private _commit: number;
  private _role: Role = 'follower';
  private _leader: NodeId = NO_NODE;
  private readonly log: RaftLog;
  private readonly history: VoterHistory;
  private voterSet = new Set<NodeId>();
  private voterList: NodeId[] = [];
  /** Non-voters the leader replicates to (a controller catching up before it joins, or one removed). */
  private learnerSet = new Set<NodeId>();
  private quorum = 1;
  private readonly progress = new Map<NodeId, Progress>();
  private readonly granted = new Set<NodeId>();
  private readonly rejected = new Set<NodeId>();
  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  private randomizedTimeout = 0;
  private transferee: NodeId = NO_NODE;
  private snapshot: Snapshot | null;
  private incoming: IncomingSnapshot | null = null;
  private _persisted: number;
  private applied: number;
  private matchScratch: number[] = [];

  // What the next Ready carries.
  private msgs: Message[] = [];
  private early: Message[] = [];
  private hardDirty = false;
  private unstableFrom = Infinity;
  private pendingInstall: Snapshot | null = null;
  private appendDirty = false;
  private commitDirty = false;

  constructor(options: RaftCoreOptions, state: RaftInitialState = EMPTY_STATE) {
    this.id = options.id;
    this.random = options.random;
    this.electionTicks = options.electionTicks ?? 10;
    this.heartbeatTicks = options.heartbeatTicks ?? 2;
    this.preVote = options.preVote ?? true;
    this.checkQuorum = options.checkQuorum ?? true;
    this.maxInflight = options.maxInflight ?? 64;
    this.maxAppendEntries = options.maxAppendEntries ?? 256;
    this.maxAppendBytes = options.maxAppendBytes ?? 1 << 20;
    this.chunkBytes = options.snapshotChunkBytes ?? 256 << 10;
    this.earlySend = options.earlySend ?? false;
    this.faults = options.faults ?? {};
    if (this.id <= 0) throw new RunnelError('INVALID_CONFIG', `node id must be a positive integer, got ${this.id}`);
    if (this.heartbeatTicks >= this.electionTicks) {
      throw new RunnelError('INVALID_CONFIG', 'heartbeatTicks must be below electionTicks so followers hear from a leader before timing out');
    }

    const snap = state.snapshot;
    this.snapshot = snap;
    this.log = new RaftLog(snap?.meta.index ?? 0, snap?.meta.term ?? 0, state.entries);
    this.history = new VoterHistory(snap ? snap.meta.voters : (options.voters ?? []));
    for (const e of state.entries) {
      if (e.type === 'config' && e.index > this.log.snapshotIndex) this.history.record(e.index, decodeVoters(e.data));
    }
    this.refreshVoters();
    this._term = state.hardState.term;
    this.vote = state.hardState.vote;
    this._commit = Math.min(Math.max(state.hardState.commit, this.log.snapshotIndex), this.log.lastIndex);
    this._persisted = this.log.lastIndex;
    this.applied = this.log.snapshotIndex;
    this.resetElectionTimer();
  }

  // ---- read-only views -------------------------------------------------------------------

  get role(): Role {
    return this._role;
  }
  get term(): number {
    return this._term;
  }
  get leaderId(): NodeId {
    return this._leader;
  }
  get commitIndex(): number {
    return this._commit;
  }
  get persistedIndex(): number {
    return this._persisted;
  }
  get appliedIndex(): number {
    return this.applied;
  }
  get lastIndex(): number {
    return this.log.lastIndex;
  }
  get lastTerm(): number {
    return this.log.lastTerm;
  }
  get snapshotIndex(): number {
    return this.log.snapshotIndex;
  }
  get voters(): readonly NodeId[] {
    return this.voterList;
  }
  /** Nodes that receive the log without voting (voters among them are ignored while they vote). */
  get learners(): readonly NodeId[] {
    return [...this.learnerSet].filter((id) => !this.voterSet.has(id));
  }
  /** The node leadership is being handed to, or NO_NODE. */
  get transferTarget(): NodeId {
    return this.transferee;
  }
  get votedFor(): NodeId {
    return this.vote;
  }
  /** The term of the entry at `index`, or -1 when it is not retained. */
  termAt(index: number): number {
    return this.log.termAt(index);
  }
  /** The retained entry at `index` (snapshotIndex < index <= lastIndex). */
  entryAt(index: number): Entry {
    return this.log.entry(index);
  }
  /** The leader's view of a follower, for tests and metrics. */
  progressOf(peer: NodeId): { match: number; next: number; state: 'probe' | 'replicate' | 'snapshot' } | undefined {
    const pr = this.progress.get(peer);
    if (!pr || this._role !== 'leader') return undefined;
    return { match: pr.match, next: pr.next, state: pr.state === PROBE ? 'probe' : pr.state === REPLICATE ? 'replicate' : 'snapshot' };
  }

  // ---- inputs ----------------------------------------------------------------------------

  /** One unit of logical time. */
  tick(): void {
    if (this._role === 'leader') this.tickLeader();
    else this.tickElection();
  }

  /** Appends a normal entry; returns its index and term. Throws NOT_CONTROLLER unless leading. */
  propose(data: Buffer): { index: number; term: number } {
    this.assertCanPropose();
    const index = this.appendEntry('normal', data);
    return { index, term: this._term };
  }

  /** Adds or removes one voter. The change takes effect as soon as its entry is in the log. */
  changeVoters(change: { add: NodeId } | { remove: NodeId }): { index: number; term: number } {
    this.assertCanPropose();
    if (this.history.lastChangeIndex() > this._commit) {
      throw new RunnelError('REASSIGNMENT_IN_PROGRESS', 'a voter change is still being committed; retry once it commits');
    }
    if (this.log.termAt(this._commit) !== this._term) {
      // Thesis §4.1 erratum: a new leader must commit in its term before changing membership.
      throw new RunnelError('LEADER_NOT_AVAILABLE', 'the leader has not committed an entry in its term yet; retry shortly');
    }
    let next: NodeId[];
    if ('add' in change) {
      if (!Number.isInteger(change.add) || change.add <= 0) throw new RunnelError('INVALID_REQUEST', `node id must be a positive integer, got ${change.add}`);
      if (this.voterSet.has(change.add)) throw new RunnelError('INVALID_REQUEST', `node ${change.add} is already a voter`);
      next = [...this.voterList, change.add];
    } else {
      if (!this.voterSet.has(change.remove)) throw new RunnelError('INVALID_REQUEST', `node ${change.remove} is not a voter`);
      if (this.voterList.length === 1) throw new RunnelError('INVALID_REQUEST', 'cannot remove the last voter');
      next = this.voterList.filter((v) => v !== change.remove);
    }
    const index = this.appendEntry('config', encodeVoters(next));
    return { index, term: this._term };
  }

  /**
   * Sets the non-voters a leader replicates to. They never count toward commit or elections; a
   * learner that becomes a voter keeps its progress, so a caught-up learner joins without a gap.
   */
  setLearners(ids: Iterable<NodeId>): void {
    this.learnerSet = new Set(ids);
    this.syncProgress();
  }

  /** Hands leadership to `target` once it has caught up (controlled shutdown). */
  transferLeadership(target: NodeId): void {
    if (this._role !== 'leader') throw this.notLeader();
    if (target === this.id) return;
    if (!this.voterSet.has(target)) throw new RunnelError('INVALID_REQUEST', `node ${target} is not a voter`);
    this.transferee = target;
    this.electionElapsed = 0; // the transfer gives up after one election timeout
    const pr = this.progress.get(target)!;
    if (pr.match === this.log.lastIndex) {
      this.send({ type: 'TimeoutNow', from: this.id, to: target, term: this._term });
    } else if (pr.state !== SNAPSHOT) {
      // Catch the target up now rather than waiting out lost appends.
      pr.becomeProbe(pr.match + 1);
      this.sendAppend(target, pr);
    }
  }

  /** The driver made entries up to `index` (whose term is `term`) durable. */
  persisted(index: number, term: number): void {
    if (index <= this._persisted || this.log.termAt(index) !== term) return;
    this._persisted = index;
    if (this._role === 'leader') this.maybeCommit();
  }

  /**
   * The state machine has a snapshot covering the log up to `index` (at most the applied index):
   * the log before it is dropped, and followers too far behind receive this snapshot.
   */
  compact(index: number, data: Buffer): Snapshot {
    if (index > this.applied) throw new RunnelError('INVALID_REQUEST', `cannot snapshot at ${index}: only ${this.applied} is applied`);
    if (index <= this.log.snapshotIndex) {
      throw new RunnelError('INVALID_REQUEST', `a snapshot at ${this.log.snapshotIndex} already covers index ${index}`);
    }
    const term = this.log.termAt(index);
    const voters = [...this.history.at(index)];
    this.history.compact(index);
    this.log.compact(index, term);
    this.snapshot = { meta: { index, term, voters }, data };
    return this.snapshot;
  }

  step(m: Message): void {
    if (m.term > this._term) {
      if (m.type === 'VoteRequest') {
        const inLease = this.checkQuorum && this._leader !== NO_NODE && this.electionElapsed < this.electionTicks;
        if (inLease && !m.transfer) return; // a leader is alive: do not let a rejoining node disrupt it
      }
      if (m.type === 'VoteRequest' && m.preVote) {
        // answering a pre-vote never changes our term
      } else if (m.type === 'VoteResponse' && m.preVote && m.granted) {
        // granted pre-votes carry the term we would campaign in
      } else {
        const fromLeader = m.type === 'AppendRequest' || m.type === 'SnapshotChunk' || m.type === 'TimeoutNow';
        // Only a leader or a granted vote restarts the election timer (Raft §5.2); a candidate with a
        // stale log must not be able to keep everyone else from timing out.
        this.becomeFollower(m.term, fromLeader ? m.from : NO_NODE, fromLeader);
      }
    } else if (m.term < this._term) {
      // Requests from the past are refused with our term (Raft §5.1), so the sender catches up: a
      // stale leader (healed from a partition, or removed and no longer sent to) steps down, and a
      // candidate whose term fell behind can campaign again at a term that counts.
      if (m.type === 'AppendRequest' || m.type === 'SnapshotChunk') {
        this.send(this.appendResponse(m.from, false, 0, 0, 0));
      } else if (m.type === 'VoteRequest') {
        this.send({ type: 'VoteResponse', from: this.id, to: m.from, term: this._term, preVote: m.preVote, granted: false });
      }
      return;
    }

    switch (m.type) {
      case 'VoteRequest':
        this.onVoteRequest(m);
        break;
      case 'VoteResponse':
        this.onVoteResponse(m);
        break;
      case 'AppendRequest':
        if (this._role === 'leader') return;
        this.followLeader(m.from);
        this.onAppend(m);
        break;
      case 'AppendResponse':
        if (this._role === 'leader') this.onAppendResponse(m);
        break;
      case 'SnapshotChunk':
        if (this._role === 'leader') return;
        this.followLeader(m.from);
        this.onSnapshotChunk(m);
        break;
      case 'SnapshotResponse':
        if (this._role === 'leader') this.onSnapshotResponse(m);
        break;
      case 'TimeoutNow':
        if (this._role !== 'leader' && this.voterSet.has(this.id)) this.campaign('transfer');
        break;
    }
  }

  // ---- output ----------------------------------------------------------------------------

  hasReady(): boolean {
    this.flushAppends();
    return (
      this.msgs.length > 0 ||
      this.early.length > 0 ||
      this.hardDirty ||
      this.unstableFrom <= this.log.lastIndex ||
      this.pendingInstall !== null ||
      this.applied < Math.min(this._commit, this._persisted)
    );
  }

  ready(): Ready {
    this.flushAppends();
    const last = this.log.lastIndex;
    const applyTo = Math.min(this._commit, this._persisted);
    const rd: Ready = {
      messages: this.msgs,
      earlyMessages: this.early,
      hardState: this.hardDirty ? { term: this._term, vote: this.vote, commit: this._commit } : null,
      entries: this.unstableFrom <= last ? this.log.slice(this.unstableFrom, last, Infinity) : EMPTY,
      snapshot: this.pendingInstall,
      committedEntries: this.applied < applyTo ? this.log.slice(this.applied + 1, applyTo, Infinity) : EMPTY,
      lastIndex: last,
      lastTerm: this.log.lastTerm,
    };
    if (this.applied < applyTo) this.applied = applyTo;
    this.msgs = [];
    if (this.early.length > 0) this.early = [];
    this.hardDirty = false;
    this.unstableFrom = Infinity;
    this.pendingInstall = null;
    return rd;
  }

  // ---- observer reads (pull replication of committed data) -------------------------------

  /** Serves an observer's fetch from the retained log and the commit index. */
  readCommitted(req: ObserverFetchRequest): ObserverFetchResponse {
    const res: ObserverFetchResponse = {
      leaderId: this._leader,
      leaderTerm: this._term,
      commitIndex: this._commit,
      entries: EMPTY,
      snapshot: null,
    };
    const prev = req.fetchIndex - 1;
    if (req.fetchIndex <= this.log.snapshotIndex) {
      res.snapshot = { index: this.log.snapshotIndex, term: this.log.snapshotTerm };
    } else if (prev <= this._commit && this.log.termAt(prev) !== req.lastFetchedTerm) {
      // The observer holds something this log never committed: it must start over.
      res.snapshot = { index: this.log.snapshotIndex, term: this.log.snapshotTerm };
    } else if (req.fetchIndex <= this._commit) {
      res.entries = this.log.slice(req.fetchIndex, this._commit, Math.max(1, req.maxBytes));
    }
    return res;
  }

  /** A chunk of the current snapshot, or null when that snapshot is no longer the current one. */
  readSnapshot(req: SnapshotFetchRequest): SnapshotFetchResponse | null {
    const snap = this.snapshot;
    if (req.index === 0 && this.log.snapshotIndex === 0) {
      return { index: 0, term: 0, voters: [], size: 0, position: 0, data: EMPTY_BUF };
    }
    if (!snap || snap.meta.index !== req.index || snap.meta.term !== req.term) return null;
    const pos = Math.min(Math.max(0, req.position), snap.data.length);
    return {
      index: snap.meta.index,
      term: snap.meta.term,
      voters: snap.meta.voters,
      size: snap.data.length,
      position: pos,
      data: snap.data.subarray(pos, pos + Math.max(1, req.maxBytes)),
    };
  }

  // ---- elections -------------------------------------------------------------------------

  private tickElection(): void {
    this.electionElapsed++;
    if (this.electionElapsed >= this.randomizedTimeout && this.voterSet.has(this.id)) {
      this.campaign(this.preVote ? 'pre' : 'real');
    }
  }

  private tickLeader(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.electionTicks) {
      this.electionElapsed = 0;
      this.transferee = NO_NODE;
      if (this.checkQuorum && !this.quorumActive()) {
        this.becomeFollower(this._term, NO_NODE);
        return;
      }
    }
    if (this.heartbeatElapsed >= this.heartbeatTicks) {
      this.heartbeatElapsed = 0;
      this.heartbeat();
    }
  }

  private quorumActive(): boolean {
    let active = 0;
    for (const v of this.voterList) {
      if (v === this.id) active++;
      else {
        const pr = this.progress.get(v)!;
        if (pr.recentActive) active++;
        pr.recentActive = false;
      }
    }
    return active >= this.quorum;
  }

  private resetElectionTimer(): void {
    this.electionElapsed = 0;
    this.randomizedTimeout = this.electionTicks + this.random.nextInt(this.electionTicks);
  }

  private campaign(kind: 'pre' | 'real' | 'transfer'): void {
    this.granted.clear();
    this.rejected.clear();
    this._leader = NO_NODE;
    this.resetElectionTimer();
    let term: number;
    if (kind === 'pre') {
      this._role = 'precandidate';
      term = this._term + 1;
    } else {
      this._role = 'candidate';
      this._term++;
      this.vote = this.id;
      this.hardDirty = true;
      term = this._term;
    }
    this.granted.add(this.id);
    if (this.granted.size >= this.quorum) {
      if (kind === 'pre') this.campaign('real');
      else this.becomeLeader();
      return;
    }
    for (const v of this.voterList) {
      if (v === this.id) continue;
      this.send({
        type: 'VoteRequest',
        from: this.id,
        to: v,
        term,
        preVote: kind === 'pre',
        lastLogIndex: this.log.lastIndex,
        lastLogTerm: this.log.lastTerm,
        transfer: kind === 'transfer',
      });
    }
  }

  private onVoteRequest(m: VoteRequest): void {
    const canVote =
      this.vote === m.from || (this.vote === NO_NODE && this._leader === NO_NODE) || (m.preVote && m.term > this._term);
    const upToDate =
      this.faults.voteWithoutLogCheck === true ||
      m.lastLogTerm > this.log.lastTerm ||
      (m.lastLogTerm === this.log.lastTerm && m.lastLogIndex >= this.log.lastIndex);
    if (canVote && upToDate) {
      this.send({ type: 'VoteResponse', from: this.id, to: m.from, term: m.term, preVote: m.preVote, granted: true });
      if (!m.preVote) {
        this.vote = m.from;
        this.hardDirty = true;
        this.resetElectionTimer();
      }
    } else {
      this.send({ type: 'VoteResponse', from: this.id, to: m.from, term: this._term, preVote: m.preVote, granted: false });
    }
  }

  private onVoteResponse(m: VoteResponse): void {
    if (this._role === 'precandidate') {
      if (!m.preVote || (m.granted && m.term !== this._term + 1)) return;
    } else if (this._role === 'candidate') {
      if (m.preVote || m.term !== this._term) return;
    } else {
      return;
    }
    if (!this.voterSet.has(m.from)) return;
    if (m.granted) this.granted.add(m.from);
    else this.rejected.add(m.from);
    if (this.granted.size >= this.quorum) {
      if (this._role === 'precandidate') this.campaign('real');
      else this.becomeLeader();
    } else if (this.rejected.size >= this.quorum) {
      this.becomeFollower(this._term, NO_NODE);
    }
  }

  private becomeFollower(term: number, leader: NodeId, resetTimer = true): void {
    if (term !== this._term) {
      this._term = term;
      this.vote = NO_NODE;
      this.hardDirty = true;
    }
    this._role = 'follower';
    this._leader = leader;
    this.transferee = NO_NODE;
    if (resetTimer) this.resetElectionTimer();
  }

  /** A message from the current term's leader: follow it and restart the election timer. */
  private followLeader(leader: NodeId): void {
    if (this._role !== 'follower') this.becomeFollower(this._term, leader);
    this._leader = leader;
    this.electionElapsed = 0;
  }

  private becomeLeader(): void {
    this._role = 'leader';
    this._leader = this.id;
    this.transferee = NO_NODE;
    this.heartbeatElapsed = 0;
    this.electionElapsed = 0;
    this.progress.clear();
    const next = this.log.lastIndex + 1;
    for (const v of this.replicas()) {
      const pr = new Progress(this.maxInflight);
      pr.next = next;
      this.progress.set(v, pr);
    }
    // A no-op of the new term lets earlier entries commit (§5.4.2 forbids counting them directly).
    this.appendEntry('noop', EMPTY_BUF);
  }

  // ---- replication (leader side) ---------------------------------------------------------

  private assertCanPropose(): void {
    if (this._role !== 'leader') throw this.notLeader();
    if (this.transferee !== NO_NODE) {
      throw new NotLeaderError(this.transferee, `leadership is being transferred to node ${this.transferee}; retry there`);
    }
  }

  private notLeader(): NotLeaderError {
    const hint = this._leader === NO_NODE ? 'no leader is known yet' : `the leader is node ${this._leader}`;
    return new NotLeaderError(this._leader, `node ${this.id} is not the Raft leader; ${hint}`);
  }

  private appendEntry(type: EntryType, data: Buffer): number {
    const index = this.log.lastIndex + 1;
    this.log.append({ index, term: this._term, type, data });
    if (index < this.unstableFrom) this.unstableFrom = index;
    if (type === 'config') {
      this.history.record(index, decodeVoters(data));
      this.refreshVoters();
    }
    this.appendDirty = true;
    return index;
  }

  /** Sends what is pending to every follower, batching proposals made since the last Ready. */
  private flushAppends(): void {
    if (!this.appendDirty && !this.commitDirty) return;
    if (this._role === 'leader') {
      for (const [peer, pr] of this.progress) {
        let sent = false;
        while (this.sendAppend(peer, pr)) {
          sent = true;
          if (pr.state !== REPLICATE) break;
        }
        if (!sent && this.commitDirty) this.sendHeartbeat(peer, pr);
      }
    }
    this.appendDirty = false;
    this.commitDirty = false;
  }

  /** Sends the next append to `peer` if its state allows; returns whether a message went out. */
  private sendAppend(peer: NodeId, pr: Progress): boolean {
    if (pr.state === SNAPSHOT || (pr.state === PROBE && pr.paused) || (pr.state === REPLICATE && pr.inflightFull)) {
      return false;
    }
    const last = this.log.lastIndex;
    if (pr.next > last + 1) pr.next = last + 1;
    const prev = pr.next - 1;
    const prevTerm = this.log.termAt(prev);
    if (prevTerm < 0) {
      this.sendSnapshot(peer, pr);
      return true;
    }
    let entries = EMPTY;
    if (pr.next <= last) {
      entries = this.log.slice(pr.next, Math.min(last, pr.next + this.maxAppendEntries - 1), this.maxAppendBytes);
    } else if (pr.state === REPLICATE) {
      return false;
    }
    this.send({
      type: 'AppendRequest',
      from: this.id,
      to: peer,
      term: this._term,
      prevLogIndex: prev,
      prevLogTerm: prevTerm,
      entries,
      leaderCommit: this._commit,
    });
    if (pr.state === REPLICATE) {
      const lastSent = prev + entries.length;
      pr.next = lastSent + 1;
      pr.addInflight(lastSent);
    } else {
      pr.paused = true;
    }
    return true;
  }

  /** An empty append at an index the follower is known to hold: never rejected, carries commit. */
  private sendHeartbeat(peer: NodeId, pr: Progress): void {
    const prevTerm = this.log.termAt(pr.match);
    if (prevTerm < 0) return;
    this.send({
      type: 'AppendRequest',
      from: this.id,
      to: peer,
      term: this._term,
      prevLogIndex: pr.match,
      prevLogTerm: prevTerm,
      entries: EMPTY,
      leaderCommit: this._commit,
    });
  }

  private heartbeat(): void {
    const last = this.log.lastIndex;
    for (const [peer, pr] of this.progress) {
      if (pr.state === SNAPSHOT) {
        // Doubles as the retransmission of a lost chunk: resend from what the follower acknowledged.
        this.sendSnapshotChunk(peer, pr);
      } else if (pr.state === PROBE) {
        pr.paused = false;
        this.sendAppend(peer, pr);
      } else {
        this.sendHeartbeat(peer, pr);
        if (pr.match < last && ++pr.stalledRounds >= 3) {
          // Appends were lost: fall back to probing from what the follower is known to hold.
          pr.becomeProbe(pr.match + 1);
          this.sendAppend(peer, pr);
        }
      }
    }
  }

  private sendSnapshot(peer: NodeId, pr: Progress): void {
    pr.becomeSnapshot(this.snapshot!);
    this.sendSnapshotChunk(peer, pr);
  }

  private sendSnapshotChunk(peer: NodeId, pr: Progress): void {
    const snap = pr.snapshot!;
    const offset = pr.snapshotOffset;
    const data = snap.data.subarray(offset, offset + this.chunkBytes);
    pr.snapshotSent = offset + data.length;
    this.send({
      type: 'SnapshotChunk',
      from: this.id,
      to: peer,
      term: this._term,
      snapshotIndex: snap.meta.index,
      snapshotTerm: snap.meta.term,
      voters: snap.meta.voters,
      offset,
      data,
      done: offset + data.length >= snap.data.length,
    });
  }

  private onAppendResponse(m: AppendResponse): void {
    const pr = this.progress.get(m.from);
    if (!pr) return;
    pr.recentActive = true;
    if (!m.success) {
      if (m.matchIndex <= pr.match) return; // stale: we already know it holds more than that
      if (pr.state === REPLICATE || (pr.state === PROBE && m.matchIndex === pr.next - 1)) {
        pr.becomeProbe(this.nextAfterReject(m, pr));
        this.sendAppend(m.from, pr);
      }
      return;
    }
    const matched = Math.min(m.matchIndex, this.log.lastIndex);
    let advanced = false;
    if (matched > pr.match) {
      pr.match = matched;
      pr.stalledRounds = 0;
      advanced = true;
    }
    pr.freeUpTo(matched);
    if (pr.state === PROBE && pr.match >= pr.next - 1) pr.becomeReplicate();
    else if (pr.state === SNAPSHOT && pr.match >= pr.snapshotIndex) pr.becomeReplicate();
    if (pr.next <= pr.match) pr.next = pr.match + 1;
    if (advanced) this.maybeCommit();
    if (this._role !== 'leader') return; // a committed removal of ourselves
    if (this.transferee === m.from && pr.match === this.log.lastIndex) {
      this.send({ type: 'TimeoutNow', from: this.id, to: m.from, term: this._term });
    }
    while (this.sendAppend(m.from, pr)) {
      if (pr.state !== REPLICATE) break;
    }
  }

  /** Where to probe next after a rejection, using the follower's conflict hints (§5.3 optimisation). */
  private nextAfterReject(m: AppendResponse, pr: Progress): number {
    let next = m.conflictIndex;
    if (m.conflictTerm > 0) {
      const idx = this.log.lastIndexOfTerm(m.conflictTerm, m.matchIndex);
      if (idx > 0) next = idx + 1;
    }
    return Math.max(pr.match + 1, Math.min(next, m.matchIndex));
  }

  private onSnapshotResponse(m: SnapshotResponse): void {
    const pr = this.progress.get(m.from);
    if (!pr) return;
    pr.recentActive = true;
    if (pr.state !== SNAPSHOT || m.snapshotIndex !== pr.snapshotIndex) return;
    if (m.success) {
      if (m.snapshotIndex > pr.match) pr.match = m.snapshotIndex;
      pr.becomeReplicate();
      this.maybeCommit();
      if (this._role === 'leader') this.sendAppend(m.from, pr);
      return;
    }
    // The follower says where it stands (it may have lost a partial download); the heartbeat
    // resends from there. Only an answer to the newest chunk moves the transfer on at once, so
    // duplicated answers cannot multiply chunks.
    pr.snapshotOffset = m.nextOffset;
    if (m.nextOffset === pr.snapshotSent && pr.snapshotSent < pr.snapshot!.data.length) this.sendSnapshotChunk(m.from, pr);
  }

  private maybeCommit(): void {
    const scratch = this.matchScratch;
    scratch.length = 0;
    const self = this.faults.countUnpersistedSelf ? this.log.lastIndex : this._persisted;
    for (const v of this.voterList) scratch.push(v === this.id ? self : this.progress.get(v)!.match);
    scratch.sort((a, b) => b - a);
    const n = scratch[this.quorum - 1]!;
    if (n <= this._commit) return;
    if (this.log.termAt(n) !== this._term && !this.faults.commitOlderTermByCounting) return;
    this._commit = n;
    this.hardDirty = true;
    this.commitDirty = true;
    if (!this.voterSet.has(this.id) && n >= this.history.lastChangeIndex()) {
      // Our own removal is committed: stop leading (the others elect a leader among themselves).
      this.flushAppends();
      this.becomeFollower(this._term, NO_NODE);
    }
  }

  private refreshVoters(): void {
    this.voterList = [...this.history.current()];
    this.voterSet = new Set(this.voterList);
    this.quorum = (this.voterList.length >> 1) + 1;
    this.syncProgress();
  }

  /** Everyone a leader replicates to: the voters and learners other than itself. */
  private replicas(): Set<NodeId> {
    const all = new Set<NodeId>(this.voterList);
    for (const l of this.learnerSet) all.add(l);
    all.delete(this.id);
    return all;
  }

  /** A leader's progress map follows membership: new replicas are probed from the log's end. */
  private syncProgress(): void {
    if (this._role !== 'leader') return;
    const replicas = this.replicas();
    for (const v of replicas) {
      if (this.progress.has(v)) continue;
      const pr = new Progress(this.maxInflight);
      pr.next = this.log.lastIndex;
      pr.recentActive = true;
      this.progress.set(v, pr);
    }
    for (const peer of this.progress.keys()) if (!replicas.has(peer)) this.progress.delete(peer);
  }

  // ---- replication (follower side) -------------------------------------------------------

  private appendResponse(to: NodeId, success: boolean, matchIndex: number, conflictIndex: number, conflictTerm: number): AppendResponse {
    return {
      type: 'AppendResponse',
      from: this.id,
      to,
      term: this._term,
      success,
      matchIndex,
      conflictIndex,
      conflictTerm,
      lastLogIndex: this.log.lastIndex,
    };
  }

  private onAppend(m: AppendRequest): void {
    const prev = m.prevLogIndex;
    if (prev < this._commit) {
      // Everything up to our commit index already matches the leader's log.
      this.send(this.appendResponse(m.from, true, this._commit, 0, 0));
      return;
    }
    const t = this.log.termAt(prev);
    if (t !== m.prevLogTerm) {
      if (t < 0) {
        this.send(this.appendResponse(m.from, false, prev, this.log.lastIndex + 1, 0));
      } else {
        const first = this.log.firstIndexOfTerm(t, prev, this._commit + 1);
        this.send(this.appendResponse(m.from, false, prev, first, t));
      }
      return;
    }
    const entries = m.entries;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.index <= this.log.lastIndex) {
        if (this.log.termAt(e.index) === e.term) continue;
        this.truncateFrom(e.index);
      }
      this.log.append(e);
      if (e.index < this.unstableFrom) this.unstableFrom = e.index;
      if (e.type === 'config') {
        this.history.record(e.index, decodeVoters(e.data));
        this.refreshVoters();
      }
    }
    const lastNew = prev + entries.length;
    const commit = Math.min(m.leaderCommit, lastNew);
    if (commit > this._commit) {
      this._commit = commit;
      this.hardDirty = true;
    }
    this.send(this.appendResponse(m.from, true, lastNew, 0, 0));
  }

  private truncateFrom(index: number): void {
    if (index <= this._commit) throw new Error(`node ${this.id}: refusing to truncate committed entry ${index} (commit ${this._commit})`);
    this.log.truncateFrom(index);
    if (this.history.truncateFrom(index)) this.refreshVoters();
    if (index < this.unstableFrom) this.unstableFrom = index;
    if (this._persisted >= index) this._persisted = index - 1;
  }

  private onSnapshotChunk(m: SnapshotChunk): void {
    const respond = (nextOffset: number, success: boolean): void =>
      this.send({ type: 'SnapshotResponse', from: this.id, to: m.from, term: this._term, snapshotIndex: m.snapshotIndex, nextOffset, success });
    if (m.snapshotIndex <= this._commit) {
      this.incoming = null;
      respond(0, true);
      return;
    }
    let inc = this.incoming;
    if (m.offset === 0 && (!inc || inc.index !== m.snapshotIndex || inc.term !== m.snapshotTerm)) {
      inc = this.incoming = { index: m.snapshotIndex, term: m.snapshotTerm, voters: m.voters, chunks: [], size: 0 };
    }
    if (!inc || inc.index !== m.snapshotIndex || inc.term !== m.snapshotTerm) {
      respond(0, false);
      return;
    }
    if (m.offset !== inc.size) {
      respond(inc.size, false);
      return;
    }
    inc.chunks.push(m.data);
    inc.size += m.data.length;
    if (!m.done) {
      respond(inc.size, false);
      return;
    }
    this.incoming = null;
    this.installSnapshot({ meta: { index: inc.index, term: inc.term, voters: [...inc.voters] }, data: Buffer.concat(inc.chunks, inc.size) });
    respond(inc.size, true);
  }

  private installSnapshot(snap: Snapshot): void {
    const { index, term } = snap.meta;
    this._commit = index;
    this.hardDirty = true;
    if (this.log.termAt(index) === term) return; // our log already holds it: just commit up to it
    this.log.reset(index, term);
    this.history.reset(snap.meta.voters);
    this.refreshVoters();
    this.applied = index;
    if (this._persisted > index) this._persisted = index;
    this.unstableFrom = index + 1;
    this.snapshot = snap;
    this.pendingInstall = snap;
  }

  private send(m: Message): void {
    // A leader's appends and snapshot chunks depend on nothing of its own being durable: its term
    // and vote were synced before it could win the votes that made it leader (a lone voter, which
    // wins without them, has no one to send to until a voter change commits, which needs its own
    // write of this term), entries count toward commit only once persisted() reports them, and a
    // leader that crashes before its write lands cannot lead this term again, so no one can
    // contradict the entries it sent. Learners are the exception: a lone voter may send to them
    // before its term is durable, so they hear only what is.
    if (this.earlySend && this._role === 'leader' && (m.type === 'AppendRequest' || m.type === 'SnapshotChunk') && this.voterSet.has(m.to)) {
      this.early.push(m);
    } else this.msgs.push(m);
  }
}
