import * as grpc from '@grpc/grpc-js';
import { fromServiceError, toServiceError } from '../grpc/errors.js';
import { runnelV1 } from '../grpc/load.js';
import type { HandlersOf, ServiceName } from '../grpc/services.js';
import type { ClientOptions } from '../grpc/services.js';
import { ANONYMOUS, isNodePrincipal, principalFromCall, type Principal } from './principal.js';
import { NodeTokenSource, type TokenKeys } from './tokens.js';

/**
 * Who made a server call, for every service: a listener that authenticates wraps its services
 * with authenticatedHandlers(), which settles the caller's principal before the handler runs (and
 * refuses the call when it cannot); handlers read it with callPrincipal(). On a listener that
 * authenticates nobody every caller is User:ANONYMOUS.
 */
const principals = new WeakMap<object, Principal>();

export const AUTHORIZATION_HEADER = 'authorization';
/** A node forwarding a client's request names the client with these (Kafka's envelope). */
export const FORWARDED_PRINCIPAL_HEADER = 'runnel-forwarded-principal';
export const FORWARDED_HOST_HEADER = 'runnel-forwarded-host';

/** Whom a request is authorized for: a principal, from an address. */
export interface Requester {
  readonly principal: Principal;
  readonly host: string;
}

/** What of a server call tells who made it: its metadata, and the connection it came on. */
export type IncomingCall = Pick<grpc.ServerUnaryCall<unknown, unknown>, 'metadata' | 'getPeer' | 'getAuthContext'>;

/** Finds the caller's principal, or throws (SASL_AUTHENTICATION_FAILED) to refuse the call. */
export type CallAuthenticator = (call: IncomingCall) => Principal;

/** The token of an `authorization: Bearer <token>` header, or null when there is none. */
export function bearerToken(metadata: grpc.Metadata): string | null {
  const value = metadata.get(AUTHORIZATION_HEADER)[0];
  if (typeof value !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match ? match[1]! : null;
}

/**
 * Who a call on an SSL listener comes from: the principal of its client certificate (Kafka's
 * default principal builder; User:ANONYMOUS without one), unless it carries a token, which
 * `tokens` (when the cluster has token keys) must accept: nodes sign their calls with one.
 */
export function certificateAuthenticator(tokens: CallAuthenticator | null): CallAuthenticator {
  return (call) => (tokens && bearerToken(call.metadata) !== null ? tokens(call) : principalFromCall(call));
}

export function callPrincipal(call: object): Principal {
  return principals.get(call) ?? ANONYMOUS;
}

/**
 * The client's IP address, as ACL hosts are written (IPv4-mapped IPv6 addresses as plain IPv4).
 * grpc-js gives the peer as address:port ([address]:port from some transports).
 */
export function callHost(call: { getPeer(): string }): string {
  const peer = call.getPeer().replace(/^ipv[46]:/, '');
  const bracketed = /^\[(.*)\](?::\d+)?$/.exec(peer);
  const host = bracketed ? bracketed[1]! : peer.replace(/:\d+$/, '');
  return host.startsWith('::ffff:') && host.includes('.') ? host.slice('::ffff:'.length) : host;
}

/**
 * Whom a call is for: its caller, unless the caller is a node forwarding a client's request, which
 * it names in FORWARDED_* metadata (honoured from nodes only, so nobody else can claim to be
 * someone).
 */
export function callRequester(call: IncomingCall): Requester {
  const principal = callPrincipal(call);
  if (isNodePrincipal(principal)) {
    const forwarded = call.metadata.get(FORWARDED_PRINCIPAL_HEADER)[0];
    const host = call.metadata.get(FORWARDED_HOST_HEADER)[0];
    if (typeof forwarded === 'string' && forwarded !== '') return { principal: forwarded, host: typeof host === 'string' ? host : '' };
  }
  return { principal, host: callHost(call) };
}

/** The metadata a node sends when it forwards `requester`'s request to another node. */
export function forwardingMetadata(requester: Requester): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set(FORWARDED_PRINCIPAL_HEADER, requester.principal);
  metadata.set(FORWARDED_HOST_HEADER, requester.host);
  return metadata;
}

/**
 * The same handlers, each of which first authenticates its caller: a refused unary call answers
 * the authenticator's error, a refused stream ends with it before the handler sees anything.
 */
export function authenticatedHandlers<S extends ServiceName>(service: S, handlers: HandlersOf<S>, authenticate: CallAuthenticator): HandlersOf<S> {
  const definition = runnelV1()[service].service as unknown as Record<string, { responseStream: boolean; originalName?: string }>;
  const streamingResponse = new Map<string, boolean>();
  for (const [name, method] of Object.entries(definition)) {
    streamingResponse.set(name, method.responseStream);
    if (method.originalName) streamingResponse.set(method.originalName, method.responseStream);
  }
  const wrapped: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers as Record<string, (...args: any[]) => void>)) {
    if (streamingResponse.get(name)) {
      wrapped[name] = (call: grpc.ServerWritableStream<unknown, unknown>) => {
        try {
          principals.set(call, authenticate(call));
        } catch (err) {
          call.emit('error', toServiceError(err));
          return;
        }
        handler(call);
      };
    } else {
      wrapped[name] = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        try {
          principals.set(call, authenticate(call));
        } catch (err) {
          callback(toServiceError(err));
          return;
        }
        handler(call, callback);
      };
    }
  }
  return wrapped as HandlersOf<S>;
}

/**
 * A client interceptor that sends `authorization: Bearer <token>` on every call. A token that
 * cannot be had (a refused login) fails the call with that error instead of sending it; a call the
 * server refuses with SASL_AUTHENTICATION_FAILED tells `onRefused` which token it carried.
 */
export function bearerInterceptor(token: () => string | Promise<string>, onRefused?: (token: string) => void): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        const send = (t: string): void => {
          metadata.set(AUTHORIZATION_HEADER, `Bearer ${t}`);
          if (!onRefused) return next(metadata, listener);
          next(metadata, {
            onReceiveStatus: (status, nextStatus) => {
              if (status.code === grpc.status.UNAUTHENTICATED && fromServiceError(status).errorName === 'SASL_AUTHENTICATION_FAILED') onRefused(t);
              nextStatus(status);
            },
          });
        };
        const fail = (err: unknown): void => {
          const status = toServiceError(err);
          listener.onReceiveStatus({ code: status.code!, details: status.details!, metadata: status.metadata! });
        };
        let t: string | Promise<string>;
        try {
          t = token();
        } catch (err) {
          fail(err);
          return;
        }
        if (typeof t === 'string') send(t);
        else t.then(send, fail);
      },
    });
}

/**
 * How node `nodeId` makes its calls to other nodes: with a node token it mints from the cluster's
 * token keys, or as it is when the cluster has none.
 */
export function nodeClientOptions(keys: TokenKeys | null, nodeId: number): ClientOptions {
  if (!keys) return {};
  const tokens = new NodeTokenSource(keys, nodeId);
  return { interceptors: [bearerInterceptor(() => tokens.current())] };
}
