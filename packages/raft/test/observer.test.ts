import { RunnelError } from '@runnel/protocol';
import { describe, expect, it } from 'vitest';
import type { RaftCore } from '../src/core.js';
import { Observer, ObserverState, type ObserverSource } from '../src/observer.js';
import type { StateMachine } from '../src/state-machine.js';
import type { Entry, Snapshot } from '../src/types.js';
import { Cluster, texts } from './cluster.js';

function sourceOf(core: RaftCore, calls: string[] = []): ObserverSource {
  return {
    async fetch(req) {
      calls.push(`fetch ${req.fetchIndex}`);
      return core.readCommitted(req);
    },
    async fetchSnapshot(req) {
      calls.push(`snapshot ${req.index}@${req.position}`);
      const res = core.readSnapshot(req);
      if (!res) throw new RunnelError('SNAPSHOT_NOT_FOUND', 'gone');
      return res;
    },
  };
}

class RecordingMachine implements StateMachine {
  entries: Entry[] = [];
  restored: Snapshot[] = [];
  apply(entry: Entry): void {
    this.entries.push(entry);
  }
  snapshot(): Buffer {
    return Buffer.from(texts(this.entries).join(','));
  }
  restore(snapshot: Snapshot): void {
    this.restored.push(snapshot);
    this.entries = [];
  }
}

describe('observer fetch (read side of a voter)', () => {
  it('serves committed entries only, from the requested index, bounded by bytes', () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    c.round(2);
    for (let i = 0; i < 5; i++) c.propose(1, `m${i}`);
    c.flush();
    const leader = c.core(1);
    // Appended but not yet committed: nothing new is served.
    expect(leader.readCommitted({ fetchIndex: 2, lastFetchedTerm: 1, maxBytes: 1 << 20 }).entries).toEqual([]);
    c.stabilize();
    c.round(2);
    const all = leader.readCommitted({ fetchIndex: 2, lastFetchedTerm: 1, maxBytes: 1 << 20 });
    expect(texts(all.entries)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(all.commitIndex).toBe(6);
    expect(all.leaderId).toBe(1);
    const bounded = leader.readCommitted({ fetchIndex: 2, lastFetchedTerm: 1, maxBytes: 5 });
    expect(texts(bounded.entries)).toEqual(['m0', 'm1']);
    // A follower serves the same committed data.
    expect(texts(c.core(3).readCommitted({ fetchIndex: 4, lastFetchedTerm: 1, maxBytes: 1 << 20 }).entries)).toEqual(['m2', 'm3', 'm4']);
  });

  it('answers "load the snapshot" below the retained log and on a term mismatch', () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    for (let i = 0; i < 4; i++) c.propose(1, `m${i}`);
    c.stabilize();
    c.round(1);
    const leader = c.core(1);
    leader.compact(3, Buffer.from('snap'));
    expect(leader.readCommitted({ fetchIndex: 2, lastFetchedTerm: 1, maxBytes: 100 }).snapshot).toEqual({ index: 3, term: 1 });
    expect(leader.readCommitted({ fetchIndex: 5, lastFetchedTerm: 9, maxBytes: 100 }).snapshot).toEqual({ index: 3, term: 1 });
    expect(texts(leader.readCommitted({ fetchIndex: 4, lastFetchedTerm: 1, maxBytes: 100 }).entries)).toEqual(['m2', 'm3']);
  });
});

