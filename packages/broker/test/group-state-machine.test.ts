import { describe, expect, it } from 'vitest';
import { RunnelError, encodeSubscription, errorCode } from '@runnel/protocol';
import { decodeGroupMetadataValue, decodeOffsetsKey } from '../src/group/offsets-records.js';
import { CLIENT, commit, fetched, harness, join, joinRequest, sync } from './group-helpers.js';

const E = (name: Parameters<typeof errorCode>[0]): number => errorCode(name);

/** A dynamic member through MEMBER_ID_REQUIRED; returns the id to join with. */
function memberId(h: ReturnType<typeof harness>, group: string): string {
  const first = join(h, joinRequest(group, '')).result()!;
  expect(first.errorCode).toBe(E('MEMBER_ID_REQUIRED'));
  return first.memberId!;
}

/** One member joined, synced and Stable at generation 1. */
function stableGroup(h: ReturnType<typeof harness>, group = 'g', metadata: Buffer = Buffer.from('m')) {
  const id = memberId(h, group);
  const j = join(h, joinRequest(group, id, { metadata })).result()!;
  expect(j.errorCode).toBe(0);
  expect(sync(h.machine, { groupId: group, memberId: id, generationId: j.generationId!, assignments: [{ memberId: id, assignment: Buffer.from('a') }] }).result()?.errorCode).toBe(0);
  expect(h.machine.group(group)!.state).toBe('Stable');
  return { id, generation: j.generationId! };
}

