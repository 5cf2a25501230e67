import type * as grpc from '@grpc/grpc-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addService, bindServer, createServer, decodeAssignment, decodeSubscription, errorCode, unaryHandler,
  type ErrorName, type HandlersOf, type pb,
} from '@runnel/protocol';
import { CommitFailedError, Consumer, RebalanceInProgressError, type TopicPartition } from '../src/index.js';
import { waitFor } from '../../../test/harness/processes.js';

/**
 * A scripted coordinator on one fake broker: JoinGroup asks for a member id first, then makes the
 * joiner the leader of a one-member group; SyncGroup hands back what the leader assigned;
 * Heartbeat and OffsetCommit answer whatever error the test sets. Partitions have no leader, so
 * the consumer never fetches: these tests are about group membership only.
 */
class FakeCoordinator {
  server = createServer();
  port = 0;
  joins: pb.JoinGroupRequest__Output[] = [];
  commits: pb.OffsetCommitRequest__Output[] = [];
  leaves: pb.LeaveGroupRequest__Output[] = [];
  heartbeatError: ErrorName = 'NONE';
  commitError: ErrorName = 'NONE';
  generation = 0;
  private assigned: Buffer = Buffer.alloc(0);

  async start(): Promise<void> {
    const ok = { errorCode: 0, errorMessage: '' };
    addService(this.server, 'Broker', {
      Metadata: unaryHandler(async (r: pb.MetadataRequest__Output) => ({
        clusterId: 'fake',
        controllerId: 1,
        brokers: [{ nodeId: 1, host: '127.0.0.1', port: this.port, rack: '' }],
        topics: (r.topics.length > 0 ? r.topics : ['t']).map((name) =>
          name === 't'
            ? { name, errorCode: 0, partitions: [0, 1].map((partition) => ({ partition, errorCode: errorCode('LEADER_NOT_AVAILABLE'), leaderId: -1, leaderEpoch: 0, replicas: [1], isr: [], offlineReplicas: [1] })) }
            : { name, errorCode: errorCode('UNKNOWN_TOPIC_OR_PARTITION'), partitions: [] },
        ),
      })),
    } as Partial<HandlersOf<'Broker'>> as HandlersOf<'Broker'>);
    addService(this.server, 'Groups', {
      FindCoordinator: unaryHandler(async (r: pb.FindCoordinatorRequest__Output) => ({
        coordinators: r.keys.map((key) => ({ key, errorCode: 0, errorMessage: '', node: { nodeId: 1, host: '127.0.0.1', port: this.port, rack: '' } })),
      })),
      JoinGroup: unaryHandler(async (r: pb.JoinGroupRequest__Output) => {
        this.joins.push(r);
        const base = { errorMessage: '', protocolType: 'consumer', protocolName: '', leader: '', members: [], skipAssignment: false, generationId: -1 };
        if (r.memberId === '') return { ...base, errorCode: errorCode('MEMBER_ID_REQUIRED'), memberId: `member-${this.joins.length}` };
        this.generation++;
        const protocol = r.protocols[0]!;
        return {
          ...base,
          errorCode: 0,
          generationId: this.generation,
          protocolName: protocol.name,
          leader: r.memberId,
          memberId: r.memberId,
          members: [{ memberId: r.memberId, groupInstanceId: r.groupInstanceId, metadata: protocol.metadata }],
        };
      }),
      SyncGroup: unaryHandler(async (r: pb.SyncGroupRequest__Output) => {
        this.assigned = r.assignments.find((a) => a.memberId === r.memberId)?.assignment ?? Buffer.alloc(0);
        return { ...ok, protocolType: 'consumer', protocolName: r.protocolName, assignment: this.assigned };
      }),
      Heartbeat: unaryHandler(async () => ({ errorCode: errorCode(this.heartbeatError), errorMessage: '' })),
      LeaveGroup: unaryHandler(async (r: pb.LeaveGroupRequest__Output) => {
        this.leaves.push(r);
        return { ...ok, members: [] };
      }),
      OffsetCommit: unaryHandler(async (r: pb.OffsetCommitRequest__Output) => {
        this.commits.push(r);
        return { errorCode: errorCode(this.commitError), errorMessage: '', topics: [] };
      }),
      OffsetFetch: unaryHandler(async (r: pb.OffsetFetchRequest__Output) => ({
        ...ok,
        topics: r.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((partition) => ({ partition, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: 0 })) })),
      })),
    } as Partial<HandlersOf<'Groups'>> as HandlersOf<'Groups'>);
    this.port = await bindServer(this.server, '127.0.0.1:0');
  }

  /** The partitions the last SyncGroup assigned. */
  assignment(): string[] {
    return this.assigned.length === 0 ? [] : decodeAssignment(this.assigned).partitions.flatMap((tp) => tp.partitions.map((p) => `${tp.topic}-${p}`));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server as grpc.Server).tryShutdown(() => resolve()));
  }
}

const names = (ps: TopicPartition[]): string => ps.map((p) => `${p.topic}-${p.partition}`).sort().join(',');

