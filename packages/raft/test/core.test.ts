import { isRunnelError } from '@runnel/protocol';
import { describe, expect, it } from 'vitest';
import { RaftCore } from '../src/core.js';
import { SeededRandom } from '../src/random.js';
import type { AppendResponse, Message } from '../src/types.js';
import { Cluster, log, texts } from './cluster.js';

/** A function, so the compiler does not narrow a role that stepping the core changes. */
const leads = (core: RaftCore): boolean => core.role === 'leader';

describe('leader election', () => {
  it('elects the node that times out first, and every node applies its no-op', () => {
    const c = new Cluster([1, 2, 3]);
    const leader = c.elect(1);
    expect(leader.role).toBe('leader');
    expect(leader.term).toBe(1);
    for (const id of [2, 3]) {
      expect(c.core(id).role).toBe('follower');
      expect(c.core(id).leaderId).toBe(1);
      expect(c.core(id).term).toBe(1);
    }
    c.round(2); // heartbeats carry the commit index
    for (const id of [1, 2, 3]) expect(c.applied.get(id)!.map((e) => `${e.index}:${e.type}:${e.term}`)).toEqual(['1:noop:1']);
  });

  it('draws the election timeout from [electionTicks, 2 * electionTicks) of the seeded source', () => {
    const timeouts = new Set<number>();
    for (let seed = 1; seed <= 50; seed++) {
      const core = new RaftCore({ id: 1, voters: [1, 2, 3], random: new SeededRandom(seed), electionTicks: 10, preVote: false });
      let ticks = 0;
      while (core.role === 'follower') {
        core.tick();
        ticks++;
      }
      timeouts.add(ticks);
    }
    expect(Math.min(...timeouts)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...timeouts)).toBeLessThan(20);
    expect(timeouts.size).toBeGreaterThan(3);
  });

  it('refuses a vote to a candidate whose log is behind (§5.4.1)', () => {
    const init = new Map([
      [1, { hardState: { term: 2, vote: 0, commit: 0 }, snapshot: null, entries: log([1]) }],
      [2, { hardState: { term: 2, vote: 0, commit: 0 }, snapshot: null, entries: log([1, 2]) }],
      [3, { hardState: { term: 2, vote: 0, commit: 0 }, snapshot: null, entries: log([1, 2]) }],
    ]);
    const c = new Cluster([1, 2, 3], { preVote: false }, init);
    c.elect(1);
    expect(c.core(1).role).not.toBe('leader');
    const votes = c.sent.filter((m) => m.type === 'VoteResponse' && m.to === 1);
    expect(votes.length).toBe(2);
    expect(votes.every((m) => m.type === 'VoteResponse' && !m.granted)).toBe(true);
    expect(c.elect(2).role).toBe('leader');
  });

  it('persists the vote before answering: one vote per term survives a restart', () => {
    const c = new Cluster([1, 2, 3], { preVote: false });
    c.tick(1, 20);
    const req = c.queue.find((m) => m.type === 'VoteRequest' && m.to === 2)!;
    c.core(2).step(req);
    const rd = c.core(2).ready();
    expect(rd.hardState).toEqual({ term: 1, vote: 1, commit: 0 });
    expect(rd.messages).toEqual([expect.objectContaining({ type: 'VoteResponse', granted: true })]);
    // Restarted from that hard state, node 2 refuses node 3 in the same term.
    const restarted = new RaftCore({ id: 2, voters: [1, 2, 3], random: new SeededRandom(5) }, { hardState: rd.hardState!, snapshot: null, entries: [] });
    restarted.step({ type: 'VoteRequest', from: 3, to: 2, term: 1, preVote: false, lastLogIndex: 0, lastLogTerm: 0, transfer: false });
    expect(restarted.ready().messages).toEqual([expect.objectContaining({ type: 'VoteResponse', granted: false })]);
  });
});

