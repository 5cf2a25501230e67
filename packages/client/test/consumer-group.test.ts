import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Admin, Consumer, Producer, type ConsumerConfig, type ConsumerRecord, type RebalanceListener, type TopicPartition } from '../src/index.js';
import { TestCluster } from '../../../test/harness/cluster.js';
import { waitFor } from '../../../test/harness/processes.js';

const key = (tp: TopicPartition): string => `${tp.topic}-${tp.partition}`;
const keys = (list: readonly TopicPartition[]): string[] => list.map(key).sort();

/**
 * A group member driven the way an application drives one: poll() in a loop, with what it
 * received, its assignment after every poll and its listener calls recorded for the test.
 */
class Member {
  readonly consumer: Consumer;
  readonly records: ConsumerRecord[] = [];
  /** Listener calls in order, e.g. "assigned t-0,t-1". */
  readonly events: string[] = [];
  /** assignment() after each poll(). */
  readonly snapshots: string[][] = [];
  errors: unknown[] = [];
  private running = true;
  private loop: Promise<void>;

  constructor(
    bootstrap: string,
    config: Partial<ConsumerConfig> & { groupId: string },
    topics: string[] | RegExp,
    listener: (m: Member) => RebalanceListener = () => ({}),
  ) {
    this.consumer = new Consumer({ bootstrap, autoOffsetReset: 'earliest', retryBackoffMs: 50, fetchMaxWaitMs: 100, heartbeatIntervalMs: 300, sessionTimeoutMs: 10_000, ...config });
    const user = listener(this);
    this.consumer.subscribe(topics, {
      onPartitionsAssigned: async (p) => {
        this.events.push(`assigned ${keys(p).join(',')}`);
        await user.onPartitionsAssigned?.(p);
      },
      onPartitionsRevoked: async (p) => {
        this.events.push(`revoked ${keys(p).join(',')}`);
        await user.onPartitionsRevoked?.(p);
      },
      onPartitionsLost: async (p) => {
        this.events.push(`lost ${keys(p).join(',')}`);
        await user.onPartitionsLost?.(p);
      },
    });
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        this.records.push(...(await this.consumer.poll(100)));
        this.snapshots.push(keys(this.consumer.assignment()));
      } catch (err) {
        // An application stops its loop on an error it does not expect; so does this one.
        this.errors.push(err);
        this.running = false;
      }
    }
  }

  assigned(): string[] {
    return keys(this.consumer.assignment());
  }

  /** Poll again after stop(). */
  resume(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Stop polling (the consumer stays open). */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.consumer.close();
  }
}

/** The members' assignments split `partitions` exactly, with these sizes (any order). */
function splits(members: readonly Member[], partitions: string[], sizes: number[]): boolean {
  const all = members.flatMap((m) => m.assigned());
  return (
    all.length === partitions.length &&
    new Set(all).size === all.length &&
    partitions.every((p) => all.includes(p)) &&
    JSON.stringify(members.map((m) => m.assigned().length).sort()) === JSON.stringify([...sizes].sort())
  );
}

const partitionsOf = (topic: string, n: number): string[] => Array.from({ length: n }, (_, p) => `${topic}-${p}`).sort();
const records = (list: readonly ConsumerRecord[]): string[] => list.map((r) => `${r.partition}/${r.offset}`);

