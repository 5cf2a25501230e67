import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BrokerRegistration } from '../src/image.js';
import { seededRandomSource } from '../src/random.js';
import { placeReplicas, type BrokerLoad } from '../src/replica-placement.js';

function brokers(count: number, racks: number): BrokerRegistration[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    incarnationId: 'AAAAAAAAAAAAAAAAAAAAAQ',
    epoch: i + 1,
    endpoints: [],
    rack: racks === 0 ? null : `rack-${i % racks}`,
    fenced: false,
    inControlledShutdown: false,
  }));
}

function counts(assignments: number[][], pick: (a: number[]) => number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const a of assignments) for (const id of pick(a)) out.set(id, (out.get(id) ?? 0) + 1);
  return out;
}

/** Checks the balance promises for one topic's assignments over `ids`. */
function expectBalanced(assignments: number[][], ids: number[], rf: number): void {
  const replicas = counts(assignments, (a) => a);
  const leaders = counts(assignments, (a) => [a[0]!]);
  const replicaAverage = (assignments.length * rf) / ids.length;
  const leaderAverage = assignments.length / ids.length;
  for (const id of ids) {
    expect(replicas.get(id) ?? 0).toBeLessThanOrEqual(replicaAverage + 1);
    expect(leaders.get(id) ?? 0).toBeLessThanOrEqual(leaderAverage + 1);
  }
}

describe('replica placement', () => {
  it('assigns distinct live brokers, rf per partition, balanced replicas and leaders (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 0, max: 1000 }),
        (brokerCount, rfWanted, partitions, seed) => {
          const rf = Math.min(rfWanted, brokerCount);
          const pool = brokers(brokerCount, 0);
          const assignments = placeReplicas({ brokers: pool, existing: [], partitions, replicationFactor: rf, load: new Map() }, seededRandomSource(seed));
          expect(assignments).toHaveLength(partitions);
          for (const a of assignments) {
            expect(a).toHaveLength(rf);
            expect(new Set(a).size).toBe(rf);
            for (const id of a) expect(id).toBeGreaterThanOrEqual(1), expect(id).toBeLessThanOrEqual(brokerCount);
          }
          expectBalanced(assignments, pool.map((b) => b.id), rf);
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('spreads every partition across as many racks as it can and stays balanced with even racks (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 1000 }),
        (racks, perRack, rfWanted, partitions, seed) => {
          const pool = brokers(racks * perRack, racks);
          const rf = Math.min(rfWanted, pool.length);
          const assignments = placeReplicas({ brokers: pool, existing: [], partitions, replicationFactor: rf, load: new Map() }, seededRandomSource(seed));
          const rackOf = new Map(pool.map((b) => [b.id, b.rack]));
          for (const a of assignments) {
            expect(new Set(a.map((id) => rackOf.get(id))).size).toBe(Math.min(rf, racks));
          }
          expectBalanced(assignments, pool.map((b) => b.id), rf);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('spreads replicas across uneven racks too', () => {
    // rack a: 1,2,3,4; rack b: 5; rack c: 6
    const pool = brokers(6, 0).map((b) => ({ ...b, rack: b.id <= 4 ? 'a' : b.id === 5 ? 'b' : 'c' }));
    const assignments = placeReplicas({ brokers: pool, existing: [], partitions: 30, replicationFactor: 3, load: new Map() }, seededRandomSource(1));
    for (const a of assignments) expect(new Set(a.map((id) => pool[id - 1]!.rack))).toEqual(new Set(['a', 'b', 'c']));
  });

  it('keeps a topic balanced when partitions are added later', () => {
    const pool = brokers(5, 0);
    const first = placeReplicas({ brokers: pool, existing: [], partitions: 7, replicationFactor: 3, load: new Map() }, seededRandomSource(3));
    const more = placeReplicas({ brokers: pool, existing: first, partitions: 13, replicationFactor: 3, load: new Map() }, seededRandomSource(4));
    expectBalanced([...first, ...more], pool.map((b) => b.id), 3);
  });

  it('steers new topics towards brokers with less load in the cluster', () => {
    const pool = brokers(4, 0);
    const load = new Map<number, BrokerLoad>([
      [1, { replicas: 50, leaders: 20 }],
      [2, { replicas: 50, leaders: 20 }],
      [3, { replicas: 0, leaders: 0 }],
      [4, { replicas: 0, leaders: 0 }],
    ]);
    const assignments = placeReplicas({ brokers: pool, existing: [], partitions: 1, replicationFactor: 2, load }, seededRandomSource(5));
    expect(new Set(assignments[0])).toEqual(new Set([3, 4]));
    expect(load.get(3)!.replicas + load.get(4)!.replicas).toBe(2);
  });

  it('refuses a replication factor above the number of brokers', () => {
    expect(() =>
      placeReplicas({ brokers: brokers(2, 0), existing: [], partitions: 1, replicationFactor: 3, load: new Map() }, seededRandomSource(1)),
    ).toThrow(/replication factor 3 is larger than the 2 available brokers/);
  });
});