describe('JoinGroup', () => {
  it('asks a new dynamic member to come back with an id, then makes it leader of generation 1', () => {
    const h = harness();
    const id = memberId(h, 'g');
    expect(h.machine.group('g')!.members.size).toBe(0);
    const j = join(h, joinRequest('g', id)).result()!;
    expect(j).toMatchObject({ errorCode: 0, generationId: 1, leader: id, memberId: id, protocolName: 'range', protocolType: 'consumer' });
    expect(j.members).toEqual([{ memberId: id, groupInstanceId: '', metadata: Buffer.from('m') }]);
    expect(h.machine.group('g')!.state).toBe('CompletingRebalance');
  });

  it('refuses session timeouts outside the broker bounds', () => {
    const h = harness({ minSessionTimeoutMs: 6000, maxSessionTimeoutMs: 60_000 });
    expect(join(h, joinRequest('g', '', { sessionTimeoutMs: 5999 })).result()?.errorCode).toBe(E('INVALID_SESSION_TIMEOUT'));
    expect(join(h, joinRequest('g', '', { sessionTimeoutMs: 60_001 })).result()?.errorCode).toBe(E('INVALID_SESSION_TIMEOUT'));
    expect(join(h, joinRequest('g', '', { sessionTimeoutMs: 60_000 })).result()?.errorCode).toBe(E('MEMBER_ID_REQUIRED'));
  });

  it('refuses an empty group id and protocols no member shares', () => {
    const h = harness();
    expect(join(h, joinRequest('', '')).result()?.errorCode).toBe(E('INVALID_GROUP_ID'));
    stableGroup(h);
    expect(join(h, joinRequest('g', '', { protocolType: 'connect' })).result()?.errorCode).toBe(E('INCONSISTENT_GROUP_PROTOCOL'));
    expect(join(h, joinRequest('g', '', { protocols: [{ name: 'roundrobin', metadata: Buffer.alloc(0) }] })).result()?.errorCode).toBe(E('INCONSISTENT_GROUP_PROTOCOL'));
    expect(join(h, joinRequest('g', '', { protocols: [{ name: 'roundrobin', metadata: Buffer.alloc(0) }, { name: 'range', metadata: Buffer.alloc(0) }] })).result()?.errorCode).toBe(E('MEMBER_ID_REQUIRED'));
  });

  it('picks the protocol most members prefer among those all support', () => {
    const h = harness();
    const a = memberId(h, 'g');
    const b = memberId(h, 'g');
    const both = (first: string, second: string) => [{ name: first, metadata: Buffer.alloc(0) }, { name: second, metadata: Buffer.alloc(0) }];
    const ja = join(h, joinRequest('g', a, { protocols: both('roundrobin', 'range') }));
    const jb = join(h, joinRequest('g', b, { protocols: both('range', 'roundrobin') }));
    const c = memberId(h, 'g');
    h.machine.leaveGroup({ groupId: 'g', members: [{ memberId: c, groupInstanceId: '', reason: '' }] });
    expect(ja.result()?.protocolName).toBe(jb.result()?.protocolName);
    expect(['range', 'roundrobin']).toContain(ja.result()?.protocolName);
  });

  it('stops new members at group.max.size', () => {
    const h = harness({ maxSize: 1 });
    stableGroup(h);
    expect(join(h, joinRequest('g', '')).result()?.errorCode).toBe(E('GROUP_MAX_SIZE_REACHED'));
  });

  it('waits group.initial.rebalance.delay.ms for a new group, longer while members keep arriving', () => {
    const h = harness({ initialRebalanceDelayMs: 3000 });
    const a = memberId(h, 'g');
    const ja = join(h, joinRequest('g', a, { rebalanceTimeoutMs: 60_000 }));
    h.timers.advance(2000);
    const b = memberId(h, 'g');
    const jb = join(h, joinRequest('g', b, { rebalanceTimeoutMs: 60_000 }));
    h.timers.advance(999);
    expect(ja.result()).toBeUndefined();
    h.timers.advance(1);
    // b arrived during the first delay: one more delay follows.
    expect(ja.result()).toBeUndefined();
    h.timers.advance(2999);
    expect(ja.result()).toBeUndefined();
    h.timers.advance(1);
    expect(ja.result()?.generationId).toBe(1);
    expect(jb.result()?.generationId).toBe(1);
    expect(ja.result()!.members!.length + jb.result()!.members!.length).toBe(2);
  });

  it('removes members that do not rejoin within the rebalance timeout', () => {
    const h = harness();
    const a = memberId(h, 'g');
    const ja = join(h, joinRequest('g', a, { rebalanceTimeoutMs: 20_000 }));
    const b = memberId(h, 'g');
    const jb = join(h, joinRequest('g', b, { rebalanceTimeoutMs: 20_000 }));
    expect(ja.result()?.generationId).toBe(1);
    expect(jb.result()?.generationId).toBe(1);
    sync(h.machine, { groupId: 'g', memberId: ja.result()!.leader!, generationId: 1 });
    sync(h.machine, { groupId: 'g', memberId: ja.result()!.leader === a ? b : a, generationId: 1 });
    // a rejoins (new metadata), b keeps heartbeating but never rejoins.
    const ra = join(h, joinRequest('g', a, { rebalanceTimeoutMs: 20_000, metadata: Buffer.from('new') }));
    for (let i = 0; i < 6; i++) {
      h.timers.advance(3000);
      expect(h.machine.heartbeat({ groupId: 'g', memberId: b, generationId: 1, groupInstanceId: '' }).errorCode).toBe(E('REBALANCE_IN_PROGRESS'));
    }
    expect(ra.result()).toBeUndefined();
    h.timers.advance(20_000 - h.timers.t);
    expect(ra.result()).toMatchObject({ errorCode: 0, generationId: 2, leader: a });
    expect([...h.machine.group('g')!.members.keys()]).toEqual([a]);
    expect(h.machine.heartbeat({ groupId: 'g', memberId: b, generationId: 1, groupInstanceId: '' }).errorCode).toBe(E('UNKNOWN_MEMBER_ID'));
  });

  it('answers a known member that lost its join answer without a new rebalance', () => {
    const h = harness();
    const a = memberId(h, 'g');
    join(h, joinRequest('g', a));
    const again = join(h, joinRequest('g', a)).result()!;
    expect(again).toMatchObject({ errorCode: 0, generationId: 1, leader: a });
    expect(h.machine.group('g')!.state).toBe('CompletingRebalance');
  });
});

