import { describe, expect, it } from 'vitest';
import { RunnelError, decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription, errorName, type pb } from '@runnel/protocol';
import { assignorByName, type PartitionAssignor } from '../../client/src/group/assignors.js';
import { GroupStateMachine, newLoadState, type GroupStateMachineDeps } from '../src/group/group-state-machine.js';
import { decodeGroupMetadataValue, decodeOffsetCommitValue, decodeOffsetsKey, type OffsetsRecord } from '../src/group/offsets-records.js';
import { VirtualTimers, silent } from './group-helpers.js';

/**
 * A deterministic simulation of one consumer group against the real GroupStateMachine: members
 * that follow the client protocol (eager or cooperative), join, leave, stall, crash and restart;
 * seeded message delays (hence reordering) between members and the coordinator; flaky durable
 * writes; and coordinator failovers that rebuild the state from the records written so far.
 * Invariants are checked after every step; a failing seed is reported and replays exactly.
 */

const GROUP = 'sim';
const TOPICS = new Map([['a', 4], ['b', 3]]);
const ALL_PARTITIONS = [...TOPICS].flatMap(([t, n]) => Array.from({ length: n }, (_, p) => `${t}:${p}`));
const SESSION_MS = 10_000;
const REBALANCE_MS = 20_000;
const HEARTBEAT_MS = 3_000;
const COMMIT_EVERY_MS = 4_000;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Phase = 'idle' | 'joining' | 'syncing' | 'stable' | 'gone';

interface SimMember {
  name: string;
  instanceId: string | null;
  memberId: string;
  generation: number;
  owned: Set<string>;
  phase: Phase;
  /** Incremented for each JoinGroup/SyncGroup sent; only the answer to the latest counts. */
  seq: number;
  coordEpoch: number;
  stalledUntil: number;
  stallStart: number;
  /** 'full': nothing runs (heartbeats included); 'poll': heartbeats run, rebalances wait. */
  stallKind: 'full' | 'poll' | null;
  rejoinWanted: boolean;
  /** The poll stall outlasted max.poll.interval.ms: the client left the group (Kafka's poll timeout). */
  pollExpired: boolean;
  heartbeatInFlight: boolean;
  nextHeartbeat: number;
  nextCommit: number;
  positions: Map<string, number>;
  /** Answers that arrived during a full stall, handled when it ends. */
  inbox: (() => void)[];
  /** The last generation a join answer gave, and which coordinator incarnation gave it. */
  lastJoin: { generation: number; epoch: number };
}

interface SimOptions {
  seed: number;
  steps: number;
  /** The coordinator under test; the broken variants exist to show the checks can fail. */
  machine?: new (deps: GroupStateMachineDeps) => GroupStateMachine;
  /** Used instead of the seed's choice of the real assignors. */
  assignor?: PartitionAssignor;
}

interface SimResult {
  completedRebalanceChecks: number;
  failovers: number;
  stableGenerations: number;
}

class InvariantError extends Error {}

