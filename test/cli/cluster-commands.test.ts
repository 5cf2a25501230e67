import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Admin, Producer, RunnelError } from '@runnel/client';
import { FAST_FAILOVER, TestCluster } from '../harness/cluster.js';
import { waitFor } from '../harness/processes.js';
import { cliAgainst, expectOneLineError, lines, table } from './run-cli.js';

let cluster: TestCluster;
let admin: Admin;

beforeAll(async () => {
  // The controller's own rebalancing would move leaders back by itself; these tests elect them by hand.
  cluster = await TestCluster.start({ config: { ...FAST_FAILOVER, 'auto.leader.rebalance.enable': 'false' } });
  admin = new Admin({ bootstrap: cluster.bootstrap, retryBackoffMs: 50 });
}, 90_000);

afterAll(async () => {
  await admin?.close();
  await cluster?.close();
});

const { runnel, ok } = cliAgainst(() => cluster.bootstrap);

interface StatusJson {
  clusterId: string;
  quorum: {
    leaderId: number;
    leaderEpoch: number;
    highWatermark: number;
    members: { nodeId: number; address: string; status: string; logEndOffset: number; lag: number | null }[];
  };
  brokers: { nodeId: number; host: string; port: number; state: string; leaderCount: number; replicaCount: number }[];
}

async function status(): Promise<StatusJson> {
  return JSON.parse((await ok(['cluster', 'status', '--output', 'json'])).stdout) as StatusJson;
}

/**
 * Produce one record of `size` bytes to partition 0 with acks=all; resolves with the error name
 * (retriable ones too, once the delivery timeout ends the retries), or 'NONE'.
 */
async function produceSized(topic: string, size: number): Promise<string> {
  const producer = new Producer({ bootstrap: cluster.bootstrap, lingerMs: 0, requestTimeoutMs: 2_000, deliveryTimeoutMs: 5_000 });
  try {
    await producer.send([{ topic, partition: 0, value: Buffer.alloc(size, 'x') }]);
    return 'NONE';
  } catch (err) {
    if (err instanceof RunnelError) return err.message.includes('NOT_ENOUGH_REPLICAS') ? 'NOT_ENOUGH_REPLICAS' : err.errorName;
    throw err;
  } finally {
    await producer.close();
  }
}

interface DescribedJson {
  name: string;
  configs: { name: string; value: string; source: string }[];
}

async function describeJson(args: string[]): Promise<DescribedJson[]> {
  return JSON.parse((await ok(['config', 'describe', ...args, '--output', 'json'])).stdout) as DescribedJson[];
}