describe('SyncGroup', () => {
  it('holds followers until the leader syncs, and answers only once the assignment is stored', () => {
    const h = harness({}, { autoComplete: false });
    const a = memberId(h, 'g');
    const ja = join(h, joinRequest('g', a));
    const b = memberId(h, 'g');
    const jb = join(h, joinRequest('g', b));
    const leader = ja.result()!.leader!;
    const follower = leader === a ? b : a;
    expect(jb.result()?.generationId).toBe(1);
    const sf = sync(h.machine, { groupId: 'g', memberId: follower, generationId: 1 });
    expect(sf.result()).toBeUndefined();
    const sl = sync(h.machine, { groupId: 'g', memberId: leader, generationId: 1, assignments: [{ memberId: leader, assignment: Buffer.from('L') }, { memberId: follower, assignment: Buffer.from('F') }, { memberId: 'stranger', assignment: Buffer.from('X') }] });
    expect(sl.result()).toBeUndefined();
    expect(h.pending).toHaveLength(1);
    const stored = decodeGroupMetadataValue(h.pending[0]!.records[0]!.value!);
    expect(stored).toMatchObject({ generation: 1, protocol: 'range', leader });
    expect(stored.members.map((m) => [m.memberId, m.assignment.toString()]).sort()).toEqual([[leader, 'L'], [follower, 'F']].sort());
    h.completeWrite();
    expect(sl.result()).toMatchObject({ errorCode: 0, assignment: Buffer.from('L') });
    expect(sf.result()).toMatchObject({ errorCode: 0, assignment: Buffer.from('F') });
    expect(h.machine.group('g')!.state).toBe('Stable');
  });

  it('fails the sync and rebalances when storing the assignment fails', () => {
    const h = harness({}, { autoComplete: false });
    const a = memberId(h, 'g');
    expect(join(h, joinRequest('g', a)).result()?.generationId).toBe(1);
    const s = sync(h.machine, { groupId: 'g', memberId: a, generationId: 1, assignments: [{ memberId: a, assignment: Buffer.from('L') }] });
    h.completeWrite(new RunnelError('NOT_ENOUGH_REPLICAS', 'isr too small'));
    expect(s.result()?.errorCode).toBe(E('COORDINATOR_NOT_AVAILABLE'));
    expect(h.machine.group('g')!.state).toBe('PreparingRebalance');
    expect(h.log).toEqual([]);
  });

  it('drops members that never send SyncGroup within the rebalance timeout', () => {
    const h = harness();
    const a = memberId(h, 'g');
    const ja = join(h, joinRequest('g', a, { rebalanceTimeoutMs: 20_000, sessionTimeoutMs: 60_000 }));
    const b = memberId(h, 'g');
    const jb = join(h, joinRequest('g', b, { rebalanceTimeoutMs: 20_000, sessionTimeoutMs: 60_000 }));
    expect(jb.result()?.generationId).toBe(1);
    const leader = ja.result()!.leader!;
    const silent = leader === a ? b : a;
    sync(h.machine, { groupId: 'g', memberId: leader, generationId: 1 });
    expect(h.machine.group('g')!.state).toBe('Stable');
    h.timers.advance(19_999);
    expect(h.machine.group('g')!.members.has(silent)).toBe(true);
    h.timers.advance(1);
    expect(h.machine.group('g')!.members.has(silent)).toBe(false);
    expect(h.machine.group('g')!.state).toBe('PreparingRebalance');
  });

  it('refuses stale generations, unknown members and syncs during the join phase', () => {
    const h = harness();
    const { id } = stableGroup(h);
    expect(sync(h.machine, { groupId: 'g', memberId: id, generationId: 0 }).result()?.errorCode).toBe(E('ILLEGAL_GENERATION'));
    expect(sync(h.machine, { groupId: 'g', memberId: 'nobody', generationId: 1 }).result()?.errorCode).toBe(E('UNKNOWN_MEMBER_ID'));
    expect(sync(h.machine, { groupId: 'nogroup', memberId: id, generationId: 1 }).result()?.errorCode).toBe(E('UNKNOWN_MEMBER_ID'));
    expect(sync(h.machine, { groupId: 'g', memberId: id, generationId: 1, protocolName: 'roundrobin' }).result()?.errorCode).toBe(E('INCONSISTENT_GROUP_PROTOCOL'));
    memberId(h, 'g');
    const b = join(h, joinRequest('g', h.machine.group('g')!.pendingMembers.keys().next().value!));
    expect(b.result()).toBeUndefined();
    expect(sync(h.machine, { groupId: 'g', memberId: id, generationId: 1 }).result()?.errorCode).toBe(E('REBALANCE_IN_PROGRESS'));
  });
});

