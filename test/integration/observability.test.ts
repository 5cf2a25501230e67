import { afterEach, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { Admin, Producer } from '@runnel/client';
import { CLIENT_ID_KEY, REQUEST_ID_KEY, callUnary, createClient, encodeRecordBatch, errorName, type pb } from '@runnel/protocol';
import { TestCluster } from '../harness/cluster.js';
import { waitFor } from '../harness/processes.js';
import { createReplicatedTopic } from './replication-helpers.js';

/** One sample of a Prometheus text exposition: `name{labels} value`, or undefined when absent. */
async function metric(cluster: TestCluster, id: number, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const text = await (await fetch(`${cluster.httpUrl(id)}/metrics`)).text();
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
    const want = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (want) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

async function readyz(cluster: TestCluster, id: number): Promise<{ status: number; body: string }> {
  const r = await fetch(`${cluster.httpUrl(id)}/readyz`);
  return { status: r.status, body: await r.text() };
}

describe('observability endpoints', () => {
  let cluster: TestCluster | undefined;

  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('/metrics shows under-replicated partitions rising when a follower dies and falling when it returns, bytes in, and group lag', async () => {
    cluster = await TestCluster.start({ config: { 'offsets.topic.num.partitions': '3', 'group.initial.rebalance.delay.ms': '0' } });
    const c = cluster;
    await createReplicatedTopic(c, 'watched', { replicas: [1, 2, 3] });
    expect(await metric(c, 1, 'runnel_broker_under_replicated_partitions')).toBe(0);
    expect(await metric(c, 1, 'runnel_broker_leader_partitions')).toBeGreaterThanOrEqual(1);

    const producer = new Producer({ bootstrap: c.bootstrap, acks: 'all' });
    await Promise.all(Array.from({ length: 30 }, (_, i) => producer.send({ topic: 'watched', partition: 0, value: `v${i}` })));
    await producer.close();
    expect(await metric(c, 1, 'runnel_broker_topic_messages_in_total', { topic: 'watched' })).toBe(30);
    expect(await metric(c, 1, 'runnel_broker_topic_bytes_in_total', { topic: 'watched' })).toBeGreaterThan(30 * 2);

    // A group that committed 10 of the 30 records lags by 20 on the partition's leader.
    const admin = new Admin({ bootstrap: c.bootstrap });
    try {
      await admin.alterGroupOffsets('lagging', [{ topic: 'watched', partition: 0, offset: 10 }]);
      const [group] = await admin.describeGroups(['lagging']);
      const coordinator = group!.coordinator.nodeId;
      // Every node hosts the partition (replication factor 3), so the coordinator can tell.
      await waitFor('group lag of 20', async () => (await metric(c, coordinator, 'runnel_group_lag', { group: 'lagging', topic: 'watched', partition: '0' })) === 20);
    } finally {
      await admin.close();
    }

    await c.kill(3);
    // Every partition node 1 leads has a replica on node 3 (replication factor 3 on three nodes).
    await waitFor('node 1 reporting every partition it leads under-replicated', async () => {
      const led = await metric(c, 1, 'runnel_broker_leader_partitions');
      return led !== undefined && led >= 1 && (await metric(c, 1, 'runnel_broker_under_replicated_partitions')) === led;
    }, { timeoutMs: 20_000 });
    expect(await metric(c, 1, 'runnel_broker_isr_shrinks_total')).toBeGreaterThanOrEqual(1);
    c.spawn(3);
    await waitFor('node 1 reporting no under-replicated partition', async () => (await metric(c, 1, 'runnel_broker_under_replicated_partitions')) === 0, { timeoutMs: 30_000 });
    expect(await metric(c, 1, 'runnel_broker_isr_expands_total')).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('/readyz answers 503 with the reason until the broker has registered and caught up', async () => {
    // Nodes 1 and 2 are the controllers; node 3 is a broker only.
    cluster = await TestCluster.start({ controllers: 2 });
    const c = cluster;
    expect((await readyz(c, 3)).status).toBe(200);
    expect(await (await fetch(`${c.httpUrl(3)}/healthz`)).text()).toBe('ok\n');
    expect(await metric(c, 1, 'runnel_raft_leader_id')).toBeGreaterThanOrEqual(1);

    await c.kill(3);
    // With the controllers frozen, a restarted broker cannot register: alive, but not ready.
    c.pause(1);
    c.pause(2);
    c.spawn(3);
    const notReady = await waitFor('node 3 answering /readyz', async () => readyz(c, 3), { timeoutMs: 20_000 });
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatch(/^not ready: (starting|broker is \w+, not running)/);
    expect((await fetch(`${c.httpUrl(3)}/healthz`)).status).toBe(200);
    c.resume(1);
    c.resume(2);
    await waitFor('node 3 ready', async () => (await readyz(c, 3)).status === 200, { timeoutMs: 30_000 });
  }, 90_000);

  it('puts the request id a client sent on the log lines about its request, on the broker and on the controller a request is passed to', async () => {
    cluster = await TestCluster.start({ nodes: 1 });
    const c = cluster;
    /** The node's JSON log lines that carry `requestId`. */
    const about = (requestId: string): Record<string, unknown>[] =>
      c.logs(1).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.requestId === requestId);

    // CreateTopics reaches the broker's Admin service, which passes it on to the controller under the same id.
    const admin = createClient('Admin', c.clientAddress(1), { clientId: 'ops-script' });
    try {
      const created = await callUnary(admin.createTopics.bind(admin), { topics: [{ name: 'traced', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 10_000, validateOnly: false }, { timeoutMs: 15_000, requestId: 'trace-create-1' });
      expect(created.topics[0]!.errorCode).toBe(0);
    } finally {
      admin.close();
    }
    const creating = await waitFor('the controller\'s line about the topic it creates', async () => about('trace-create-1').find((l) => l.msg === 'creating topic'));
    expect(creating).toMatchObject({ nodeId: 1, topic: 'traced', component: 'controller' });
    await c.waitForLeader('traced', 0);

    // A damaged batch on a produce stream: the broker's warning names the stream's request id, the client, topic and partition.
    const broker = createClient('Broker', c.clientAddress(1));
    let correlationId = 0;
    try {
      const metadata = new grpc.Metadata();
      metadata.set(REQUEST_ID_KEY, 'trace-produce-1');
      metadata.set(CLIENT_ID_KEY, 'ops-script');
      const stream = broker.produce(metadata);
      const bad = await encodeRecordBatch([{ value: Buffer.from('x') }]);
      bad[bad.length - 1]! ^= 1;
      // Until the broker has taken up its leadership the answer is NOT_LEADER_OR_FOLLOWER.
      await waitFor('the damaged batch refused as such', async () => {
        correlationId++;
        const answered = new Promise<pb.ProduceResponse__Output>((resolve) => stream.once('data', resolve));
        stream.write({ correlationId, acks: 1, timeoutMs: 5_000, topics: [{ name: 'traced', partitions: [{ partition: 0, records: bad }] }] });
        return errorName((await answered).topics[0]!.partitions[0]!.errorCode) === 'CORRUPT_MESSAGE';
      }, { intervalMs: 100 });
      const over = new Promise((resolve) => stream.once('status', resolve));
      stream.on('error', () => undefined);
      stream.end();
      await over;
    } finally {
      broker.close();
    }
    const warned = await waitFor('the broker\'s warning about the damaged batch', async () => about('trace-produce-1').find((l) => l.level === 40));
    expect(warned).toMatchObject({ nodeId: 1, clientId: 'ops-script', topic: 'traced', partition: 0, correlationId, errorName: 'CORRUPT_MESSAGE' });
  }, 60_000);
});
