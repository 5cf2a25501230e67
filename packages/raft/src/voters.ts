import { RunnelError } from '@runnel/protocol';
import type { NodeId } from './types.js';

/** A config entry's data: the full voter set after the change, as big-endian int32s. */
export function encodeVoters(voters: readonly NodeId[]): Buffer {
  const buf = Buffer.allocUnsafe(4 * voters.length);
  for (let i = 0; i < voters.length; i++) buf.writeInt32BE(voters[i]!, 4 * i);
  return buf;
}

export function decodeVoters(data: Buffer): NodeId[] {
  if (data.length % 4 !== 0) {
    throw new RunnelError('CORRUPT_MESSAGE', `config entry of ${data.length} bytes is not a list of int32 node ids`);
  }
  const voters: NodeId[] = [];
  for (let off = 0; off < data.length; off += 4) voters.push(data.readInt32BE(off));
  return voters;
}

/**
 * The voter set over the retained log. A configuration takes effect as soon as its entry is in
 * the log (Raft thesis §4.1), so a truncated config entry must roll the set back.
 */
export class VoterHistory {
  private base: NodeId[];
  private changes: { index: number; voters: NodeId[] }[] = [];

  constructor(base: NodeId[]) {
    this.base = base;
  }

  current(): NodeId[] {
    const n = this.changes.length;
    return n === 0 ? this.base : this.changes[n - 1]!.voters;
  }

  /** The voter set in force at `index` (which must not be below the snapshot). */
  at(index: number): NodeId[] {
    let voters = this.base;
    for (const c of this.changes) {
      if (c.index > index) break;
      voters = c.voters;
    }
    return voters;
  }

  /** The index of the newest config entry still in the log, or 0. */
  lastChangeIndex(): number {
    const n = this.changes.length;
    return n === 0 ? 0 : this.changes[n - 1]!.index;
  }

  record(index: number, voters: NodeId[]): void {
    this.changes.push({ index, voters });
  }

  /** Forgets changes at `index` and above; returns true if the current set changed. */
  truncateFrom(index: number): boolean {
    const before = this.changes.length;
    while (this.changes.length > 0 && this.changes[this.changes.length - 1]!.index >= index) this.changes.pop();
    return this.changes.length !== before;
  }

  /** Folds changes up to `index` into the base (the log before it is gone). */
  compact(index: number): void {
    this.base = this.at(index);
    this.changes = this.changes.filter((c) => c.index > index);
  }

  reset(voters: NodeId[]): void {
    this.base = voters;
    this.changes = [];
  }
}