describe('pre-vote', () => {
  function partitionedRejoin(preVote: boolean): { c: Cluster; termBefore: number } {
    const c = new Cluster([1, 2, 3], { preVote });
    c.elect(1);
    c.round(3);
    const termBefore = c.core(1).term;
    c.isolate(3);
    c.tick(3, 100); // node 3 keeps timing out alone
    c.queue = [];
    for (let i = 0; i < 3; i++) {
      c.tick(1);
      c.tick(2);
      c.stabilize();
    }
    c.heal();
    c.round(5);
    return { c, termBefore };
  }

  it('keeps a partitioned node from bumping its term, so its return does not disrupt the leader', () => {
    const { c, termBefore } = partitionedRejoin(true);
    expect(c.core(1).role).toBe('leader');
    expect(c.core(1).term).toBe(termBefore);
    expect(c.core(3).term).toBe(termBefore);
    expect(c.core(3).leaderId).toBe(1);
  });

  it('without pre-vote the same schedule deposes the leader', () => {
    const { c, termBefore } = partitionedRejoin(false);
    expect(c.core(3).term).toBeGreaterThan(termBefore);
    expect(c.core(1).term).toBeGreaterThan(termBefore);
  });
});

describe('check-quorum', () => {
  it('a leader that hears from no majority for a full election timeout steps down', () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    c.isolate(1);
    // Checked once per election timeout; the first window still holds the election's answers.
    c.tick(1, 10);
    expect(c.core(1).role).toBe('leader');
    c.tick(1, 10);
    expect(c.core(1).role).toBe('follower');
    expect(() => c.core(1).propose(Buffer.from('x'))).toThrow(/not the Raft leader/);
  });

  it('a leader that hears from a majority stays', () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    c.isolate(3);
    for (let i = 0; i < 30; i++) {
      c.tick(1);
      c.stabilize();
    }
    expect(c.core(1).role).toBe('leader');
  });

  it('is what steps the leader down: without it the isolated leader keeps leading', () => {
    const c = new Cluster([1, 2, 3], { checkQuorum: false });
    c.elect(1);
    c.isolate(1);
    c.tick(1, 30);
    expect(c.core(1).role).toBe('leader');
  });
});

