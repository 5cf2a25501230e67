import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { MetadataRecord } from '@runnel/controller';
import { MetadataCache } from '../src/metadata/metadata-cache.js';
import { MetadataListener } from '../src/metadata/metadata-listener.js';
import type { LocalChangeSet } from '../src/replica/replica-manager.js';

const TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAQ';

/** The history a restarting broker 1 replays: it led at epoch 0, then broker 2 took over at epoch 1. */
const HISTORY: MetadataRecord[][] = [
  [
    { type: 'topic', name: 't', topicId: TOPIC_ID },
    { type: 'partition', topicId: TOPIC_ID, partitionId: 0, replicas: [1, 2], isr: [1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 0 },
  ],
  [{ type: 'partitionChange', topicId: TOPIC_ID, partitionId: 0, isr: [1], leaderEpoch: 0, partitionEpoch: 1 }],
  [{ type: 'partitionChange', topicId: TOPIC_ID, partitionId: 0, leader: 2, isr: [2], leaderEpoch: 1, partitionEpoch: 2 }],
];
/** What comes after the catch-up: broker 1 back in the ISR. */
const LATER: MetadataRecord[] = [{ type: 'partitionChange', topicId: TOPIC_ID, partitionId: 0, isr: [1, 2], leaderEpoch: 1, partitionEpoch: 3 }];

function listener(hold: boolean, hosted: { topic: string; partition: number }[] = []): { listener: MetadataListener; applied: LocalChangeSet[] } {
  const applied: LocalChangeSet[] = [];
  const l = new MetadataListener({
    brokerId: 1,
    cache: new MetadataCache('cluster', 'CLIENT'),
    decodeEntry: (data) => HISTORY[data.readUInt8(0)] ?? LATER,
    applyLocal: async (changes) => {
      applied.push(changes);
    },
    hosted: () => hosted,
    holdUntilCaughtUp: hold,
    logger: pino({ level: 'silent' }),
  });
  return { listener: l, applied };
}

async function replay(l: MetadataListener): Promise<void> {
  for (let i = 0; i < HISTORY.length; i++) await l.apply({ index: i + 1, term: 1, type: 'normal', data: Buffer.from([i]) });
}

describe('MetadataListener', () => {
  it('acts on every entry as it comes when not holding', async () => {
    const { listener: l, applied } = listener(false);
    await replay(l);
    expect(applied.flatMap((c) => c.leaders.map((p) => p.registration.leaderEpoch))).toEqual([0, 0]);
    expect(applied.at(-1)!.followers.map((p) => p.registration.leaderId)).toEqual([2]);
  });

  it('holding, applies nothing of the replayed history, then only the present state once caught up', async () => {
    // 'gone' is a log left on disk for a partition deleted while the broker was down.
    const { listener: l, applied } = listener(true, [{ topic: 't', partition: 0 }, { topic: 'gone', partition: 0 }]);
    await replay(l);
    expect(applied).toEqual([]);
    await l.startPublishing();
    expect(applied).toHaveLength(1);
    expect(applied[0]!.leaders).toEqual([]);
    expect(applied[0]!.deletes).toEqual([{ topic: 'gone', partition: 0 }]);
    expect(applied[0]!.followers.map((p) => ({ topic: p.topic, leader: p.registration.leaderId, epoch: p.registration.leaderEpoch }))).toEqual([{ topic: 't', leader: 2, epoch: 1 }]);
    // Entries after that are applied as they come.
    await l.apply({ index: 4, term: 1, type: 'normal', data: Buffer.from([HISTORY.length]) });
    expect(applied).toHaveLength(2);
    expect(applied[1]!.followers.map((p) => p.registration.isr)).toEqual([[1, 2]]);
  });

  it('reaches its owner after a config-only entry, so open logs can take the change', async () => {
    const published: LocalChangeSet[] = [];
    const l = new MetadataListener({
      brokerId: 1,
      cache: new MetadataCache('cluster', 'CLIENT'),
      decodeEntry: (data) => (data.readUInt8(0) < HISTORY.length ? HISTORY[data.readUInt8(0)]! : [{ type: 'config', resourceType: 'topic', resourceName: 't', name: 'retention.ms', value: '1000' }]),
      applyLocal: async (changes) => {
        published.push(changes);
      },
      hosted: () => [],
      logger: pino({ level: 'silent' }),
    });
    await replay(l);
    const before = published.length;
    await l.apply({ index: HISTORY.length + 1, term: 1, type: 'normal', data: Buffer.from([99]) });
    expect(published).toHaveLength(before + 1);
    expect(published.at(-1)).toEqual({ leaders: [], followers: [], deletes: [] });
  });

  it('follows as an adding replica, throttled by the cluster rate, and drops the replica the reassignment removes', async () => {
    const entries: MetadataRecord[][] = [
      [
        { type: 'topic', name: 't', topicId: TOPIC_ID },
        { type: 'partition', topicId: TOPIC_ID, partitionId: 0, replicas: [1, 2], isr: [1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 0 },
      ],
      // Reassignment [1, 2] -> [2, 3] with a throttle: 3 is added, 1 will leave.
      [
        { type: 'partitionChange', topicId: TOPIC_ID, partitionId: 0, replicas: [2, 3, 1], addingReplicas: [3], removingReplicas: [1], leaderEpoch: 0, partitionEpoch: 1 },
        { type: 'config', resourceType: 'broker', resourceName: '', name: 'follower.replication.throttled.rate', value: '1000' },
      ],
      // Complete: 1 leaves, 2 leads, the throttle is gone.
      [
        { type: 'partitionChange', topicId: TOPIC_ID, partitionId: 0, leader: 2, isr: [2, 3], replicas: [2, 3], addingReplicas: [], removingReplicas: [], leaderEpoch: 1, partitionEpoch: 2 },
        { type: 'config', resourceType: 'broker', resourceName: '', name: 'follower.replication.throttled.rate', value: null },
      ],
    ];
    const run = async (brokerId: number): Promise<{ applied: LocalChangeSet[]; throttles: (number | null)[] }> => {
      const applied: LocalChangeSet[] = [];
      const throttles: (number | null)[] = [];
      const cache = new MetadataCache('cluster', 'CLIENT');
      const l = new MetadataListener({
        brokerId,
        cache,
        decodeEntry: (data) => entries[data.readUInt8(0)]!,
        applyLocal: async (changes) => {
          applied.push(changes);
          throttles.push(cache.reassignmentThrottle());
        },
        hosted: () => [],
        logger: pino({ level: 'silent' }),
      });
      for (let i = 0; i < entries.length; i++) await l.apply({ index: i + 1, term: 1, type: 'normal', data: Buffer.from([i]) });
      return { applied, throttles };
    };
    const three = await run(3);
    expect(three.applied[1]!.followers.map((p) => ({ leader: p.registration.leaderId, adding: p.registration.addingReplicas }))).toEqual([{ leader: 1, adding: [3] }]);
    expect(three.throttles).toEqual([null, 1000, null]);
    expect(three.applied[2]!.followers.map((p) => ({ leader: p.registration.leaderId, epoch: p.registration.leaderEpoch, adding: p.registration.addingReplicas }))).toEqual([{ leader: 2, epoch: 1, adding: [] }]);
    const one = await run(1);
    expect(one.applied[1]!.leaders.map((p) => p.registration.replicas)).toEqual([[2, 3, 1]]);
    expect(one.applied[2]!.deletes).toEqual([{ topic: 't', partition: 0 }]);
  });
});
