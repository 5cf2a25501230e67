import { describe, expect, it } from 'vitest';
import { isRunnelError } from '@runnel/protocol';
import { alterPartition } from '../src/alter-partition.js';
import { BrokerHeartbeatTracker } from '../src/broker-heartbeat-tracker.js';
import { brokerHeartbeat, fenceStaleBrokers, registerBroker } from '../src/broker-lifecycle.js';
import { DEFAULT_CLUSTER_SETTINGS, type ClusterSettings } from '../src/controller-config.js';
import type { ControllerContext, ControllerResult } from '../src/controller-context.js';
import { applyRecords } from '../src/delta.js';
import { EMPTY_IMAGE, isBrokerActive, type MetadataImage } from '../src/image.js';
import { electLeaders, rebalanceLeaders } from '../src/leader-election.js';
import { allocateProducerIds } from '../src/producer-ids.js';
import { seededRandomSource, type RandomSource } from '../src/random.js';
import { decodeMetadataRecord, encodeMetadataRecord, type MetadataRecord } from '../src/records.js';
import { decodeSnapshot, encodeSnapshot } from '../src/snapshot.js';
import { alterTopicConfigs, createPartitions, createTopics, deleteTopics } from '../src/topic-operations.js';
import { randomUuid } from '../src/uuid.js';

/**
 * A deterministic simulation of the controller's decision logic alone: brokers register,
 * heartbeat, die, shut down and return; topics come and go; leaders propose ISR changes. After
 * every step the invariants are checked, and the emitted log must rebuild the same image.
 */

interface SimBroker {
  readonly id: number;
  readonly rack: string;
  epoch: number | null;
  alive: boolean;
  shuttingDown: boolean;
  /** How far behind the committed log this broker's metadata is (0 = caught up). */
  lag: number;
}

const TOPIC_NAMES = ['orders', 'payments', 'a.b', 'a_b', 'logs', 'metrics', 'bad name', '..'];
const BROKERS = 5;

class Simulation {
  image: MetadataImage = EMPTY_IMAGE;
  offset = -1;
  now = 0;
  readonly log: MetadataRecord[] = [];
  readonly pick: RandomSource;
  readonly random: RandomSource;
  readonly settings: ClusterSettings = { ...DEFAULT_CLUSTER_SETTINGS, brokerSessionTimeoutMs: 9000 };
  readonly tracker = new BrokerHeartbeatTracker(this.settings.brokerSessionTimeoutMs);
  readonly brokers: SimBroker[];
  /** Highest leader and partition epoch seen per partition, keyed by topic id and partition. */
  readonly epochs = new Map<string, { leaderEpoch: number; partitionEpoch: number }>();
  readonly trace: string[] = [];

  constructor(readonly seed: number) {
    this.pick = seededRandomSource(seed);
    this.random = seededRandomSource(seed ^ 0x5bd1e995);
    this.brokers = Array.from({ length: BROKERS }, (_, i) => ({ id: i + 1, rack: `r${i % 3}`, epoch: null, alive: true, shuttingDown: false, lag: 0 }));
  }

  ctx(): ControllerContext {
    return { now: this.now, committedOffset: this.offset, settings: this.settings, random: this.random };
  }

  chance(percent: number): boolean {
    return this.pick.nextInt(100) < percent;
  }

