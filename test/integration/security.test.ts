import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Admin, Consumer, Producer, isRunnelError, type AclBinding, type SecurityConfig } from '@runnel/client';
import { NodeTokenSource, deriveTokenKeys } from '@runnel/protocol';
import { TestCluster } from '../harness/cluster.js';
import { waitFor } from '../harness/processes.js';

const SECRET = 'integration-test-inter-node-secret-0123456789';
const SECURE = {
  'listener.security.protocol.map': 'CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
  'inter.node.secret': SECRET,
  'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
  'super.users': 'User:admin',
  'offsets.topic.num.partitions': '3',
  'group.initial.rebalance.delay.ms': '0',
};

const as = (user: string, password = `${user}-secret`): SecurityConfig => ({ securityProtocol: 'SASL_PLAINTEXT', saslUsername: user, saslPassword: password });

function acl(principal: string, operation: AclBinding['operation'], resourceName: string, extra: Partial<AclBinding> = {}): AclBinding {
  return { resourceType: 'TOPIC', resourceName, patternType: 'LITERAL', principal, host: '*', operation, permission: 'ALLOW', ...extra };
}

async function failure(p: Promise<unknown>): Promise<{ errorName: string; message: string }> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!isRunnelError(err)) throw new Error(`expected a RunnelError, got ${String(err)}`);
  return { errorName: err.errorName, message: err.message };
}

