import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import {
  RunnelError,
  addService,
  bindServer,
  callUnary,
  createClient,
  createServer,
  logUnaryCalls,
  shutdownServer,
  unaryHandler,
  type ClientOf,
  type HandlersOf,
  type RequestLogger,
  type pb,
} from '../src/index.js';

interface Line {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** A logger that keeps its lines, each with the bindings of the child it was written through. */
function memoryLogger(lines: Line[], debug: { on: boolean }, bindings: Record<string, unknown> = {}): RequestLogger {
  const write = (level: string) => (obj: object, msg: string) => lines.push({ ...bindings, ...obj, level, msg });
  return {
    child: (more) => memoryLogger(lines, debug, { ...bindings, ...more }),
    isLevelEnabled: (level) => level !== 'debug' || debug.on,
    debug: write('debug'),
    warn: write('warn'),
    error: write('error'),
  };
}

function unimplemented(): never {
  throw new Error('not used by this test');
}

describe('request ids in logs', () => {
  const lines: Line[] = [];
  const debug = { on: false };
  let server: grpc.Server;
  let client: ClientOf<'Broker'>;
  let address: string;

  beforeAll(async () => {
    server = createServer();
    const handlers: HandlersOf<'Broker'> = {
      Metadata: unaryHandler<pb.MetadataRequest__Output, pb.MetadataResponse>(async (request) => {
        if (request.topics.includes('boom')) throw new Error('disk on fire');
        if (request.topics.includes('moved')) throw new RunnelError('NOT_CONTROLLER', 'ask the leader');
        return { clusterId: 'c1', controllerId: 1, brokers: [], topics: [] };
      }),
      Produce: unimplemented,
      Fetch: unimplemented,
      ListOffsets: unimplemented,
      InitProducerId: unimplemented,
    };
    addService(server, 'Broker', logUnaryCalls('Broker', handlers, memoryLogger(lines, debug, { nodeId: 7 })));
    address = `127.0.0.1:${await bindServer(server, '127.0.0.1:0')}`;
    client = createClient('Broker', address, { clientId: 'orders-app' });
  });

  afterAll(async () => {
    client.close();
    await shutdownServer(server, 1000);
  });

  const metadata = (topics: string[], requestId?: string) => callUnary(client.metadata.bind(client), { topics, includeInternal: false }, { timeoutMs: 5000, requestId });

  it('puts the id the client sent, and its client.id, on the error line of a request the node failed', async () => {
    await expect(metadata(['boom'], 'req-42')).rejects.toMatchObject({ errorName: 'UNKNOWN_SERVER_ERROR' });
    expect(lines.filter((l) => l.level === 'error')).toEqual([
      { nodeId: 7, requestId: 'req-42', clientId: 'orders-app', method: 'Metadata', errorName: 'UNKNOWN_SERVER_ERROR', err: 'disk on fire', level: 'error', msg: 'request failed' },
    ]);
  });

  it('logs nothing for a request that succeeds or fails by its own fault, unless debug is on', async () => {
    lines.length = 0;
    await metadata([]);
    await expect(metadata(['moved'])).rejects.toMatchObject({ errorName: 'NOT_CONTROLLER' });
    expect(lines).toEqual([]);

    debug.on = true;
    try {
      await metadata([], 'req-ok');
      await expect(metadata(['moved'], 'req-moved')).rejects.toMatchObject({ errorName: 'NOT_CONTROLLER' });
    } finally {
      debug.on = false;
    }
    expect(lines.map((l) => [l.level, l.requestId, l.method, l.errorName, l.msg])).toEqual([
      ['debug', 'req-ok', 'Metadata', undefined, 'request served'],
      ['debug', 'req-moved', 'Metadata', 'NOT_CONTROLLER', 'request served'],
    ]);
  });

  it('sends a fresh request id with every call of a client made with a client.id; the node makes one for a call without', async () => {
    lines.length = 0;
    await expect(metadata(['boom'])).rejects.toThrow();
    await expect(metadata(['boom'])).rejects.toThrow();
    const plain = createClient('Broker', address);
    try {
      await expect(callUnary(plain.metadata.bind(plain), { topics: ['boom'], includeInternal: false })).rejects.toThrow();
    } finally {
      plain.close();
    }
    const ids = lines.map((l) => String(l.requestId));
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    expect(new Set(ids).size).toBe(3);
    expect(lines.map((l) => l.clientId)).toEqual(['orders-app', 'orders-app', undefined]);
  });
});