describe('Heartbeat, session expiry and LeaveGroup', () => {
  it('answers by state and generation', () => {
    const h = harness();
    const { id } = stableGroup(h);
    const hb = (generationId: number, member = id) => h.machine.heartbeat({ groupId: 'g', memberId: member, generationId, groupInstanceId: '' }).errorCode;
    expect(hb(1)).toBe(0);
    expect(hb(2)).toBe(E('ILLEGAL_GENERATION'));
    expect(hb(1, 'nobody')).toBe(E('UNKNOWN_MEMBER_ID'));
    expect(h.machine.heartbeat({ groupId: 'other', memberId: id, generationId: 1, groupInstanceId: '' }).errorCode).toBe(E('UNKNOWN_MEMBER_ID'));
    const newcomer = memberId(h, 'g');
    join(h, joinRequest('g', newcomer));
    expect(hb(1)).toBe(E('REBALANCE_IN_PROGRESS'));
  });

  it('removes a member whose session expires and rebalances the rest', () => {
    const h = harness();
    const a = memberId(h, 'g');
    const ja = join(h, joinRequest('g', a, { sessionTimeoutMs: 10_000 }));
    const b = memberId(h, 'g');
    join(h, joinRequest('g', b, { sessionTimeoutMs: 10_000 }));
    const leader = ja.result()!.leader!;
    sync(h.machine, { groupId: 'g', memberId: leader, generationId: 1 });
    sync(h.machine, { groupId: 'g', memberId: leader === a ? b : a, generationId: 1 });
    // a keeps heartbeating; b stops.
    for (let i = 0; i < 3; i++) {
      h.timers.advance(4000);
      const err = h.machine.heartbeat({ groupId: 'g', memberId: a, generationId: 1, groupInstanceId: '' }).errorCode;
      if (i < 2) expect(err).toBe(0);
      else expect(err).toBe(E('REBALANCE_IN_PROGRESS'));
    }
    expect(h.machine.group('g')!.members.has(b)).toBe(false);
    const ra = join(h, joinRequest('g', a, { sessionTimeoutMs: 10_000 })).result()!;
    expect(ra).toMatchObject({ errorCode: 0, generationId: 2, leader: a });
  });

  it('lets several members leave at once, with an error for each unknown one', () => {
    const h = harness();
    const a = memberId(h, 'g');
    join(h, joinRequest('g', a));
    const b = memberId(h, 'g');
    const jb = join(h, joinRequest('g', b));
    expect(jb.result()?.generationId).toBe(1);
    const r = h.machine.leaveGroup({ groupId: 'g', members: [{ memberId: a, groupInstanceId: '', reason: 'bye' }, { memberId: 'ghost', groupInstanceId: '', reason: '' }, { memberId: '', groupInstanceId: 'no-such-instance', reason: '' }] });
    expect(r.members!.map((m) => m.errorCode)).toEqual([0, E('UNKNOWN_MEMBER_ID'), E('UNKNOWN_MEMBER_ID')]);
    expect(h.machine.group('g')!.state).toBe('PreparingRebalance');
    const rb = join(h, joinRequest('g', b)).result()!;
    expect(rb).toMatchObject({ errorCode: 0, generationId: 2, leader: b });
    // The last member leaving completes the rebalance at once: nobody is left to wait for.
    h.machine.leaveGroup({ groupId: 'g', members: [{ memberId: b, groupInstanceId: '', reason: '' }] });
    expect(h.machine.group('g')!.state).toBe('Empty');
    expect(h.machine.group('g')!.generationId).toBe(3);
  });
});