  choose<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.pick.nextInt(items.length)];
  }

  /** Commits records the way the log would carry them: encoded, decoded, applied. */
  commit<T>(result: ControllerResult<T>): T {
    if (result.records.length > 0) {
      const decoded = result.records.map((r) => decodeMetadataRecord(encodeMetadataRecord(r)));
      expect(decoded).toEqual(result.records);
      this.image = applyRecords(this.image, decoded).image;
      this.log.push(...decoded);
      this.offset += decoded.length;
    }
    return result.response;
  }

  /** Runs a decision whose RunnelErrors are legitimate answers; anything else is a bug. */
  attempt(what: string, fn: () => void): void {
    try {
      fn();
      this.trace.push(what);
    } catch (err) {
      if (!isRunnelError(err)) throw err;
      this.trace.push(`${what} -> ${err.errorName}`);
    }
  }

  register(b: SimBroker): void {
    this.attempt(`register ${b.id}`, () => {
      const request = { brokerId: b.id, incarnationId: randomUuid(this.pick), listeners: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9000 + b.id }], rack: b.rack };
      b.epoch = this.commit(registerBroker(this.image, this.tracker, request, this.ctx())).brokerEpoch;
    });
  }

  heartbeat(b: SimBroker): void {
    if (b.epoch === null) return this.register(b);
    const epoch = b.epoch;
    this.attempt(`heartbeat ${b.id}${b.shuttingDown ? ' (shutting down)' : ''}`, () => {
      const response = this.commit(
        brokerHeartbeat(
          this.image,
          this.tracker,
          { brokerId: b.id, brokerEpoch: epoch, currentMetadataOffset: this.offset - b.lag, wantFence: false, wantShutDown: b.shuttingDown },
          this.ctx(),
        ),
      );
      if (response.shouldShutDown) {
        b.alive = false;
        b.shuttingDown = false;
        b.epoch = null;
      }
    });
  }

  alterIsr(expand: boolean): void {
    const candidates: [string, number][] = [];
    for (const t of this.image.topicsById.values()) {
      for (const [p, reg] of t.partitions) {
        const leader = this.brokers.find((b) => b.id === reg.leader);
        if (leader?.alive && leader.epoch !== null) candidates.push([t.id, p]);
      }
    }
    const chosen = this.choose(candidates);
    if (!chosen) return;
    const [topicId, partitionId] = chosen;
    const p = this.image.topicsById.get(topicId)!.partitions.get(partitionId)!;
    const others = expand ? p.replicas.filter((r) => !p.isr.includes(r)) : p.isr.filter((r) => r !== p.leader);
    const changed = this.choose(others);
    if (changed === undefined) return;
    const newIsr = expand ? [...p.isr, changed] : p.isr.filter((r) => r !== changed);
    const stale = this.chance(15);
    const leaderEpoch = stale && this.chance(50) ? p.leaderEpoch - 1 : p.leaderEpoch;
    const partitionEpoch = stale && leaderEpoch === p.leaderEpoch ? p.partitionEpoch - 1 : p.partitionEpoch;
    const leaderBroker = this.brokers.find((b) => b.id === p.leader)!;
    this.attempt(`alter ISR ${topicId}-${partitionId} to [${newIsr}]${stale ? ' (stale)' : ''}`, () => {
      const [result] = this.commit(
        alterPartition(
          this.image,
          { brokerId: p.leader, brokerEpoch: leaderBroker.epoch!, topics: [{ topicId, partitions: [{ partitionId, leaderEpoch, partitionEpoch, newIsr }] }] },
          this.ctx(),
        ),
      );
      const after = this.image.topicsById.get(topicId)!.partitions.get(partitionId)!;
      if (stale) expect(result?.error, 'a stale proposal must be rejected').not.toBeNull();
      if (result?.error) this.trace.push(`  -> ${result.error.errorName}`);
      if (result?.error === null) {
        expect(after.isr).toEqual(newIsr);
        expect(newIsr.every((id) => id === p.leader || isBrokerActive(this.image, id))).toBe(true);
      } else {
        expect(after).toBe(p);
      }
    });
  }

  step(): void {
    const roll = this.pick.nextInt(100);
    const alive = this.brokers.filter((b) => b.alive);
    if (roll < 30) {
      // Time passes; every live broker heartbeats on its interval, some with metadata lag.
      this.now += 500 + this.pick.nextInt(2500);
      for (const b of alive) {
        b.lag = this.chance(15) ? 1 + this.pick.nextInt(3) : 0;
        if (this.chance(90)) this.heartbeat(b);
      }
      this.commit(fenceStaleBrokers(this.image, this.tracker, this.ctx()));
      this.trace.push(`tick to ${this.now}`);
    } else if (roll < 34) {
      const victim = this.choose(alive);
      if (victim) {
        victim.alive = false;
        victim.epoch = this.chance(50) ? victim.epoch : null; // half of them restart as a new process
        this.trace.push(`broker ${victim.id} dies`);
      }
    } else if (roll < 42) {
      const back = this.choose(this.brokers.filter((b) => !b.alive));
      if (back) {
        back.alive = true;
        back.epoch = null; // a restarted process registers afresh
        this.register(back);
      }
    } else if (roll < 45) {
      const leaving = this.choose(alive.filter((b) => b.epoch !== null));
      if (leaving) {
        leaving.shuttingDown = true;
        this.heartbeat(leaving);
      }
    } else if (roll < 57) {
      const name = this.choose(TOPIC_NAMES)!;
      const configs: Record<string, string> = this.chance(20) ? { 'unclean.leader.election.enable': 'true' } : this.chance(10) ? { 'retention.ms': '-7' } : {};
      this.attempt(`create ${name}`, () => {
        const [result] = this.commit(
          createTopics(this.image, [{ name, numPartitions: 1 + this.pick.nextInt(4), replicationFactor: 1 + this.pick.nextInt(3), configs }], this.ctx()),
        );
        if (result?.error) throw result.error;
      });
    } else if (roll < 59) {
      const name = this.choose([...this.image.topicsByName.keys()]);
      if (name) this.attempt(`delete ${name}`, () => void this.commit(deleteTopics(this.image, [{ name }], this.ctx())));
    } else if (roll < 62) {
      const topic = this.choose([...this.image.topicsById.values()]);
      if (topic) {
        this.attempt(`grow ${topic.name}`, () => {
          this.commit(createPartitions(this.image, [{ name: topic.name, count: topic.partitions.size + 1 + this.pick.nextInt(2) }], this.ctx()));
        });
      }
    } else if (roll < 75) {
      this.alterIsr(false);
    } else if (roll < 90) {
      this.alterIsr(true);
    } else if (roll < 93) {
      this.attempt('rebalance', () => void this.commit(rebalanceLeaders(this.image, this.ctx())));
    } else if (roll < 95) {
      this.attempt('unclean election', () => void this.commit(electLeaders(this.image, { type: 'unclean' }, this.ctx())));
    } else if (roll < 97) {
      const topic = this.choose([...this.image.topicsByName.keys()]);
      if (topic) {
        const value = this.chance(50) ? 'true' : 'false';
        this.attempt(`unclean=${value} on ${topic}`, () => {
          this.commit(alterTopicConfigs(this.image, [{ name: topic, ops: [{ key: 'unclean.leader.election.enable', op: 'set', value }] }], this.ctx()));
        });
      }
    } else {
      const b = this.choose(alive.filter((x) => x.epoch !== null));
      if (b) this.attempt(`producer ids for ${b.id}`, () => void this.commit(allocateProducerIds(this.image, { brokerId: b.id, brokerEpoch: b.epoch! }, this.ctx())));
    }
  }

  checkInvariants(): void {
    for (const topic of this.image.topicsById.values()) {
      for (const [partitionId, p] of topic.partitions) {
        const where = `${topic.name}-${partitionId} ${JSON.stringify(p)}`;
        expect(new Set(p.replicas).size, `distinct replicas ${where}`).toBe(p.replicas.length);
        expect(p.isr.length, `non-empty ISR ${where}`).toBeGreaterThan(0);
        expect(new Set(p.isr).size, `distinct ISR ${where}`).toBe(p.isr.length);
        expect(p.isr.every((id) => p.replicas.includes(id)), `ISR within replicas ${where}`).toBe(true);
        if (p.leader !== -1) {
          expect(p.isr.includes(p.leader), `leader in ISR ${where}`).toBe(true);
          expect(isBrokerActive(this.image, p.leader), `leader is a live broker ${where}`).toBe(true);
        }
        if (p.isr.length > 1) {
          expect(p.isr.every((id) => isBrokerActive(this.image, id)), `multi-member ISR holds live brokers only ${where}`).toBe(true);
        }
        const key = `${topic.id}:${partitionId}`;
        const seen = this.epochs.get(key);
        if (seen) {
          expect(p.leaderEpoch, `leader epoch never decreases ${where}`).toBeGreaterThanOrEqual(seen.leaderEpoch);
          expect(p.partitionEpoch, `partition epoch never decreases ${where}`).toBeGreaterThanOrEqual(seen.partitionEpoch);
        }
        this.epochs.set(key, { leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch });
      }
    }
    expect(applyRecords(EMPTY_IMAGE, this.log).image, 'replaying the log rebuilds the image').toEqual(this.image);
    expect(decodeSnapshot(encodeSnapshot(this.image)), 'snapshot then restore gives the same image').toEqual(this.image);
  }
}

