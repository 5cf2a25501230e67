import type * as grpc from '@grpc/grpc-js';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { RunnelError, addService, bindServer, createServer, shutdownServer, toServiceError, type HandlersOf, type pb } from '@runnel/protocol';
import { ControllerChannel } from '../src/metadata/controller-channel.js';
import { ControllerLiveness } from '../src/metadata/controller-liveness.js';
import { waitFor } from '../../../test/harness/processes.js';

const logger = pino({ level: 'silent' });

/** One liveness stream as a fake controller saw it. */
interface Seen {
  messages: pb.BrokerLivenessRequest__Output[];
  halfClosed: boolean;
  call: grpc.ServerDuplexStream<pb.BrokerLivenessRequest__Output, pb.BrokerLivenessResponse>;
}

/**
 * A controller that serves only BrokerLiveness: the active one accepts streams, another answers
 * NOT_CONTROLLER naming the active one, as the real service does.
 */
class FakeController {
  readonly streams: Seen[] = [];
  activeId = 0;
  address = '';
  private readonly server = createServer();

  constructor(readonly id: number) {
    addService(this.server, 'Controller', {
      BrokerLiveness: (call) => {
        const seen: Seen = { messages: [], halfClosed: false, call };
        this.streams.push(seen);
        call.on('data', (m: pb.BrokerLivenessRequest__Output) => {
          seen.messages.push(m);
          if (seen.messages.length > 1) return;
          if (this.activeId !== this.id) {
            call.emit('error', toServiceError(new RunnelError('NOT_CONTROLLER', 'not active', { details: { 'leader-id': String(this.activeId) } })));
          } else {
            call.write({ controllerId: this.id });
          }
        });
        call.on('end', () => {
          seen.halfClosed = true;
          if (!call.writableEnded) call.end();
        });
        call.on('error', () => undefined);
      },
    } as Partial<HandlersOf<'Controller'>> as HandlersOf<'Controller'>);
  }

  async start(): Promise<this> {
    this.address = `127.0.0.1:${await bindServer(this.server, '127.0.0.1:0')}`;
    return this;
  }

  /** Streams still open whose first message this controller accepted. */
  accepted(): Seen[] {
    return this.streams.filter((s) => this.activeId === this.id && !s.halfClosed && !s.call.cancelled && s.messages.length > 0 && !s.call.writableEnded);
  }

  stop(): Promise<void> {
    return shutdownServer(this.server, 500);
  }
}

let controllers: FakeController[] = [];
let channel: ControllerChannel | undefined;

afterEach(async () => {
  channel?.close();
  channel = undefined;
  await Promise.all(controllers.map((c) => c.stop()));
  controllers = [];
});

async function setUp(activeId: number): Promise<{ liveness: ControllerLiveness; c1: FakeController; c2: FakeController }> {
  const [c1, c2] = await Promise.all([new FakeController(1).start(), new FakeController(2).start()]);
  controllers = [c1!, c2!];
  for (const c of controllers) c.activeId = activeId;
  channel = new ControllerChannel(controllers.map((c) => ({ id: c.id, address: c.address })), logger, { retryBackoffMs: 10 });
  return { liveness: new ControllerLiveness(7, channel, logger), c1: c1!, c2: c2! };
}

describe('the broker liveness stream', () => {
  it('follows NOT_CONTROLLER to the active controller and holds the stream open there', async () => {
    const { liveness, c1, c2 } = await setUp(2);
    liveness.maintain(5);
    await waitFor('a stream accepted by controller 2', () => c2.accepted().length === 1);
    expect(c1.streams.length).toBe(1);
    expect(c2.accepted()[0]!.messages).toEqual([{ brokerId: 7, brokerEpoch: 5, closing: false }]);
    expect(channel!.activeControllerId).toBe(2);
    // Nothing changed: the same stream stays.
    liveness.maintain(5);
    expect(c2.streams.length).toBe(1);
    await liveness.close();
  });

  it('moves to a new registration with a goodbye on the old stream', async () => {
    const { liveness, c1 } = await setUp(1);
    liveness.maintain(5);
    await waitFor('the first stream', () => c1.accepted().length === 1);
    const first = c1.streams[0]!;
    liveness.maintain(6);
    await waitFor('the old stream closed and a new one accepted', () => first.halfClosed && c1.accepted().length === 1);
    expect(first.messages.map((m) => m.closing)).toEqual([false, true]);
    expect(c1.accepted()[0]!.messages).toEqual([{ brokerId: 7, brokerEpoch: 6, closing: false }]);
    await liveness.close();
  });

  it('reopens on the new active controller when the old one ends the stream', async () => {
    const { liveness, c1, c2 } = await setUp(1);
    liveness.maintain(5);
    await waitFor('a stream on controller 1', () => c1.accepted().length === 1);
    // Controller 1 steps down: it ends its streams naming the new active controller.
    for (const c of controllers) c.activeId = 2;
    c1.streams[0]!.call.emit('error', toServiceError(new RunnelError('NOT_CONTROLLER', 'stepped down', { details: { 'leader-id': '2' } })));
    await waitFor('a stream on controller 2', () => c2.accepted().length === 1);
    expect(c2.accepted()[0]!.messages[0]).toMatchObject({ brokerEpoch: 5, closing: false });
    await liveness.close();
  });

  it('closes with a goodbye and a half-close, and opens nothing after', async () => {
    const { liveness, c1 } = await setUp(1);
    liveness.maintain(5);
    await waitFor('a stream', () => c1.accepted().length === 1);
    await liveness.close();
    expect(c1.streams[0]!.messages.map((m) => m.closing)).toEqual([false, true]);
    expect(c1.streams[0]!.halfClosed).toBe(true);
    liveness.maintain(6);
    expect(c1.streams.length).toBe(1);
  });
});