describe('static membership', () => {
  function staticJoin(h: ReturnType<typeof harness>, instance: string, metadata = Buffer.from('m')) {
    return join(h, joinRequest('g', '', { groupInstanceId: instance, metadata, sessionTimeoutMs: 30_000 }));
  }

  it('replaces a rejoining static member without a rebalance and fences the old id', () => {
    const h = harness();
    const first = staticJoin(h, 'i1').result()!;
    expect(first.errorCode).toBe(0);
    const old = first.memberId!;
    expect(sync(h.machine, { groupId: 'g', memberId: old, groupInstanceId: 'i1', generationId: 1, assignments: [{ memberId: old, assignment: Buffer.from('A') }] }).result()?.errorCode).toBe(0);
    const again = staticJoin(h, 'i1').result()!;
    expect(again).toMatchObject({ errorCode: 0, generationId: 1, leader: old, members: [] });
    expect(again.memberId).not.toBe(old);
    expect(h.machine.group('g')!.state).toBe('Stable');
    expect(h.machine.heartbeat({ groupId: 'g', memberId: old, groupInstanceId: 'i1', generationId: 1 }).errorCode).toBe(E('FENCED_INSTANCE_ID'));
    expect(sync(h.machine, { groupId: 'g', memberId: again.memberId!, groupInstanceId: 'i1', generationId: 1 }).result()).toMatchObject({ errorCode: 0, assignment: Buffer.from('A') });
    const stored = decodeGroupMetadataValue(h.log.at(-1)!.value!);
    expect(stored.members.map((m) => [m.memberId, m.groupInstanceId])).toEqual([[again.memberId, 'i1']]);
    expect(commit(h.machine, 'g', old, 1, [{ topic: 't', partition: 0, offset: 1 }], 'i1').errors()).toEqual([E('FENCED_INSTANCE_ID')]);
  });

  it('rebalances when a rejoining static member changed its subscription', () => {
    const h = harness();
    const old = staticJoin(h, 'i1').result()!.memberId!;
    sync(h.machine, { groupId: 'g', memberId: old, groupInstanceId: 'i1', generationId: 1 });
    const again = staticJoin(h, 'i1', Buffer.from('other'));
    expect(h.machine.group('g')!.state).not.toBe('Stable');
    h.timers.advance(1);
    expect(again.result()).toMatchObject({ errorCode: 0, generationId: 2 });
  });

  it('keeps a static member that misses a rebalance until its session expires; LeaveGroup by instance id works', () => {
    const h = harness();
    const s1 = staticJoin(h, 'i1').result()!.memberId!;
    sync(h.machine, { groupId: 'g', memberId: s1, groupInstanceId: 'i1', generationId: 1 });
    const d = memberId(h, 'g');
    const jd = join(h, joinRequest('g', d, { rebalanceTimeoutMs: 10_000 }));
    // The rebalance waits for the longest rebalance timeout of the members (the static one's 30 s);
    // the static member heartbeats meanwhile but does not rejoin.
    h.timers.advance(20_000);
    expect(h.machine.heartbeat({ groupId: 'g', memberId: s1, groupInstanceId: 'i1', generationId: 1 }).errorCode).toBe(E('REBALANCE_IN_PROGRESS'));
    h.timers.advance(9_999);
    expect(jd.result()).toBeUndefined();
    h.timers.advance(1);
    // It stays a member: the rebalance completes around it.
    expect(jd.result()?.generationId).toBe(2);
    expect(h.machine.group('g')!.members.has(s1)).toBe(true);
    expect(h.machine.heartbeat({ groupId: 'g', memberId: s1, groupInstanceId: 'i1', generationId: 1 }).errorCode).toBe(E('ILLEGAL_GENERATION'));
    const fenced = h.machine.leaveGroup({ groupId: 'g', members: [{ memberId: 'wrong', groupInstanceId: 'i1', reason: '' }] });
    expect(fenced.members![0]!.errorCode).toBe(E('FENCED_INSTANCE_ID'));
    const left = h.machine.leaveGroup({ groupId: 'g', members: [{ memberId: '', groupInstanceId: 'i1', reason: '' }] });
    expect(left.members![0]!.errorCode).toBe(0);
    expect(h.machine.group('g')!.members.has(s1)).toBe(false);
  });

  it('removes a silent static member when its session expires', () => {
    const h = harness();
    const s1 = staticJoin(h, 'i1').result()!.memberId!;
    sync(h.machine, { groupId: 'g', memberId: s1, groupInstanceId: 'i1', generationId: 1 });
    h.timers.advance(29_999);
    expect(h.machine.group('g')!.members.has(s1)).toBe(true);
    h.timers.advance(1);
    expect(h.machine.group('g')!.members.has(s1)).toBe(false);
    expect(h.machine.group('g')!.state).toBe('Empty');
  });
});

