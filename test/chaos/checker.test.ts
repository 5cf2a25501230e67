import { describe, expect, it } from 'vitest';
import { check, type ViolationKind } from './checker.js';
import type { HistoryEvent, NewEvent, SeenRecord } from './history.js';

/**
 * Synthetic histories, each a clean run with one thing broken, so each check is shown to catch
 * (and name) exactly the fault it is for, and to stay quiet on a clean run.
 */

/** Builds a history with increasing timestamps. */
class Builder {
  readonly events: HistoryEvent[] = [];
  private t = 1_000;

  constructor() {
    this.add({ type: 'meta', topic: 't', partitions: 2, seed: 'test' });
  }

  add(e: NewEvent): this {
    this.events.push({ t: (this.t += 10), ...e } as HistoryEvent);
    return this;
  }

  /** A send and its acknowledgement. */
  write(producer: string, seq: number, key: string, partition: number, offset: number): this {
    return this.add({ type: 'send', producer, seq, key, value: `${producer}:${seq}` })
      .add({ type: 'ack', producer, seq, partition, offset });
  }
}

/**
 * A clean run: producer p0 writes keys a (partition 0) and b (partition 1), p1 writes key c
 * (partition 0); a consumer reads it all and commits; one fault interrupts partition 0 briefly.
 */
function cleanRun(): { b: Builder; logs: SeenRecord[][] } {
  const b = new Builder();
  b.write('p0', 0, 'a', 0, 0).write('p0', 1, 'b', 1, 0).write('p1', 0, 'c', 0, 1);
  b.add({ type: 'fault-start', id: 1, kind: 'kill-leader', nodes: [1], partitions: [0] });
  b.add({ type: 'send', producer: 'p0', seq: 2, key: 'a', value: 'p0:2' });
  b.add({ type: 'fault-end', id: 1 });
  b.add({ type: 'ack', producer: 'p0', seq: 2, partition: 0, offset: 2 });
  b.write('p1', 1, 'c', 0, 3).write('p0', 3, 'b', 1, 1);
  const logs: SeenRecord[][] = [
    [[0, 0, 'a', 'p0:0'], [0, 1, 'c', 'p1:0'], [0, 2, 'a', 'p0:2'], [0, 3, 'c', 'p1:1']],
    [[1, 0, 'b', 'p0:1'], [1, 1, 'b', 'p0:3']],
  ];
  b.add({ type: 'poll', consumer: 'c0', records: [logs[0]![0]!, logs[0]![1]!, logs[1]![0]!] });
  b.add({ type: 'commit', consumer: 'c0', offsets: { 0: 2, 1: 1 } });
  b.add({ type: 'poll', consumer: 'c0', records: [logs[0]![2]!, logs[0]![3]!, logs[1]![1]!] });
  b.add({ type: 'commit', consumer: 'c0', offsets: { 0: 4, 1: 2 } });
  return { b, logs };
}

function finish(b: Builder, logs: SeenRecord[][]): HistoryEvent[] {
  logs.forEach((records, partition) => b.add({ type: 'final', partition, highWatermark: records.length, records }));
  return b.events;
}

function kinds(events: HistoryEvent[]): ViolationKind[] {
  return [...new Set(check(events).violations.map((v) => v.kind))].sort();
}