describe('log replication', () => {
  it('backtracks a conflicting follower tail in one round trip per conflicting term, using the hints', () => {
    // Raft paper figure 7: the leader's log and follower (f)'s.
    const leaderLog = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
    const followerLog = [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3];
    const init = new Map([
      [1, { hardState: { term: 6, vote: 0, commit: 0 }, snapshot: null, entries: log(leaderLog) }],
      [2, { hardState: { term: 6, vote: 0, commit: 0 }, snapshot: null, entries: log(followerLog) }],
      [3, { hardState: { term: 6, vote: 0, commit: 0 }, snapshot: null, entries: log(leaderLog) }],
    ]);
    const c = new Cluster([1, 2, 3], {}, init);
    c.elect(1);
    c.round(2);
    const rejects = c.sent.filter((m): m is AppendResponse => m.type === 'AppendResponse' && m.from === 2 && !m.success);
    // Index 10 holds term 3 there, whose run starts at 7; then index 6 holds term 2, whose run starts at 4.
    expect(rejects.map((r) => [r.matchIndex, r.conflictTerm, r.conflictIndex])).toEqual([
      [10, 3, 7],
      [6, 2, 4],
    ]);
    const leader = c.core(1);
    const follower = c.core(2);
    expect(follower.lastIndex).toBe(leader.lastIndex);
    for (let i = 1; i <= leader.lastIndex; i++) expect(follower.termAt(i)).toBe(leader.termAt(i));
  });

  it('a follower with a short log answers with its length, and the leader jumps there', () => {
    const init = new Map([
      [1, { hardState: { term: 3, vote: 0, commit: 0 }, snapshot: null, entries: log([1, 1, 2, 2, 3, 3, 3, 3]) }],
      [3, { hardState: { term: 3, vote: 0, commit: 0 }, snapshot: null, entries: log([1, 1, 2, 2, 3, 3, 3, 3]) }],
    ]);
    const c = new Cluster([1, 2, 3], {}, init);
    c.elect(1);
    c.round(2);
    const rejects = c.sent.filter((m): m is AppendResponse => m.type === 'AppendResponse' && m.from === 2 && !m.success);
    expect(rejects.map((r) => [r.conflictTerm, r.conflictIndex])).toEqual([[0, 1]]);
    expect(c.core(2).lastIndex).toBe(9);
  });

  it('does not commit an entry of an earlier term by counting replicas (§5.4.2)', () => {
    const run = (faulty: boolean): number => {
      const init = new Map([
        [1, { hardState: { term: 3, vote: 0, commit: 1 }, snapshot: null, entries: log([1, 2]) }],
        [2, { hardState: { term: 3, vote: 0, commit: 1 }, snapshot: null, entries: log([1]) }],
        [3, { hardState: { term: 3, vote: 0, commit: 1 }, snapshot: null, entries: log([1]) }],
      ]);
      const c = new Cluster([1, 2, 3], { maxAppendEntries: 1, faults: { commitOlderTermByCounting: faulty } }, init);
      const leader = c.core(1);
      for (let i = 0; i < 100 && leader.role !== 'leader'; i++) {
        c.tick(1);
        while (!leads(leader) && c.deliverOne());
      }
      expect(leader.role).toBe('leader');
      expect(leader.term).toBe(4);
      c.isolate(3);
      // Run until node 2 acknowledges index 2 (term 2), before it holds the term-4 no-op.
      expect(c.runUntil(() => (leader.progressOf(2)?.match ?? 0) >= 2)).toBe(true);
      expect(leader.progressOf(2)!.match).toBe(2);
      return leader.commitIndex;
    };
    expect(run(false)).toBe(1);
    expect(run(true)).toBe(2); // the fault switch shows what the rule prevents
  });

  it('commits the earlier entries once an entry of the current term reaches a majority', () => {
    const init = new Map([
      [1, { hardState: { term: 3, vote: 0, commit: 1 }, snapshot: null, entries: log([1, 2]) }],
      [2, { hardState: { term: 3, vote: 0, commit: 1 }, snapshot: null, entries: log([1]) }],
      [3, { hardState: { term: 3, vote: 0, commit: 1 }, snapshot: null, entries: log([1]) }],
    ]);
    const c = new Cluster([1, 2, 3], { maxAppendEntries: 1 }, init);
    c.elect(1);
    c.round(2);
    expect(c.core(1).commitIndex).toBe(3);
    expect(c.core(1).termAt(3)).toBe(4);
  });

  it('pipelines and batches: many proposals go out in few appends, bounded by maxInflight', () => {
    const c = new Cluster([1, 2, 3], { maxInflight: 2, maxAppendEntries: 10 });
    c.elect(1);
    c.round(2);
    const before = c.sent.length;
    for (let i = 0; i < 95; i++) c.propose(1, `p${i}`);
    c.flush();
    const appends = c.sent.slice(before).filter((m) => m.type === 'AppendRequest' && m.to === 2);
    // 95 entries in appends of at most 10, at most 2 unacknowledged.
    expect(appends.length).toBe(2);
    expect(appends.every((m) => m.type === 'AppendRequest' && m.entries.length === 10)).toBe(true);
    c.stabilize();
    c.round(2);
    for (const id of [1, 2, 3]) expect(texts(c.applied.get(id)!)).toHaveLength(95);
  });

  it('followers apply committed entries once each, in index order, under reordered delivery', () => {
    const c = new Cluster([1, 2, 3, 4, 5], {}, new Map(), 42);
    c.elect(1);
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 5; i++) c.propose(1, `r${round}-${i}`);
      for (const id of [1, 2, 3, 4, 5]) c.core(id).tick();
      c.stabilize(true);
    }
    c.round(3);
    const reference = c.applied.get(1)!;
    expect(texts(reference)).toHaveLength(100);
    for (const id of [1, 2, 3, 4, 5]) {
      const applied = c.applied.get(id)!;
      expect(applied.map((e) => e.index)).toEqual(applied.map((_, i) => i + 1));
      expect(texts(applied)).toEqual(texts(reference));
    }
  });

  it('the leader counts its own entries only once they are persisted', () => {
    const core = new RaftCore({ id: 1, voters: [1], random: new SeededRandom(1) });
    while (core.role !== 'leader') core.tick();
    let rd = core.ready();
    expect(core.commitIndex).toBe(0);
    core.persisted(rd.lastIndex, rd.lastTerm);
    expect(core.commitIndex).toBe(1);
    core.propose(Buffer.from('a'));
    rd = core.ready();
    expect(rd.entries.map((e) => e.index)).toEqual([2]);
    expect(core.commitIndex).toBe(1);
    core.persisted(rd.lastIndex, rd.lastTerm);
    expect(core.commitIndex).toBe(2);
    expect(core.ready().committedEntries.map((e) => e.index)).toEqual([2]);
  });
});