describe('offsets', () => {
  it('allows a simple commit only while the group has no members', () => {
    const h = harness();
    expect(commit(h.machine, 'g', '', -1, [{ topic: 't', partition: 0, offset: 5 }]).errors()).toEqual([0]);
    expect(fetched(h.machine, 'g', 't', 0)).toBe(5);
    stableGroup(h);
    expect(commit(h.machine, 'g', '', -1, [{ topic: 't', partition: 0, offset: 6 }]).errors()).toEqual([E('UNKNOWN_MEMBER_ID')]);
    expect(commit(h.machine, 'nogroup', 'm', 3, [{ topic: 't', partition: 0, offset: 6 }]).errors()).toEqual([E('ILLEGAL_GENERATION')]);
    expect(fetched(h.machine, 'g', 't', 0)).toBe(5);
  });

  it('checks member, generation and state, and the metadata size per partition', () => {
    const h = harness({ offsetMetadataMaxBytes: 4 });
    const { id, generation } = stableGroup(h);
    expect(commit(h.machine, 'g', 'ghost', generation, [{ topic: 't', partition: 0, offset: 1 }]).errors()).toEqual([E('UNKNOWN_MEMBER_ID')]);
    expect(commit(h.machine, 'g', id, generation + 1, [{ topic: 't', partition: 0, offset: 1 }]).errors()).toEqual([E('ILLEGAL_GENERATION')]);
    expect(commit(h.machine, 'g', id, generation, [{ topic: 't', partition: 0, offset: 1, metadata: 'abcd' }, { topic: 't', partition: 1, offset: 2, metadata: 'abcde' }]).errors()).toEqual([0, E('OFFSET_METADATA_TOO_LARGE')]);
    expect(fetched(h.machine, 'g', 't', 0)).toBe(1);
    expect(fetched(h.machine, 'g', 't', 1)).toBe(-1);
    // Commits are allowed while preparing a rebalance (eager consumers commit before revoking)...
    const b = memberId(h, 'g');
    join(h, joinRequest('g', b));
    expect(h.machine.group('g')!.state).toBe('PreparingRebalance');
    expect(commit(h.machine, 'g', id, generation, [{ topic: 't', partition: 0, offset: 2 }]).errors()).toEqual([0]);
    // ...but not between the join answer and the assignment.
    join(h, joinRequest('g', id));
    expect(h.machine.group('g')!.state).toBe('CompletingRebalance');
    expect(commit(h.machine, 'g', id, generation + 1, [{ topic: 't', partition: 0, offset: 3 }]).errors()).toEqual([E('REBALANCE_IN_PROGRESS')]);
  });

  it('makes a commit visible only once its write succeeds; a failed write changes nothing', () => {
    const h = harness({}, { autoComplete: false });
    const c1 = commit(h.machine, 'g', '', -1, [{ topic: 't', partition: 0, offset: 10 }]);
    expect(c1.result()).toBeUndefined();
    expect(fetched(h.machine, 'g', 't', 0)).toBe(-1);
    h.completeWrite();
    expect(c1.errors()).toEqual([0]);
    expect(fetched(h.machine, 'g', 't', 0)).toBe(10);
    const c2 = commit(h.machine, 'g', '', -1, [{ topic: 't', partition: 0, offset: 20 }]);
    h.completeWrite(new RunnelError('NOT_LEADER_OR_FOLLOWER', 'moved'));
    expect(c2.errors()).toEqual([E('NOT_COORDINATOR')]);
    const c3 = commit(h.machine, 'g', '', -1, [{ topic: 't', partition: 0, offset: 30 }]);
    h.completeWrite(new RunnelError('REQUEST_TIMED_OUT', 'slow isr'));
    expect(c3.errors()).toEqual([E('COORDINATOR_NOT_AVAILABLE')]);
    expect(fetched(h.machine, 'g', 't', 0)).toBe(10);
  });

  it('fetches every committed partition when no topics are named, and -1 for unknown ones', () => {
    const h = harness();
    commit(h.machine, 'g', '', -1, [{ topic: 'b', partition: 1, offset: 3 }, { topic: 'a', partition: 0, offset: 7, metadata: 'x' }]);
    const all = h.machine.fetchOffsets({ groupId: 'g', topics: [], requireStable: false });
    expect(all.topics!.map((t) => [t.name, t.partitions!.map((p) => [p.partition, Number(p.committedOffset), p.metadata])])).toEqual([['a', [[0, 7, 'x']]], ['b', [[1, 3, '']]]]);
    expect(fetched(h.machine, 'nogroup', 'a', 0)).toBe(-1);
    expect(h.machine.fetchOffsets({ groupId: 'nogroup', topics: [], requireStable: false }).topics).toEqual([]);
  });

  it('expires an Empty group\'s offsets a retention period after it became Empty, then removes the group', () => {
    const h = harness({ offsetsRetentionMs: 60_000 });
    const { id, generation } = stableGroup(h);
    commit(h.machine, 'g', id, generation, [{ topic: 't', partition: 0, offset: 4 }]);
    h.timers.advance(10_000);
    expect(h.machine.heartbeat({ groupId: 'g', memberId: id, generationId: generation, groupInstanceId: '' }).errorCode).toBe(E('UNKNOWN_MEMBER_ID'));
    const emptyAt = h.machine.group('g')!.stateTimestamp;
    expect(h.machine.group('g')!.state).toBe('Empty');
    h.timers.advanceTo(emptyAt + 59_999);
    expect(h.machine.expireOffsets()).toBe(0);
    h.timers.advanceTo(emptyAt + 60_000);
    const before = h.log.length;
    expect(h.machine.expireOffsets()).toBe(1);
    expect(h.machine.group('g')).toBeUndefined();
    const tombstones = h.log.slice(before);
    expect(tombstones.map((r) => [decodeOffsetsKey(r.key), r.value])).toEqual([
      [{ kind: 'offset', group: 'g', topic: 't', partition: 0 }, null],
      [{ kind: 'group', group: 'g' }, null],
    ]);
  });

  it('expires the offsets of a group used only for simple commits each from its own commit', () => {
    const h = harness({ offsetsRetentionMs: 60_000 });
    commit(h.machine, 's', '', -1, [{ topic: 't', partition: 0, offset: 1 }]);
    h.timers.advance(30_000);
    commit(h.machine, 's', '', -1, [{ topic: 't', partition: 1, offset: 2 }]);
    h.timers.advance(30_000);
    expect(h.machine.expireOffsets()).toBe(1);
    expect(fetched(h.machine, 's', 't', 0)).toBe(-1);
    expect(fetched(h.machine, 's', 't', 1)).toBe(2);
    h.timers.advance(30_000);
    expect(h.machine.expireOffsets()).toBe(1);
    expect(h.machine.group('s')).toBeUndefined();
  });

  it('expires a Stable consumer group\'s offsets only for topics it no longer subscribes to', () => {
    const h = harness({ offsetsRetentionMs: 60_000 });
    const { id, generation } = stableGroup(h, 'g', encodeSubscription({ topics: ['t'] }));
    commit(h.machine, 'g', id, generation, [{ topic: 't', partition: 0, offset: 1 }, { topic: 'old', partition: 0, offset: 2 }]);
    for (let i = 0; i < 12; i++) {
      h.timers.advance(5000);
      expect(h.machine.heartbeat({ groupId: 'g', memberId: id, generationId: generation, groupInstanceId: '' }).errorCode).toBe(0);
    }
    expect(h.machine.expireOffsets()).toBe(1);
    expect(fetched(h.machine, 'g', 'old', 0)).toBe(-1);
    expect(fetched(h.machine, 'g', 't', 0)).toBe(1);
  });

  it('does not remove a group under an offset commit still being written', () => {
    const h = harness({ offsetsRetentionMs: 60_000 }, { autoComplete: false });
    commit(h.machine, 's', '', -1, [{ topic: 't', partition: 0, offset: 1 }]);
    h.timers.advance(120_000);
    expect(h.machine.expireOffsets()).toBe(0);
    let deleted: RunnelError | null | undefined;
    h.machine.deleteGroup('s', (e) => (deleted = e));
    expect(deleted?.errorName).toBe('NON_EMPTY_GROUP');
    h.completeWrite();
    expect(fetched(h.machine, 's', 't', 0)).toBe(1);
  });

  it('removes offsets of deleted topics', () => {
    const h = harness();
    commit(h.machine, 'g', '', -1, [{ topic: 'gone', partition: 0, offset: 1 }, { topic: 'kept', partition: 0, offset: 2 }]);
    h.machine.removeTopics(new Set(['gone']));
    expect(fetched(h.machine, 'g', 'gone', 0)).toBe(-1);
    expect(fetched(h.machine, 'g', 'kept', 0)).toBe(2);
    expect(h.log.at(-1)).toMatchObject({ value: null });
  });
});