describe('history checker', () => {
  it('passes a clean run and measures the fault window from its start to the next acknowledged write', () => {
    const { b, logs } = cleanRun();
    const report = check(finish(b, logs));
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts).toMatchObject({ sent: 6, acked: 6, polledRecords: 6, commits: 2, finalRecords: 6, faults: 1 });
    // Fault at t=1080, p0:2 sent at 1090 and acknowledged at 1110.
    expect(report.faults[0]).toMatchObject({ kind: 'kill-leader', start: 1080, end: 1100, unavailableMs: 30 });
    // Partition 0's acknowledgements after the start come at 1110 and 1130, the run's last one at 1150.
    expect(report.faults[0]!.longestStallMs).toBe(30);
    expect(report.faultsByKind).toEqual({ 'kill-leader': 1 });
  });

  it('names an acknowledged record missing from the final log as lost', () => {
    const { b, logs } = cleanRun();
    // The log lost p0:3 at the tail of partition 1 (and the consumer never saw it).
    logs[1]!.pop();
    const events = finish(b, logs).map((e) => (e.type === 'poll' ? { ...e, records: e.records.filter((r) => r[3] !== 'p0:3') } : e));
    const report = check(events);
    expect(kinds(events)).toEqual(['lost']);
    expect(report.violations[0]).toMatchObject({ kind: 'lost', value: 'p0:3', partition: 1, offset: 1 });
    expect(report.ok).toBe(false);
  });

  it('names a record written twice as duplicated', () => {
    const { b, logs } = cleanRun();
    logs[1]!.push([1, 2, 'b', 'p0:3']);
    const events = finish(b, logs);
    const report = check(events);
    expect(kinds(events)).toEqual(['duplicated']);
    expect(report.violations[0]).toMatchObject({ kind: 'duplicated', value: 'p0:3' });
  });

  it('names two records seen at one offset as divergent', () => {
    const { b, logs } = cleanRun();
    // A consumer read x at partition 0 offset 3 from a leader whose tail was later truncated and replaced.
    b.add({ type: 'poll', consumer: 'c1', records: [[0, 3, 'c', 'p9:0']] });
    const events = finish(b, logs);
    expect(kinds(events)).toEqual(['divergent']);
    expect(check(events).violations[0]).toMatchObject({ partition: 0, offset: 3 });
  });

  it('names an acknowledgement at an offset that holds another record as divergent', () => {
    const { b, logs } = cleanRun();
    b.write('p2', 0, 'z', 1, 1); // claims offset 1 of partition 1, which holds p0:3
    logs[1]!.push([1, 2, 'z', 'p2:0']);
    const events = finish(b, logs);
    expect(kinds(events)).toEqual(['divergent']);
  });

  it('names records of one producer and key out of send order as reordered', () => {
    const { b, logs } = cleanRun();
    // p0's key a: p0:0 then p0:2 were sent in that order but sit the other way round.
    logs[0]![0] = [0, 0, 'a', 'p0:2'];
    logs[0]![2] = [0, 2, 'a', 'p0:0'];
    const events = finish(b, logs).filter((e) => e.type !== 'poll' && e.type !== 'ack');
    // Keep the acks (without offsets, as for resends) so the records count as acknowledged.
    const acks = b.events.filter((e) => e.type === 'ack').map((e) => ({ ...e, offset: -1 }));
    const report = check([...events.filter((e) => e.type !== 'final'), ...acks, ...events.filter((e) => e.type === 'final')]);
    expect([...new Set(report.violations.map((v) => v.kind))]).toEqual(['reordered']);
    expect(report.violations[0]).toMatchObject({ value: 'p0:2' });
  });

  it('names an offset a consumer saw that the final log no longer has as vanished', () => {
    const { b, logs } = cleanRun();
    // The consumer read an unacknowledged record at partition 1 offset 2 that a failover truncated away.
    b.add({ type: 'send', producer: 'p1', seq: 2, key: 'd', value: 'p1:2' });
    b.add({ type: 'send-error', producer: 'p1', seq: 2, error: 'REQUEST_TIMED_OUT' });
    b.add({ type: 'poll', consumer: 'c0', records: [[1, 2, 'd', 'p1:2']] });
    const events = finish(b, logs);
    const report = check(events);
    expect(kinds(events)).toEqual(['vanished']);
    expect(report.violations[0]).toMatchObject({ partition: 1, offset: 2 });
    expect(report.counts.sendErrors).toBe(1);
  });

  it('names a commit below an earlier one for the same partition as commit-backward', () => {
    const { b, logs } = cleanRun();
    b.add({ type: 'commit', consumer: 'c1', offsets: { 0: 1 } });
    const events = finish(b, logs);
    const report = check(events);
    expect(kinds(events)).toEqual(['commit-backward']);
    expect(report.violations[0]).toMatchObject({ partition: 0, offset: 1 });
  });

  it('reports a fault after which a partition never took a write as never recovered', () => {
    const { b, logs } = cleanRun();
    b.add({ type: 'fault-start', id: 2, kind: 'pause-node', nodes: [2], partitions: [1] });
    b.add({ type: 'send', producer: 'p0', seq: 4, key: 'b', value: 'p0:4' });
    b.add({ type: 'send-error', producer: 'p0', seq: 4, error: 'NOT_ENOUGH_REPLICAS' });
    const report = check(finish(b, logs));
    expect(report.ok).toBe(true);
    expect(report.faults[1]).toMatchObject({ id: 2, unavailableMs: undefined });
    expect(report.worstUnavailability).toMatchObject({ faultId: 2, ms: undefined });
  });
});
