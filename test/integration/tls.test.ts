import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Admin, Consumer, Producer, RunnelError } from '@runnel/client';
import { TestCluster } from '../harness/cluster.js';
import { makeDevCerts, type DevCerts } from '../harness/dev-certs.js';
import { tempDir, waitFor } from '../harness/processes.js';
import { runCli } from '../cli/run-cli.js';

/**
 * A three-node cluster with TLS on every listener and client certificates required: clients
 * and nodes alike get in only with a certificate from the cluster's CA, and certificates
 * replaced on disk are used without a restart.
 */
describe('a cluster with mutual TLS on every listener', () => {
  let cluster: TestCluster;
  let dir: { path: string; remove(): Promise<void> };
  let certs: DevCerts;
  let rogue: DevCerts;
  /** The file node `id` is configured with; tests replace its contents. */
  const keystore = (id: number): string => join(dir.path, `node-${id}.pem`);

  beforeAll(async () => {
    dir = await tempDir('tls');
    certs = makeDevCerts(join(dir.path, 'ca'), ['node-1', 'node-2', 'node-3', 'client']);
    rogue = makeDevCerts(join(dir.path, 'rogue'), ['node-3', 'client']);
    for (const id of [1, 2, 3]) copyFileSync(certs.keystore(`node-${id}`), keystore(id));
    cluster = await TestCluster.start({
      config: {
        'listener.security.protocol.map': 'CLIENT:SSL,CONTROLLER:SSL',
        'ssl.truststore.location': certs.ca,
        'ssl.client.auth': 'required',
        'ssl.reload.interval.ms': '100',
      },
      nodeConfig: (id) => ({ 'ssl.keystore.location': keystore(id) }),
      clientSecurity: { securityProtocol: 'SSL', sslTruststoreLocation: certs.ca, sslKeystoreLocation: certs.keystore('client') },
    });
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
    await dir?.remove();
  });

  it('produces and consumes over TLS, replicated to every node', async () => {
    const admin = new Admin({ bootstrap: cluster.bootstrap, ...cluster.clientSecurity });
    await admin.createTopics([{ name: 'secure', numPartitions: 2, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }]);
    await admin.close();
    const producer = new Producer({ bootstrap: cluster.bootstrap, ...cluster.clientSecurity });
    await Promise.all(Array.from({ length: 20 }, (_, i) => producer.send({ topic: 'secure', key: `k${i}`, value: `v${i}` })));
    await producer.close();
    for (const partition of [0, 1]) await cluster.waitForPartition('secure', partition, 'all three replicas in sync', (v) => v.isr.length === 3);
    const consumer = new Consumer({ bootstrap: cluster.bootstrap, autoOffsetReset: 'earliest', ...cluster.clientSecurity });
    consumer.assign([0, 1].map((partition) => ({ topic: 'secure', partition })));
    const seen = new Set<string>();
    for await (const r of consumer) {
      seen.add(r.value!.toString());
      if (seen.size === 20) break;
    }
    await consumer.close();
    expect(seen.size).toBe(20);
  }, 30_000);

  it('refuses a client without a certificate, and a client that trusts another CA', async () => {
    const attempt = async (security: ConstructorParameters<typeof Admin>[0]): Promise<RunnelError> => {
      const admin = new Admin({ ...security, requestTimeoutMs: 3_000 });
      const err = await admin.listTopics().then(() => null, (e: unknown) => e);
      await admin.close();
      expect(err).toBeInstanceOf(RunnelError);
      return err as RunnelError;
    };
    expect((await attempt({ bootstrap: cluster.bootstrap, securityProtocol: 'SSL', sslTruststoreLocation: certs.ca })).errorName).toBe('NETWORK_EXCEPTION');
    const wrongCa = await attempt({ bootstrap: cluster.bootstrap, securityProtocol: 'SSL', sslTruststoreLocation: rogue.ca, sslKeystoreLocation: rogue.keystore('client') });
    expect(wrongCa.message).toMatch(/certificate/);
    expect((await attempt({ bootstrap: cluster.bootstrap })).errorName).toBe('NETWORK_EXCEPTION');
  }, 30_000);

  it('the CLI reaches the cluster with --command-config, and says what is wrong without it', async () => {
    const config = join(dir.path, 'client.properties');
    writeFileSync(config, `security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=${certs.ca}\nssl.keystore.location=${certs.keystore('client')}\n`);
    const echo = await runCli(['produce', 'secure', '--bootstrap', cluster.bootstrap, '--command-config', config], { input: 'over-tls\n' });
    expect(echo.stderr).not.toMatch(/runnel:|DEP0123/);
    expect(echo.code).toBe(0);
    const listed = await runCli(['topics', 'list', '--bootstrap', cluster.bootstrap], { env: { RUNNEL_COMMAND_CONFIG: config } });
    expect(listed.stdout.split('\n')).toContain('secure');

    const plain = await runCli(['topics', 'list', '--bootstrap', cluster.bootstrap]);
    expect(plain.code).not.toBe(0);
    expect(plain.stderr).toContain('a TLS cluster also needs --command-config with security.protocol=SSL');
    const noCert = join(dir.path, 'no-cert.properties');
    writeFileSync(noCert, `security.protocol=SSL\nssl.truststore.location=${rogue.ca}\n`);
    const untrusted = await runCli(['topics', 'list', '--bootstrap', cluster.bootstrap, '--command-config', noCert]);
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr.trim()).toMatch(/^runnel: NETWORK_EXCEPTION: no broker at \S+ completed a TLS connection: .*self-signed certificate in certificate chain \(check --command-config/);
    writeFileSync(noCert, `security.protocol=SSL\nssl.truststore.location=${certs.ca}\n`);
    const anonymous = await runCli(['topics', 'list', '--bootstrap', cluster.bootstrap, '--command-config', noCert]);
    expect(anonymous.stderr.trim()).toMatch(/^runnel: NETWORK_EXCEPTION: no broker at \S+ completed a TLS connection: .*alert certificate required/);
    const unknown = join(dir.path, 'unknown.properties');
    writeFileSync(unknown, 'security.protocol=SSL\nssl.protocol=TLSv1.3\n');
    const refused = await runCli(['topics', 'list', '--bootstrap', cluster.bootstrap, '--command-config', unknown]);
    expect(refused.stderr.trim()).toBe(`runnel: INVALID_CONFIG: ${unknown}:2: unknown client property ssl.protocol (known: security.protocol, ssl.truststore.location, ssl.keystore.location, ssl.key.password, ssl.endpoint.identification.algorithm, ssl.truststore.type, ssl.keystore.type, sasl.mechanism, sasl.username, sasl.password, sasl.jaas.config)`);
  }, 60_000);

  it('keeps out a node whose certificate comes from another CA, and lets it back in once its own is on disk again', async () => {
    await cluster.stop(3);
    copyFileSync(rogue.keystore('node-3'), keystore(3));
    const node = cluster.spawn(3);
    // It trusts the cluster's CA, but the others do not trust its certificate: no leader reaches
    // it and it reaches no one, so it stays out of the quorum and cannot register.
    await node.waitForLine(/raft role is now precandidate/, 20_000);
    // The quorum leader, dialling it, says why.
    await waitFor('a TLS warning about node 3 from the quorum leader', () =>
      [1, 2].some((id) => cluster.logs(id).some((l) => l.includes('raft stream to peer failed its TLS handshake') && l.includes('"peer":3') && l.includes('unable to verify the first certificate'))));
    const admin = new Admin({ bootstrap: cluster.clientAddress(1), ...cluster.clientSecurity });
    await admin.createTopics([{ name: 'while-out', numPartitions: 1, replicationFactor: 2, configs: {} }]);
    await admin.close();
    await cluster.waitForPartition('while-out', 0, 'created, on nodes 1 and 2', (v) => v.isr.length === 2, { via: [1, 2] });
    await cluster.waitForPartition('secure', 0, 'node 3 out of the ISR', (v) => !v.isr.includes(3), { via: [1, 2] });
    expect((await fetch(`${cluster.httpUrl(3)}/readyz`)).status).toBe(503);
    expect(node.lines.some((l) => l.includes('registered with the controller'))).toBe(false);

    // Its own certificate back on disk, picked up without a restart: it registers and catches up.
    copyFileSync(certs.keystore('node-3'), keystore(3));
    await cluster.waitReady([3], 30_000);
    for (const partition of [0, 1]) await cluster.waitForPartition('secure', partition, 'node 3 back in the ISR', (v) => v.isr.includes(3), { timeoutMs: 30_000 });
    expect(cluster.logs(3).some((l) => l.includes('TLS key or trust store changed'))).toBe(true);
  }, 90_000);

  it('serves a certificate replaced on disk to new connections without a restart', async () => {
    const port = Number(cluster.clientAddress(1).split(':')[1]);
    const servedSerial = (): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = tlsConnect(
          { host: '127.0.0.1', port, servername: 'localhost', ca: readFileSync(certs.ca), key: readFileSync(join(certs.dir, 'client.key')), cert: readFileSync(join(certs.dir, 'client.crt')), ALPNProtocols: ['h2'] },
          () => {
            resolve(socket.getPeerCertificate().serialNumber);
            socket.destroy();
          },
        );
        socket.once('error', reject);
      });
    const before = new X509Certificate(readFileSync(keystore(1))).serialNumber;
    expect(await servedSerial()).toBe(before);
    certs.issue('node-1');
    copyFileSync(certs.keystore('node-1'), keystore(1));
    const after = new X509Certificate(readFileSync(keystore(1))).serialNumber;
    expect(after).not.toBe(before);
    await waitFor('node 1 to serve its new certificate', async () => (await servedSerial()) === after, { timeoutMs: 10_000 });
    // The node is still the same process, and clients still get in.
    const admin = new Admin({ bootstrap: cluster.clientAddress(1), ...cluster.clientSecurity });
    expect(await admin.listTopics()).toContain('secure');
    await admin.close();
  }, 30_000);
});
