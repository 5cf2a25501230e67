import { RunnelError, type pb } from '@runnel/protocol';
import type { Entry, EntryType, Message } from '../types.js';

/** The core's plain message and entry shapes <-> the Quorum service's protobuf messages, 1:1. */

const ENTRY_TO_PROTO: Record<EntryType, pb.EntryType__Output> = {
  normal: 'ENTRY_NORMAL',
  noop: 'ENTRY_NOOP',
  config: 'ENTRY_CONFIG',
};

const ENTRY_FROM_PROTO: Record<pb.EntryType__Output, EntryType> = {
  ENTRY_NORMAL: 'normal',
  ENTRY_NOOP: 'noop',
  ENTRY_CONFIG: 'config',
};

export function entryToProto(e: Entry): pb.LogEntry {
  return { index: e.index, term: e.term, type: ENTRY_TO_PROTO[e.type], data: e.data };
}

/**
 * int64 fields arrive as JS numbers: past 2^53 they are no longer the value the peer sent, and a
 * term or index that large would be taken up, persisted, and fail every write after it (stopping
 * the node). Raft's numbers never go below zero.
 */
function count(from: number, what: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RunnelError('INVALID_REQUEST', `raft message from ${from}: ${what} ${value} is not a non-negative safe integer`);
  }
  return value;
}

export function entryFromProto(e: pb.LogEntry__Output, from = -1): Entry {
  const type = ENTRY_FROM_PROTO[e.type];
  if (type === undefined) throw new RunnelError('INVALID_REQUEST', `raft message from ${from}: entry type ${String(e.type)} is unknown`);
  return { index: count(from, 'entry index', e.index), term: count(from, 'entry term', e.term), type, data: e.data };
}

export function messageToProto(m: Message): pb.RaftMessage {
  const head = { from: m.from, to: m.to, term: m.term };
  switch (m.type) {
    case 'VoteRequest':
      return { ...head, voteRequest: { preVote: m.preVote, lastLogIndex: m.lastLogIndex, lastLogTerm: m.lastLogTerm, transfer: m.transfer } };
    case 'VoteResponse':
      return { ...head, voteResponse: { preVote: m.preVote, granted: m.granted } };
    case 'AppendRequest':
      return { ...head, appendRequest: { prevLogIndex: m.prevLogIndex, prevLogTerm: m.prevLogTerm, entries: m.entries.map(entryToProto), leaderCommit: m.leaderCommit } };
    case 'AppendResponse':
      return { ...head, appendResponse: { success: m.success, matchIndex: m.matchIndex, conflictIndex: m.conflictIndex, conflictTerm: m.conflictTerm, lastLogIndex: m.lastLogIndex } };
    case 'SnapshotChunk':
      return { ...head, snapshotChunk: { snapshotIndex: m.snapshotIndex, snapshotTerm: m.snapshotTerm, voters: { voters: m.voters }, offset: m.offset, data: m.data, done: m.done } };
    case 'SnapshotResponse':
      return { ...head, snapshotResponse: { snapshotIndex: m.snapshotIndex, nextOffset: m.nextOffset, success: m.success } };
    case 'TimeoutNow':
      return { ...head, timeoutNow: {} };
  }
}

/** The core's message for a protobuf one; refuses numbers no peer of ours sends (see count). */
export function messageFromProto(p: pb.RaftMessage__Output): Message {
  const n = (what: string, value: number): number => count(p.from, what, value);
  const head = { from: p.from, to: p.to, term: n('term', p.term) };
  switch (p.body) {
    case 'voteRequest': {
      const b = p.voteRequest!;
      return { ...head, type: 'VoteRequest', preVote: b.preVote, lastLogIndex: n('lastLogIndex', b.lastLogIndex), lastLogTerm: n('lastLogTerm', b.lastLogTerm), transfer: b.transfer };
    }
    case 'voteResponse':
      return { ...head, type: 'VoteResponse', preVote: p.voteResponse!.preVote, granted: p.voteResponse!.granted };
    case 'appendRequest': {
      const b = p.appendRequest!;
      return {
        ...head,
        type: 'AppendRequest',
        prevLogIndex: n('prevLogIndex', b.prevLogIndex),
        prevLogTerm: n('prevLogTerm', b.prevLogTerm),
        entries: b.entries.map((e) => entryFromProto(e, p.from)),
        leaderCommit: n('leaderCommit', b.leaderCommit),
      };
    }
    case 'appendResponse': {
      const b = p.appendResponse!;
      return {
        ...head,
        type: 'AppendResponse',
        success: b.success,
        matchIndex: n('matchIndex', b.matchIndex),
        conflictIndex: n('conflictIndex', b.conflictIndex),
        conflictTerm: n('conflictTerm', b.conflictTerm),
        lastLogIndex: n('lastLogIndex', b.lastLogIndex),
      };
    }
    case 'snapshotChunk': {
      const b = p.snapshotChunk!;
      return {
        ...head,
        type: 'SnapshotChunk',
        snapshotIndex: n('snapshotIndex', b.snapshotIndex),
        snapshotTerm: n('snapshotTerm', b.snapshotTerm),
        voters: b.voters?.voters ?? [],
        offset: n('offset', b.offset),
        data: b.data,
        done: b.done,
      };
    }
    case 'snapshotResponse': {
      const b = p.snapshotResponse!;
      return { ...head, type: 'SnapshotResponse', snapshotIndex: n('snapshotIndex', b.snapshotIndex), nextOffset: n('nextOffset', b.nextOffset), success: b.success };
    }
    case 'timeoutNow':
      return { ...head, type: 'TimeoutNow' };
    default:
      throw new RunnelError('INVALID_REQUEST', `raft message from ${p.from} has no body`);
  }
}
