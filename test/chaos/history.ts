import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * The record of a chaos run: every operation the workload attempted and what came of it, every
 * fault, and the final contents of each partition, as timestamped events. Written as JSON lines,
 * one event a line, so a run can be checked again later (`node dist/chaos/check.js DIR`).
 */

/** A record as a reader saw it: [partition, offset, key, value]. */
export type SeenRecord = [partition: number, offset: number, key: string | null, value: string | null];

export type FaultKind =
  | 'kill-leader'
  | 'kill-controller'
  | 'kill-node'
  | 'pause-node'
  | 'rolling-restart'
  | 'isolate-node'
  | 'cut-leader-from-controllers'
  | 'asymmetric-partition'
  | 'kill-leader-followers-cut';

export type HistoryEvent =
  /** The run's parameters, first in every history. */
  | { t: number; type: 'meta'; topic: string; partitions: number; seed: string; [extra: string]: unknown }
  /** A producer handed a record to its client; `seq` counts that producer's sends from 0. */
  | { t: number; type: 'send'; producer: string; seq: number; key: string; value: string }
  /** The broker acknowledged the send; offset -1 when it recognised a resend but no longer knew where it went. */
  | { t: number; type: 'ack'; producer: string; seq: number; partition: number; offset: number }
  /** The send failed; the record may or may not be in the log. */
  | { t: number; type: 'send-error'; producer: string; seq: number; error: string }
  /** What one poll() returned to a consumer. */
  | { t: number; type: 'poll'; consumer: string; records: SeenRecord[] }
  /** A commit the coordinator accepted: partition -> next offset to read. */
  | { t: number; type: 'commit'; consumer: string; offsets: Record<string, number> }
  /** A fault begins; `partitions` are those it is expected to disturb (led by the nodes it hits). */
  | { t: number; type: 'fault-start'; id: number; kind: FaultKind; nodes: number[]; partitions: number[] }
  | { t: number; type: 'fault-end'; id: number }
  /** A partition read from offset 0 to its high watermark after the run. */
  | { t: number; type: 'final'; partition: number; highWatermark: number; records: SeenRecord[] };

/** Distributive Omit, so each event kind keeps its own fields. */
type WithoutTime<T> = T extends unknown ? Omit<T, 't'> : never;
export type NewEvent = WithoutTime<HistoryEvent>;

/** Appends events in memory and, when given a path, to a JSON-lines file as they happen. */
export class History {
  readonly events: HistoryEvent[] = [];
  private readonly out: WriteStream | undefined;

  constructor(path?: string, private readonly clock: () => number = Date.now) {
    this.out = path === undefined ? undefined : createWriteStream(path, { flags: 'w' });
  }

  add(event: NewEvent): HistoryEvent {
    const e = { t: this.clock(), ...event } as HistoryEvent;
    this.events.push(e);
    this.out?.write(JSON.stringify(e) + '\n');
    return e;
  }

  async close(): Promise<void> {
    const out = this.out;
    if (!out) return;
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

export async function readHistory(path: string): Promise<HistoryEvent[]> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '').map((l, i) => {
    try {
      return JSON.parse(l) as HistoryEvent;
    } catch (err) {
      throw new Error(`${path}:${i + 1}: not a JSON event: ${(err as Error).message}`);
    }
  });
}