describe('early send (leader writes in parallel with replication, Raft thesis §10.2.1)', () => {
  const appendsIn = (msgs: Message[]): Message[] => msgs.filter((m) => m.type === 'AppendRequest');

  it("sends the leader's appends before its write, and counts the leader only once it has persisted", () => {
    const c = new Cluster([1, 2, 3], { earlySend: true });
    const leader = c.elect(1);
    c.round(2);
    const before = leader.commitIndex;
    const index = leader.propose(Buffer.from('a')).index;
    const rd = leader.ready();
    expect(rd.entries.map((e) => e.index)).toEqual([index]);
    expect(appendsIn(rd.messages)).toEqual([]);
    const early = appendsIn(rd.earlyMessages);
    expect(early.map((m) => m.to).sort()).toEqual([2, 3]);

    // The follower still acknowledges only after its own write: the answer waits in `messages`.
    const toTwo = early.find((m) => m.to === 2)!;
    const follower = c.core(2);
    follower.step(toTwo);
    const frd = follower.ready();
    expect(frd.earlyMessages).toEqual([]);
    const ack = frd.messages.find((m): m is AppendResponse => m.type === 'AppendResponse')!;
    expect(ack).toMatchObject({ success: true, matchIndex: index });
    follower.persisted(frd.lastIndex, frd.lastTerm);

    // One follower's copy plus the leader's unpersisted one is not a majority of durable copies.
    leader.step(ack);
    expect(leader.commitIndex).toBe(before);
    leader.persisted(rd.lastIndex, rd.lastTerm);
    expect(leader.commitIndex).toBe(index);
  });

  it('commits on the followers alone while the leader is still writing', () => {
    const c = new Cluster([1, 2, 3], { earlySend: true });
    const leader = c.elect(1);
    c.round(2);
    const index = leader.propose(Buffer.from('a')).index;
    const rd = leader.ready();
    for (const m of appendsIn(rd.earlyMessages)) {
      const f = c.core(m.to);
      f.step(m);
      const frd = f.ready();
      f.persisted(frd.lastIndex, frd.lastTerm);
      for (const r of frd.messages) if (r.type === 'AppendResponse') leader.step(r);
    }
    expect(leader.persistedIndex).toBe(index - 1);
    expect(leader.commitIndex).toBe(index);
    // Applying still waits for the leader's own copy.
    expect(leader.ready().committedEntries).toEqual([]);
    leader.persisted(rd.lastIndex, rd.lastTerm);
    expect(leader.ready().committedEntries.map((e) => e.index)).toEqual([index]);
  });

  it('keeps every message in `messages` when early send is off', () => {
    const c = new Cluster([1, 2, 3]);
    const leader = c.elect(1);
    c.round(2);
    leader.propose(Buffer.from('a'));
    const rd = leader.ready();
    expect(rd.earlyMessages).toEqual([]);
    expect(appendsIn(rd.messages).map((m) => m.to).sort()).toEqual([2, 3]);
  });
});

describe('snapshots', () => {
  it('ships a snapshot in chunks to a follower that fell behind the compacted log, which resumes from it', () => {
    const c = new Cluster([1, 2, 3], { snapshotChunkBytes: 5 });
    c.elect(1);
    c.isolate(3);
    for (let i = 0; i < 20; i++) c.propose(1, `e${i}`);
    c.stabilize();
    c.round(2);
    const leader = c.core(1);
    const applied = c.applied.get(1)!.length;
    const state = Buffer.from(`state-after-${applied}-entries`);
    leader.compact(applied, state);
    expect(leader.snapshotIndex).toBe(applied);
    c.propose(1, 'after-snapshot');
    c.heal();
    c.round(4);
    const chunks = c.sent.filter((m) => m.type === 'SnapshotChunk' && m.to === 3);
    expect(chunks.length).toBe(Math.ceil(state.length / 5));
    expect(c.restored.get(3)!.map((s) => [s.meta.index, s.data.toString()])).toEqual([[applied, state.toString()]]);
    expect(c.restored.get(3)![0]!.meta.voters).toEqual([1, 2, 3]);
    expect(texts(c.applied.get(3)!)).toEqual(['after-snapshot']);
    expect(c.core(3).commitIndex).toBe(leader.commitIndex);
    expect(c.core(3).termAt(leader.lastIndex)).toBe(leader.termAt(leader.lastIndex));
  });

  it('refuses to snapshot past the applied index', () => {
    const c = new Cluster([1]);
    c.elect(1);
    expect(() => c.core(1).compact(5, Buffer.alloc(0))).toThrow(/only 1 is applied/);
  });
});

