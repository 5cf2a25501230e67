import type { FaultKind, HistoryEvent, SeenRecord } from './history.js';

/**
 * Checks a chaos history against what Runnel promises: every acknowledged record is in the final
 * log exactly once, no offset ever holds two different records, a producer's records with one key
 * stay in send order, what a consumer saw does not disappear, and a group's committed offsets only
 * move forward. Also measures, for each fault, how long writes stalled on the partitions it hit.
 */

export const VIOLATION_KINDS = ['lost', 'duplicated', 'divergent', 'reordered', 'vanished', 'commit-backward', 'gap'] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

export interface Violation {
  kind: ViolationKind;
  partition?: number;
  offset?: number;
  value?: string;
  detail: string;
}

export interface FaultWindow {
  id: number;
  kind: FaultKind;
  nodes: number[];
  /** Partitions measured: those the fault was expected to disturb, or all when it named none. */
  partitions: number[];
  start: number;
  /** When the fault was healed; undefined if the history has no end for it. */
  end: number | undefined;
  /**
   * Milliseconds from the fault's start until every measured partition had acknowledged a write
   * sent after that start; undefined when some partition never did.
   */
  unavailableMs: number | undefined;
  /** Per partition, the same measure (undefined: no write sent after the start was acknowledged). */
  byPartition: Record<string, number | undefined>;
  /**
   * The longest time any measured partition went without an acknowledgement, from the fault's
   * start until the next fault (or the last acknowledgement of the run). Writes already under way can be
   * acknowledged just after a fault starts and hide a stall that follows; this shows it.
   */
  longestStallMs: number;
}

export interface CheckReport {
  ok: boolean;
  counts: {
    sent: number;
    acked: number;
    sendErrors: number;
    /** Sends that failed (or never settled) yet whose record is in the final log: allowed, worth knowing. */
    indeterminateInLog: number;
    polledRecords: number;
    commits: number;
    finalRecords: number;
    faults: number;
  } & Record<ViolationKind, number>;
  faultsByKind: Record<string, number>;
  faults: FaultWindow[];
  worstUnavailability: { faultId: number; kind: FaultKind; ms: number | undefined } | undefined;
  worstStall: { faultId: number; kind: FaultKind; ms: number } | undefined;
  violations: Violation[];
}

interface Send {
  producer: string;
  seq: number;
  key: string;
  value: string;
  t: number;
  ack?: { partition: number; offset: number; t: number };
  error?: string;
}

const sendId = (producer: string, seq: number): string => `${producer}#${seq}`;