function run(seed: number, steps: number): Simulation {
  const sim = new Simulation(seed);
  for (const b of sim.brokers) sim.register(b);
  for (let i = 0; i < steps; i++) {
    try {
      sim.step();
      sim.checkInvariants();
    } catch (err) {
      const context = `seed ${seed}, step ${i}; last actions:\n  ${sim.trace.slice(-12).join('\n  ')}`;
      throw new Error(`${(err as Error).message}\n${context}`, { cause: err });
    }
  }
  return sim;
}

describe('controller logic simulation', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('keeps the invariants with seed %i', (seed) => {
    const sim = run(seed, 400);
    // The run must have exercised the interesting paths, or it proves little.
    const trace = sim.trace.join('\n');
    expect(trace).toMatch(/^create /m);
    expect(trace).toMatch(/^alter ISR .*\]$/m);
    expect(trace).toMatch(/^broker \d dies$/m);
    expect(sim.log.some((r) => r.type === 'fenceBroker')).toBe(true);
    expect(sim.log.some((r) => r.type === 'partitionChange' && r.leader !== undefined)).toBe(true);
  });

  it('replays a seed exactly', () => {
    const a = run(11, 120);
    const b = run(11, 120);
    expect(b.log).toEqual(a.log);
    expect(b.trace).toEqual(a.trace);
  });
});