describe('runnel cluster status', () => {
  it('lists three controllers with one leader, the brokers as observers, and three unfenced brokers with what they lead and host', async () => {
    await admin.createTopics([{ name: 'orders', numPartitions: 3, replicationFactor: 3 }]);
    for (let p = 0; p < 3; p++) await cluster.waitForLeader('orders', p);

    const s = await waitFor('every broker reporting its metadata offset', async () => {
      const x = await status();
      return x.quorum.members.filter((m) => m.status === 'Observer' && m.logEndOffset >= 0).length === 3 ? x : undefined;
    });
    const voters = s.quorum.members.filter((m) => m.status !== 'Observer');
    expect(voters.map((v) => v.nodeId).sort()).toEqual(cluster.ids);
    expect(voters.filter((v) => v.status === 'Leader')).toHaveLength(1);
    expect(voters.find((v) => v.status === 'Leader')!.nodeId).toBe(s.quorum.leaderId);
    expect(s.quorum.leaderEpoch).toBeGreaterThan(0);
    // Each voter's controller listener is named; the leader's log holds everything committed.
    for (const v of voters) expect(v.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const leader = voters.find((v) => v.status === 'Leader')!;
    expect(leader.logEndOffset).toBeGreaterThanOrEqual(s.quorum.highWatermark);
    expect(leader.lag).toBe(0);
    for (const v of voters) expect(v.lag).not.toBeNull();
    expect(s.quorum.members.filter((m) => m.status === 'Observer').map((m) => m.nodeId).sort()).toEqual(cluster.ids);

    expect(s.brokers.map((b) => [b.nodeId, b.state, `${b.host}:${b.port}`])).toEqual(cluster.ids.map((id) => [id, 'UNFENCED', cluster.clientAddress(id)]));
    // Leaders and replicas add up to what the topics hold, as the metadata describes them.
    const topics = await admin.describeTopics(await admin.listTopics({ includeInternal: true }));
    const partitions = topics.flatMap((t) => t.partitions);
    for (const b of s.brokers) {
      expect(b.leaderCount).toBe(partitions.filter((p) => p.leader === b.nodeId).length);
      expect(b.replicaCount).toBe(partitions.filter((p) => p.replicas.includes(b.nodeId)).length);
    }

    const text = (await ok(['cluster', 'status'])).stdout;
    const rows = table(text);
    const quorumHeader = rows.findIndex((r) => r[0] === 'NODE-ID');
    const brokerHeader = rows.findIndex((r) => r[0] === 'BROKER');
    expect(rows[quorumHeader]).toEqual(['NODE-ID', 'ADDRESS', 'STATUS', 'LOG-END-OFFSET', 'LAG', 'LAST-FETCH']);
    expect(rows[brokerHeader]).toEqual(['BROKER', 'ADDRESS', 'RACK', 'STATE', 'EPOCH', 'LEADERS', 'REPLICAS']);
    const quorumRows = rows.slice(quorumHeader + 1).filter((r) => ['Leader', 'Follower', 'Observer'].includes(r[2]!));
    expect(quorumRows.filter((r) => r[2] === 'Leader')).toHaveLength(1);
    expect(quorumRows.filter((r) => r[2] === 'Follower')).toHaveLength(2);
    const brokerRows = rows.slice(brokerHeader + 1, brokerHeader + 4);
    expect(brokerRows.map((r) => [r[0], r[3]])).toEqual(cluster.ids.map((id) => [String(id), 'unfenced']));
  }, 60_000);
});

describe('runnel config', () => {
  it('sets topic configs that describe shows and the brokers apply without a restart, and deletes them again', async () => {
    await admin.createTopics([{ name: 'limits', numPartitions: 1, replicationFactor: 3 }]);
    await cluster.waitForLeader('limits', 0);
    expect(await produceSized('limits', 5_000)).toBe('NONE');

    const before = await ok(['config', 'describe', '--entity-type', 'topics', '--entity-name', 'limits']);
    expect(lines(before.stdout)).toEqual(['Dynamic configs for topic limits are:']);

    const altered = await ok(['config', 'alter', '--entity-type', 'topics', '--entity-name', 'limits', '--add-config', 'max.message.bytes=2000,retention.ms=3600000,cleanup.policy=[compact,delete]']);
    expect(altered.stdout).toMatch(/Completed updating config for topic limits\./);

    const described = await ok(['config', 'describe', '--entity-type', 'topics', '--entity-name', 'limits']);
    expect(lines(described.stdout).sort()).toEqual([
      '  cleanup.policy=compact,delete sensitive=false source=DYNAMIC_TOPIC_CONFIG',
      '  max.message.bytes=2000 sensitive=false source=DYNAMIC_TOPIC_CONFIG',
      '  retention.ms=3600000 sensitive=false source=DYNAMIC_TOPIC_CONFIG',
      'Dynamic configs for topic limits are:',
    ]);
    // --all adds every other topic config with where its value comes from.
    const all = await ok(['config', 'describe', '--topic', 'limits', '--all', '--output', 'json']);
    const configs = (JSON.parse(all.stdout) as { configs: { name: string; value: string; source: string }[] }[])[0]!.configs;
    expect(configs.find((c) => c.name === 'max.message.bytes')).toMatchObject({ value: '2000', source: 'DYNAMIC_TOPIC_CONFIG' });
    expect(configs.find((c) => c.name === 'segment.bytes')?.source).toMatch(/^(DEFAULT_CONFIG|STATIC_BROKER_CONFIG)$/);

    // The leader refuses a record larger than the new limit once it has the change.
    await waitFor('a 5000-byte record refused', async () => (await produceSized('limits', 5_000)) === 'MESSAGE_TOO_LARGE', { timeoutMs: 15_000, intervalMs: 200 });
    expect(await produceSized('limits', 500)).toBe('NONE');

    await ok(['config', 'alter', '--topic', 'limits', '--delete-config', 'max.message.bytes']);
    await waitFor('a 5000-byte record accepted again', async () => (await produceSized('limits', 5_000)) === 'NONE', { timeoutMs: 15_000, intervalMs: 200 });
    const after = await ok(['config', 'describe', '--topic', 'limits']);
    expect(after.stdout).not.toMatch(/max\.message\.bytes/);
    expect(after.stdout).toMatch(/retention\.ms=3600000/);
  }, 90_000);

  it('answers bad input with one line naming the Kafka error, and changes nothing', async () => {
    expectOneLineError(await runnel(['config', 'describe', '--entity-type', 'users', '--entity-name', 'alice']), /INVALID_CONFIG: --entity-type must be topics or brokers/);
    expectOneLineError(await runnel(['config', 'describe', '--entity-type', 'topics', '--entity-name', 'nope']), /UNKNOWN_TOPIC_OR_PARTITION: .*nope/);
    expectOneLineError(await runnel(['config', 'alter', '--entity-type', 'topics', '--entity-name', 'nope', '--add-config', 'retention.ms=1000']), /UNKNOWN_TOPIC_OR_PARTITION: .*nope/);
    expectOneLineError(await runnel(['config', 'alter', '--topic', 'orders', '--add-config', 'retention.ms=5,no.such.config=1']), /INVALID_CONFIG: .*no\.such\.config/);
    expectOneLineError(await runnel(['config', 'alter', '--topic', 'orders', '--add-config', 'retention.ms=1', '--delete-config', 'retention.ms']), /INVALID_CONFIG: config retention\.ms is both added and deleted/);
    // The refused alteration with a good key beside a bad one set neither.
    const orders = await ok(['config', 'describe', '--topic', 'orders']);
    expect(lines(orders.stdout)).toEqual(['Dynamic configs for topic orders are:']);

    expectOneLineError(await runnel(['partitions', 'elect-leaders', '--election-type', 'sideways', '--all-topic-partitions']), /INVALID_CONFIG: --election-type must be preferred or unclean/);
    expectOneLineError(await runnel(['partitions', 'elect-leaders', '--election-type', 'preferred', '--topic', 'nope', '--partition', '0']), /UNKNOWN_TOPIC_OR_PARTITION/);
  }, 60_000);

  it('sets dynamic broker configs, per broker and as the cluster-wide default, that brokers apply at once and describe with their sources', async () => {
    await admin.createTopics([{ name: 'dyn', numPartitions: 1, replicationFactor: 3 }]);
    const { leader } = await cluster.waitForLeader('dyn', 0);
    const other = cluster.ids.find((id) => id !== leader)!;
    await admin.createTopics([{ name: 'dyn-other', replicaAssignment: [[other, leader]] }]);
    await cluster.waitForLeader('dyn-other', 0, (l) => l === other);
    expect(await produceSized('dyn', 100)).toBe('NONE');

    // A cluster-wide default every topic without its own value takes: acks=all needs 4 in-sync replicas of 3.
    const altered = await ok(['config', 'alter', '--entity-type', 'brokers', '--entity-default', '--add-config', 'min.insync.replicas=4']);
    expect(altered.stdout).toMatch(/Completed updating default config for brokers in the cluster\./);
    await waitFor('acks=all refused for want of in-sync replicas', async () => (await produceSized('dyn', 100)) === 'NOT_ENOUGH_REPLICAS', { timeoutMs: 15_000, intervalMs: 200 });
    expect(lines((await ok(['config', 'describe', '--broker-defaults'])).stdout)).toEqual([
      'Default configs for brokers in the cluster are:',
      '  min.insync.replicas=4 sensitive=false source=DYNAMIC_DEFAULT_BROKER_CONFIG',
    ]);
    const topicAll = (await describeJson(['--topic', 'dyn', '--all']))[0]!.configs;
    expect(topicAll.find((c) => c.name === 'min.insync.replicas')).toMatchObject({ value: '4', source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' });
    await ok(['config', 'alter', '--broker-defaults', '--delete-config', 'min.insync.replicas']);
    await waitFor('acks=all taken again', async () => (await produceSized('dyn', 100)) === 'NONE', { timeoutMs: 15_000, intervalMs: 200 });

    // A per-broker value: only the broker it names refuses larger records.
    await ok(['config', 'alter', '--broker', String(leader), '--add-config', 'message.max.bytes=2000']);
    await waitFor('a 5000-byte record refused by the broker that has the limit', async () => (await produceSized('dyn', 5_000)) === 'MESSAGE_TOO_LARGE', { timeoutMs: 15_000, intervalMs: 200 });
    expect(await produceSized('dyn-other', 5_000)).toBe('NONE');

    const dynamicOnly = await ok(['config', 'describe', '--entity-type', 'brokers', '--entity-name', String(leader)]);
    expect(lines(dynamicOnly.stdout)).toEqual([`Dynamic configs for broker ${leader} are:`, '  message.max.bytes=2000 sensitive=false source=DYNAMIC_BROKER_CONFIG']);
    const all = new Map((await describeJson(['--broker', String(leader), '--all']))[0]!.configs.map((c) => [c.name, c]));
    expect(all.get('message.max.bytes')).toMatchObject({ value: '2000', source: 'DYNAMIC_BROKER_CONFIG' });
    expect(all.get('broker.session.timeout.ms')).toMatchObject({ value: '2000', source: 'STATIC_BROKER_CONFIG' });
    expect(all.get('num.partitions')).toMatchObject({ value: '1', source: 'DEFAULT_CONFIG' });
    expect((await describeJson(['--broker', String(other)]))[0]!.configs).toEqual([]);

    await ok(['config', 'alter', '--broker', String(leader), '--delete-config', 'message.max.bytes']);
    await waitFor('a 5000-byte record accepted again', async () => (await produceSized('dyn', 5_000)) === 'NONE', { timeoutMs: 15_000, intervalMs: 200 });
  }, 120_000);

  it('refuses bad dynamic broker configs with one line naming the key, and stores nothing', async () => {
    const id = String(cluster.ids[0]!);
    expectOneLineError(await runnel(['config', 'alter', '--broker-defaults', '--add-config', 'node.id=5']), /INVALID_REQUEST: .*node\.id cannot be changed while brokers run \(read-only\)/);
    expectOneLineError(await runnel(['config', 'alter', '--broker', id, '--add-config', 'min.insync.replicas=0']), /INVALID_CONFIG: .*min\.insync\.replicas: expected an integer between 1 and/);
    expectOneLineError(await runnel(['config', 'alter', '--broker', id, '--add-config', 'log.retention.ms=1000,log.retention.msec=1']), /INVALID_CONFIG: .*unknown broker config 'log\.retention\.msec' \(did you mean log\.retention\.ms\?\)/);
    expectOneLineError(await runnel(['config', 'alter', '--broker', id, '--add-config', 'unclean.leader.election.enable=true']), /INVALID_REQUEST: .*cluster-wide default/);
    expectOneLineError(await runnel(['config', 'alter', '--broker-defaults', '--add-config', 'listeners=CLIENT://:1']), /INVALID_REQUEST: .*listeners/);
    expectOneLineError(await runnel(['config', 'alter', '--broker-defaults', '--add-config', 'follower.replication.throttled.rate=10']), /INVALID_REQUEST: .*partitions reassign/);
    expect(lines((await ok(['config', 'describe', '--broker', id])).stdout)).toEqual([`Dynamic configs for broker ${id} are:`]);
    expect(lines((await ok(['config', 'describe', '--broker-defaults'])).stdout)).toEqual(['Default configs for brokers in the cluster are:']);
  }, 60_000);

  it('describes a broker\'s own configuration from that broker', async () => {
    const id = cluster.ids[1]!;
    const r = JSON.parse((await ok(['config', 'describe', '--entity-type', 'brokers', '--entity-name', String(id), '--all', '--output', 'json'])).stdout) as { name: string; configs: { name: string; value: string }[] }[];
    expect(r[0]!.name).toBe(String(id));
    expect(r[0]!.configs.find((c) => c.name === 'node.id')?.value).toBe(String(id));
  }, 30_000);
});

describe('runnel partitions elect-leaders', () => {
  it('moves leadership back to the preferred replica after a failover', async () => {
    const [preferred, second, third] = [cluster.ids[2]!, cluster.ids[0]!, cluster.ids[1]!];
    await admin.createTopics([{ name: 'prefs', replicaAssignment: [[preferred, second, third]] }]);
    await cluster.waitForLeader('prefs', 0, (l) => l === preferred);

    const unneeded = await ok(['partitions', 'elect-leaders', '--election-type', 'preferred', '--topic', 'prefs', '--partition', '0']);
    expect(table(unneeded.stdout)[1]!.slice(0, 4)).toEqual(['prefs', '0', 'ELECTION_NOT_NEEDED', String(preferred)]);

    await cluster.kill(preferred);
    await cluster.waitForLeader('prefs', 0, (l) => l !== preferred);
    await cluster.restart(preferred);
    await cluster.waitForPartition('prefs', 0, 'the preferred replica back in the ISR', (v) => v.isr.includes(preferred) && v.leader !== preferred);

    const elected = await ok(['partitions', 'elect-leaders', '--election-type', 'preferred', '--topic', 'prefs', '--partition', '0']);
    const rows = table(elected.stdout);
    expect(rows[0]).toEqual(['TOPIC', 'PARTITION', 'RESULT', 'LEADER', 'DETAIL']);
    expect(rows[1]!.slice(0, 4)).toEqual(['prefs', '0', 'ELECTED', String(preferred)]);
    await cluster.waitForLeader('prefs', 0, (l) => l === preferred);

    // Every partition of every topic: each either elected or already led by its preferred replica.
    const everything = JSON.parse((await ok(['partitions', 'elect-leaders', '--election-type', 'preferred', '--all-topic-partitions', '--output', 'json'])).stdout) as { topic: string; partition: number; result: string }[];
    const topics = await admin.describeTopics(await admin.listTopics({ includeInternal: true }));
    expect(everything.map((o) => `${o.topic}-${o.partition}`).sort()).toEqual(topics.flatMap((t) => t.partitions.map((p) => `${t.name}-${p.partition}`)).sort());
    for (const o of everything) expect(['ELECTED', 'ELECTION_NOT_NEEDED']).toContain(o.result);
    expect(everything.find((o) => o.topic === 'prefs')?.result).toBe('ELECTION_NOT_NEEDED');
  }, 120_000);
});

describe('runnel cluster status after a broker dies', () => {
  it('shows the killed broker fenced once its session times out', async () => {
    const victim = cluster.ids[1]!;
    await cluster.kill(victim);
    const s = await waitFor('the killed broker fenced', async () => {
      const x = await status();
      return x.brokers.find((b) => b.nodeId === victim)?.state === 'FENCED' ? x : undefined;
    }, { timeoutMs: 20_000, intervalMs: 250 });
    expect(s.brokers.filter((b) => b.nodeId !== victim).map((b) => b.state)).toEqual(['UNFENCED', 'UNFENCED']);
    // Its leaderships moved to the live brokers.
    expect(s.brokers.find((b) => b.nodeId === victim)!.leaderCount).toBe(0);
    const rows = table((await ok(['cluster', 'status'])).stdout);
    const brokerHeader = rows.findIndex((r) => r[0] === 'BROKER');
    expect(rows.slice(brokerHeader + 1).find((r) => r[0] === String(victim))?.[3]).toBe('fenced');
  }, 60_000);
});