describe('consumer group member against a scripted coordinator', () => {
  let fake: FakeCoordinator;
  let consumer: Consumer;
  const events: string[] = [];

  beforeEach(async () => {
    fake = new FakeCoordinator();
    await fake.start();
    events.length = 0;
    consumer = new Consumer({
      bootstrap: `127.0.0.1:${fake.port}`, groupId: 'g', retryBackoffMs: 20, heartbeatIntervalMs: 50, sessionTimeoutMs: 5_000,
      partitionAssignmentStrategy: ['range'], enableAutoCommit: false,
    });
    consumer.subscribe(['t'], {
      onPartitionsAssigned: (p) => void events.push(`assigned ${names(p)}`),
      onPartitionsRevoked: (p) => void events.push(`revoked ${names(p)}`),
      onPartitionsLost: (p) => void events.push(`lost ${names(p)}`),
    });
  });

  afterEach(async () => {
    await consumer.close();
    await fake.stop();
  });

  const joined = (): Promise<unknown> => waitFor('assigned both partitions', async () => {
    await consumer.poll(20);
    return consumer.assignment().length === 2;
  });

  it('asks again with the member id MEMBER_ID_REQUIRED gave, and as leader assigns from the members\' subscriptions', async () => {
    await joined();
    expect(fake.joins.map((j) => j.memberId)).toEqual(['', 'member-1']);
    expect(decodeSubscription(fake.joins[1]!.protocols[0]!.metadata).topics).toEqual(['t']);
    expect(fake.joins[1]!.rebalanceTimeoutMs).toBe(300_000);
    expect(fake.assignment()).toEqual(['t-0', 't-1']);
    expect(consumer.groupMetadata()).toEqual({ groupId: 'g', generationId: 1, memberId: 'member-1', groupInstanceId: null });
    expect(events).toEqual(['assigned t-0,t-1']);
  });

  it('a commit refused with REBALANCE_IN_PROGRESS throws a retriable RebalanceInProgressError and the next poll rejoins', async () => {
    await joined();
    fake.commitError = 'REBALANCE_IN_PROGRESS';
    const err = await consumer.commitSync([{ topic: 't', partition: 0, offset: 5, metadata: 'm' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RebalanceInProgressError);
    expect(err).toMatchObject({ errorName: 'REBALANCE_IN_PROGRESS', retriable: true });
    expect(fake.commits[0]!.topics[0]!.partitions[0]).toMatchObject({ partition: 0, committedOffset: 5, committedMetadata: 'm' });
    expect(fake.commits[0]).toMatchObject({ generationId: 1, memberId: 'member-1' });
    fake.commitError = 'NONE';
    await waitFor('a second generation', async () => {
      await consumer.poll(20);
      return consumer.groupMetadata().generationId === 2 && consumer.assignment().length === 2;
    });
    // Eager: everything was revoked before the rejoin, then assigned again.
    expect(events).toEqual(['assigned t-0,t-1', 'revoked t-0,t-1', 'assigned t-0,t-1']);
  });

  it('a commit refused with ILLEGAL_GENERATION is a CommitFailedError; the partitions are reported lost and the member rejoins with its id', async () => {
    await joined();
    fake.commitError = 'ILLEGAL_GENERATION';
    const err = await consumer.commitSync([{ topic: 't', partition: 1, offset: 3 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommitFailedError);
    expect((err as Error).message).toContain('rebalanced');
    fake.commitError = 'NONE';
    await waitFor('a second generation', async () => {
      await consumer.poll(20);
      return consumer.groupMetadata().generationId === 2 && consumer.assignment().length === 2;
    });
    expect(events).toEqual(['assigned t-0,t-1', 'lost t-0,t-1', 'assigned t-0,t-1']);
    expect(fake.joins.map((j) => j.memberId)).toEqual(['', 'member-1', 'member-1']);
  });

  it('a heartbeat answered UNKNOWN_MEMBER_ID loses the partitions and rejoins as a new member', async () => {
    await joined();
    fake.heartbeatError = 'UNKNOWN_MEMBER_ID';
    await waitFor('the partitions reported lost', async () => {
      await consumer.poll(20);
      return events.includes('lost t-0,t-1');
    });
    fake.heartbeatError = 'NONE';
    await waitFor('joined again', async () => {
      await consumer.poll(20);
      return consumer.assignment().length === 2 && consumer.groupMetadata().generationId === 2;
    });
    expect(fake.joins.map((j) => j.memberId)).toEqual(['', 'member-1', '', 'member-3']);
    expect(consumer.groupMetadata().memberId).toBe('member-3');
    expect(events).toEqual(['assigned t-0,t-1', 'lost t-0,t-1', 'assigned t-0,t-1']);
  });

  it('a heartbeat answered REBALANCE_IN_PROGRESS makes the next poll revoke (eager) and rejoin; close() then leaves the group', async () => {
    await joined();
    fake.heartbeatError = 'REBALANCE_IN_PROGRESS';
    await waitFor('revoked', async () => {
      await consumer.poll(20);
      return events.includes('revoked t-0,t-1');
    });
    fake.heartbeatError = 'NONE';
    await waitFor('joined again', async () => {
      await consumer.poll(20);
      return consumer.assignment().length === 2 && consumer.groupMetadata().generationId >= 2;
    });
    await consumer.close();
    expect(fake.leaves.map((l) => l.members.map((m) => m.memberId))).toEqual([['member-1']]);
    expect(events.at(-1)).toBe('revoked t-0,t-1');
  });
});
