import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { pb } from '@runnel/protocol';
import { GrpcTransport } from '../src/grpc/grpc-transport.js';
import { messageFromProto } from '../src/grpc/messages.js';
import type { Message } from '../src/types.js';

const logger = pino({ level: 'silent' });

function vote(from: number, term: number, extra: Partial<pb.VoteRequest__Output> = {}): pb.RaftMessage__Output {
  return { from, to: 1, term, body: 'voteRequest', voteRequest: { preVote: false, lastLogIndex: 0, lastLogTerm: 0, transfer: false, ...extra } } as pb.RaftMessage__Output;
}

describe('Raft messages from the Quorum service', () => {
  it('refuses an int64 past 2^53 or below zero instead of handing the core a number it would persist and fail on', () => {
    // 2^63 - 1 as protobuf decodes it with longs: Number.
    expect(() => messageFromProto(vote(2, 9223372036854775807))).toThrow(/term 9223372036854776000 is not a non-negative safe integer/);
    expect(() => messageFromProto(vote(2, 5, { lastLogIndex: -1 }))).toThrow(/lastLogIndex -1/);
    const append = {
      from: 2, to: 1, term: 3, body: 'appendRequest',
      appendRequest: { prevLogIndex: 0, prevLogTerm: 0, leaderCommit: 0, entries: [{ index: 2 ** 60, term: 3, type: 'ENTRY_NORMAL', data: Buffer.alloc(0) }] },
    } as unknown as pb.RaftMessage__Output;
    expect(() => messageFromProto(append)).toThrow(/entry index/);
    expect(messageFromProto(vote(2, Number.MAX_SAFE_INTEGER))).toMatchObject({ type: 'VoteRequest', term: Number.MAX_SAFE_INTEGER });
  });

  it('takes messages only from controllers it knows, whatever term they claim', async () => {
    const transport = new GrpcTransport(1, new Map([[1, '127.0.0.1:1'], [2, '127.0.0.1:2']]), logger);
    const got: Message[] = [];
    transport.onMessage((m) => got.push(m));
    expect(() => transport.receive(vote(7, 1_000_000))).toThrow(/raft message from 7, which is not a controller node 1 knows/);
    expect(() => transport.receive(vote(1, 1_000_000))).toThrow(/from 1/);
    transport.receive(vote(2, 4));
    expect(got.map((m) => [m.from, m.term])).toEqual([[2, 4]]);
    // A controller registered later (setPeer) is known from then on.
    transport.setPeer(7, '127.0.0.1:7');
    transport.receive(vote(7, 5));
    expect(got.map((m) => m.from)).toEqual([2, 7]);
    await transport.close();
  });
});