function simulate(opts: SimOptions): SimResult {
  const rand = prng(opts.seed);
  const chance = (p: number): boolean => rand() < p;
  const between = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const timers = new VirtualTimers();
  const chosen = assignorByName(['range', 'roundrobin', 'cooperative-sticky'][between(0, 2)]!);
  const assignor: PartitionAssignor = opts.assignor ?? chosen;
  const cooperative = assignor.protocol === 'COOPERATIVE';
  const useStatic = chance(0.5);
  const Machine = opts.machine ?? GroupStateMachine;
  const durable: OffsetsRecord[] = [];
  const result: SimResult = { completedRebalanceChecks: 0, failovers: 0, stableGenerations: 0 };
  const trace: string[] = [];
  const fail = (what: string): never => {
    throw new InvariantError(`seed ${opts.seed} (${assignor.name}${useStatic ? ', static' : ''}) at t=${timers.t}: ${what}\nlast events:\n${trace.slice(-25).join('\n')}`);
  };
  const note = (s: string): void => {
    trace.push(`t=${timers.t} ${s}`);
    if (trace.length > 200) trace.splice(0, 100);
  };

  // ---------------------------------------------------------------- coordinator
  let ids = 0;
  const coord = {
    epoch: 1,
    loadingUntil: 0,
    machine: null as unknown as GroupStateMachine,
    writes: [] as { records: OffsetsRecord[]; done: (e: RunnelError | null) => void; epoch: number }[],
    writing: false,
  };
  const pumpWrites = (): void => {
    if (coord.writing || coord.writes.length === 0) return;
    coord.writing = true;
    timers.schedule(between(1, 200), () => {
      coord.writing = false;
      const w = coord.writes.shift()!;
      if (w.epoch !== coord.epoch) w.done(new RunnelError('NOT_LEADER_OR_FOLLOWER', 'leadership moved'));
      else if (chance(0.03)) w.done(new RunnelError('REQUEST_TIMED_OUT', 'the in-sync replicas were slow'));
      else {
        durable.push(...w.records);
        w.done(null);
      }
      pumpWrites();
    });
  };
  const newMachine = (epoch: number): GroupStateMachine =>
    new Machine({
      partition: 0,
      config: { minSessionTimeoutMs: 1000, maxSessionTimeoutMs: 60_000, maxSize: 100, initialRebalanceDelayMs: 1000, offsetMetadataMaxBytes: 4096, offsetsRetentionMs: 24 * 3_600_000 },
      timers,
      write: (records, done) => {
        coord.writes.push({ records, done, epoch });
        pumpWrites();
      },
      newMemberId: (prefix) => `${prefix}-${++ids}`,
      logger: silent,
    });
  coord.machine = newMachine(coord.epoch);

  const allOffsets = (m: GroupStateMachine): string => JSON.stringify(m.fetchOffsets({ groupId: GROUP, topics: [], requireStable: false }).topics);

  const failover = (): void => {
    result.failovers++;
    const before = allOffsets(coord.machine);
    note(`coordinator failover from epoch ${coord.epoch}`);
    coord.machine.unload();
    coord.epoch++;
    const m = newMachine(coord.epoch);
    const state = newLoadState();
    for (const r of durable) {
      const key = decodeOffsetsKey(r.key);
      m.replay(key, r.value === null ? null : key.kind === 'offset' ? decodeOffsetCommitValue(r.value) : decodeGroupMetadataValue(r.value), state);
    }
    m.finishLoad(state);
    coord.machine = m;
    coord.loadingUntil = timers.t + between(0, 1500);
    const after = allOffsets(m);
    if (after !== before) fail(`committed offsets changed across failover: ${before} -> ${after}`);
  };

  /** Deliver a request after a network delay, and its answer after another. */
  const delay = (): number => (chance(0.05) ? between(500, 4000) : between(0, 300));
  function call<R extends { errorCode?: number }>(
    m: SimMember,
    handle: (machine: GroupStateMachine, answer: (r: R) => void) => void,
    errorAnswer: (code: number) => R,
    onAnswer: (r: R, answeredBy: number) => void,
  ): void {
    const sentEpoch = m.coordEpoch;
    timers.schedule(delay(), () => {
      const answeredBy = coord.epoch;
      const reply = (r: R): void => {
        timers.schedule(delay(), () => {
          if (m.phase === 'gone') return;
          if (m.stallKind === 'full') m.inbox.push(() => onAnswer(r, answeredBy));
          else onAnswer(r, answeredBy);
        });
      };
      if (sentEpoch !== coord.epoch) return reply(errorAnswer(new RunnelError('NOT_COORDINATOR').code));
      if (timers.t < coord.loadingUntil) return reply(errorAnswer(new RunnelError('COORDINATOR_LOAD_IN_PROGRESS').code));
      handle(coord.machine, reply);
    });
  }

  // ---------------------------------------------------------------- members (the client protocol)
  const members: SimMember[] = [];
  let memberCount = 0;
  const live = (): SimMember[] => members.filter((m) => m.phase !== 'gone');

  const spawn = (instanceId: string | null): SimMember => {
    const m: SimMember = {
      name: `m${++memberCount}`,
      instanceId,
      memberId: '',
      generation: -1,
      owned: new Set(),
      phase: 'idle',
      seq: 0,
      coordEpoch: coord.epoch,
      stalledUntil: 0,
      stallStart: 0,
      stallKind: null,
      rejoinWanted: false,
      pollExpired: false,
      heartbeatInFlight: false,
      nextHeartbeat: 0,
      nextCommit: timers.t + COMMIT_EVERY_MS,
      positions: new Map(),
      inbox: [],
      lastJoin: { generation: -1, epoch: 0 },
    };
    members.push(m);
    note(`${m.name} starts${instanceId ? ` (instance ${instanceId})` : ''}`);
    join(m);
    return m;
  };

  const isCoordinatorError = (name: string): boolean => name === 'NOT_COORDINATOR' || name === 'COORDINATOR_LOAD_IN_PROGRESS' || name === 'COORDINATOR_NOT_AVAILABLE';
  const rediscover = (m: SimMember): void => {
    m.coordEpoch = coord.epoch;
  };

  /** Partitions lost without revocation (the member is no longer part of the generation). */
  const lose = (m: SimMember, why: string): void => {
    if (m.owned.size > 0) note(`${m.name} loses ${[...m.owned].join(',')} (${why})`);
    m.owned.clear();
    m.generation = -1;
  };

  const commitOwned = (m: SimMember): void => {
    if (m.owned.size === 0 || m.generation < 0) return;
    const offsets = [...m.owned].map((tp) => {
      const pos = (m.positions.get(tp) ?? 0) + between(0, 50);
      m.positions.set(tp, pos);
      const [topic, p] = tp.split(':');
      return { topic: topic!, partition: Number(p), offset: pos };
    });
    const topics = [...new Set(offsets.map((o) => o.topic))].map((name) => ({
      name,
      partitions: offsets.filter((o) => o.topic === name).map((o) => ({ partition: o.partition, committedOffset: o.offset, committedLeaderEpoch: -1, committedMetadata: '' })),
    }));
    const req: pb.OffsetCommitRequest__Output = { groupId: GROUP, generationId: m.generation, memberId: m.memberId, groupInstanceId: m.instanceId ?? '', topics };
    call<pb.OffsetCommitResponse>(m, (machine, answer) => machine.commitOffsets(req, answer), () => ({ topics: [] }), () => undefined);
  };

  function join(m: SimMember): void {
    if (m.phase === 'gone') return;
    if (m.stallKind !== null) {
      m.rejoinWanted = true;
      return;
    }
    m.rejoinWanted = false;
    if (!cooperative && m.owned.size > 0) {
      // Eager: commit, then give everything up before rejoining.
      commitOwned(m);
      note(`${m.name} revokes ${[...m.owned].join(',')} (eager rejoin)`);
      m.owned.clear();
    }
    m.phase = 'joining';
    const seq = ++m.seq;
    const owned = [...TOPICS.keys()].map((t) => ({ topic: t, partitions: [...m.owned].filter((tp) => tp.startsWith(`${t}:`)).map((tp) => Number(tp.split(':')[1])).sort((x, y) => x - y) })).filter((x) => x.partitions.length > 0);
    const req: pb.JoinGroupRequest__Output = {
      groupId: GROUP,
      sessionTimeoutMs: SESSION_MS,
      rebalanceTimeoutMs: REBALANCE_MS,
      memberId: m.memberId,
      groupInstanceId: m.instanceId ?? '',
      protocolType: 'consumer',
      protocols: [{ name: assignor.name, metadata: encodeSubscription({ topics: [...TOPICS.keys()], ownedPartitions: cooperative ? owned : [], generationId: m.generation }) }],
      reason: '',
    };
    call<pb.JoinGroupResponse>(
      m,
      (machine, answer) => machine.joinGroup(req, { clientId: m.name, clientHost: '/sim' }, answer),
      (errorCode) => ({ errorCode, memberId: req.memberId }),
      (r, answeredBy) => {
        if (seq !== m.seq || m.phase !== 'joining') return;
        onJoin(m, r, answeredBy);
      },
    );
  }

  function retryJoin(m: SimMember): void {
    m.phase = 'idle';
    timers.schedule(between(50, 500), () => {
      if (m.phase === 'idle') join(m);
    });
  }

  function onJoin(m: SimMember, r: pb.JoinGroupResponse, answeredBy: number): void {
    const name = errorName(r.errorCode ?? 0);
    switch (name) {
      case 'NONE': {
        m.memberId = r.memberId!;
        // A coordinator never hands a member an older generation than it handed before. (A new
        // coordinator restarts from the last stored generation, as Kafka's does.)
        if (answeredBy === m.lastJoin.epoch && r.generationId! < m.lastJoin.generation) fail(`${m.name} got generation ${r.generationId} after ${m.lastJoin.generation}`);
        m.lastJoin = { generation: r.generationId!, epoch: answeredBy };
        m.generation = r.generationId!;
        m.phase = 'syncing';
        const seq = ++m.seq;
        let assignments: pb.SyncGroupAssignment[] = [];
        if (r.leader === m.memberId && (r.members ?? []).length > 0) {
          const subs = r.members!.map((x) => ({ memberId: x.memberId!, groupInstanceId: x.groupInstanceId || null, ...decodeSubscription(Buffer.from(x.metadata as Uint8Array)) }));
          const plan = assignor.assign(TOPICS, subs);
          assignments = [...plan].map(([memberId, partitions]) => ({ memberId, assignment: encodeAssignment({ partitions, userData: null }) }));
        }
        const req: pb.SyncGroupRequest__Output = {
          groupId: GROUP,
          generationId: m.generation,
          memberId: m.memberId,
          groupInstanceId: m.instanceId ?? '',
          protocolType: 'consumer',
          protocolName: assignor.name,
          assignments: assignments.map((a) => ({ memberId: a.memberId!, assignment: a.assignment as Buffer })),
        };
        call<pb.SyncGroupResponse>(
          m,
          (machine, answer) => machine.syncGroup(req, answer),
          (errorCode) => ({ errorCode }),
          (s) => {
            if (seq !== m.seq || m.phase !== 'syncing') return;
            onSync(m, s);
          },
        );
        return;
      }
      case 'MEMBER_ID_REQUIRED':
        m.memberId = r.memberId!;
        return join(m);
      case 'UNKNOWN_MEMBER_ID':
        m.memberId = '';
        lose(m, 'unknown member on join');
        return retryJoin(m);
      case 'FENCED_INSTANCE_ID':
        return gone(m, 'fenced');
      default:
        if (isCoordinatorError(name)) rediscover(m);
        return retryJoin(m);
    }
  }

  function onSync(m: SimMember, r: pb.SyncGroupResponse): void {
    const name = errorName(r.errorCode ?? 0);
    switch (name) {
      case 'NONE': {
        const assigned = new Set(decodeAssignment(Buffer.from((r.assignment ?? Buffer.alloc(0)) as Uint8Array)).partitions.flatMap((tp) => tp.partitions.map((p) => `${tp.topic}:${p}`)));
        const revoked = [...m.owned].filter((tp) => !assigned.has(tp));
        if (revoked.length > 0) {
          commitOwned(m);
          note(`${m.name} revokes ${revoked.join(',')} (generation ${m.generation})`);
        }
        m.owned = assigned;
        m.phase = 'stable';
        m.nextHeartbeat = timers.t + HEARTBEAT_MS;
        note(`${m.name} (${m.memberId}) stable at generation ${m.generation} with ${[...assigned].join(',') || 'nothing'}`);
        // Cooperative: what was given up may now go to others; they get it in a follow-up rebalance.
        if (cooperative && revoked.length > 0) join(m);
        return;
      }
      case 'ILLEGAL_GENERATION':
        lose(m, 'illegal generation on sync');
        return join(m);
      case 'UNKNOWN_MEMBER_ID':
        m.memberId = '';
        lose(m, 'unknown member on sync');
        return join(m);
      case 'FENCED_INSTANCE_ID':
        return gone(m, 'fenced');
      default:
        if (isCoordinatorError(name)) rediscover(m);
        return retryJoin(m);
    }
  }

  function heartbeat(m: SimMember): void {
    m.heartbeatInFlight = true;
    const generation = m.generation;
    const memberId = m.memberId;
    const req: pb.HeartbeatRequest__Output = { groupId: GROUP, generationId: generation, memberId, groupInstanceId: m.instanceId ?? '' };
    call<pb.HeartbeatResponse>(m, (machine, answer) => answer(machine.heartbeat(req)), (errorCode) => ({ errorCode }), (r) => {
      m.heartbeatInFlight = false;
      if (m.phase !== 'stable' || m.generation !== generation || m.memberId !== memberId) return;
      const name = errorName(r.errorCode ?? 0);
      switch (name) {
        case 'NONE':
          return;
        case 'REBALANCE_IN_PROGRESS':
          return join(m);
        case 'ILLEGAL_GENERATION':
          lose(m, 'illegal generation on heartbeat');
          return join(m);
        case 'UNKNOWN_MEMBER_ID':
          m.memberId = '';
          lose(m, 'unknown member on heartbeat');
          return join(m);
        case 'FENCED_INSTANCE_ID':
          return gone(m, 'fenced');
        default:
          if (isCoordinatorError(name)) rediscover(m);
      }
    });
  }

  function gone(m: SimMember, why: string): void {
    note(`${m.name} gone (${why})`);
    m.phase = 'gone';
    m.owned.clear();
  }

  const tick = (m: SimMember): void => {
    if (m.phase === 'gone') return;
    if (m.stallKind !== null && timers.t >= m.stalledUntil) {
      note(`${m.name} resumes from a ${m.stallKind} stall`);
      m.stallKind = null;
      const inbox = m.inbox.splice(0);
      for (const f of inbox) f();
      if (m.pollExpired) {
        m.pollExpired = false;
        lose(m, 'poll timeout expired');
        if (m.instanceId === null) m.memberId = '';
        m.rejoinWanted = true;
      }
      if (m.rejoinWanted) join(m);
    }
    if (m.stallKind === 'full') return;
    if (m.stallKind === 'poll' && !m.pollExpired && timers.t >= m.stallStart + REBALANCE_MS) {
      // max.poll.interval.ms passed without a poll: the heartbeat thread leaves the group (a
      // dynamic member says so with LeaveGroup) and stops heartbeating.
      m.pollExpired = true;
      note(`${m.name} poll timeout expired`);
      if (m.instanceId === null && m.memberId) {
        const req = { groupId: GROUP, members: [{ memberId: m.memberId, groupInstanceId: '', reason: 'poll timeout' }] };
        call<pb.LeaveGroupResponse>(m, (machine, answer) => answer(machine.leaveGroup(req)), (errorCode) => ({ errorCode }), () => undefined);
      }
    }
    if (m.phase === 'stable' && !m.pollExpired && !m.heartbeatInFlight && timers.t >= m.nextHeartbeat) {
      m.nextHeartbeat = timers.t + HEARTBEAT_MS;
      heartbeat(m);
    }
    if (m.stallKind === null && m.phase === 'stable' && timers.t >= m.nextCommit) {
      m.nextCommit = timers.t + COMMIT_EVERY_MS;
      commitOwned(m);
    }
  };

  // ---------------------------------------------------------------- invariants
  let lastStable = { generation: -1, epoch: 0, wasStable: false };
  /** Checks every invariant; true when the group is settled (a completed rebalance). */
  const check = (): boolean => {
    const group = coord.machine.group(GROUP);
    // Owners that count: running members the coordinator has in the group at its current
    // generation. A zombie on an older generation is fenced from committing, as in Kafka.
    const current = (m: SimMember): boolean => m.phase !== 'gone' && m.stallKind === null && !!group && group.members.has(m.memberId) && m.generation === group.generationId;
    // Generations only grow: each new Stable generation is above the last one.
    if (group?.state === 'Stable') {
      const g = group.generationId;
      if (g < lastStable.generation) fail(`stable generation went from ${lastStable.generation} back to ${g}`);
      if (!lastStable.wasStable && lastStable.epoch === coord.epoch && g <= lastStable.generation) fail(`a new rebalance reached Stable at generation ${g}, not above the previous ${lastStable.generation}`);
      if (!lastStable.wasStable) result.stableGenerations++;
      lastStable = { generation: g, epoch: coord.epoch, wasStable: true };
    } else {
      lastStable = { ...lastStable, epoch: coord.epoch, wasStable: false };
    }
    // Cooperative: never two active members of the group owning one partition.
    if (cooperative) {
      const owner = new Map<string, string>();
      for (const m of members.filter(current)) {
        for (const tp of m.owned) {
          const other = owner.get(tp);
          if (other) fail(`${tp} owned by both ${other} and ${m.name}`);
          owner.set(tp, m.name);
        }
      }
    }
    // After a completed rebalance every partition has exactly one owner.
    const active = live().filter((m) => m.stallKind === null);
    if (!group || group.state !== 'Stable' || active.length === 0) return false;
    const settled = active.every((m) => m.phase === 'stable' && m.generation === group.generationId && group.members.has(m.memberId) && !m.rejoinWanted)
      && group.members.size === active.length && group.pendingMembers.size === 0;
    if (!settled) return false;
    result.completedRebalanceChecks++;
    const owners = new Map<string, string[]>();
    for (const m of active) for (const tp of m.owned) owners.set(tp, [...(owners.get(tp) ?? []), m.name]);
    for (const tp of ALL_PARTITIONS) {
      const o = owners.get(tp) ?? [];
      if (o.length !== 1) fail(`after rebalance to generation ${group.generationId}, ${tp} is owned by [${o.join(', ')}]`);
    }
    return true;
  };

  // ---------------------------------------------------------------- the run
  const maxMembers = between(2, 6);
  for (let i = 0; i < between(1, maxMembers); i++) spawn(useStatic && chance(0.5) ? `i${i}` : null);
  for (let step = 0; step < opts.steps; step++) {
    const r = rand();
    const pick = (): SimMember | undefined => {
      const l = live();
      return l.length > 0 ? l[between(0, l.length - 1)] : undefined;
    };
    if (r < 0.04 && live().length < maxMembers) {
      spawn(useStatic && chance(0.5) ? `i${memberCount}` : null);
    } else if (r < 0.06) {
      const m = pick();
      if (m && m.stallKind === null) {
        if (m.instanceId === null && m.memberId) {
          // A dynamic member's close sends LeaveGroup; a static member's does not.
          commitOwned(m);
          const req = { groupId: GROUP, members: [{ memberId: m.memberId, groupInstanceId: '', reason: 'closing' }] };
          call<pb.LeaveGroupResponse>(m, (machine, answer) => answer(machine.leaveGroup(req)), (errorCode) => ({ errorCode }), () => undefined);
        }
        gone(m, 'closed');
      }
    } else if (r < 0.08) {
      const m = pick();
      if (m) gone(m, 'crashed');
    } else if (r < 0.10) {
      const m = pick();
      if (m && m.stallKind === null) {
        m.stallKind = chance(0.5) ? 'full' : 'poll';
        m.stallStart = timers.t;
        m.stalledUntil = timers.t + (m.stallKind === 'full' ? between(SESSION_MS / 2, SESSION_MS * 2) : between(REBALANCE_MS / 2, REBALANCE_MS * 2));
        note(`${m.name} stalls (${m.stallKind}) until ${m.stalledUntil}`);
      }
    } else if (r < 0.11) {
      const m = pick();
      if (m?.instanceId) {
        // A static member restarts: the old process is gone, a new one joins with the same instance id.
        gone(m, 'restarting');
        spawn(m.instanceId);
      }
    } else if (r < 0.115) {
      failover();
    }
    timers.advance(between(0, 1500));
    for (const m of members) tick(m);
    check();
  }
  // Liveness: once faults stop, the group settles (every running member stable in one
  // generation, every partition owned) within the session and rebalance timeouts and then some.
  if (live().length === 0) spawn(null);
  const quietUntil = timers.t + 2 * (SESSION_MS + REBALANCE_MS);
  for (;;) {
    timers.advance(between(0, 1500));
    for (const m of members) tick(m);
    if (check()) break;
    if (timers.t > quietUntil) fail('the group did not settle after faults stopped');
  }
  return result;
}