describe('leadership transfer', () => {
  it('hands leadership to a caught-up voter, which wins without waiting for a timeout', () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    c.round(2);
    const term = c.core(1).term;
    c.core(1).transferLeadership(3);
    expect(() => c.core(1).propose(Buffer.from('x'))).toThrow(/transferred to node 3/);
    c.stabilize();
    expect(c.core(3).role).toBe('leader');
    expect(c.core(3).term).toBe(term + 1);
    expect(c.core(1).role).toBe('follower');
    expect(c.core(1).leaderId).toBe(3);
  });

  it('first brings a lagging target up to date', () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    c.isolate(3);
    for (let i = 0; i < 5; i++) c.propose(1, `x${i}`);
    c.stabilize();
    c.heal();
    c.core(1).transferLeadership(3);
    c.stabilize();
    expect(c.core(3).role).toBe('leader');
    c.electAmong([1, 2, 3]);
    expect(texts(c.applied.get(3)!)).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
    const timeoutNow = c.sent.findIndex((m) => m.type === 'TimeoutNow');
    const catchUp = c.sent.findIndex((m) => m.type === 'AppendResponse' && m.from === 3 && m.success && m.matchIndex >= 6);
    expect(catchUp).toBeGreaterThanOrEqual(0);
    expect(timeoutNow).toBeGreaterThan(catchUp);
  });

  it('gives up after an election timeout if the target never answers', () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    c.isolate(3);
    c.core(1).transferLeadership(3);
    for (let i = 0; i < 10; i++) {
      c.tick(1);
      c.stabilize();
    }
    expect(c.core(1).role).toBe('leader');
    expect(c.core(1).propose(Buffer.from('ok')).index).toBeGreaterThan(0);
  });
});

