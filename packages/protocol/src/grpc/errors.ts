import * as grpc from '@grpc/grpc-js';
import { RunnelError, errorName, type ErrorName } from '../errors.js';
import { REQUEST_ID_KEY } from './request-id.js';

/**
 * How Kafka errors travel over gRPC. A failed call carries a gRPC status chosen for the error's
 * nature plus the Kafka name and number in trailing metadata; RunnelError.details travel as
 * `runnel-detail-<key>` entries. Transport failures without that metadata map to the Kafka error
 * a Kafka client would see in their place.
 */
const NAME_KEY = 'runnel-error-name';
const CODE_KEY = 'runnel-error-code';
const DETAIL_PREFIX = 'runnel-detail-';

const STATUS_BY_ERROR: Partial<Record<ErrorName, grpc.status>> = {
  UNKNOWN_SERVER_ERROR: grpc.status.INTERNAL,
  UNKNOWN_TOPIC_OR_PARTITION: grpc.status.NOT_FOUND,
  GROUP_ID_NOT_FOUND: grpc.status.NOT_FOUND,
  TOPIC_ALREADY_EXISTS: grpc.status.ALREADY_EXISTS,
  TOPIC_AUTHORIZATION_FAILED: grpc.status.PERMISSION_DENIED,
  GROUP_AUTHORIZATION_FAILED: grpc.status.PERMISSION_DENIED,
  CLUSTER_AUTHORIZATION_FAILED: grpc.status.PERMISSION_DENIED,
  SASL_AUTHENTICATION_FAILED: grpc.status.UNAUTHENTICATED,
  REQUEST_TIMED_OUT: grpc.status.DEADLINE_EXCEEDED,
  MESSAGE_TOO_LARGE: grpc.status.RESOURCE_EXHAUSTED,
  RECORD_LIST_TOO_LARGE: grpc.status.RESOURCE_EXHAUSTED,
  THROTTLING_QUOTA_EXCEEDED: grpc.status.RESOURCE_EXHAUSTED,
  NOT_CONTROLLER: grpc.status.FAILED_PRECONDITION,
  NOT_LEADER_OR_FOLLOWER: grpc.status.FAILED_PRECONDITION,
  NOT_COORDINATOR: grpc.status.FAILED_PRECONDITION,
  FENCED_LEADER_EPOCH: grpc.status.FAILED_PRECONDITION,
  STALE_BROKER_EPOCH: grpc.status.FAILED_PRECONDITION,
  UNSUPPORTED_VERSION: grpc.status.UNIMPLEMENTED,
};

function statusFor(err: RunnelError): grpc.status {
  return STATUS_BY_ERROR[err.errorName] ?? (err.retriable ? grpc.status.UNAVAILABLE : grpc.status.INVALID_ARGUMENT);
}

/**
 * The status message travels in a trailer, percent-encoded: a message quoting a 100 KB name from a
 * request made a trailer the client's HTTP/2 session refuses, breaking every call on its
 * connection. Messages are cut to this many characters (at most 9 KiB encoded).
 */
const MAX_DETAILS_CHARS = 1024;

function cut(message: string): string {
  if (message.length <= MAX_DETAILS_CHARS) return message;
  // Never between the halves of a surrogate pair: grpc-js's encodeURI throws on a lone one.
  const end = (message.charCodeAt(MAX_DETAILS_CHARS - 1) & 0xfc00) === 0xd800 ? MAX_DETAILS_CHARS - 1 : MAX_DETAILS_CHARS;
  return `${message.slice(0, end)}… (${message.length - end} more characters)`;
}

/** The error object a gRPC handler passes to its callback (or emits on a stream). */
export function toServiceError(err: unknown): Partial<grpc.StatusObject> {
  const runnel = err instanceof RunnelError ? err : new RunnelError('UNKNOWN_SERVER_ERROR', err instanceof Error ? err.message : String(err));
  const metadata = new grpc.Metadata();
  metadata.set(NAME_KEY, runnel.errorName);
  metadata.set(CODE_KEY, String(runnel.code));
  for (const [key, value] of Object.entries(runnel.details)) metadata.set(DETAIL_PREFIX + key, value);
  return { code: statusFor(runnel), details: cut(runnel.message), metadata };
}

const ERROR_BY_STATUS: Partial<Record<grpc.status, ErrorName>> = {
  [grpc.status.UNAVAILABLE]: 'NETWORK_EXCEPTION',
  [grpc.status.DEADLINE_EXCEEDED]: 'REQUEST_TIMED_OUT',
  [grpc.status.CANCELLED]: 'NETWORK_EXCEPTION',
  [grpc.status.RESOURCE_EXHAUSTED]: 'MESSAGE_TOO_LARGE',
  [grpc.status.UNIMPLEMENTED]: 'UNSUPPORTED_VERSION',
  [grpc.status.UNAUTHENTICATED]: 'SASL_AUTHENTICATION_FAILED',
  [grpc.status.INVALID_ARGUMENT]: 'INVALID_REQUEST',
};

/** Turn whatever a gRPC call failed with into a RunnelError (passing RunnelErrors through). */
export function fromServiceError(err: unknown): RunnelError {
  if (err instanceof RunnelError) return err;
  const status = err as Partial<grpc.ServiceError>;
  const metadata = status.metadata;
  const code = metadata?.get(CODE_KEY)[0];
  const message = status.details || (err instanceof Error ? err.message : String(err));
  if (metadata && code !== undefined) {
    const details: Record<string, string> = {};
    for (const [key, value] of Object.entries(metadata.getMap())) {
      if (key.startsWith(DETAIL_PREFIX)) details[key.slice(DETAIL_PREFIX.length)] = String(value);
    }
    return new RunnelError(errorName(Number(code)), message, { details, cause: err });
  }
  const name = status.code !== undefined ? ERROR_BY_STATUS[status.code] : undefined;
  return new RunnelError(name ?? 'UNKNOWN_SERVER_ERROR', message, { cause: err });
}

/**
 * Typed after the last overload of a generated client method, because TypeScript infers generic
 * parameters from an overloaded function's last signature; the call itself uses the full form.
 */
type UnaryMethod<Req, Res> = (request: Req, callback: grpc.requestCallback<Res>) => grpc.ClientUnaryCall;
type FullUnaryMethod<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: grpc.requestCallback<Res>,
) => grpc.ClientUnaryCall;

/**
 * Promise form of a unary call with a deadline; failures come back as RunnelError. `requestId`
 * sends the call under a given request id (a request passed on keeps the id it came with).
 * Usage: `await callUnary(client.metadata.bind(client), request, { timeoutMs: 5000 })`.
 */
export function callUnary<Req, Res>(
  method: UnaryMethod<Req, Res>,
  request: Req,
  options: { timeoutMs?: number; metadata?: grpc.Metadata; requestId?: string } = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    const call = method as unknown as FullUnaryMethod<Req, Res>;
    const metadata = options.metadata?.clone() ?? new grpc.Metadata();
    if (options.requestId !== undefined) metadata.set(REQUEST_ID_KEY, options.requestId);
    call(request, metadata, { deadline }, (err, response) => {
      if (err) reject(fromServiceError(err));
      else resolve(response as Res);
    });
  });
}

/** Wrap an async unary handler so thrown errors become well-formed status errors. */
export function unaryHandler<Req, Res>(
  handle: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    handle(call.request, call).then(
      (response) => callback(null, response),
      (err: unknown) => callback(toServiceError(err)),
    );
  };
}