export function check(events: readonly HistoryEvent[]): CheckReport {
  const meta = events.find((e) => e.type === 'meta');
  const sends = new Map<string, Send>();
  const finals = new Map<number, { highWatermark: number; records: SeenRecord[] }>();
  const violations: Violation[] = [];
  let polledRecords = 0;
  let commits = 0;

  for (const e of events) {
    if (e.type === 'send') sends.set(sendId(e.producer, e.seq), { producer: e.producer, seq: e.seq, key: e.key, value: e.value, t: e.t });
    else if (e.type === 'ack') {
      const s = sends.get(sendId(e.producer, e.seq));
      if (s) s.ack = { partition: e.partition, offset: e.offset, t: e.t };
    } else if (e.type === 'send-error') {
      const s = sends.get(sendId(e.producer, e.seq));
      if (s) s.error = e.error;
    } else if (e.type === 'poll') polledRecords += e.records.length;
    else if (e.type === 'commit') commits++;
    else if (e.type === 'final') finals.set(e.partition, { highWatermark: e.highWatermark, records: e.records });
  }

  // Where each value sits in the final log.
  const placed = new Map<string, { partition: number; offset: number }[]>();
  const finalAt = new Map<string, string | null>();
  let finalRecords = 0;
  for (const [partition, log] of [...finals].sort((a, b) => a[0] - b[0])) {
    let expected = log.records[0]?.[1] ?? 0;
    for (const [p, offset, , value] of log.records) {
      finalRecords++;
      if (offset !== expected) {
        violations.push({ kind: 'gap', partition, offset, detail: `final read of partition ${partition} went from offset ${expected - 1} to ${offset}` });
      }
      expected = offset + 1;
      finalAt.set(`${p}:${offset}`, value);
      if (value !== null) append(placed, value, { partition, offset });
    }
  }

  // Divergence: every observation of an offset (acks, polls, the final read) must name one record.
  const seenAt = new Map<string, { value: string | null; by: string }>();
  const divergentAt = new Set<string>();
  const observe = (partition: number, offset: number, value: string | null, by: string): void => {
    const k = `${partition}:${offset}`;
    const first = seenAt.get(k);
    if (!first) {
      seenAt.set(k, { value, by });
      return;
    }
    if (first.value !== value && !divergentAt.has(k)) {
      divergentAt.add(k);
      violations.push({ kind: 'divergent', partition, offset, detail: `partition ${partition} offset ${offset} held ${JSON.stringify(first.value)} (${first.by}) and ${JSON.stringify(value)} (${by})` });
    }
  };
  for (const e of events) {
    if (e.type === 'ack' && e.offset >= 0) {
      const s = sends.get(sendId(e.producer, e.seq));
      if (s) observe(e.partition, e.offset, s.value, `ack to ${e.producer}`);
    } else if (e.type === 'poll') {
      for (const [p, o, , v] of e.records) observe(p, o, v, `poll by ${e.consumer}`);
    } else if (e.type === 'final') {
      for (const [p, o, , v] of e.records) observe(p, o, v, 'final read');
    }
  }

  // Lost and duplicated.
  let acked = 0;
  let sendErrors = 0;
  let indeterminateInLog = 0;
  for (const s of sends.values()) {
    const where = placed.get(s.value) ?? [];
    if (s.ack) {
      acked++;
      if (where.length === 0) {
        violations.push({ kind: 'lost', partition: s.ack.partition, offset: s.ack.offset, value: s.value, detail: `${s.value} acknowledged at partition ${s.ack.partition} offset ${s.ack.offset} is not in the final log` });
      }
    } else {
      if (s.error !== undefined) sendErrors++;
      if (where.length > 0) indeterminateInLog++;
    }
  }
  for (const [value, where] of placed) {
    if (where.length > 1) {
      violations.push({ kind: 'duplicated', partition: where[0]!.partition, offset: where[1]!.offset, value, detail: `${value} is in the final log ${where.length} times: ${where.map((w) => `${w.partition}@${w.offset}`).join(', ')}` });
    }
  }

  // Order: per producer and key, acknowledged records sit in the log in send order.
  const byProducerKey = new Map<string, Send[]>();
  for (const s of sends.values()) {
    if (!s.ack) continue;
    const k = `${s.producer}\u0000${s.key}`;
    append(byProducerKey, k, s);
  }
  for (const list of byProducerKey.values()) {
    list.sort((a, b) => a.seq - b.seq);
    let prev: { s: Send; partition: number; offset: number } | undefined;
    for (const s of list) {
      const where = placed.get(s.value);
      if (!where || where.length === 0) continue;
      const at = where[0]!;
      if (prev && (at.partition !== prev.partition || at.offset <= prev.offset)) {
        violations.push({
          kind: 'reordered', partition: at.partition, offset: at.offset, value: s.value,
          detail: `producer ${s.producer} key ${s.key}: ${prev.s.value} (sent first) is at ${prev.partition}@${prev.offset} but ${s.value} is at ${at.partition}@${at.offset}`,
        });
      }
      prev = { s, partition: at.partition, offset: at.offset };
    }
  }

  // Vanished: an offset a consumer was given must still be in the final log.
  const vanished = new Set<string>();
  for (const e of events) {
    if (e.type !== 'poll') continue;
    for (const [p, o, , v] of e.records) {
      const k = `${p}:${o}`;
      if (finalAt.has(k) || vanished.has(k)) continue;
      vanished.add(k);
      const hw = finals.get(p)?.highWatermark;
      violations.push({ kind: 'vanished', partition: p, offset: o, value: v ?? undefined, detail: `${e.consumer} read ${JSON.stringify(v)} at partition ${p} offset ${o}, which the final read (high watermark ${hw ?? 'unknown'}) does not have` });
    }
  }

  // The group's committed offsets only move forward.
  const committed = new Map<string, { offset: number; by: string }>();
  for (const e of events) {
    if (e.type !== 'commit') continue;
    for (const [p, offset] of Object.entries(e.offsets)) {
      const prev = committed.get(p);
      if (prev && offset < prev.offset) {
        violations.push({ kind: 'commit-backward', partition: Number(p), offset, detail: `partition ${p}: ${e.consumer} committed ${offset} after ${prev.by} had committed ${prev.offset}` });
      }
      if (!prev || offset > prev.offset) committed.set(p, { offset, by: e.consumer });
    }
  }

  const faults = faultWindows(events, [...sends.values()], meta?.type === 'meta' ? meta.partitions : finals.size);
  const faultsByKind: Record<string, number> = {};
  for (const f of faults) faultsByKind[f.kind] = (faultsByKind[f.kind] ?? 0) + 1;
  const worstStall = faults.reduce<FaultWindow | undefined>((w, f) => (w === undefined || f.longestStallMs > w.longestStallMs ? f : w), undefined);
  let worst: CheckReport['worstUnavailability'];
  for (const f of faults) {
    const better = worst === undefined || (worst.ms !== undefined && (f.unavailableMs === undefined || f.unavailableMs > worst.ms));
    if (better) worst = { faultId: f.id, kind: f.kind, ms: f.unavailableMs };
  }

  const perKind = Object.fromEntries(VIOLATION_KINDS.map((k) => [k, violations.filter((v) => v.kind === k).length])) as Record<ViolationKind, number>;
  return {
    ok: violations.length === 0,
    counts: { sent: sends.size, acked, sendErrors, indeterminateInLog, polledRecords, commits, finalRecords, faults: faults.length, ...perKind },
    faultsByKind,
    faults,
    worstUnavailability: worst,
    worstStall: worstStall && { faultId: worstStall.id, kind: worstStall.kind, ms: worstStall.longestStallMs },
    violations,
  };
}

