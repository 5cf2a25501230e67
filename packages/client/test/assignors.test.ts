import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TopicPartitions } from '@runnel/protocol';
import {
  CooperativeStickyAssignor,
  RangeAssignor,
  RoundRobinAssignor,
  assignorByName,
  type MemberSubscription,
  type PartitionAssignor,
} from '../src/group/assignors.js';

function member(memberId: string, topics: string[], extra: Partial<MemberSubscription> = {}): MemberSubscription {
  return { memberId, groupInstanceId: null, topics, ownedPartitions: [], generationId: -1, rackId: null, userData: null, ...extra };
}

/** "topic-partition" strings, sorted, for comparing assignments. */
function flat(list: readonly TopicPartitions[] | undefined): string[] {
  return (list ?? []).flatMap((tp) => tp.partitions.map((p) => `${tp.topic}-${p}`)).sort();
}

function parse(s: string): { topic: string; partition: number } {
  const i = s.lastIndexOf('-');
  return { topic: s.slice(0, i), partition: Number(s.slice(i + 1)) };
}

function group(strings: Iterable<string>): TopicPartitions[] {
  const m = new Map<string, number[]>();
  for (const s of strings) {
    const { topic, partition } = parse(s);
    m.set(topic, [...(m.get(topic) ?? []), partition]);
  }
  return [...m].map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) }));
}

const counts = (entries: [string, number][]): Map<string, number> => new Map(entries);

