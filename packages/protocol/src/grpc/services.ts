import * as grpc from '@grpc/grpc-js';
import type { AdminClient, AdminHandlers } from '../generated/runnel/v1/Admin.js';
import type { AuthClient, AuthHandlers } from '../generated/runnel/v1/Auth.js';
import type { BrokerClient, BrokerHandlers } from '../generated/runnel/v1/Broker.js';
import type { ControllerClient, ControllerHandlers } from '../generated/runnel/v1/Controller.js';
import type { GroupsClient, GroupsHandlers } from '../generated/runnel/v1/Groups.js';
import type { QuorumClient, QuorumHandlers } from '../generated/runnel/v1/Quorum.js';
import type { ReplicationClient, ReplicationHandlers } from '../generated/runnel/v1/Replication.js';
import { RunnelError } from '../errors.js';
import { toServiceError } from './errors.js';
import { ListeningServer, type ListenOptions } from './listening-server.js';
import { runnelV1 } from './load.js';
import { requestIdInterceptor } from './request-id.js';

export interface ServiceTypes {
  Broker: { client: BrokerClient; handlers: BrokerHandlers };
  Groups: { client: GroupsClient; handlers: GroupsHandlers };
  Admin: { client: AdminClient; handlers: AdminHandlers };
  Replication: { client: ReplicationClient; handlers: ReplicationHandlers };
  Quorum: { client: QuorumClient; handlers: QuorumHandlers };
  Controller: { client: ControllerClient; handlers: ControllerHandlers };
  Auth: { client: AuthClient; handlers: AuthHandlers };
}

export type ServiceName = keyof ServiceTypes;
export type ClientOf<S extends ServiceName> = ServiceTypes[S]['client'];
export type HandlersOf<S extends ServiceName> = ServiceTypes[S]['handlers'];

/** Large enough for a fetch answer of `fetch.max.bytes` (50 MiB) plus framing. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Channel options shared by every client and server: big messages for batch data, keepalive so
 * a dead peer is noticed within seconds rather than at the next TCP timeout.
 */
export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 2_000,
};

const SERVER_OPTIONS: grpc.ChannelOptions = {
  ...CHANNEL_OPTIONS,
  'grpc.http2.min_ping_interval_without_data_ms': 1_000,
};

export interface ClientOptions {
  credentials?: grpc.ChannelCredentials;
  channelOptions?: grpc.ChannelOptions;
  /** Run around every call of the client, e.g. to add `authorization` metadata (bearerInterceptor). */
  interceptors?: grpc.Interceptor[];
  /** client.id: sent with every call, each call with a request id of its own (see request-id.ts). */
  clientId?: string;
}

/** The request-id interceptor (when a client.id is set) and the caller's own, composed. */
function interceptorsOf(options: ClientOptions): grpc.ChannelOptions {
  const interceptors = [...(options.clientId !== undefined ? [requestIdInterceptor(options.clientId)] : []), ...(options.interceptors ?? [])];
  return interceptors.length > 0 ? { interceptors } : {};
}

/** A typed client of one Runnel service at `host:port`. */
export function createClient<S extends ServiceName>(service: S, address: string, options: ClientOptions = {}): ClientOf<S> {
  const Ctor = runnelV1()[service] as unknown as new (
    address: string,
    credentials: grpc.ChannelCredentials,
    options: grpc.ChannelOptions,
  ) => ClientOf<S>;
  return new Ctor(address, options.credentials ?? grpc.credentials.createInsecure(), {
    ...CHANNEL_OPTIONS,
    ...options.channelOptions,
    ...interceptorsOf(options),
  });
}

export function createServer(channelOptions: grpc.ChannelOptions = {}): grpc.Server {
  return new ListeningServer({ ...SERVER_OPTIONS, ...channelOptions });
}

/** Register a typed implementation of one Runnel service on a server. */
export function addService<S extends ServiceName>(server: grpc.Server, service: S, handlers: HandlersOf<S>): void {
  const definition: Record<string, grpc.MethodDefinition<unknown, unknown>> = { ...runnelV1()[service].service };
  const wrapped: Record<string, grpc.UntypedHandleCall> = { ...(handlers as unknown as Record<string, grpc.UntypedHandleCall>) };
  for (const [name, method] of Object.entries(definition)) {
    if (!method.requestStream || !method.responseStream) continue;
    definition[name] = { ...method, requestDeserialize: decodeOrMark(method.requestDeserialize) };
    wrapped[name] = refuseUndecodable(wrapped[name] as grpc.handleBidiStreamingCall<unknown, unknown>, method.path);
  }
  server.addService(definition, wrapped);
}

/**
 * grpc-js answers a request that does not decode with INTERNAL, except on a bidirectional stream
 * that has already sent an answer: there it sends no status and stops reading the stream, so the
 * call hangs until the client gives up (grpc-js 1.14). On those streams requests are decoded
 * here instead: one that does not decode ends its stream with INVALID_REQUEST, saying which.
 */
class Undecodable {
  constructor(readonly reason: string) {}
}

function decodeOrMark(decode: grpc.deserialize<unknown>): grpc.deserialize<unknown> {
  return (bytes) => {
    try {
      return decode(bytes);
    } catch (err) {
      return new Undecodable(err instanceof Error ? err.message : String(err));
    }
  };
}

function refuseUndecodable(handler: grpc.handleBidiStreamingCall<unknown, unknown>, path: string): grpc.handleBidiStreamingCall<unknown, unknown> {
  return (call) => {
    const push = call.push.bind(call);
    let received = 0;
    let refused = false;
    call.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
      if (refused) return true;
      if (chunk instanceof Undecodable) {
        refused = true;
        const why = `message ${received + 1} on this ${path} stream does not decode (${chunk.reason}); the stream is closed`;
        call.emit('error', toServiceError(new RunnelError('INVALID_REQUEST', why)));
        return true;
      }
      if (chunk !== null) received++;
      return push(chunk, encoding);
    };
    handler(call);
  };
}

/**
 * Bind and start a server made by createServer; resolves with the port actually bound (useful
 * with port 0 in tests). Plaintext unless TLS credentials are given; `connectionLimit` caps the
 * connections one client address may hold open.
 */
export function bindServer(server: grpc.Server, address: string, options: ListenOptions = {}): Promise<number> {
  if (!(server instanceof ListeningServer)) throw new TypeError('bindServer takes a server made by createServer');
  return server.listen(address, options);
}

export function shutdownServer(server: grpc.Server, graceMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