describe('consumer groups against a three-node cluster', () => {
  let cluster: TestCluster;
  let admin: Admin;
  let producer: Producer;
  const members: Member[] = [];
  const member = (...args: ConstructorParameters<typeof Member> extends [string, ...infer R] ? R : never): Member => {
    const m = new Member(cluster.bootstrap, ...args);
    members.push(m);
    return m;
  };
  const createTopic = async (name: string, partitions: number): Promise<void> => {
    await admin.createTopics([{ name, numPartitions: partitions, replicationFactor: 3, configs: {} }]);
    for (let p = 0; p < partitions; p++) await cluster.waitForLeader(name, p);
  };
  const produce = async (topic: string, partitions: number, perPartition: number, tag: string): Promise<void> => {
    await Promise.all(
      Array.from({ length: partitions * perPartition }, (_, i) => producer.send({ topic, partition: i % partitions, value: `${tag}-${i}` })),
    );
  };

  beforeAll(async () => {
    cluster = await TestCluster.start({
      config: { 'offsets.topic.num.partitions': '3', 'group.initial.rebalance.delay.ms': '0', 'group.min.session.timeout.ms': '1000' },
    });
    admin = new Admin({ bootstrap: cluster.bootstrap });
    producer = new Producer({ bootstrap: cluster.bootstrap, lingerMs: 0 });
  }, 60_000);

  afterEach(async () => {
    for (const m of members.splice(0)) await m.close();
  });

  afterAll(async () => {
    await producer?.close();
    await admin?.close();
    await cluster?.close();
  });

  it('eager range: two members split the partitions, a third joins and all three share them', async () => {
    await createTopic('eager', 6);
    await produce('eager', 6, 5, 'a');
    const config = { groupId: 'g-eager', partitionAssignmentStrategy: ['range'] };
    const a = member(config, ['eager']);
    const b = member(config, ['eager']);
    await waitFor('two members with 3 partitions each', () => splits([a, b], partitionsOf('eager', 6), [3, 3]));
    const c = member(config, ['eager']);
    await waitFor('three members with 2 partitions each', () => splits([a, b, c], partitionsOf('eager', 6), [2, 2, 2]));
    await produce('eager', 6, 5, 'b');
    // Every record is consumed (at least once: eager rebalances may hand over uncommitted ones).
    const expected = Array.from({ length: 6 }, (_, p) => Array.from({ length: 10 }, (_, o) => `${p}/${o}`)).flat().sort();
    await waitFor('all 60 records consumed', () => expected.every((r) => new Set(records([...a.records, ...b.records, ...c.records])).has(r)));
    // Eager: every member gave everything up before the third joined.
    expect(a.events.some((e) => e.startsWith('revoked eager-'))).toBe(true);
    expect([a, b, c].flatMap((m) => m.errors)).toEqual([]);
  }, 60_000);

  it('cooperative-sticky: a third member takes partitions without the others giving up the rest', async () => {
    await createTopic('coop', 6);
    const config = { groupId: 'g-coop', partitionAssignmentStrategy: ['cooperative-sticky'] };
    const a = member(config, ['coop']);
    const b = member(config, ['coop']);
    await waitFor('two members with 3 partitions each', () => splits([a, b], partitionsOf('coop', 6), [3, 3]));
    const before = new Map([a, b].map((m) => [m, m.assigned()]));
    const snapshotsBefore = new Map([a, b].map((m) => [m, m.snapshots.length]));
    const c = member(config, ['coop']);
    await waitFor('three members with 2 partitions each', () => splits([a, b, c], partitionsOf('coop', 6), [2, 2, 2]));
    await produce('coop', 6, 3, 'x');
    await waitFor('18 records consumed', () => a.records.length + b.records.length + c.records.length >= 18);
    for (const m of [a, b]) {
      const kept = m.assigned();
      // Sticky: the member kept two of its three partitions and only the third moved.
      expect(kept.every((p) => before.get(m)!.includes(p))).toBe(true);
      const moved = before.get(m)!.filter((p) => !kept.includes(p));
      expect(moved.length).toBe(1);
      // Cooperative: only the moving partition was revoked, and the kept ones stayed assigned
      // through the whole rebalance (after every poll), so they kept being consumed.
      expect(m.events.filter((e) => e.startsWith('revoked'))).toEqual([`revoked ${moved[0]}`]);
      for (const snap of m.snapshots.slice(snapshotsBefore.get(m)!)) for (const p of kept) expect(snap).toContain(p);
    }
    expect(records([...a.records, ...b.records, ...c.records]).sort()).toEqual(
      Array.from({ length: 6 }, (_, p) => Array.from({ length: 3 }, (_, o) => `${p}/${o}`)).flat().sort(),
    );
    expect([a, b, c].flatMap((m) => m.errors)).toEqual([]);
  }, 60_000);

  it('close() commits and leaves, so the other member takes over at once from the committed offsets', async () => {
    await createTopic('leave', 4);
    await produce('leave', 4, 5, 'first');
    // A 60 s session: only LeaveGroup can move the partitions within this test's time.
    const config = { groupId: 'g-leave', sessionTimeoutMs: 60_000, heartbeatIntervalMs: 500, partitionAssignmentStrategy: ['range'] };
    const a = member(config, ['leave']);
    const b = member(config, ['leave']);
    await waitFor('two members with 2 partitions each', () => splits([a, b], partitionsOf('leave', 4), [2, 2]));
    await waitFor('the first 20 records consumed', () => a.records.length + b.records.length === 20);
    members.splice(members.indexOf(a), 1);
    await a.close();
    await waitFor('the remaining member owns all partitions', () => b.assigned().length === 4, { timeoutMs: 20_000 });
    await produce('leave', 4, 5, 'second');
    await waitFor('all 40 records consumed', () => a.records.length + b.records.length >= 40);
    // close() committed what it had consumed, so nothing it read is read again.
    const all = records([...a.records, ...b.records]);
    expect(all.length).toBe(40);
    expect(new Set(all).size).toBe(40);
  }, 60_000);

  it('a restarted consumer continues after its last commit', async () => {
    await createTopic('resume', 2);
    await produce('resume', 2, 10, 'r');
    const config = { groupId: 'g-resume', enableAutoCommit: false };
    const first = new Consumer({ bootstrap: cluster.bootstrap, autoOffsetReset: 'earliest', retryBackoffMs: 50, ...config });
    first.subscribe(['resume']);
    const got: ConsumerRecord[] = [];
    await waitFor('20 records', async () => {
      got.push(...(await first.poll(200)));
      return got.length >= 20;
    }, { timeoutMs: 20_000 });
    // Commit up to offset 6 of partition 0 and 4 of partition 1, with a note; the rest was read but not committed.
    await first.commitSync([
      { topic: 'resume', partition: 0, offset: 6, metadata: 'batch-1' },
      { topic: 'resume', partition: 1, offset: 4 },
    ]);
    const committed = await first.committed([{ topic: 'resume', partition: 0 }, { topic: 'resume', partition: 1 }]);
    expect(committed.map((c) => [c.partition, c.offset, c.metadata])).toEqual([[0, 6, 'batch-1'], [1, 4, '']]);
    await first.close();

    const second = new Consumer({ bootstrap: cluster.bootstrap, autoOffsetReset: 'earliest', retryBackoffMs: 50, ...config });
    try {
      second.subscribe(['resume']);
      const again: ConsumerRecord[] = [];
      await waitFor('both partitions assigned', async () => {
        again.push(...(await second.poll(100)));
        return second.assignment().length === 2;
      }, { timeoutMs: 20_000 });
      // New partitions start at the group's committed offsets.
      expect(await second.position({ topic: 'resume', partition: 0 })).toBeGreaterThanOrEqual(6);
      expect((await second.committed([{ topic: 'resume', partition: 1 }]))[0]!.offset).toBe(4);
      await waitFor('the uncommitted 10 records again', async () => {
        again.push(...(await second.poll(200)));
        return again.length >= 10;
      }, { timeoutMs: 20_000 });
      expect(records(again).sort()).toEqual([...[6, 7, 8, 9].map((o) => `0/${o}`), ...[4, 5, 6, 7, 8, 9].map((o) => `1/${o}`)].sort());
    } finally {
      await second.close();
    }
  }, 60_000);

  it('a static member restarts within its session without a rebalance', async () => {
    await createTopic('static', 4);
    const config = (id: string): Partial<ConsumerConfig> & { groupId: string } => ({ groupId: 'g-static', groupInstanceId: id, sessionTimeoutMs: 30_000, partitionAssignmentStrategy: ['range'] });
    const a = member(config('a'), ['static']);
    const b = member(config('b'), ['static']);
    await waitFor('two static members with 2 partitions each', () => splits([a, b], partitionsOf('static', 4), [2, 2]));
    await waitFor('both in one generation', () => a.consumer.groupMetadata().generationId === b.consumer.groupMetadata().generationId);
    const generation = b.consumer.groupMetadata().generationId;
    const aPartitions = a.assigned();
    const bEvents = b.events.length;
    members.splice(members.indexOf(a), 1);
    await a.close();
    const a2 = member(config('a'), ['static']);
    await waitFor('the restarted member has its partitions back', () => a2.assigned().length === 2);
    expect(a2.assigned()).toEqual(aPartitions);
    expect(a2.consumer.groupMetadata().generationId).toBe(generation);
    expect(b.consumer.groupMetadata().generationId).toBe(generation);
    // The other member never noticed: no revocation, no new assignment.
    expect(b.events.slice(bEvents)).toEqual([]);
  }, 60_000);

  it('calls the listener in order and lets onPartitionsRevoked commit before the partitions move', async () => {
    await createTopic('listen', 2);
    await produce('listen', 2, 5, 'l');
    const config = { groupId: 'g-listen', enableAutoCommit: false, partitionAssignmentStrategy: ['range'] };
    const a = member(config, ['listen'], (m) => ({
      onPartitionsRevoked: async (p) => {
        await m.consumer.commitSync();
        const c = await m.consumer.committed(p);
        m.events.push(`committed ${c.map((x) => `${x.partition}@${x.offset}`).join(',')}`);
      },
    }));
    await waitFor('the first member has read all 10 records', () => a.records.length === 10);
    const b = member(config, ['listen']);
    await waitFor('one partition each', () => splits([a, b], partitionsOf('listen', 2), [1, 1]));
    const mine = a.assigned()[0]!;
    expect(a.events).toEqual(['assigned listen-0,listen-1', 'revoked listen-0,listen-1', 'committed 0@5,1@5', `assigned ${mine}`]);
    // What a committed inside the callback is where b starts: b reads nothing a had read.
    await produce('listen', 2, 1, 'after');
    await waitFor('the two new records', () => a.records.length + b.records.length === 12);
    expect(new Set(records([...a.records, ...b.records])).size).toBe(12);
    expect([a, b].flatMap((m) => m.errors)).toEqual([]);
  }, 60_000);

  it('a member that stops polling for max.poll.interval.ms leaves, and rejoins at its next poll with its partitions reported lost', async () => {
    await createTopic('slow', 2);
    const config = { groupId: 'g-slow', maxPollIntervalMs: 2_000, partitionAssignmentStrategy: ['range'] };
    const a = member(config, ['slow']);
    const b = member(config, ['slow']);
    await waitFor('one partition each', () => splits([a, b], partitionsOf('slow', 2), [1, 1]));
    const lostOne = a.assigned();
    await a.stop();
    await waitFor('the polling member owns both partitions', () => b.assigned().length === 2);
    a.resume();
    await waitFor('one partition each again', () => splits([a, b], partitionsOf('slow', 2), [1, 1]));
    expect(a.events).toContain(`lost ${lostOne.join(',')}`);
    expect(a.events).not.toContain(`revoked ${lostOne.join(',')}`);
    expect([a, b].flatMap((m) => m.errors)).toEqual([]);
  }, 60_000);

  it('a second consumer with the same group.instance.id fences the first, whose poll() then fails with FENCED_INSTANCE_ID', async () => {
    await createTopic('fence', 2);
    await produce('fence', 2, 2, 'f');
    const config = { groupId: 'g-fence', groupInstanceId: 'only', partitionAssignmentStrategy: ['range'] };
    const first = member(config, ['fence']);
    await waitFor('the first member owns both partitions', () => first.assigned().length === 2);
    const second = member(config, ['fence']);
    await waitFor('the first member is fenced', () => first.errors.some((e) => (e as { errorName?: string }).errorName === 'FENCED_INSTANCE_ID'));
    await waitFor('the second member owns both partitions', () => second.assigned().length === 2);
    await first.stop();
    // Fenced is final: every later poll says so.
    await expect(first.consumer.poll(10)).rejects.toMatchObject({ errorName: 'FENCED_INSTANCE_ID' });
  }, 60_000);

  it('a pattern subscription picks up a matching topic created later', async () => {
    await createTopic('rx-a', 2);
    await createTopic('not-rx', 1);
    const m = member({ groupId: 'g-rx', metadataMaxAgeMs: 500 }, /^rx-/);
    await waitFor('the first matching topic assigned', () => JSON.stringify(m.assigned()) === JSON.stringify(['rx-a-0', 'rx-a-1']));
    await createTopic('rx-b', 2);
    await waitFor('the new matching topic assigned too', () => m.assigned().length === 4, { timeoutMs: 20_000 });
    expect(m.assigned()).toEqual(['rx-a-0', 'rx-a-1', 'rx-b-0', 'rx-b-1']);
    expect(m.consumer.subscription()).toEqual(['rx-a', 'rx-b']);
    expect(m.errors).toEqual([]);
  }, 60_000);

  it('manually assigned partitions of a consumer with a groupId start at the group\'s committed offsets', async () => {
    await createTopic('manual', 1);
    await produce('manual', 1, 6, 'm');
    const tp = { topic: 'manual', partition: 0 };
    const first = new Consumer({ bootstrap: cluster.bootstrap, groupId: 'g-manual', autoOffsetReset: 'earliest', enableAutoCommit: false });
    try {
      first.assign([tp]);
      await first.commitSync([{ ...tp, offset: 4 }]);
    } finally {
      await first.close();
    }
    const second = new Consumer({ bootstrap: cluster.bootstrap, groupId: 'g-manual', autoOffsetReset: 'earliest', enableAutoCommit: false });
    try {
      second.assign([tp]);
      const got: ConsumerRecord[] = [];
      await waitFor('the records after the commit', async () => {
        got.push(...(await second.poll(200)));
        return got.length >= 2;
      });
      expect(records(got)).toEqual(['0/4', '0/5']);
    } finally {
      await second.close();
    }
  }, 60_000);
});