describe('membership change, one voter at a time', () => {
  it('adds a voter that starts with an empty log while the quorum keeps committing', () => {
    const c = new Cluster([1, 2, 3]);
    c.add(4, { voters: [] });
    c.elect(1);
    c.propose(1, 'before');
    c.stabilize();
    c.core(1).changeVoters({ add: 4 });
    expect(() => c.core(1).changeVoters({ add: 5 })).toThrow(/still being committed/);
    c.propose(1, 'during');
    c.stabilize();
    c.round(3);
    for (const id of [1, 2, 3, 4]) expect(c.core(id).voters).toEqual([1, 2, 3, 4]);
    expect(texts(c.applied.get(4)!)).toEqual(['before', 'during']);
    // Four voters need three: with two down nothing commits, with one down it does.
    c.isolate(2);
    c.propose(1, 'with-three');
    c.stabilize();
    c.round(2);
    expect(texts(c.applied.get(4)!)).toContain('with-three');
    c.isolate(3);
    c.propose(1, 'with-two');
    c.round(2);
    expect(texts(c.applied.get(1)!)).not.toContain('with-two');
  });

  it('removes the leader itself: it steps down once the change commits, and the rest elect a leader', () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    c.round(2);
    c.core(1).changeVoters({ remove: 1 });
    c.stabilize();
    c.round(2);
    expect(c.core(1).role).toBe('follower');
    for (const id of [2, 3]) expect(c.core(id).voters).toEqual([2, 3]);
    const next = c.electAmong([2, 3]);
    expect(next.voters).toEqual([2, 3]);
    const other = next.id === 2 ? 3 : 2;
    c.propose(next.id, 'two-voters');
    c.stabilize();
    c.round(2);
    expect(texts(c.applied.get(other)!)).toEqual(['two-voters']);
    // The removed node no longer campaigns.
    c.tick(1, 50);
    expect(c.core(1).role).toBe('follower');
  });

  it('refuses a change before the new leader has committed in its term', () => {
    const fresh = new Cluster([1, 2, 3]);
    const leader = fresh.core(1);
    while (leader.role !== 'leader') {
      leader.tick();
      fresh.flush();
      while (!leads(leader) && fresh.deliverOne());
    }
    // Elected, but its no-op is not yet committed.
    expect(leader.termAt(leader.commitIndex)).not.toBe(leader.term);
    let err: unknown;
    try {
      leader.changeVoters({ add: 4 });
    } catch (e) {
      err = e;
    }
    expect(isRunnelError(err, 'LEADER_NOT_AVAILABLE')).toBe(true);
    fresh.stabilize();
    expect(leader.changeVoters({ add: 4 }).index).toBe(2);
  });

  it('a learner receives the log without counting toward commit, then joins caught up', () => {
    const c = new Cluster([1, 2, 3]);
    c.add(4, { voters: [1, 2, 3] });
    c.elect(1);
    c.core(1).setLearners([4]);
    c.propose(1, 'caught-up');
    c.stabilize();
    c.round(2);
    expect(texts(c.applied.get(4)!)).toEqual(['caught-up']);
    expect(c.core(1).learners).toEqual([4]);
    expect(c.core(1).progressOf(4)!.match).toBe(c.core(1).lastIndex);
    // With both other voters cut off, the learner's copy does not make a majority.
    c.isolate(2);
    c.isolate(3);
    c.propose(1, 'no-majority');
    c.round(3);
    expect(texts(c.applied.get(4)!)).not.toContain('no-majority');
    expect(texts(c.applied.get(1)!)).not.toContain('no-majority');
    // A learner never campaigns, however long it hears nothing.
    c.isolate(1);
    c.tick(4, 100);
    expect(c.core(4).role).toBe('follower');
    c.heal();
    c.round(3);
    c.core(1).changeVoters({ add: 4 });
    c.stabilize();
    c.round(2);
    expect(c.core(1).voters).toEqual([1, 2, 3, 4]);
    expect(c.core(1).learners).toEqual([]);
    expect(texts(c.applied.get(4)!)).toEqual(['caught-up', 'no-majority']);
  });

  it('a removed voter that stays a learner keeps receiving the log', () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    c.round(2);
    c.core(1).setLearners([3]);
    c.core(1).changeVoters({ remove: 3 });
    c.stabilize();
    c.round(2);
    expect(c.core(1).voters).toEqual([1, 2]);
    c.propose(1, 'after-removal');
    c.stabilize();
    c.round(2);
    expect(texts(c.applied.get(3)!)).toEqual(['after-removal']);
    c.tick(3, 50);
    expect(c.core(3).role).toBe('follower');
  });

  it('rolls the voter set back when an uncommitted config entry is truncated', () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    c.round(2);
    c.isolate(1);
    c.core(1).changeVoters({ add: 4 });
    c.flush();
    expect(c.core(1).voters).toEqual([1, 2, 3, 4]);
    const next = c.electAmong([2, 3]);
    c.propose(next.id, 'new-leader');
    c.stabilize();
    c.heal();
    c.round(3);
    expect(c.core(1).voters).toEqual([1, 2, 3]);
    expect(texts(c.applied.get(1)!)).toEqual(['new-leader']);
  });
});

describe('message handling', () => {
  it('a stale leader learns the new term from a follower and steps down', () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    c.isolate(1);
    const next = c.electAmong([2, 3]);
    c.heal();
    c.tick(1, 2);
    c.stabilize();
    expect(c.core(1).role).toBe('follower');
    expect(c.core(1).term).toBe(next.term);
  });

  it('ignores answers from nodes that are not voters', () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    const stray: Message = { type: 'AppendResponse', from: 9, to: 1, term: c.core(1).term, success: true, matchIndex: 100, conflictIndex: 0, conflictTerm: 0, lastLogIndex: 100 };
    c.core(1).step(stray);
    expect(c.core(1).commitIndex).toBe(1);
  });
});