describe('known answers', () => {
  it('range: two consumers, two topics of three partitions (Kafka RangeAssignor docs)', () => {
    const out = RangeAssignor.assign(counts([['t0', 3], ['t1', 3]]), [member('C1', ['t0', 't1']), member('C0', ['t0', 't1'])]);
    expect(flat(out.get('C0'))).toEqual(['t0-0', 't0-1', 't1-0', 't1-1']);
    expect(flat(out.get('C1'))).toEqual(['t0-2', 't1-2']);
  });

  it('range: static members come first, ordered by group.instance.id', () => {
    const out = RangeAssignor.assign(counts([['t', 5]]), [
      member('a', ['t']),
      member('y', ['t'], { groupInstanceId: 'i2' }),
      member('z', ['t'], { groupInstanceId: 'i1' }),
    ]);
    // Order z(i1), y(i2), a: 5 = 2 + 2 + 1.
    expect(flat(out.get('z'))).toEqual(['t-0', 't-1']);
    expect(flat(out.get('y'))).toEqual(['t-2', 't-3']);
    expect(flat(out.get('a'))).toEqual(['t-4']);
  });

  it('range: more members than partitions leaves the last ones empty but present', () => {
    const out = RangeAssignor.assign(counts([['t', 2]]), [member('m1', ['t']), member('m2', ['t']), member('m3', ['t'])]);
    expect(flat(out.get('m1'))).toEqual(['t-0']);
    expect(flat(out.get('m2'))).toEqual(['t-1']);
    expect(out.get('m3')).toEqual([]);
  });

  it('roundrobin: two consumers, two topics of three partitions (Kafka RoundRobinAssignor docs)', () => {
    const out = RoundRobinAssignor.assign(counts([['t0', 3], ['t1', 3]]), [member('C0', ['t0', 't1']), member('C1', ['t0', 't1'])]);
    expect(flat(out.get('C0'))).toEqual(['t0-0', 't0-2', 't1-1']);
    expect(flat(out.get('C1'))).toEqual(['t0-1', 't1-0', 't1-2']);
  });

  it('roundrobin: unequal subscriptions (Kafka RoundRobinAssignor docs)', () => {
    const out = RoundRobinAssignor.assign(counts([['t0', 1], ['t1', 2], ['t2', 3]]), [
      member('C0', ['t0']),
      member('C1', ['t0', 't1']),
      member('C2', ['t0', 't1', 't2']),
    ]);
    expect(flat(out.get('C0'))).toEqual(['t0-0']);
    expect(flat(out.get('C1'))).toEqual(['t1-0']);
    expect(flat(out.get('C2'))).toEqual(['t1-1', 't2-0', 't2-1', 't2-2']);
  });

  it('cooperative-sticky: a member leaving moves only its partitions (Kafka StickyAssignor docs example)', () => {
    const c = counts([['t0', 2], ['t1', 2], ['t2', 2], ['t3', 2]]);
    const all = ['t0', 't1', 't2', 't3'];
    const out = CooperativeStickyAssignor.assign(c, [
      member('C0', all, { ownedPartitions: group(['t0-0', 't1-1', 't3-0']), generationId: 1 }),
      member('C2', all, { ownedPartitions: group(['t1-0', 't2-1']), generationId: 1 }),
    ]);
    const c0 = flat(out.get('C0'));
    const c2 = flat(out.get('C2'));
    expect(c0).toEqual(expect.arrayContaining(['t0-0', 't1-1', 't3-0']));
    expect(c2).toEqual(expect.arrayContaining(['t1-0', 't2-1']));
    expect(c0.length).toBe(4);
    expect(c2.length).toBe(4);
  });

  it('cooperative-sticky: a joining member gets nothing that another still owns in the first round', () => {
    const c = counts([['t', 4]]);
    const first = CooperativeStickyAssignor.assign(c, [
      member('A', ['t'], { ownedPartitions: group(['t-0', 't-1', 't-2', 't-3']), generationId: 3 }),
      member('B', ['t']),
    ]);
    expect(flat(first.get('B'))).toEqual([]);
    expect(flat(first.get('A')).length).toBe(2);
    // A revoked the other two; the follow-up round hands them to B.
    const second = CooperativeStickyAssignor.assign(c, [
      member('A', ['t'], { ownedPartitions: first.get('A')!, generationId: 4 }),
      member('B', ['t'], { ownedPartitions: [], generationId: 4 }),
    ]);
    expect(flat(second.get('A'))).toEqual(flat(first.get('A')));
    expect(flat(second.get('B')).length).toBe(2);
  });

  it('cooperative-sticky: the newer generation wins a conflicting claim', () => {
    const out = CooperativeStickyAssignor.assign(counts([['t', 2]]), [
      member('A', ['t'], { ownedPartitions: group(['t-0']), generationId: 5 }),
      member('B', ['t'], { ownedPartitions: group(['t-0', 't-1']), generationId: 4 }),
    ]);
    // A keeps t-0 (newer claim; B revokes its stale one); t-1 stays with B.
    expect(flat(out.get('A'))).toEqual(['t-0']);
    expect(flat(out.get('B'))).toEqual(['t-1']);
  });

  it('cooperative-sticky: a claim from an older generation does not hold a partition against balance', () => {
    // B's gen-4 claims on t-0..t-2 lose to A's gen-5 claims, so A is not treated as overloaded
    // by B's stale view and the result is balanced around A's real ownership.
    const out = CooperativeStickyAssignor.assign(counts([['t', 4]]), [
      member('A', ['t'], { ownedPartitions: group(['t-0', 't-1']), generationId: 5 }),
      member('B', ['t'], { ownedPartitions: group(['t-0', 't-1', 't-2']), generationId: 4 }),
    ]);
    expect(flat(out.get('A'))).toEqual(['t-0', 't-1']);
    expect(flat(out.get('B'))).toEqual(['t-2', 't-3']);
  });

  it('assignorByName knows Kafka names and rejects others with INVALID_CONFIG', () => {
    expect(assignorByName('range')).toBe(RangeAssignor);
    expect(assignorByName('roundrobin')).toBe(RoundRobinAssignor);
    expect(assignorByName('cooperative-sticky').protocol).toBe('COOPERATIVE');
    expect(() => assignorByName('sticky-ish')).toThrowError(expect.objectContaining({ errorName: 'INVALID_CONFIG' }));
  });
});

// ---- properties ----

const TOPICS = ['a', 'b', 'c', 'd'];

const clusterArb = fc.record({
  partitions: fc.tuple(...TOPICS.map(() => fc.integer({ min: 0, max: 7 }))),
  members: fc.array(fc.subarray(TOPICS, { minLength: 1 }), { minLength: 1, maxLength: 6 }),
  equal: fc.boolean(),
});

function setup(c: { partitions: number[]; members: string[][]; equal: boolean }): { perTopic: Map<string, number>; members: MemberSubscription[] } {
  const perTopic = new Map(TOPICS.map((t, i) => [t, c.partitions[i]!]));
  const members = c.members.map((topics, i) => member(`m${i}`, c.equal ? c.members[0]! : topics));
  return { perTopic, members };
}

