import { mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import {
  PemFileCertificateProvider,
  RunnelError,
  addService,
  bindServer,
  callUnary,
  createClient,
  createServer,
  principalFromCall,
  readPemKeystore,
  readPemTruststore,
  shutdownServer,
  tlsFailureReason,
  tlsChannelCredentials,
  tlsClientCredentials,
  tlsServerCredentials,
  unaryHandler,
  type ClientAuth,
  type pb,
} from '../src/index.js';
import { makeDevCerts, type DevCerts } from '../../../test/harness/dev-certs.js';
import { waitFor } from '../../../test/harness/processes.js';

function unused(): never {
  throw new Error('not used by this test');
}

/** A Broker service whose Metadata answers with the caller's principal as the cluster id. */
async function principalServer(credentials?: grpc.ServerCredentials): Promise<{ server: grpc.Server; address: string }> {
  const server = createServer();
  addService(server, 'Broker', {
    Metadata: unaryHandler<pb.MetadataRequest__Output, pb.MetadataResponse>(async (_request, call) => ({ clusterId: principalFromCall(call), controllerId: 1, brokers: [], topics: [] })),
    Produce: unused,
    Fetch: unused,
    ListOffsets: unused,
    InitProducerId: unused,
  });
  const port = await bindServer(server, '127.0.0.1:0', credentials ? { credentials } : {});
  return { server, address: `127.0.0.1:${port}` };
}

async function whoAmI(address: string, credentials?: grpc.ChannelCredentials): Promise<string> {
  const client = createClient('Broker', address, credentials ? { credentials } : {});
  try {
    return (await callUnary(client.metadata.bind(client), { topics: [] }, { timeoutMs: 3_000 })).clusterId;
  } finally {
    client.close();
  }
}

async function failure(p: Promise<unknown>): Promise<RunnelError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(RunnelError);
  return err as RunnelError;
}

describe('TLS listeners', () => {
  let dir: string;
  let good: DevCerts;
  let rogue: DevCerts;
  const servers: grpc.Server[] = [];
  const trusting = (certs: DevCerts, name?: string): grpc.ChannelCredentials =>
    tlsClientCredentials({ truststore: certs.ca, ...(name ? { keystore: { path: certs.keystore(name) } } : {}) }, { verifyHostname: true });

  async function tlsServer(clientAuth: ClientAuth, provider?: PemFileCertificateProvider): Promise<string> {
    const p = provider ?? new PemFileCertificateProvider({ keystore: { path: good.keystore('server') }, truststore: good.ca }, 60_000);
    const { server, address } = await principalServer(tlsServerCredentials(p, clientAuth));
    servers.push(server);
    return address;
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'runnel-tls-'));
    good = makeDevCerts(join(dir, 'good'), ['server', 'client']);
    rogue = makeDevCerts(join(dir, 'rogue'), ['client']);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => shutdownServer(s, 500)));
    rmSync(dir, { recursive: true, force: true });
  });

  it('with ssl.client.auth=required, names a verified client by its certificate and refuses the others', async () => {
    const address = await tlsServer('required');
    expect(await whoAmI(address, trusting(good, 'client'))).toBe('User:CN=client,O=Runnel Dev');
    const noCert = await failure(whoAmI(address, trusting(good)));
    expect(noCert.errorName).toBe('NETWORK_EXCEPTION');
    const foreignCert = await failure(whoAmI(address, tlsClientCredentials({ truststore: good.ca, keystore: { path: rogue.keystore('client') } }, { verifyHostname: true })));
    expect(foreignCert.errorName).toBe('NETWORK_EXCEPTION');
  });

  it('a client trusting another CA does not accept the server', async () => {
    const address = await tlsServer('none');
    const err = await failure(whoAmI(address, trusting(rogue)));
    expect(err.message).toMatch(/certificate/i);
    // Plaintext against a TLS listener gets nowhere either.
    expect((await failure(whoAmI(address))).errorName).toBe('NETWORK_EXCEPTION');
  });

  it('with requested, a client may come without a certificate and is anonymous', async () => {
    const address = await tlsServer('requested');
    expect(await whoAmI(address, trusting(good))).toBe('User:ANONYMOUS');
    expect(await whoAmI(address, trusting(good, 'client'))).toBe('User:CN=client,O=Runnel Dev');
  });

  it('with none, no certificate is asked for, so every client is anonymous', async () => {
    const address = await tlsServer('none');
    expect(await whoAmI(address, trusting(good, 'client'))).toBe('User:ANONYMOUS');
    expect(await whoAmI(address, trusting(good))).toBe('User:ANONYMOUS');
  });

  it('a plaintext listener has only anonymous callers', async () => {
    const { server, address } = await principalServer();
    servers.push(server);
    expect(await whoAmI(address)).toBe('User:ANONYMOUS');
  });

  it('node-to-node credentials present the node certificate from the provider', async () => {
    const address = await tlsServer('required');
    const node = new PemFileCertificateProvider({ keystore: { path: good.keystore('client') }, truststore: good.ca }, 60_000);
    expect(await whoAmI(address, tlsChannelCredentials(node, { verifyHostname: true }))).toBe('User:CN=client,O=Runnel Dev');
  });

  it('serves a replaced certificate to new connections without a restart, and ignores a broken replacement', async () => {
    const certs = makeDevCerts(join(dir, 'reload'), ['server']);
    const failures: RunnelError[] = [];
    const reloaded: string[] = [];
    const provider = new PemFileCertificateProvider({ keystore: { path: certs.keystore('server') }, truststore: certs.ca }, 50, {
      onReload: (cert) => reloaded.push(cert!.serialNumber),
      onReloadFailed: (err) => failures.push(err),
    });
    const address = await tlsServer('none', provider);
    const port = Number(address.split(':')[1]);
    const servedSerial = (): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = tlsConnect({ host: '127.0.0.1', port, ca: readFileSync(certs.ca), servername: 'localhost', ALPNProtocols: ['h2'] }, () => {
          resolve(socket.getPeerCertificate().serialNumber);
          socket.destroy();
        });
        socket.once('error', reject);
      });
    const serialOf = (path: string): string => new X509Certificate(readFileSync(path)).serialNumber;

    const first = serialOf(certs.keystore('server'));
    expect(await servedSerial()).toBe(first);

    // A half-written file is refused and the certificate in use stays.
    writeFileSync(`${certs.keystore('server')}.tmp`, readFileSync(certs.keystore('server'), 'utf8').slice(0, 300));
    renameSync(`${certs.keystore('server')}.tmp`, certs.keystore('server'));
    await waitFor('the broken file to be reported', () => failures.length > 0, { timeoutMs: 5_000 });
    expect(failures[0]!.message).toContain(certs.keystore('server'));
    expect(await servedSerial()).toBe(first);

    certs.issue('server');
    const second = serialOf(certs.keystore('server'));
    expect(second).not.toBe(first);
    await waitFor('the new certificate to be served', async () => (await servedSerial()) === second, { timeoutMs: 5_000 });
    expect(reloaded).toEqual([second]);
    expect(await whoAmI(address, trusting(certs))).toBe('User:ANONYMOUS');
  });
});

