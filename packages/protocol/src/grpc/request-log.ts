import type * as grpc from '@grpc/grpc-js';
import { clientIdOf, requestIdOf } from './request-id.js';
import { runnelV1 } from './load.js';
import type { HandlersOf, ServiceName } from './services.js';

/** What request logging needs of a logger; a pino logger fits it. */
export interface RequestLogger {
  child(bindings: Record<string, unknown>): RequestLogger;
  isLevelEnabled(level: string): boolean;
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The logger for lines about one served call: a child of `base` carrying the call's requestId
 * and the caller's client.id, plus `bindings` (topic, partition, ...). Made only when a line is
 * written, so calls that log nothing cost nothing.
 */
export function requestLogger<L extends RequestLogger>(base: L, call: { readonly metadata: grpc.Metadata }, bindings: Record<string, unknown> = {}): L {
  const clientId = clientIdOf(call);
  return base.child({ requestId: requestIdOf(call), ...(clientId !== '' ? { clientId } : {}), ...bindings }) as L;
}

/** Failures of the node itself rather than of the request: logged at error level. */
const SERVER_FAULTS = new Set(['UNKNOWN_SERVER_ERROR', 'KAFKA_STORAGE_ERROR']);

/**
 * `handlers` with every unary call logged about: a failure of the node's own (an unexpected
 * error, a storage error) at error level, and, when debug is enabled, each call with its outcome
 * and duration. Every line carries the call's requestId. Streams log for themselves.
 */
export function logUnaryCalls<S extends ServiceName>(service: S, handlers: HandlersOf<S>, logger: RequestLogger): HandlersOf<S> {
  const definition = runnelV1()[service].service;
  const wrapped: Record<string, unknown> = { ...handlers };
  for (const [method, spec] of Object.entries(definition)) {
    const handler = (handlers as Record<string, unknown>)[method];
    if (spec.requestStream || spec.responseStream || typeof handler !== 'function') continue;
    const serve = handler as grpc.handleUnaryCall<unknown, unknown>;
    wrapped[method] = ((call, callback) => {
      const startedMs = Date.now();
      serve(call, (err, value, ...rest) => {
        const errorName = err ? String(err.metadata?.get('runnel-error-name')[0] ?? 'UNKNOWN_SERVER_ERROR') : undefined;
        if (errorName !== undefined && SERVER_FAULTS.has(errorName)) {
          requestLogger(logger, call, { method }).error({ errorName, err: err!.details }, 'request failed');
        } else if (logger.isLevelEnabled('debug')) {
          const answered = (value as { errorCode?: number } | null | undefined)?.errorCode;
          const outcome = errorName !== undefined ? { errorName, err: err!.details } : answered ? { errorCode: answered } : {};
          requestLogger(logger, call, { method }).debug({ ...outcome, ms: Date.now() - startedMs }, 'request served');
        }
        callback(err, value, ...rest);
      });
    }) satisfies grpc.handleUnaryCall<unknown, unknown>;
  }
  return wrapped as HandlersOf<S>;
}