function subscribedPartitions(perTopic: Map<string, number>, members: MemberSubscription[]): string[] {
  const topics = new Set(members.flatMap((m) => m.topics));
  return [...topics].flatMap((t) => Array.from({ length: perTopic.get(t) ?? 0 }, (_, p) => `${t}-${p}`)).sort();
}

function checkComplete(assignor: PartitionAssignor, perTopic: Map<string, number>, members: MemberSubscription[]): Map<string, TopicPartitions[]> {
  const out = assignor.assign(perTopic, members);
  expect([...out.keys()].sort()).toEqual(members.map((m) => m.memberId).sort());
  const seen: string[] = [];
  for (const m of members) {
    for (const s of flat(out.get(m.memberId))) {
      expect(m.topics).toContain(parse(s).topic);
      seen.push(s);
    }
  }
  expect(seen.sort()).toEqual(subscribedPartitions(perTopic, members));
  return out;
}

describe.each([RangeAssignor, RoundRobinAssignor, CooperativeStickyAssignor])('$name properties', (assignor) => {
  it('assigns every subscribed partition exactly once, only to a subscriber, listing every member', () => {
    fc.assert(
      fc.property(clusterArb, (c) => {
        const { perTopic, members } = setup(c);
        checkComplete(assignor, perTopic, members);
      }),
      { numRuns: 300 },
    );
  });
});

