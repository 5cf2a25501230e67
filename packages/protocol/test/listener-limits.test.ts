import { connect as http2Connect, constants as http2 } from 'node:http2';
import { connect as netConnect, type Socket } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import {
  ConnectionLimit,
  PemFileCertificateProvider,
  RunnelError,
  addService,
  bindServer,
  callUnary,
  createClient,
  createServer,
  shutdownServer,
  tlsClientCredentials,
  tlsServerCredentials,
  unaryHandler,
  type ListenOptions,
  type pb,
} from '../src/index.js';
import { makeDevCerts } from '../../../test/harness/dev-certs.js';
import { waitFor } from '../../../test/harness/processes.js';

function unused(): never {
  throw new Error('not used by this test');
}

const servers: grpc.Server[] = [];

async function metadataServer(channelOptions: grpc.ChannelOptions, listen: ListenOptions = {}): Promise<{ server: grpc.Server; port: number }> {
  const server = createServer(channelOptions);
  addService(server, 'Broker', {
    Metadata: unaryHandler<pb.MetadataRequest__Output, pb.MetadataResponse>(async () => ({ clusterId: 'c', controllerId: 1, brokers: [], topics: [] })),
    Produce: unused,
    Fetch: unused,
    ListOffsets: unused,
    InitProducerId: unused,
  });
  servers.push(server);
  const port = await bindServer(server, '127.0.0.1:0', listen);
  return { server, port };
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = netConnect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())));
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => shutdownServer(s, 500)));
});

describe('listener limits against hostile clients', () => {
  it('max.connections.per.ip: a connection over the limit is closed at once, and room comes back when one closes', async () => {
    const reached: string[] = [];
    const limit = new ConnectionLimit(2, (address) => reached.push(address));
    const { port } = await metadataServer({}, { connectionLimit: limit });
    const a = await open(port);
    const b = await open(port);
    await waitFor('both connections counted', () => limit.openFrom('127.0.0.1') === 2);
    const c = await open(port);
    await closed(c);
    const d = await open(port);
    await closed(d);
    expect(reached).toEqual(['127.0.0.1']);
    expect(a.closed || b.closed).toBe(false);

    a.destroy();
    await waitFor('the closed connection uncounted', () => limit.openFrom('127.0.0.1') === 1);
    // A real client gets through again, on the freed place.
    b.destroy();
    const client = createClient('Broker', `127.0.0.1:${port}`);
    expect((await callUnary(client.metadata.bind(client), { topics: [] }, { timeoutMs: 3_000 })).clusterId).toBe('c');
    client.close();
  });

  it('max.connections.per.ip on a TLS listener: connections are released when they close, failed handshakes included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runnel-limit-tls-'));
    try {
      const certs = makeDevCerts(join(dir, 'ca'), ['server']);
      const other = makeDevCerts(join(dir, 'other'), ['client']);
      const limit = new ConnectionLimit(1);
      const provider = new PemFileCertificateProvider({ keystore: { path: certs.keystore('server') } }, 60_000);
      const { port } = await metadataServer({}, { connectionLimit: limit, credentials: tlsServerCredentials(provider, 'none') });
      const handshakeFails = (): Promise<void> =>
        new Promise((resolve) => {
          const s = tlsConnect({ host: '127.0.0.1', port, servername: 'localhost', ca: readFileSync(other.ca) });
          s.once('error', () => resolve());
          s.once('secureConnect', () => s.destroy());
        });
      for (let i = 0; i < 3; i++) {
        await handshakeFails();
        await waitFor('the failed connection released', () => limit.openFrom('127.0.0.1') === 0);
        const client = createClient('Broker', `localhost:${port}`, { credentials: tlsClientCredentials({ truststore: certs.ca }, { verifyHostname: true }) });
        expect((await callUnary(client.metadata.bind(client), { topics: [] }, { timeoutMs: 3_000 })).clusterId).toBe('c');
        client.close();
        await waitFor('the closed connection released', () => limit.openFrom('127.0.0.1') === 0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('connections.max.idle.ms: a connection without calls is closed by the server', async () => {
    const { port } = await metadataServer({ 'grpc.max_connection_idle_ms': 300 });
    const session = http2Connect(`http://127.0.0.1:${port}`);
    session.on('error', () => {});
    const goaway = new Promise<void>((resolve) => session.once('goaway', () => resolve()));
    const ended = new Promise<void>((resolve) => session.once('close', () => resolve()));
    await Promise.race([Promise.all([goaway, ended]), new Promise((_, reject) => setTimeout(() => reject(new Error('the idle connection was not closed within 5 s')), 5_000))]);
  });

  it('socket.request.max.bytes: a request whose declared size is too large is refused from its length prefix, before its body is read', async () => {
    const { port } = await metadataServer({ 'grpc.max_receive_message_length': 1024 });
    const session = http2Connect(`http://127.0.0.1:${port}`);
    session.on('error', () => {});
    const stream = session.request({
      [http2.HTTP2_HEADER_METHOD]: 'POST',
      [http2.HTTP2_HEADER_PATH]: '/runnel.v1.Broker/Metadata',
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    // The 5-byte gRPC frame header announcing 1 GB, and not one byte of the body after it.
    const header = Buffer.alloc(5);
    header.writeUInt32BE(1_000_000_000, 1);
    stream.write(header);
    const status = await new Promise<string>((resolve, reject) => {
      stream.on('trailers', (trailers) => resolve(String(trailers['grpc-status'])));
      stream.on('response', (headers) => headers['grpc-status'] !== undefined && resolve(String(headers['grpc-status'])));
      setTimeout(() => reject(new Error('no answer within 5 s')), 5_000);
    });
    session.destroy();
    expect(status).toBe('8'); // RESOURCE_EXHAUSTED

    // Through the SDK's path the same limit is MESSAGE_TOO_LARGE.
    const client = createClient('Broker', `127.0.0.1:${port}`);
    const err = await callUnary(client.metadata.bind(client), { topics: ['x'.repeat(2048)] }, { timeoutMs: 3_000 }).catch((e: unknown) => e);
    client.close();
    expect(err).toBeInstanceOf(RunnelError);
    expect((err as RunnelError).errorName).toBe('MESSAGE_TOO_LARGE');
  });
});
