import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Admin, Producer, isRunnelError, type SecurityConfig } from '@runnel/client';
import { TestCluster } from '../harness/cluster.js';
import { makeDevCerts, type DevCerts } from '../harness/dev-certs.js';
import { tempDir, waitFor } from '../harness/processes.js';

/**
 * Mutual TLS with the ACL authorizer: a client is its certificate's principal (Kafka's default
 * principal builder, User:CN=...,O=...), and that is what ACLs match.
 */
describe('ACLs for client certificate principals', () => {
  let cluster: TestCluster;
  let dir: { path: string; remove(): Promise<void> };
  let certs: DevCerts;
  const as = (name: string): SecurityConfig => ({ securityProtocol: 'SSL', sslTruststoreLocation: certs.ca, sslKeystoreLocation: certs.keystore(name) });

  beforeAll(async () => {
    dir = await tempDir('mtls-acl');
    certs = makeDevCerts(join(dir.path, 'ca'), ['node-1', 'node-2', 'node-3', 'admin', 'alice', 'bob']);
    cluster = await TestCluster.start({
      config: {
        'listener.security.protocol.map': 'CLIENT:SSL,CONTROLLER:SSL',
        'ssl.truststore.location': certs.ca,
        'ssl.client.auth': 'required',
        'inter.node.secret': 'integration-test-inter-node-secret-0123456789',
        'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
        'super.users': 'User:CN=admin,O=Runnel Dev',
      },
      nodeConfig: (id) => ({ 'ssl.keystore.location': certs.keystore(`node-${id}`) }),
      clientSecurity: as('admin'),
    });
  }, 90_000);

  afterAll(async () => {
    await cluster?.close();
    await dir?.remove();
  });

  it('lets a certificate principal write where an ACL allows it, and refuses one without an ACL', async () => {
    const admin = new Admin({ bootstrap: cluster.bootstrap, ...as('admin') });
    await admin.createTopics([{ name: 'invoices', numPartitions: 1, replicationFactor: 3 }]);
    await admin.createAcls([
      { resourceType: 'TOPIC', resourceName: 'invoices', patternType: 'LITERAL', principal: 'User:CN=alice,O=Runnel Dev', host: '*', operation: 'WRITE', permission: 'ALLOW' },
    ]);
    // ACLs reach every broker through the metadata log.
    for (const id of cluster.ids) {
      const one = new Admin({ bootstrap: cluster.clientAddress(id), ...as('admin') });
      await waitFor(`broker ${id} knows alice's ACLs`, async () => (await one.describeAcls({ principal: 'User:CN=alice,O=Runnel Dev' })).length === 1, { timeoutMs: 10_000 });
      await one.close();
    }
    await admin.close();

    const alice = new Producer({ bootstrap: cluster.bootstrap, ...as('alice') });
    const written = await alice.send({ topic: 'invoices', value: 'from alice' });
    expect(written.offset).toBe(0);
    await alice.close();

    const bob = new Producer({ bootstrap: cluster.bootstrap, ...as('bob'), maxBlockMs: 5_000 });
    const err = await bob.send({ topic: 'invoices', value: 'from bob' }).then(() => null, (e: unknown) => e);
    await bob.close();
    expect(isRunnelError(err) && err.errorName).toBe('TOPIC_AUTHORIZATION_FAILED');
  }, 60_000);
});