/** Stale generations: a rebalance that does not move the group to a new generation. */
class StaleGenerationMachine extends GroupStateMachine {
  protected override nextGeneration(current: number): number {
    return Math.max(current, 1);
  }
}

/** Heartbeats that always answer OK: members never learn of a rebalance or of their removal. */
class SilentHeartbeatMachine extends GroupStateMachine {
  override heartbeat(req: pb.HeartbeatRequest__Output): pb.HeartbeatResponse {
    super.heartbeat(req);
    return { errorCode: 0, errorMessage: '' };
  }
}

describe('group coordinator simulation', () => {
  it('keeps its invariants over 500 seeds of joins, leaves, stalls, crashes and failovers', () => {
    const totals = { completedRebalanceChecks: 0, failovers: 0, stableGenerations: 0 };
    const failures: string[] = [];
    for (let seed = 1; seed <= 500; seed++) {
      try {
        const r = simulate({ seed, steps: 400 });
        totals.completedRebalanceChecks += r.completedRebalanceChecks;
        totals.failovers += r.failovers;
        totals.stableGenerations += r.stableGenerations;
      } catch (err) {
        if (!(err instanceof InvariantError)) throw err;
        failures.push(err.message);
        if (failures.length >= 3) break;
      }
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
    // The run exercised what it claims to: settled rebalances, new generations, failovers.
    expect(totals.completedRebalanceChecks).toBeGreaterThan(1000);
    expect(totals.stableGenerations).toBeGreaterThan(1000);
    expect(totals.failovers).toBeGreaterThan(100);
  });

  it('replays a seed exactly', () => {
    expect(simulate({ seed: 42, steps: 300 })).toEqual(simulate({ seed: 42, steps: 300 }));
  });

  it('catches an assignment that gives one partition to two members', () => {
    const doubled: PartitionAssignor = {
      name: 'cooperative-sticky',
      protocol: 'COOPERATIVE',
      assign: (topics, members) => {
        const plan = assignorByName('cooperative-sticky').assign(topics, members);
        for (const [id, tps] of plan) if (!tps.some((tp) => tp.topic === 'a' && tp.partitions.includes(0))) plan.set(id, [...tps, { topic: 'a', partitions: [0] }]);
        return plan;
      },
    };
    let caught = 0;
    for (let seed = 1; seed <= 20; seed++) {
      try {
        simulate({ seed, steps: 300, assignor: doubled });
      } catch (err) {
        if (!(err instanceof InvariantError)) throw err;
        expect(err.message).toMatch(/a:0 (is )?owned by/);
        caught++;
      }
    }
    expect(caught).toBeGreaterThan(10);
  });

  it('catches a coordinator whose heartbeats hide rebalances and removals', () => {
    let caught = 0;
    for (let seed = 1; seed <= 20; seed++) {
      try {
        simulate({ seed, steps: 300, machine: SilentHeartbeatMachine });
      } catch (err) {
        if (!(err instanceof InvariantError)) throw err;
        caught++;
      }
    }
    expect(caught).toBeGreaterThanOrEqual(5);
  });

  it('catches a coordinator that hands out stale generations', () => {
    let caught = 0;
    for (let seed = 1; seed <= 20; seed++) {
      try {
        simulate({ seed, steps: 300, machine: StaleGenerationMachine });
      } catch (err) {
        if (!(err instanceof InvariantError)) throw err;
        caught++;
      }
    }
    expect(caught).toBeGreaterThan(10);
  });
});