describe('group administration', () => {
  it('deletes only empty groups, writing tombstones for the group and its offsets', () => {
    const h = harness();
    stableGroup(h, 'busy');
    commit(h.machine, 'idle', '', -1, [{ topic: 't', partition: 0, offset: 1 }]);
    const results: Record<string, number> = {};
    for (const g of ['busy', 'idle', 'missing']) h.machine.deleteGroup(g, (e) => (results[g] = e ? e.code : 0));
    expect(results).toEqual({ busy: E('NON_EMPTY_GROUP'), idle: 0, missing: E('GROUP_ID_NOT_FOUND') });
    expect(h.machine.group('idle')).toBeUndefined();
    expect(h.log.slice(-2).map((r) => [decodeOffsetsKey(r.key).kind, r.value])).toEqual([['offset', null], ['group', null]]);
  });

  it('keeps a group whose deletion could not be written', () => {
    const h = harness({}, { autoComplete: false });
    commit(h.machine, 'idle', '', -1, [{ topic: 't', partition: 0, offset: 1 }]);
    h.completeWrite();
    let result: RunnelError | null | undefined;
    h.machine.deleteGroup('idle', (e) => (result = e));
    expect(h.machine.group('idle')!.state).toBe('Dead');
    expect(join(h, joinRequest('idle', '')).result()?.errorCode).toBe(E('COORDINATOR_NOT_AVAILABLE'));
    h.completeWrite(new RunnelError('NOT_ENOUGH_REPLICAS', 'x'));
    expect(result?.errorName).toBe('COORDINATOR_NOT_AVAILABLE');
    expect(h.machine.group('idle')!.state).toBe('Empty');
    expect(fetched(h.machine, 'idle', 't', 0)).toBe(1);
  });

  it('refuses to delete offsets of a topic a live member subscribes to', () => {
    const h = harness();
    const sub = encodeSubscription({ topics: ['t'] });
    const { id, generation } = stableGroup(h, 'g', sub);
    commit(h.machine, 'g', id, generation, [{ topic: 't', partition: 0, offset: 1 }, { topic: 'old', partition: 0, offset: 2 }]);
    let answer: import('@runnel/protocol').pb.DeleteOffsetsResponse | undefined;
    h.machine.deleteOffsets({ groupId: 'g', topics: [{ name: 't', partitions: [0] }, { name: 'old', partitions: [0] }] }, (r) => (answer = r));
    expect(answer!.topics!.map((t) => [t.name, t.partitions![0]!.errorCode])).toEqual([['t', E('GROUP_SUBSCRIBED_TO_TOPIC')], ['old', 0]]);
    expect(fetched(h.machine, 'g', 't', 0)).toBe(1);
    expect(fetched(h.machine, 'g', 'old', 0)).toBe(-1);
    h.machine.deleteOffsets({ groupId: 'missing', topics: [] }, (r) => (answer = r));
    expect(answer!.errorCode).toBe(E('GROUP_ID_NOT_FOUND'));
  });

  it('lists groups by state and describes members of a Stable group', () => {
    const h = harness();
    stableGroup(h, 'stable');
    commit(h.machine, 'empty', '', -1, [{ topic: 't', partition: 0, offset: 1 }]);
    expect(h.machine.listGroups(new Set()).map((g) => g.groupId).sort()).toEqual(['empty', 'stable']);
    expect(h.machine.listGroups(new Set(['stable'])).map((g) => g.groupId)).toEqual(['stable']);
    const d = h.machine.describeGroup('stable', 7);
    expect(d).toMatchObject({ groupState: 'Stable', protocolType: 'consumer', protocolData: 'range', generationId: 1, coordinatorId: 7 });
    expect(d.members).toEqual([expect.objectContaining({ clientId: CLIENT.clientId, clientHost: CLIENT.clientHost, memberAssignment: Buffer.from('a'), memberMetadata: Buffer.from('m') })]);
    expect(h.machine.describeGroup('nothing', 7).groupState).toBe('Dead');
  });
});

describe('unload', () => {
  it('answers waiting joins and syncs with NOT_COORDINATOR and stops every timer', () => {
    const h = harness({ initialRebalanceDelayMs: 3000 });
    const a = memberId(h, 'g');
    const ja = join(h, joinRequest('g', a));
    h.machine.unload();
    expect(ja.result()?.errorCode).toBe(E('NOT_COORDINATOR'));
    expect(h.timers.next).toBe(Infinity);
  });
});
