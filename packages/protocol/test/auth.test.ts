import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import {
  NodeTokenSource, RunnelError, addService, authenticatedHandlers, bearerInterceptor, bearerToken, bindServer, callHost, callPrincipal,
  callUnary, createClient, createServer, deriveTokenKeys, isRunnelError, shutdownServer, signToken, unaryHandler, verifyToken,
  type HandlersOf, type pb,
} from '../src/index.js';

const keys = deriveTokenKeys('a-cluster-secret-of-at-least-32-characters');

describe('bearer tokens', () => {
  it('verify with their own key only, until they expire', () => {
    const now = Date.now();
    const token = signToken(keys.session, { iss: 'runnel-session', sub: 'alice', iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 60 });
    expect(verifyToken(keys.session, token, now).sub).toBe('alice');
    expect(() => verifyToken(keys.node, token, now)).toThrow(/invalid signature/);
    expect(() => verifyToken(keys.session, token, now + 61_000)).toThrow(/expired/);
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ iss: 'runnel-session', sub: 'admin', iat: 0, exp: 9e9 })).toString('base64url');
    expect(() => verifyToken(keys.session, `${h}.${forged}.${s}`, now)).toThrow(/invalid signature/);
    expect(() => verifyToken(keys.session, `${h}.${p}`, now)).toThrow(/not an HS256 JWT/);
    expect(() => verifyToken(deriveTokenKeys('another-cluster-secret-of-32-characters!').session, token, now)).toThrow(/invalid signature/);
  });

  it('are minted by a node for itself and renewed before they expire', () => {
    let now = 1_000_000_000_000;
    const source = new NodeTokenSource(keys, 3, 60_000, () => now);
    const first = source.current();
    expect(verifyToken(keys.node, first, now)).toMatchObject({ iss: 'runnel-node', sub: '3' });
    now += 29_000;
    expect(source.current()).toBe(first);
    now += 2_000;
    const second = source.current();
    expect(second).not.toBe(first);
    expect(verifyToken(keys.node, second, now + 40_000).sub).toBe('3');
  });
});

describe('authenticated services', () => {
  let server: grpc.Server;
  let port: number;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer();
    const handlers = {
      Metadata: unaryHandler<pb.MetadataRequest__Output, pb.MetadataResponse>(async (_req, call) => {
        seen.push(`${callPrincipal(call)}@${callHost(call)}`);
        return { clusterId: callPrincipal(call), controllerId: 1, brokers: [], topics: [] };
      }),
      Fetch: (call: grpc.ServerDuplexStream<pb.FetchRequest__Output, pb.FetchResponse>) => {
        call.on('data', (req: pb.FetchRequest__Output) => call.write({ correlationId: req.correlationId, errorCode: 0, errorMessage: callPrincipal(call), topics: [] }));
        call.on('end', () => call.end());
      },
    } as unknown as HandlersOf<'Broker'>;
    addService(server, 'Broker', authenticatedHandlers('Broker', handlers, (call) => {
      const token = bearerToken(call.metadata);
      if (token === 'good') return 'User:alice';
      throw new RunnelError('SASL_AUTHENTICATION_FAILED', token ? 'bad token' : 'no token');
    }));
    port = await bindServer(server, '127.0.0.1:0');
  });

  afterAll(async () => {
    await shutdownServer(server, 1000);
  });

  it('hand the principal to unary handlers and refuse calls without a valid token', async () => {
    const good = createClient('Broker', `127.0.0.1:${port}`, { interceptors: [bearerInterceptor(() => 'good')] });
    const r = await callUnary(good.metadata.bind(good), { topics: [], includeInternal: false });
    expect(r.clusterId).toBe('User:alice');
    expect(seen).toContain('User:alice@127.0.0.1');
    const none = createClient('Broker', `127.0.0.1:${port}`);
    await expect(callUnary(none.metadata.bind(none), { topics: [], includeInternal: false })).rejects.toMatchObject({ errorName: 'SASL_AUTHENTICATION_FAILED', message: 'no token' });
    const bad = createClient('Broker', `127.0.0.1:${port}`, { interceptors: [bearerInterceptor(async () => 'bad')] });
    await expect(callUnary(bad.metadata.bind(bad), { topics: [], includeInternal: false })).rejects.toMatchObject({ errorName: 'SASL_AUTHENTICATION_FAILED', message: 'bad token' });
    for (const c of [good, none, bad]) c.close();
  });

  it('fail a call whose token cannot be had with that error, without sending it', async () => {
    const before = seen.length;
    const client = createClient('Broker', `127.0.0.1:${port}`, {
      interceptors: [bearerInterceptor(() => Promise.reject(new RunnelError('SASL_AUTHENTICATION_FAILED', 'wrong password')))],
    });
    const err = await callUnary(client.metadata.bind(client), { topics: [], includeInternal: false }).catch((e: unknown) => e);
    expect(isRunnelError(err, 'SASL_AUTHENTICATION_FAILED')).toBe(true);
    expect((err as Error).message).toBe('wrong password');
    expect(seen.length).toBe(before);
    client.close();
  });

  it('authenticate a stream once, when it opens', async () => {
    const client = createClient('Broker', `127.0.0.1:${port}`, { interceptors: [bearerInterceptor(async () => 'good')] });
    const stream = client.fetch();
    const answer = new Promise<pb.FetchResponse__Output>((resolve) => stream.once('data', resolve));
    stream.write({ correlationId: 7, topics: [] });
    expect((await answer).errorMessage).toBe('User:alice');
    stream.end();
    const refused = createClient('Broker', `127.0.0.1:${port}`).fetch();
    const status = await new Promise<grpc.ServiceError>((resolve) => refused.on('error', resolve));
    expect(status.metadata.get('runnel-error-name')[0]).toBe('SASL_AUTHENTICATION_FAILED');
    client.close();
  });
});