describe('tlsFailureReason', () => {
  it('picks TLS problems out of grpc-js connection errors, without timestamps and notes', () => {
    expect(tlsFailureReason('No connection established. Last error: Error: self-signed certificate in certificate chain. Resolution note: ')).toBe(
      'No connection established. Last error: Error: self-signed certificate in certificate chain',
    );
    expect(tlsFailureReason('No connection established. Last error: 80:error:0A00045C:SSL routines::tlsv13 alert certificate required:SSL alert number 116\n (2026-12-04T17:58:47.693Z). Resolution note: ')).toBe(
      'No connection established. Last error: 80:error:0A00045C:SSL routines::tlsv13 alert certificate required:SSL alert number 116',
    );
    expect(tlsFailureReason('No connection established. Last error: connect ECONNREFUSED 127.0.0.1:9092 (2026-12-04T17:58:47.699Z). Resolution note: ')).toBeUndefined();
  });
});

describe('PEM files', () => {
  let dir: string;
  let certs: DevCerts;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'runnel-pem-'));
    certs = makeDevCerts(join(dir, 'ca'), ['node', 'other']);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const problem = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(RunnelError);
      expect((err as RunnelError).errorName).toBe('INVALID_CONFIG');
      return (err as RunnelError).message;
    }
    throw new Error('expected a problem');
  };

  it('reads a keystore: the key unencrypted, the chain leaf first', () => {
    const identity = readPemKeystore(certs.keystore('node'));
    expect(identity.leaf.subject).toContain('CN=node');
    expect(identity.key.toString()).toContain('-----BEGIN PRIVATE KEY-----');
    expect(readPemTruststore(certs.ca).toString()).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('names the file and what is wrong with it, in one line', () => {
    const missing = join(dir, 'missing.pem');
    expect(problem(() => readPemKeystore(missing, undefined, 'ssl.keystore.location'))).toBe(`ssl.keystore.location ${missing}: cannot be read (no such file)`);
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello\n');
    expect(problem(() => readPemTruststore(notPem))).toBe(`truststore ${notPem}: holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    expect(problem(() => readPemKeystore(certs.ca))).toContain('holds no PEM private key');
    const mismatched = join(dir, 'mismatched.pem');
    writeFileSync(mismatched, readFileSync(join(certs.dir, 'other.key'), 'utf8') + readFileSync(join(certs.dir, 'node.crt'), 'utf8'));
    expect(problem(() => readPemKeystore(mismatched))).toContain('the private key does not belong to the first certificate "O=Runnel Dev, CN=node"');
    const garbled = join(dir, 'garbled.pem');
    writeFileSync(garbled, readFileSync(certs.keystore('node'), 'utf8').replace(/(-----BEGIN CERTIFICATE-----\n)..../, '$1AAAA'));
    expect(problem(() => readPemKeystore(garbled))).toMatch(/certificate 1 is not a valid X.509 certificate/);
    expect(problem(() => new PemFileCertificateProvider({ keystore: { path: missing } }, 1000))).toContain('cannot be read');
  });

  it('decrypts an encrypted key with its password, and says when the password is missing or wrong', async () => {
    const { createPrivateKey } = await import('node:crypto');
    const key = createPrivateKey(readFileSync(join(certs.dir, 'node.key'))).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' });
    const encrypted = join(dir, 'encrypted.pem');
    writeFileSync(encrypted, `${key.toString()}${readFileSync(join(certs.dir, 'node.crt'), 'utf8')}`);
    expect(readPemKeystore(encrypted, 'secret').key.toString()).toContain('-----BEGIN PRIVATE KEY-----');
    expect(problem(() => readPemKeystore(encrypted))).toContain('the private key is encrypted and no password is given');
    expect(problem(() => readPemKeystore(encrypted, 'wrong'))).toContain('cannot be decrypted with the password given');
  });
});