describe('Observer', () => {
  it('applies committed entries in order and keeps following', async () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    for (let i = 0; i < 3; i++) c.propose(1, `a${i}`);
    c.stabilize();
    c.round(1);
    const sm = new RecordingMachine();
    const obs = new Observer({ source: sourceOf(c.core(2)), stateMachine: sm, maxBytes: 4 });
    while (await obs.poll());
    expect(sm.entries.map((e) => e.index)).toEqual([1, 2, 3, 4]);
    expect(texts(sm.entries)).toEqual(['a0', 'a1', 'a2']);
    c.propose(1, 'b0');
    c.stabilize();
    c.round(1);
    await obs.poll();
    expect(texts(sm.entries)).toEqual(['a0', 'a1', 'a2', 'b0']);
    expect(obs.appliedIndex).toBe(5);
  });

  it('falls back to the snapshot in chunks when it is behind the retained log, then resumes after it', async () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    for (let i = 0; i < 6; i++) c.propose(1, `a${i}`);
    c.stabilize();
    c.round(1);
    const leader = c.core(1);
    const state = Buffer.from('state-of-a0-to-a5');
    leader.compact(7, state);
    c.propose(1, 'after');
    c.stabilize();
    c.round(1);
    const calls: string[] = [];
    const sm = new RecordingMachine();
    const obs = new Observer({ source: sourceOf(leader, calls), stateMachine: sm, maxBytes: 5 });
    const done = obs.waitFor(8);
    while (await obs.poll());
    await done;
    expect(sm.restored.map((s) => [s.meta.index, s.meta.term, s.data.toString(), s.meta.voters])).toEqual([[7, 1, state.toString(), [1, 2, 3]]]);
    expect(calls.filter((x) => x.startsWith('snapshot'))).toEqual(['snapshot 7@0', 'snapshot 7@5', 'snapshot 7@10', 'snapshot 7@15']);
    expect(sm.entries.map((e) => [e.index, e.data.toString()])).toEqual([[8, 'after']]);
  });

  it('restarts the download when the snapshot it was fetching is replaced', async () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    for (let i = 0; i < 6; i++) c.propose(1, `a${i}`);
    c.stabilize();
    c.round(1);
    const leader = c.core(1);
    leader.compact(4, Buffer.from('first-snapshot'));
    const sm = new RecordingMachine();
    const state = new ObserverState();
    const first = state.onFetch(leader.readCommitted(state.fetchRequest(4)));
    expect(first).toEqual({ kind: 'snapshot', index: 4, term: 1 });
    state.onSnapshotChunk(leader.readSnapshot(state.snapshotRequest(4))!);
    leader.compact(7, Buffer.from('second'));
    expect(leader.readSnapshot(state.snapshotRequest(4))).toBeNull();
    // The driver, on SNAPSHOT_NOT_FOUND, starts over and lands on the new snapshot.
    const obs = new Observer({ source: sourceOf(leader), stateMachine: sm, maxBytes: 4 });
    while (await obs.poll());
    expect(sm.restored.map((s) => s.data.toString())).toEqual(['second']);
    expect(obs.appliedIndex).toBe(7);
  });

  it('refuses answers that skip entries', () => {
    const state = new ObserverState(3, 1);
    const e = { index: 5, term: 1, type: 'normal' as const, data: Buffer.from('x') };
    expect(() => state.onFetch({ leaderId: 1, leaderTerm: 1, commitIndex: 9, entries: [e], snapshot: null })).toThrow(/does not follow 3/);
    expect(state.nextIndex).toBe(4);
  });

  it('runs on its own until stopped, with the sleep passed in', async () => {
    const c = new Cluster([1, 2, 3]);
    c.elect(1);
    c.round(1);
    const sm = new RecordingMachine();
    let sleeps = 0;
    const obs = new Observer({
      source: sourceOf(c.core(1)),
      stateMachine: sm,
      sleep: async () => {
        sleeps++;
        await new Promise((r) => setImmediate(r));
      },
    });
    obs.start();
    await obs.waitFor(1);
    // Nothing new: it idles through the injected sleep until there is.
    while (sleeps < 3) await new Promise((r) => setImmediate(r));
    c.propose(1, 'x');
    c.stabilize();
    c.round(1);
    await obs.waitFor(2);
    await obs.stop();
    expect(texts(sm.entries)).toEqual(['x']);
  });
});
