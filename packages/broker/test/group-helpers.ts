import pino from 'pino';
import { RunnelError, type pb } from '@runnel/protocol';
import { GroupStateMachine, type GroupCoordinatorConfig, type GroupTimers } from '../src/group/group-state-machine.js';
import type { OffsetsRecord } from '../src/group/offsets-records.js';

export const silent = pino({ level: 'silent' });

/** A virtual clock: timers fire in deadline order (then in the order they were set) when time advances. */
export class VirtualTimers implements GroupTimers {
  t = 0;
  private seq = 0;
  private pending = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.t;
  }

  schedule(delayMs: number, fn: () => void): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.t + Math.max(0, delayMs), fn });
    return id;
  }

  cancel(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** The earliest deadline still armed, or Infinity. */
  get next(): number {
    let min = Infinity;
    for (const p of this.pending.values()) min = Math.min(min, p.at);
    return min;
  }

  /** Advance to `to`, firing every timer due on the way at its own time. */
  advanceTo(to: number): void {
    for (;;) {
      let due: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.pending) if (e[1].at <= to && (!due || e[1].at < due[1].at || (e[1].at === due[1].at && e[0] < due[0]))) due = e;
      if (!due) break;
      this.pending.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
    }
    this.t = Math.max(this.t, to);
  }

  advance(ms: number): void {
    this.advanceTo(this.t + ms);
  }
}

/** A write the test has not completed yet. */
export interface PendingWrite {
  records: OffsetsRecord[];
  done: (error: RunnelError | null) => void;
}

export const CONFIG: GroupCoordinatorConfig = {
  minSessionTimeoutMs: 6_000,
  maxSessionTimeoutMs: 1_800_000,
  maxSize: 1000,
  initialRebalanceDelayMs: 0,
  offsetMetadataMaxBytes: 4096,
  offsetsRetentionMs: 7 * 24 * 3_600_000,
};

/**
 * A machine on a virtual clock whose writes go to `log` (the records that succeeded, in order).
 * With `autoComplete` writes succeed at once; otherwise they wait in `pending` for the test.
 */
export function harness(config: Partial<GroupCoordinatorConfig> = {}, opts: { autoComplete?: boolean; machine?: typeof GroupStateMachine } = {}) {
  const timers = new VirtualTimers();
  const log: OffsetsRecord[] = [];
  const pending: PendingWrite[] = [];
  let ids = 0;
  const autoComplete = opts.autoComplete ?? true;
  const Machine = opts.machine ?? GroupStateMachine;
  const machine = new Machine({
    partition: 0,
    config: { ...CONFIG, ...config },
    timers,
    write: (records, done) => {
      if (autoComplete) {
        log.push(...records);
        done(null);
      } else {
        pending.push({ records, done });
      }
    },
    newMemberId: (prefix) => `${prefix}-${++ids}`,
    logger: silent,
  });
  /** Complete the oldest pending write: appended to the log on success. */
  const completeWrite = (error: RunnelError | null = null): void => {
    const w = pending.shift();
    if (!w) throw new Error('no pending write');
    if (!error) log.push(...w.records);
    w.done(error);
  };
  return { machine, timers, log, pending, completeWrite };
}

export function joinRequest(groupId: string, memberId: string, opts: Partial<pb.JoinGroupRequest__Output> & { metadata?: Buffer } = {}): pb.JoinGroupRequest__Output {
  return {
    groupId,
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    memberId,
    groupInstanceId: '',
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: opts.metadata ?? Buffer.from('m') }],
    reason: '',
    ...opts,
  };
}

export const CLIENT = { clientId: 'c', clientHost: '/127.0.0.1' };

/**
 * Start a JoinGroup; `result()` is its answer once given (undefined while it waits). It first lets
 * timers due at the current instant fire: a new group's first rebalance completes on a timer even
 * with group.initial.rebalance.delay.ms=0, as in Kafka.
 */
export function join(h: { machine: GroupStateMachine; timers: VirtualTimers }, req: pb.JoinGroupRequest__Output) {
  let answer: pb.JoinGroupResponse | undefined;
  h.machine.joinGroup(req, CLIENT, (r) => {
    if (answer) throw new Error('JoinGroup answered twice');
    answer = r;
  });
  return {
    result: () => {
      if (!answer) h.timers.advance(0);
      return answer;
    },
  };
}

export function sync(machine: GroupStateMachine, req: Partial<pb.SyncGroupRequest__Output> & { groupId: string; memberId: string; generationId: number }) {
  let answer: pb.SyncGroupResponse | undefined;
  machine.syncGroup({ groupInstanceId: '', protocolType: '', protocolName: '', assignments: [], ...req }, (r) => {
    if (answer) throw new Error('SyncGroup answered twice');
    answer = r;
  });
  return { result: () => answer };
}

export function commit(machine: GroupStateMachine, groupId: string, memberId: string, generationId: number, offsets: { topic: string; partition: number; offset: number; metadata?: string }[], groupInstanceId = '') {
  let answer: pb.OffsetCommitResponse | undefined;
  const topics = [...new Set(offsets.map((o) => o.topic))].map((name) => ({
    name,
    partitions: offsets.filter((o) => o.topic === name).map((o) => ({ partition: o.partition, committedOffset: o.offset, committedLeaderEpoch: -1, committedMetadata: o.metadata ?? '' })),
  }));
  machine.commitOffsets({ groupId, generationId, memberId, groupInstanceId, topics }, (r) => (answer = r));
  return { result: () => answer, errors: () => answer?.topics?.flatMap((t) => (t.partitions ?? []).map((p) => p.errorCode)) };
}

export function fetched(machine: GroupStateMachine, groupId: string, topic: string, partition: number): number {
  return Number(machine.fetchOffsets({ groupId, topics: [{ name: topic, partitions: [partition] }], requireStable: false }).topics![0]!.partitions![0]!.committedOffset);
}