/** Add to a map of lists in place (copying the list per item made long histories quadratic). */
function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function faultWindows(events: readonly HistoryEvent[], sends: Send[], partitionCount: number): FaultWindow[] {
  // Acknowledged writes per partition, by the time they were sent.
  const acked = new Map<number, Send[]>();
  for (const s of sends) if (s.ack) append(acked, s.ack.partition, s);
  for (const list of acked.values()) list.sort((a, b) => a.t - b.t);
  const ends = new Map<number, number>();
  for (const e of events) if (e.type === 'fault-end') ends.set(e.id, e.t);
  const starts = events.filter((e) => e.type === 'fault-start').map((e) => e.t);
  // The producers stop before the run ends; the quiet after the last acknowledgement is no stall.
  const lastAt = events.reduce((m, e) => Math.max(m, e.type === 'ack' ? e.t : 0), 0);

  const out: FaultWindow[] = [];
  for (const e of events) {
    if (e.type !== 'fault-start') continue;
    const partitions = e.partitions.length > 0 ? e.partitions : Array.from({ length: partitionCount }, (_, i) => i);
    const byPartition: Record<string, number | undefined> = {};
    let worst: number | undefined = 0;
    for (const p of partitions) {
      // The first write sent at or after the fault's start that was acknowledged, by ack time.
      let firstAck: number | undefined;
      for (const s of acked.get(p) ?? []) {
        if (s.t < e.t) continue;
        if (firstAck === undefined || s.ack!.t < firstAck) firstAck = s.ack!.t;
      }
      const ms = firstAck === undefined ? undefined : firstAck - e.t;
      byPartition[String(p)] = ms;
      worst = worst === undefined || ms === undefined ? undefined : Math.max(worst, ms);
    }
    const until = starts.find((t) => t > e.t) ?? lastAt;
    let longestStallMs = 0;
    for (const p of partitions) {
      let prev = e.t;
      const times = (acked.get(p) ?? []).map((s) => s.ack!.t).filter((t) => t >= e.t && t <= until).sort((a, b) => a - b);
      for (const t of [...times, until]) {
        longestStallMs = Math.max(longestStallMs, t - prev);
        prev = t;
      }
    }
    out.push({ id: e.id, kind: e.kind, nodes: e.nodes, partitions, start: e.t, end: ends.get(e.id), unavailableMs: worst, byPartition, longestStallMs });
  }
  return out;
}

/** The report as a plain-text table for a terminal, with the first few violations of each kind. */
export function formatSummary(report: CheckReport, examples = 5): string {
  const c = report.counts;
  const rows: [string, string][] = [
    ['records sent', String(c.sent)],
    ['records acknowledged', String(c.acked)],
    ['send errors', String(c.sendErrors)],
    ['unacknowledged but in log', String(c.indeterminateInLog)],
    ['records polled by the group', String(c.polledRecords)],
    ['commits', String(c.commits)],
    ['records in final logs', String(c.finalRecords)],
    ['faults', `${c.faults} (${Object.entries(report.faultsByKind).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'})`],
  ];
  for (const k of VIOLATION_KINDS) rows.push([k, String(c[k])]);
  const w = report.worstUnavailability;
  rows.push(['worst unavailability', w === undefined ? 'no faults' : `${w.ms === undefined ? 'never recovered' : `${w.ms} ms`} (fault #${w.faultId} ${w.kind})`]);
  const st = report.worstStall;
  rows.push(['longest write stall', st === undefined ? 'no faults' : `${st.ms} ms (fault #${st.faultId} ${st.kind})`]);
  rows.push(['verdict', report.ok ? 'OK' : 'VIOLATIONS FOUND']);
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);

  if (report.faults.length > 0) {
    lines.push('', 'fault  kind                         nodes   held ms  unavailable ms  longest stall ms');
    for (const f of report.faults) {
      const held = f.end === undefined ? '-' : String(f.end - f.start);
      const un = f.unavailableMs === undefined ? 'never' : String(f.unavailableMs);
      lines.push(`${String(f.id).padStart(5)}  ${f.kind.padEnd(27)}  ${f.nodes.join(',').padEnd(6)}  ${held.padStart(7)}  ${un.padStart(14)}  ${String(f.longestStallMs).padStart(16)}`);
    }
  }
  for (const k of VIOLATION_KINDS) {
    const list = report.violations.filter((v) => v.kind === k);
    if (list.length === 0) continue;
    lines.push('', `${k} (${list.length}):`);
    for (const v of list.slice(0, examples)) lines.push(`  ${v.detail}`);
    if (list.length > examples) lines.push(`  ... and ${list.length - examples} more (see report.json)`);
  }
  return lines.join('\n');
}
