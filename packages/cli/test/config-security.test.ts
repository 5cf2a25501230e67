import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, problems } from './config-fixture.js';
import { SERVER_CONFIG_DEFS } from '../src/config/server-schema.js';
import { makeDevCerts, type DevCerts } from '../../../test/harness/dev-certs.js';

const COMBINED = {
  'node.id': '1',
  'process.roles': 'broker,controller',
  'controller.quorum.voters': '1@127.0.0.1:9093',
  listeners: 'CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
};

describe('TLS and connection limit configuration', () => {
  let dir: string;
  let certs: DevCerts;
  let ssl: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'runnel-config-tls-'));
    certs = makeDevCerts(join(dir, 'ca'), ['node']);
    ssl = {
      ...COMBINED,
      'listener.security.protocol.map': 'CLIENT:SSL,CONTROLLER:SSL',
      'ssl.keystore.location': certs.keystore('node'),
      'ssl.truststore.location': certs.ca,
    };
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every new key a type, a default and a description', () => {
    for (const name of ['listener.security.protocol.map', 'ssl.keystore.type', 'ssl.keystore.location', 'ssl.key.password', 'ssl.truststore.type', 'ssl.truststore.location', 'ssl.client.auth', 'ssl.endpoint.identification.algorithm', 'ssl.reload.interval.ms', 'max.connections.per.ip', 'connections.max.idle.ms']) {
      const def = SERVER_CONFIG_DEFS.find((d) => d.name === name);
      expect(def, name).toBeDefined();
      expect(def!.description.length).toBeGreaterThan(20);
    }
  });

  it('is plaintext everywhere by default, with Kafka\'s limits', () => {
    const config = load(COMBINED);
    expect(config.security.protocols).toEqual({ CLIENT: 'PLAINTEXT', CONTROLLER: 'PLAINTEXT' });
    expect(config.security.clientAuth).toBe('none');
    expect(config.broker).toMatchObject({ socketRequestMaxBytes: 104857600, maxConnectionsPerIp: 2147483647, connectionsMaxIdleMs: 600000 });
  });

  it('takes SSL listeners with PEM key and trust stores and mutual TLS', () => {
    const config = load({ ...ssl, 'ssl.client.auth': 'required', 'max.connections.per.ip': '100', 'connections.max.idle.ms': '30000' });
    expect(config.security).toMatchObject({
      protocols: { CLIENT: 'SSL', CONTROLLER: 'SSL' },
      keystore: { path: certs.keystore('node') },
      truststore: certs.ca,
      clientAuth: 'required',
      verifyHostname: true,
    });
    expect(config.broker).toMatchObject({ maxConnectionsPerIp: 100, connectionsMaxIdleMs: 30000 });
  });

  it('reports each problem on its own line: unmapped listener, unknown protocol, missing or unreadable files', () => {
    expect(problems({ ...COMBINED, 'listener.security.protocol.map': 'CLIENT:SSL' })).toEqual([
      'node.properties:5: listener.security.protocol.map = "CLIENT:SSL": no protocol for listener CONTROLLER: add CONTROLLER:SSL (or :PLAINTEXT)',
    ]);
    expect(problems({ ...COMBINED, 'listener.security.protocol.map': 'CLIENT:SASL_SSL,CONTROLLER:TLS' })).toEqual([
      'node.properties:5: listener.security.protocol.map = "CLIENT:SASL_SSL,CONTROLLER:TLS": CONTROLLER: unknown security protocol "TLS" (expected PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL)',
    ]);
    expect(problems({ ...COMBINED, 'listener.security.protocol.map': 'CLIENT:SSL,CONTROLLER:PLAINTEXT' })).toEqual([
      'default: ssl.keystore.location = "": unset, but listener CLIENT uses SSL: name the PEM file with this node\'s private key and certificate chain (scripts/make-dev-certs.sh makes one for development)',
    ]);
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'not a certificate\n');
    const missing = join(dir, 'missing.pem');
    expect(problems({ ...ssl, 'ssl.keystore.location': missing, 'ssl.truststore.location': notPem })).toEqual([
      `node.properties:6: ssl.keystore.location = "${missing}": cannot be read (no such file)`,
      `node.properties:7: ssl.truststore.location = "${notPem}": holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    ]);
    expect(problems({ ...ssl, 'ssl.keystore.type': 'JKS', 'ssl.endpoint.identification.algorithm': 'ldap' })).toEqual([
      'node.properties:8: ssl.keystore.type = "JKS": only PEM files are read: convert the store to one PEM file of the private key and certificate chain (openssl pkcs12 -nodes reads PKCS12; keytool -importkeystore turns JKS into PKCS12) and set ssl.keystore.type=PEM',
      'node.properties:9: ssl.endpoint.identification.algorithm = "ldap": expected https, or an empty value to skip the host name check',
    ]);
  });

  it('needs the protocol of the controller listener a broker-only node dials', () => {
    const broker = { 'node.id': '4', 'process.roles': 'broker', 'controller.quorum.voters': '1@127.0.0.1:9093', listeners: 'CLIENT://127.0.0.1:9092' };
    expect(problems({ ...broker, 'listener.security.protocol.map': 'CLIENT:SSL', 'ssl.keystore.location': certs.keystore('node') })).toEqual([
      'node.properties:5: listener.security.protocol.map = "CLIENT:SSL": no protocol for listener CONTROLLER: add CONTROLLER:SSL (or :PLAINTEXT)',
    ]);
    const config = load({ ...broker, 'listener.security.protocol.map': 'CLIENT:SSL,CONTROLLER:SSL', 'ssl.keystore.location': certs.keystore('node'), 'ssl.truststore.location': certs.ca });
    expect(config.security.protocols).toEqual({ CLIENT: 'SSL', CONTROLLER: 'SSL' });
  });

  it('warns about TLS files set while no listener uses SSL', () => {
    const config = load({ ...COMBINED, 'ssl.keystore.location': certs.keystore('node') });
    expect(config.warnings).toEqual(['node.properties:5: ssl.keystore.location is set, but no listener uses SSL (see listener.security.protocol.map)']);
  });
});
