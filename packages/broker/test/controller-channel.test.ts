import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { RunnelError, addService, bindServer, createServer, shutdownServer, toServiceError, type HandlersOf } from '@runnel/protocol';
import { ControllerChannel } from '../src/metadata/controller-channel.js';

const logger = pino({ level: 'silent' });
const servers: ReturnType<typeof createServer>[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => shutdownServer(s, 500)));
});

/** A controller serving DescribeQuorum only: `answer` is its leader id, or a NOT_CONTROLLER error. */
async function fakeController(answer: () => number | RunnelError): Promise<string> {
  const server = createServer();
  addService(server, 'Controller', {
    DescribeQuorum: (_call, callback) => {
      const a = answer();
      if (a instanceof RunnelError) callback(toServiceError(a));
      else callback(null, { errorCode: 0, errorMessage: '', leaderId: a, leaderEpoch: 1, highWatermark: 0, voters: [], observers: [] });
    },
  } as Partial<HandlersOf<'Controller'>> as HandlersOf<'Controller'>);
  servers.push(server);
  return `127.0.0.1:${await bindServer(server, '127.0.0.1:0')}`;
}

describe('ControllerChannel', () => {
  it('follows a leader hint to a voter added since start-up, by the endpoint the hint carries', async () => {
    const added = await fakeController(() => 4);
    const configured = await fakeController(
      () => new RunnelError('NOT_CONTROLLER', 'controller 1 is not active', { details: { 'leader-id': '4', 'leader-endpoint': added } }),
    );
    const channel = new ControllerChannel([{ id: 1, address: configured }], logger, { retryBackoffMs: 10 });
    try {
      const r = await channel.call((c) => c.describeQuorum, {}, 5_000);
      expect(r.leaderId).toBe(4);
      expect(channel.activeControllerId).toBe(4);
    } finally {
      channel.close();
    }
  });
});
