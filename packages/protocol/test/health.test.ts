import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { waitFor } from '../../../test/harness/processes.js';
import { HealthImplementation, bindServer, checkHealth, createServer, shutdownServer } from '../src/index.js';

interface HealthClient extends grpc.Client {
  check(request: { service: string }, options: grpc.CallOptions, callback: grpc.requestCallback<{ status: string }>): grpc.ClientUnaryCall;
  watch(request: { service: string }, options?: grpc.CallOptions): grpc.ClientReadableStream<{ status: string }>;
}
const HealthClientCtor = grpc.makeGenericClientConstructor(healthService as grpc.ServiceDefinition, 'Health') as unknown as new (a: string, c: grpc.ChannelCredentials) => HealthClient;

describe('the health service', () => {
  let server: grpc.Server;
  let address: string;
  const health = new HealthImplementation({ '': 'SERVING' });

  beforeAll(async () => {
    server = createServer();
    health.addToServer(server);
    address = `127.0.0.1:${await bindServer(server, '127.0.0.1:0')}`;
  });

  afterAll(async () => {
    await shutdownServer(server, 500);
  });

  const check = (client: HealthClient, service: string): Promise<grpc.ServiceError | { status: string }> =>
    new Promise((resolve) => client.check({ service }, { deadline: Date.now() + 3_000 }, (err, res) => resolve(err ?? res!)));

  it('refuses a huge service name instead of echoing it into a trailer that breaks the caller\'s connection', async () => {
    const client = new HealthClientCtor(address, grpc.credentials.createInsecure());
    const refused = (await check(client, 'x'.repeat(100_000))) as grpc.ServiceError;
    expect(refused.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(refused.details).toBe('service name is 100000 characters long; the limit is 256');
    // The same connection still carries calls.
    expect(await check(client, '')).toEqual({ status: 'SERVING' });
    expect(((await check(client, 'other')) as grpc.ServiceError).code).toBe(grpc.status.NOT_FOUND);
    client.close();
    expect(await checkHealth(address)).toBe('SERVING');
  });

  it('forgets a watched service name once its watch ends', async () => {
    const client = new HealthClientCtor(address, grpc.credentials.createInsecure());
    const calls = Array.from({ length: 20 }, (_, i) => client.watch({ service: `unknown-${i}` }));
    await Promise.all(calls.map((c) => new Promise((resolve) => c.once('data', resolve))));
    expect(health.watchedServices).toBe(20);
    for (const c of calls) {
      c.on('error', () => undefined);
      c.cancel();
    }
    await waitFor('every cancelled watch forgotten', () => health.watchedServices === 0, { timeoutMs: 3_000, intervalMs: 20 });
    expect(health.watchedServices).toBe(0);
    client.close();
  });
});
