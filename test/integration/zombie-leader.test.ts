import { afterEach, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { Admin, Producer } from '@runnel/client';
import { createClient, encodeRecordBatch, errorName, type ClientOf, type pb } from '@runnel/protocol';
import { TestCluster } from '../harness/cluster.js';
import { waitFor } from '../harness/processes.js';
import { createReplicatedTopic, describeErrors, duplicates, misplacedAcks, readPartition, sameIds, sendStream } from './replication-helpers.js';

/** Answers a deposed leader may give an acks=all write; anything else, success above all, is a bug. */
const ZOMBIE_ANSWERS = new Set(['NOT_LEADER_OR_FOLLOWER', 'NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'REQUEST_TIMED_OUT', 'FENCED_LEADER_EPOCH']);

export interface RawAnswer {
  value: string;
  error: string;
  baseOffset: number;
}

/**
 * A raw Produce stream to one broker, bypassing the client's routing: it keeps writing to the
 * broker it was opened to, whatever the metadata says. With `waitForReady` it connects as soon
 * as the broker listens (retrying every few milliseconds), holding writes until then.
 */
class RawProduceStream {
  private readonly client: ClientOf<'Broker'>;
  private readonly stream: ReturnType<ClientOf<'Broker'>['produce']>;
  private readonly values = new Map<number, string>();
  private readonly answers = new Map<number, RawAnswer>();
  private sent = 0;

  constructor(address: string, private readonly topic: string, opts: { waitForReady?: boolean } = {}) {
    this.client = createClient('Broker', address, { channelOptions: { 'grpc.initial_reconnect_backoff_ms': 10, 'grpc.max_reconnect_backoff_ms': 20 } });
    this.stream = this.client.produce(new grpc.Metadata({ waitForReady: opts.waitForReady ?? false }));
    this.stream.on('data', (r: pb.ProduceResponse__Output) => {
      const p = r.topics[0]?.partitions[0];
      const value = this.values.get(r.correlationId) ?? '';
      this.answers.set(r.correlationId, { value, error: p ? errorName(p.errorCode) : 'NO_PARTITION_IN_ANSWER', baseOffset: p ? p.baseOffset : -1 });
    });
    this.stream.on('error', () => undefined);
  }

  /** Open the connection with a request for a partition that does not exist (refused at once). */
  async connect(): Promise<void> {
    const id = this.write(99, 1, Buffer.alloc(0), '');
    await waitFor('the raw produce stream to connect', () => this.answers.has(id));
    expect(this.answers.get(id)!.error).not.toBe('NONE');
    this.answers.delete(id);
  }

  /** A write of one record to partition 0 (written even while the broker is paused). */
  async writeRecord(acks: 1 | -1 = -1): Promise<void> {
    const value = `zombie-${this.sent}`;
    this.write(0, acks, await encodeRecordBatch([{ value: Buffer.from(value) }]), value);
  }

  private write(partition: number, acks: number, records: Buffer, value: string): number {
    const correlationId = ++this.sent;
    this.values.set(correlationId, value);
    this.stream.write({ correlationId, acks, timeoutMs: 3_000, topics: [{ name: this.topic, partitions: [{ partition, records }] }] });
    return correlationId;
  }

  /** Every answer, once all record writes have one. */
  async allAnswers(): Promise<RawAnswer[]> {
    const expected = [...this.values.values()].filter((v) => v !== '').length;
    await waitFor(`answers to all ${expected} raw produce requests`, () => [...this.answers.values()].filter((a) => a.value !== '').length === expected, { timeoutMs: 15_000 });
    this.stream.end();
    this.client.close();
    return [...this.answers.values()].filter((a) => a.value !== '');
  }
}

describe('a leader paused past its session timeout', () => {
  let cluster: TestCluster | undefined;

  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('is fenced and replaced, acknowledges nothing as the old leader when it wakes, and truncates to the new leader', async () => {
    cluster = await TestCluster.start();
    const c = cluster;
    await createReplicatedTopic(c, 'zombie');
    const producer = new Producer({ bootstrap: c.bootstrap, acks: 'all', enableIdempotence: true, requestTimeoutMs: 3_000, deliveryTimeoutMs: 45_000 });
    const raw = new RawProduceStream(c.clientAddress(1), 'zombie');
    await raw.connect();
    let zombieWrites: Promise<void> | null = null;
    const outcomes = await sendStream(producer, 400, (i) => ({ topic: 'zombie', key: `k${i % 5}`, value: `v-${i}` }), {
      at: async (i) => {
        if (i !== 150) return;
        c.pause(1);
        // The controller fences 1 after broker.session.timeout.ms and elects another leader.
        await c.waitForLeader('zombie', 0, (l) => l !== 1, 30_000);
        // Writes queued in its socket while it sleeps meet the zombie first thing when it wakes,
        // before it can have heard of the new leader; more follow while it catches up.
        for (let w = 0; w < 10; w++) await raw.writeRecord();
        c.resume(1);
        zombieWrites = (async () => {
          for (let w = 0; w < 20; w++) {
            await raw.writeRecord();
            await new Promise((r) => setTimeout(r, 20));
          }
        })();
      },
    });
    await producer.close();
    expect(zombieWrites).not.toBeNull();
    await zombieWrites;
    const zombieAnswers = await raw.allAnswers();
    expect(zombieAnswers.filter((a) => !ZOMBIE_ANSWERS.has(a.error))).toEqual([]);
    expect(describeErrors(outcomes)).toEqual([]);

    // 1 rejoins as a follower; then, made leader again (it is first in the replica order), it
    // must serve the new leader's log: every acknowledged record, none of its unacknowledged ones.
    await c.waitForPartition('zombie', 0, 'the old leader back in the ISR', (v) => v.leader !== 1 && sameIds(v.isr, [1, 2, 3]));
    const { leader } = await c.waitForLeader('zombie', 0);
    await c.kill(leader);
    await c.waitForLeader('zombie', 0, (l) => l === 1);
    const records = await readPartition(c.bootstrap, 'zombie', 0);
    expect(records.filter((r) => r.value!.toString().startsWith('zombie-')).map((r) => r.offset)).toEqual([]);
    expect(duplicates(records)).toEqual([]);
    expect(misplacedAcks(outcomes, records)).toEqual([]);
  }, 90_000);

  it('acknowledges no write as a stale leader while a restarted former leader replays the metadata log', async () => {
    cluster = await TestCluster.start();
    const c = cluster;
    // Replicas [1, 2], min.insync.replicas=1: an ISR of the leader alone takes acks=all writes.
    await createReplicatedTopic(c, 'replay', { replicas: [1, 2], minInsyncReplicas: 1 });
    const producer = new Producer({ bootstrap: c.bootstrap, acks: 'all', requestTimeoutMs: 3_000, deliveryTimeoutMs: 30_000 });
    // The metadata history node 1 will replay: it leads alone at epoch 0, then 2 leads alone at epoch 1.
    await c.kill(2);
    await c.waitForPartition('replay', 0, 'ISR of the leader alone', (v) => v.leader === 1 && sameIds(v.isr, [1]));
    const early = await sendStream(producer, 10, (i) => ({ topic: 'replay', partition: 0, value: `early-${i}` }));
    // Topics created here make node 1's replay dwell in this state: it creates their logs while
    // it believes it still leads 'replay' alone at epoch 0.
    const admin = new Admin({ bootstrap: c.bootstrap, requestTimeoutMs: 15_000 });
    await admin.createTopics(Array.from({ length: 100 }, (_, i) => ({ name: `filler-${i}`, replicaAssignment: [[1, 3]] })));
    await admin.close();
    await c.restart(2);
    await c.waitForPartition('replay', 0, 'broker 2 back in the ISR', (v) => sameIds(v.isr, [1, 2]));
    await c.kill(1);
    await c.waitForPartition('replay', 0, 'broker 2 leading alone', (v) => v.leader === 2 && sameIds(v.isr, [2]));
    const late = await sendStream(producer, 10, (i) => ({ topic: 'replay', partition: 0, value: `late-${i}` }));
    await producer.close();
    expect(describeErrors([...early, ...late])).toEqual([]);

    // Writes stream at node 1 from the moment it listens, through its metadata replay, until it serves.
    c.spawn(1);
    const raw = new RawProduceStream(c.clientAddress(1), 'replay', { waitForReady: true });
    let ready = false;
    const started = c.waitReady([1]).then(() => (ready = true));
    // Both acks=1 and acks=all: neither may be acknowledged by a broker that is not the leader.
    for (let i = 0; !ready; i++) {
      await raw.writeRecord(i % 2 === 0 ? 1 : -1);
      await new Promise((r) => setTimeout(r, 2));
    }
    await started;
    const answers = await raw.allAnswers();

    // Whatever node 1 acknowledged is in the partition's log at that offset, now and for good.
    await c.waitForPartition('replay', 0, 'both replicas in sync', (v) => sameIds(v.isr, [1, 2]));
    const records = await readPartition(c.bootstrap, 'replay', 0);
    const lost = answers.filter((a) => a.error === 'NONE' && records[a.baseOffset]?.value?.toString() !== a.value);
    expect(lost.map((a) => `${a.value} acknowledged at ${a.baseOffset}, log has ${records[a.baseOffset]?.value?.toString()}`)).toEqual([]);
    expect(misplacedAcks([...early, ...late], records)).toEqual([]);
  }, 90_000);
});
