import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';

/**
 * Request ids: a client sends one with every call (`runnel-request-id` metadata, beside its
 * client.id as `client-id`), and the node that serves the call puts it on every log line about
 * it, so one request can be followed from the client to the broker and on to the controller.
 * On a stream (produce, fetch) the id names the stream and each message its correlation id.
 */
export const REQUEST_ID_KEY = 'runnel-request-id';
export const CLIENT_ID_KEY = 'client-id';

/** Longer ids from callers are cut, so a caller cannot blow up log lines. */
const MAX_ID_LENGTH = 128;
/** Per process, so ids from different processes do not collide; a counter makes them cheap. */
const PREFIX = randomBytes(4).toString('hex');
let counter = 0;

/** A new request id: this process's random prefix and a counter. */
export function newRequestId(): string {
  counter++;
  return `${PREFIX}-${counter.toString(36)}`;
}

function text(metadata: grpc.Metadata, key: string): string | undefined {
  const v = metadata.get(key)[0];
  return typeof v === 'string' && v !== '' ? v.slice(0, MAX_ID_LENGTH) : undefined;
}

const ids = new WeakMap<object, string>();

/** The request id of a call being served: the caller's, else one made here, the same for the whole call. */
export function requestIdOf(call: { readonly metadata: grpc.Metadata }): string {
  let id = ids.get(call);
  if (id === undefined) {
    id = text(call.metadata, REQUEST_ID_KEY) ?? newRequestId();
    ids.set(call, id);
  }
  return id;
}

/** The caller's client.id, or '' when it sent none. */
export function clientIdOf(call: { readonly metadata: grpc.Metadata }): string {
  return text(call.metadata, CLIENT_ID_KEY) ?? '';
}

/**
 * A client interceptor that sends `clientId` and a new request id with every call (a call that
 * already carries a request id keeps it).
 */
export function requestIdInterceptor(clientId: string): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        if (metadata.get(REQUEST_ID_KEY).length === 0) metadata.set(REQUEST_ID_KEY, newRequestId());
        if (clientId !== '') metadata.set(CLIENT_ID_KEY, clientId);
        next(metadata, listener);
      },
    });
}
