import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import {
  RunnelError,
  addService,
  bindServer,
  callUnary,
  createClient,
  createServer,
  shutdownServer,
  toServiceError,
  unaryHandler,
  type ClientOf,
  type HandlersOf,
  type pb,
} from '../src/index.js';
import { runnelV1 } from '../src/grpc/load.js';

function unimplemented(): never {
  throw new Error('not used by this test');
}

describe('typed gRPC services', () => {
  let server: grpc.Server;
  let client: ClientOf<'Broker'>;
  let port: number;

  beforeAll(async () => {
    server = createServer();
    const handlers: HandlersOf<'Broker'> = {
      Metadata: unaryHandler<pb.MetadataRequest__Output, pb.MetadataResponse>(async (request) => {
        if (request.topics.includes('missing')) {
          throw new RunnelError('NOT_CONTROLLER', 'ask the leader', { details: { 'leader-id': '3' } });
        }
        if (request.topics.includes('boom')) throw new Error('plain failure');
        if (request.topics.includes('long')) throw new RunnelError('INVALID_TOPIC_EXCEPTION', `topic name ${request.topics[1]} is too long`);
        return { clusterId: 'c1', controllerId: 1, brokers: [{ nodeId: 1, host: '127.0.0.1', port: 9092 }], topics: [] };
      }),
      Produce: (call) => {
        call.on('data', (request: pb.ProduceRequest__Output) => {
          const partition = request.topics[0]?.partitions[0];
          call.write({
            correlationId: request.correlationId,
            topics: [{ name: request.topics[0]?.name ?? '', partitions: [{ partition: partition?.partition ?? 0, baseOffset: partition?.records.length ?? -1 }] }],
          });
        });
        call.on('end', () => call.end());
      },
      Fetch: (call) => call.emit('error', toServiceError(new RunnelError('UNSUPPORTED_VERSION'))),
      ListOffsets: unimplemented,
      InitProducerId: unimplemented,
    };
    addService(server, 'Broker', handlers);
    port = await bindServer(server, '127.0.0.1:0');
    client = createClient('Broker', `127.0.0.1:${port}`);
  });

  afterAll(async () => {
    client.close();
    await shutdownServer(server, 1000);
  });

  it('answers a unary call with typed fields, int64 as numbers', async () => {
    const response = await callUnary(client.metadata.bind(client), { topics: [] }, { timeoutMs: 5000 });
    expect(response.clusterId).toBe('c1');
    expect(response.brokers).toEqual([{ nodeId: 1, host: '127.0.0.1', port: 9092, rack: '' }]);
  });

  it('carries a Kafka error name, number and details across the wire', async () => {
    const err = await callUnary(client.metadata.bind(client), { topics: ['missing'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunnelError);
    const runnel = err as RunnelError;
    expect(runnel.errorName).toBe('NOT_CONTROLLER');
    expect(runnel.code).toBe(41);
    expect(runnel.retriable).toBe(true);
    expect(runnel.message).toBe('ask the leader');
    expect(runnel.details).toEqual({ 'leader-id': '3' });
  });

  it('cuts a status message quoting a huge request field, so the trailer stays one the client takes', async () => {
    const err = await callUnary(client.metadata.bind(client), { topics: ['long', 'y'.repeat(100_000)], includeInternal: false }, { timeoutMs: 3_000 }).catch((e: RunnelError) => e);
    expect(err).toBeInstanceOf(RunnelError);
    expect((err as RunnelError).errorName).toBe('INVALID_TOPIC_EXCEPTION');
    expect((err as RunnelError).message).toMatch(/^topic name y{1000}/);
    expect((err as RunnelError).message).toMatch(/… \(\d+ more characters\)$/);
    // The connection is still good.
    expect((await callUnary(client.metadata.bind(client), { topics: [], includeInternal: false })).clusterId).toBe('c1');
  });

  it('turns an unexpected server failure into UNKNOWN_SERVER_ERROR', async () => {
    const err = (await callUnary(client.metadata.bind(client), { topics: ['boom'] }).catch((e: unknown) => e)) as RunnelError;
    expect(err.errorName).toBe('UNKNOWN_SERVER_ERROR');
    expect(err.message).toContain('plain failure');
  });

  it('maps a dead address to the retriable NETWORK_EXCEPTION', async () => {
    const dead = createClient('Broker', '127.0.0.1:1');
    const err = (await callUnary(dead.metadata.bind(dead), { topics: [] }, { timeoutMs: 2000 }).catch((e: unknown) => e)) as RunnelError;
    dead.close();
    expect(['NETWORK_EXCEPTION', 'REQUEST_TIMED_OUT']).toContain(err.errorName);
    expect(err.retriable).toBe(true);
  });

  it('carries raw batch bytes on a bidirectional stream, answers matched by correlation id', async () => {
    const stream = client.produce();
    const answers = new Map<number, number>();
    const done = new Promise<void>((resolve, reject) => {
      stream.on('data', (response: pb.ProduceResponse__Output) => {
        answers.set(response.correlationId, response.topics[0]?.partitions[0]?.baseOffset ?? -2);
        if (answers.size === 3) resolve();
      });
      stream.on('error', reject);
    });
    for (const [id, size] of [[1, 10], [2, 70_000], [3, 0]] as const) {
      stream.write({ correlationId: id, acks: -1, timeoutMs: 1000, topics: [{ name: 't', partitions: [{ partition: 0, records: Buffer.alloc(size, 7) }] }] });
    }
    await done;
    stream.end();
    expect([...answers.entries()].sort((a, b) => a[0] - b[0])).toEqual([[1, 10], [2, 70_000], [3, 0]]);
  });

  it('ends a bidirectional stream whose later message does not decode with INVALID_REQUEST naming the message', async () => {
    const raw = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const pass = (b: Buffer): Buffer => b;
    const call = raw.makeBidiStreamRequest('/runnel.v1.Broker/Produce', pass, pass, new grpc.Metadata(), { deadline: Date.now() + 5_000 });
    const answers: Buffer[] = [];
    call.on('data', (b: Buffer) => answers.push(b));
    call.on('error', () => undefined);
    const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    // A valid request first, so the stream has answered (the case grpc-js itself leaves hanging).
    call.write(runnelV1().Broker.service.Produce.requestSerialize({ correlationId: 1, acks: 1, topics: [{ name: 't', partitions: [{ partition: 0, records: Buffer.from('r') }] }] }));
    await new Promise<void>((resolve) => call.once('data', () => resolve()));
    call.write(Buffer.from([0x2a, 0xff, 0xff, 0xff, 0x0f])); // topics, with a length running past the end
    const s = await status;
    raw.close();
    expect(answers).toHaveLength(1);
    expect(s.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(s.metadata.get('runnel-error-name')).toEqual(['INVALID_REQUEST']);
    expect(s.details).toMatch(/message 2 on this \/runnel.v1.Broker\/Produce stream does not decode/);
  });

  it('ends a stream with a typed error status', async () => {
    const stream = client.fetch();
    const err = await new Promise<unknown>((resolve) => {
      stream.on('error', resolve);
      stream.on('data', () => undefined);
      stream.write({ correlationId: 1, topics: [] });
    });
    const status = err as grpc.ServiceError;
    expect(status.metadata.get('runnel-error-name')).toEqual(['UNSUPPORTED_VERSION']);
  });
});