describe('a cluster with SASL listeners and the ACL authorizer', () => {
  let cluster: TestCluster;
  let admin: Admin;

  beforeAll(async () => {
    cluster = await TestCluster.start({ config: SECURE });
    // The first user is created by an operator holding the cluster's secret, speaking as node 1.
    const node = new NodeTokenSource(deriveTokenKeys(SECRET), 1);
    const bootstrapAdmin = new Admin({ bootstrap: cluster.bootstrap, securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'OAUTHBEARER', saslOauthBearerToken: () => node.current() });
    await bootstrapAdmin.alterUserScramCredentials(['admin', 'alice', 'bob'].map((user) => ({ type: 'upsert' as const, user, password: `${user}-secret` })));
    await bootstrapAdmin.close();
    // Users reach the brokers through the metadata log: wait until each one can log them in.
    for (const id of cluster.ids) {
      const one = new Admin({ bootstrap: cluster.clientAddress(id), securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'OAUTHBEARER', saslOauthBearerToken: () => node.current() });
      await waitFor(`broker ${id} knows the users`, async () => (await one.describeUserScramCredentials()).length === 3, { timeoutMs: 10_000 });
      await one.close();
    }
    admin = new Admin({ bootstrap: cluster.bootstrap, ...as('admin') });
    await admin.createTopics([
      { name: 'secret', numPartitions: 1, replicationFactor: 3 },
      { name: 'alice.events', numPartitions: 2, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } },
      { name: 'alice.private', numPartitions: 1, replicationFactor: 3 },
    ]);
  }, 90_000);

  /** Waits until every broker applied the ACL changes: they reach brokers through the metadata log. */
  async function aclsEverywhere(count: number): Promise<void> {
    for (const id of cluster.ids) {
      const one = new Admin({ bootstrap: cluster.clientAddress(id), ...as('admin') });
      await waitFor(`broker ${id} knows ${count} ACLs of alice`, async () => (await one.describeAcls({ principal: 'User:alice' })).length === count, { timeoutMs: 10_000 });
      await one.close();
    }
  }

  afterAll(async () => {
    await admin?.close();
    await cluster?.close();
  });

  it('refuses a wrong password, and clients that do not authenticate', async () => {
    const wrong = new Admin({ bootstrap: cluster.bootstrap, ...as('alice', 'not-her-password'), requestTimeoutMs: 5_000 });
    expect(await failure(wrong.listTopics())).toMatchObject({ errorName: 'SASL_AUTHENTICATION_FAILED', message: expect.stringContaining('invalid credentials') });
    await wrong.close();
    const ghost = new Producer({ bootstrap: cluster.bootstrap, ...as('mallory'), maxBlockMs: 5_000 });
    expect((await failure(ghost.send({ topic: 'alice.events', value: 'x' }))).errorName).toBe('SASL_AUTHENTICATION_FAILED');
    await ghost.close();
    const reader = new Consumer({ bootstrap: cluster.bootstrap, ...as('alice', 'guess'), autoOffsetReset: 'earliest' });
    reader.assign([{ topic: 'alice.events', partition: 0 }]);
    expect((await failure(reader.poll(5_000))).errorName).toBe('SASL_AUTHENTICATION_FAILED');
    await reader.close();
    const anonymous = new Admin({ bootstrap: cluster.bootstrap, requestTimeoutMs: 5_000 });
    expect(await failure(anonymous.listTopics())).toMatchObject({ errorName: 'SASL_AUTHENTICATION_FAILED', message: expect.stringContaining('SASL_PLAINTEXT') });
    await anonymous.close();
  });

  it('hides topics a principal may not describe, whether or not they exist, and refuses its writes', async () => {
    const bobAdmin = new Admin({ bootstrap: cluster.bootstrap, ...as('bob') });
    expect(await bobAdmin.listTopics()).toEqual([]);
    for (const topic of ['secret', 'no-such-topic']) {
      expect((await failure(bobAdmin.describeTopics([topic]))).errorName).toBe('TOPIC_AUTHORIZATION_FAILED');
    }
    expect((await failure(bobAdmin.describeConfigs([{ type: 'topic', name: 'secret' }]))).errorName).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect((await failure(bobAdmin.deleteTopics(['secret']))).errorName).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect((await failure(bobAdmin.createTopics([{ name: 'bobs', numPartitions: 1, replicationFactor: 1 }]))).errorName).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect((await failure(bobAdmin.createAcls([acl('User:bob', 'ALL', '*')]))).errorName).toBe('CLUSTER_AUTHORIZATION_FAILED');
    await bobAdmin.close();
    const bobReader = new Consumer({ bootstrap: cluster.bootstrap, ...as('bob'), autoOffsetReset: 'earliest' });
    bobReader.assign([{ topic: 'secret', partition: 0 }]);
    expect((await failure(bobReader.poll(5_000))).errorName).toBe('TOPIC_AUTHORIZATION_FAILED');
    await bobReader.close();
    for (const topic of ['secret', 'no-such-topic']) {
      const producer = new Producer({ bootstrap: cluster.bootstrap, ...as('bob'), maxBlockMs: 5_000 });
      expect((await failure(producer.send({ topic, value: 'x' }))).errorName).toBe('TOPIC_AUTHORIZATION_FAILED');
      await producer.close();
    }
    // A super user needs no ACL for anything.
    expect(await admin.listTopics()).toEqual(expect.arrayContaining(['secret', 'alice.events']));
    const producer = new Producer({ bootstrap: cluster.bootstrap, ...as('admin') });
    await producer.send({ topic: 'secret', key: 'k', value: 'for admins' });
    await producer.close();
    const consumer = new Consumer({ bootstrap: cluster.bootstrap, ...as('admin'), autoOffsetReset: 'earliest' });
    consumer.assign([{ topic: 'secret', partition: 0 }]);
    for await (const r of consumer) {
      expect(r.value?.toString()).toBe('for admins');
      break;
    }
    await consumer.close();
  });

  it('applies prefixed ACLs, lets a DENY win over an ALLOW, and keeps replication and the group coordinator working', async () => {
    await admin.createAcls([
      acl('User:alice', 'WRITE', 'alice.', { patternType: 'PREFIXED' }),
      acl('User:alice', 'READ', '*'),
      acl('User:alice', 'READ', 'alice.private', { permission: 'DENY' }),
      acl('User:alice', 'READ', 'readers', { resourceType: 'GROUP' }),
    ]);
    await aclsEverywhere(4);

    const producer = new Producer({ bootstrap: cluster.bootstrap, ...as('alice') });
    const sent = await Promise.all(Array.from({ length: 20 }, (_, i) => producer.send({ topic: 'alice.events', key: `k${i}`, value: `v${i}` })));
    expect(sent.every((m) => m.offset >= 0)).toBe(true);
    expect((await failure(producer.send({ topic: 'secret', value: 'no' }))).errorName).toBe('TOPIC_AUTHORIZATION_FAILED');
    await producer.send({ topic: 'alice.private', value: 'written, never read' });
    await producer.close();

    // acks=all with min.insync.replicas=2 succeeded, so followers replicated; all three hold the records.
    await waitFor('every replica of alice.events caught up', async () => {
      const logs = await Promise.all(cluster.ids.map((id) => admin.replicaLogs(id)));
      return logs.every((l) => l.filter((x) => x.topic === 'alice.events').reduce((n, x) => n + x.logEndOffset, 0) === 20);
    }, { timeoutMs: 15_000 });

    const member = new Consumer({ bootstrap: cluster.bootstrap, ...as('alice'), groupId: 'readers', autoOffsetReset: 'earliest' });
    member.subscribe(['alice.events']);
    const seen = new Set<string>();
    await waitFor('the group member read every record', async () => {
      for (const r of await member.poll(500)) seen.add(r.value!.toString());
      return seen.size === 20;
    }, { timeoutMs: 30_000 });
    await member.commitSync();
    await member.close();
    expect((await admin.listGroupOffsets('readers')).filter((o) => o.offset >= 0)).toHaveLength(2);

    const denied = new Consumer({ bootstrap: cluster.bootstrap, ...as('alice'), autoOffsetReset: 'earliest' });
    denied.assign([{ topic: 'alice.private', partition: 0 }]);
    expect((await failure(denied.poll(5_000))).errorName).toBe('TOPIC_AUTHORIZATION_FAILED');
    await denied.close();

    const otherGroup = new Consumer({ bootstrap: cluster.bootstrap, ...as('alice'), groupId: 'not-hers', autoOffsetReset: 'earliest' });
    otherGroup.subscribe(['alice.events']);
    expect((await failure(otherGroup.poll(5_000))).errorName).toBe('GROUP_AUTHORIZATION_FAILED');
    await otherGroup.close();
  }, 60_000);

  it('keeps users and ACLs across a restart of every node', async () => {
    for (const id of cluster.ids) await cluster.stop(id);
    for (const id of cluster.ids) cluster.spawn(id);
    await cluster.waitReady();
    const alice = new Producer({ bootstrap: cluster.bootstrap, ...as('alice'), maxBlockMs: 20_000 });
    expect((await alice.send({ topic: 'alice.events', value: 'after the restart' })).offset).toBeGreaterThanOrEqual(0);
    expect((await failure(alice.send({ topic: 'secret', value: 'still no' }))).errorName).toBe('TOPIC_AUTHORIZATION_FAILED');
    await alice.close();
    const bob = new Admin({ bootstrap: cluster.bootstrap, ...as('bob') });
    expect(await bob.listTopics()).toEqual([]);
    await bob.close();
    expect(await admin.describeAcls({ principal: 'User:alice' })).toHaveLength(4);
    expect((await admin.describeUserScramCredentials()).map((u) => u.user)).toEqual(['admin', 'alice', 'bob']);
  }, 90_000);
});