describe('balance', () => {
  it('roundrobin and cooperative-sticky: equal subscriptions differ by at most one partition', () => {
    fc.assert(
      fc.property(clusterArb, (c) => {
        const { perTopic, members } = setup({ ...c, equal: true });
        for (const a of [RoundRobinAssignor, CooperativeStickyAssignor]) {
          const sizes = [...a.assign(perTopic, members).values()].map((l) => flat(l).length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('range: per topic, subscribers differ by at most one partition', () => {
    fc.assert(
      fc.property(clusterArb, (c) => {
        const { perTopic, members } = setup(c);
        const out = RangeAssignor.assign(perTopic, members);
        for (const t of TOPICS) {
          const sizes = members.filter((m) => m.topics.includes(t)).map((m) => flat(out.get(m.memberId)).filter((s) => parse(s).topic === t).length);
          if (sizes.length > 0) expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('cooperative-sticky with any subscriptions: no partition could go to a subscriber holding two fewer', () => {
    fc.assert(
      fc.property(clusterArb, (c) => {
        const { perTopic, members } = setup(c);
        const out = CooperativeStickyAssignor.assign(perTopic, members);
        const size = (id: string): number => flat(out.get(id)).length;
        for (const giver of members) {
          for (const s of flat(out.get(giver.memberId))) {
            for (const taker of members) {
              if (taker.topics.includes(parse(s).topic)) expect(size(taker.memberId)).toBeGreaterThanOrEqual(size(giver.memberId) - 1);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** A membership change: members leave, join, or change subscriptions (as indexes into a pool). */
const changesArb = fc.array(
  fc.record({
    present: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    subscriptions: fc.array(fc.subarray(TOPICS, { minLength: 1 }), { minLength: 6, maxLength: 6 }),
  }),
  { minLength: 1, maxLength: 6 },
);

describe('stickiness', () => {
  it('cooperative-sticky, equal subscriptions: each member keeps all it owned, or only gives up (never trades)', () => {
    fc.assert(
      fc.property(clusterArb, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (c, stays) => {
        const { perTopic, members } = setup({ ...c, equal: true });
        const before = CooperativeStickyAssignor.assign(perTopic, members);
        // Some members leave, and one joins; the rest report what they own.
        const next = members
          .filter((_, i) => stays[i])
          .map((m) => ({ ...m, ownedPartitions: before.get(m.memberId)!, generationId: 1 }))
          .concat([member('new', members[0]!.topics)]);
        const after = CooperativeStickyAssignor.assign(perTopic, next);
        for (const m of next) {
          const owned = flat(m.ownedPartitions);
          const now = flat(after.get(m.memberId));
          const keptAll = owned.every((s) => now.includes(s));
          const onlyLost = now.every((s) => owned.includes(s));
          expect(keptAll || onlyLost).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('cooperative-sticky: a stable group with equal subscriptions keeps its assignment unchanged', () => {
    fc.assert(
      fc.property(clusterArb, (c) => {
        const { perTopic, members } = setup({ ...c, equal: true });
        const first = CooperativeStickyAssignor.assign(perTopic, members);
        const again = CooperativeStickyAssignor.assign(
          perTopic,
          members.map((m) => ({ ...m, ownedPartitions: first.get(m.memberId)!, generationId: 1 })),
        );
        for (const m of members) expect(flat(again.get(m.memberId))).toEqual(flat(first.get(m.memberId)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('cooperative two-phase rebalancing', () => {
  it('never hands a member a partition that another member claims, whatever the claims and generations', () => {
    const claimArb = fc.array(
      fc.record({ topics: fc.subarray(TOPICS, { minLength: 1 }), owned: fc.subarray(['a-0', 'a-1', 'a-2', 'b-0', 'b-1', 'c-0']), generation: fc.integer({ min: -1, max: 3 }) }),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(claimArb, (specs) => {
        const perTopic = counts([['a', 3], ['b', 2], ['c', 1], ['d', 0]]);
        const members = specs.map((s, i) => member(`m${i}`, s.topics, { ownedPartitions: group(s.owned), generationId: s.generation }));
        const out = CooperativeStickyAssignor.assign(perTopic, members);
        const assigned: string[] = [];
        for (const m of members) {
          for (const s of flat(out.get(m.memberId))) {
            assigned.push(s);
            expect(m.topics).toContain(parse(s).topic);
            if (!flat(m.ownedPartitions).includes(s)) for (const other of members) expect(flat(other.ownedPartitions)).not.toContain(s);
          }
        }
        expect(new Set(assigned).size).toBe(assigned.length);
      }),
      { numRuns: 300 },
    );
  });

  it('revoke what you lost, then rejoin: never two owners, and a quiet group converges to full coverage', () => {
    fc.assert(
      fc.property(fc.tuple(...TOPICS.map(() => fc.integer({ min: 0, max: 6 }))), changesArb, (partitions, changes) => {
        const perTopic = new Map(TOPICS.map((t, i) => [t, partitions[i]!]));
        /** memberId -> what it owns now and the generation it got it in. */
        const owned = new Map<string, { partitions: TopicPartitions[]; generation: number }>();
        let generation = 0;
        let subscriptions: string[][] = [];
        const rebalance = (present: boolean[]): boolean => {
          generation++;
          const ids = present.flatMap((p, i) => (p ? [`m${i}`] : []));
          // Members not in this round have left the group: what they owned is released.
          for (const id of [...owned.keys()]) if (!ids.includes(id)) owned.delete(id);
          if (ids.length === 0) return false;
          const members = ids.map((id) => {
            const o = owned.get(id);
            return member(id, subscriptions[Number(id.slice(1))]!, { ownedPartitions: o?.partitions ?? [], generationId: o?.generation ?? -1 });
          });
          const out = CooperativeStickyAssignor.assign(perTopic, members);
          // Before anyone applies the new assignment, no partition it adds may be owned by another member.
          for (const id of ids) {
            for (const s of flat(out.get(id))) {
              for (const [other, o] of owned) if (other !== id) expect(flat(o.partitions)).not.toContain(s);
            }
          }
          let revoked = false;
          for (const id of ids) {
            const had = flat(owned.get(id)?.partitions);
            const now = flat(out.get(id));
            if (had.some((s) => !now.includes(s))) revoked = true;
            owned.set(id, { partitions: out.get(id)!, generation });
          }
          // Owned sets are disjoint after every round.
          const all = [...owned.values()].flatMap((o) => flat(o.partitions));
          expect(new Set(all).size).toBe(all.length);
          return revoked;
        };
        let present: boolean[] = [];
        for (const change of changes) {
          subscriptions = change.subscriptions;
          present = change.present;
          // A member that revoked something rejoins at once; keep going until no one revokes.
          let rounds = 0;
          while (rebalance(present)) expect(++rounds).toBeLessThan(3);
        }
        // Quiet now: one more round leaves the group fully assigned.
        rebalance(present);
        const ids = present.flatMap((p, i) => (p ? [`m${i}`] : []));
        if (ids.length > 0) {
          const subscribed = new Set(ids.flatMap((id) => subscriptions[Number(id.slice(1))]!));
          const expected = [...subscribed].flatMap((t) => Array.from({ length: perTopic.get(t)! }, (_, p) => `${t}-${p}`)).sort();
          expect([...owned.values()].flatMap((o) => flat(o.partitions)).sort()).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
