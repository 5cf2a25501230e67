import { describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '@runnel/protocol';
import { loadGroups, type LoadableLog } from '../src/group/group-loader.js';
import { GroupStateMachine } from '../src/group/group-state-machine.js';
import { groupMetadataRecord, groupTombstone, offsetCommitRecord, offsetTombstone, type OffsetsRecord } from '../src/group/offsets-records.js';
import { CONFIG, VirtualTimers, commit, fetched, harness, join, joinRequest, silent, sync } from './group-helpers.js';

/** A log of record batches in memory; each read returns one batch, so loading takes several reads. */
class MemoryLog implements LoadableLog {
  readonly batches: { base: number; bytes: Buffer }[] = [];
  logStartOffset = 0;
  reads = 0;
  onRead: () => void = () => undefined;

  get logEndOffset(): number {
    return this.batches.reduce((n, b) => n + b.bytes.readInt32BE(23) + 1, this.logStartOffset);
  }

  async append(records: OffsetsRecord[]): Promise<void> {
    const base = this.logEndOffset;
    this.batches.push({ base, bytes: await encodeRecordBatch(records.map((r) => ({ key: r.key, value: r.value, timestamp: 1 })), { baseOffset: base }) });
  }

  async read(offset: number): Promise<{ records: Buffer }> {
    this.reads++;
    this.onRead();
    const b = this.batches.find((x) => offset >= x.base && offset <= x.base + x.bytes.readInt32BE(23));
    return { records: b ? b.bytes : Buffer.alloc(0) };
  }
}

function freshMachine(timers = new VirtualTimers()): GroupStateMachine {
  return new GroupStateMachine({ partition: 0, config: CONFIG, timers, write: () => undefined, newMemberId: (p) => `${p}-x`, logger: silent });
}

const member = (id: string) => ({ memberId: id, groupInstanceId: null, clientId: 'c', clientHost: '/h', rebalanceTimeoutMs: 30_000, sessionTimeoutMs: 10_000, subscription: Buffer.from('s'), assignment: Buffer.from(`a-${id}`) });

describe('loading a __consumer_offsets partition', () => {
  it('replays records in order: the latest value of a key wins and tombstones delete', async () => {
    const log = new MemoryLog();
    await log.append([offsetCommitRecord('g', 't', 0, { offset: 1, leaderEpoch: 0, metadata: '', commitTimestamp: 1 }), offsetCommitRecord('g', 't', 1, { offset: 5, leaderEpoch: 0, metadata: '', commitTimestamp: 1 })]);
    await log.append([groupMetadataRecord('g', { protocolType: 'consumer', generation: 3, protocol: 'range', leader: 'm1', currentStateTimestamp: 7, members: [member('m1'), member('m2')] })]);
    await log.append([offsetCommitRecord('g', 't', 0, { offset: 9, leaderEpoch: 2, metadata: 'x', commitTimestamp: 2 }), offsetTombstone('g', 't', 1)]);
    await log.append([groupMetadataRecord('gone', { protocolType: 'consumer', generation: 1, protocol: null, leader: null, currentStateTimestamp: 1, members: [] }), offsetCommitRecord('gone', 't', 0, { offset: 3, leaderEpoch: 0, metadata: '', commitTimestamp: 1 })]);
    await log.append([offsetTombstone('gone', 't', 0), groupTombstone('gone')]);
    await log.append([groupMetadataRecord('empty', { protocolType: 'consumer', generation: 4, protocol: null, leader: null, currentStateTimestamp: 11, members: [] })]);
    const m = freshMachine();
    expect(await loadGroups(log, log.logEndOffset, m, () => true, silent)).toBe(true);
    expect(log.reads).toBeGreaterThan(1);
    expect(m.groupIds.sort()).toEqual(['empty', 'g']);
    const g = m.group('g')!;
    expect(g).toMatchObject({ state: 'Stable', generationId: 3, protocolName: 'range', leaderId: 'm1', stateTimestamp: 7 });
    expect([...g.members.values()].map((x) => [x.memberId, x.assignment.toString()])).toEqual([['m1', 'a-m1'], ['m2', 'a-m2']]);
    expect(fetched(m, 'g', 't', 0)).toBe(9);
    expect(m.fetchOffsets({ groupId: 'g', topics: [{ name: 't', partitions: [0] }], requireStable: false }).topics![0]!.partitions![0]).toMatchObject({ committedLeaderEpoch: 2, metadata: 'x' });
    expect(fetched(m, 'g', 't', 1)).toBe(-1);
    expect(m.group('empty')).toMatchObject({ state: 'Empty', generationId: 4, stateTimestamp: 11 });
  });

  it('reads only up to the end offset it was given', async () => {
    const log = new MemoryLog();
    await log.append([offsetCommitRecord('g', 't', 0, { offset: 1, leaderEpoch: 0, metadata: '', commitTimestamp: 1 })]);
    const end = log.logEndOffset;
    await log.append([offsetCommitRecord('g', 't', 0, { offset: 2, leaderEpoch: 0, metadata: '', commitTimestamp: 1 })]);
    const m = freshMachine();
    await loadGroups(log, end, m, () => true, silent);
    expect(fetched(m, 'g', 't', 0)).toBe(1);
  });

  it('gives up, leaving the machine empty, when the partition moves away mid-load', async () => {
    const log = new MemoryLog();
    for (let i = 0; i < 5; i++) await log.append([offsetCommitRecord(`g${i}`, 't', 0, { offset: i, leaderEpoch: 0, metadata: '', commitTimestamp: 1 })]);
    let leader = true;
    log.onRead = () => {
      if (log.reads === 3) leader = false;
    };
    const m = freshMachine();
    expect(await loadGroups(log, log.logEndOffset, m, () => leader, silent)).toBe(false);
    expect(m.groupIds).toEqual([]);
    expect(log.reads).toBe(3);
  });

  it('rebuilds what a coordinator wrote: a failover keeps groups, assignments and offsets', async () => {
    const h = harness();
    const first = join(h, joinRequest('g', '')).result()!;
    const id = first.memberId!;
    expect(join(h, joinRequest('g', id)).result()?.generationId).toBe(1);
    sync(h.machine, { groupId: 'g', memberId: id, generationId: 1, assignments: [{ memberId: id, assignment: Buffer.from('A') }] });
    commit(h.machine, 'g', id, 1, [{ topic: 't', partition: 0, offset: 10 }]);
    commit(h.machine, 'g', id, 1, [{ topic: 't', partition: 0, offset: 20 }, { topic: 't', partition: 1, offset: 5 }]);
    commit(h.machine, 'simple', '', -1, [{ topic: 'u', partition: 2, offset: 8 }]);
    const log = new MemoryLog();
    for (const r of h.log) await log.append([r]);
    const timers = new VirtualTimers();
    const m = freshMachine(timers);
    await loadGroups(log, log.logEndOffset, m, () => true, silent);
    expect(fetched(m, 'g', 't', 0)).toBe(20);
    expect(fetched(m, 'g', 't', 1)).toBe(5);
    expect(fetched(m, 'simple', 'u', 2)).toBe(8);
    expect(m.group('g')).toMatchObject({ state: 'Stable', generationId: 1, leaderId: id });
    expect(m.heartbeat({ groupId: 'g', memberId: id, generationId: 1, groupInstanceId: '' }).errorCode).toBe(0);
    // Loaded members get a fresh session from load time.
    timers.advance(10_000);
    expect(m.group('g')!.members.size).toBe(0);
  });
});
