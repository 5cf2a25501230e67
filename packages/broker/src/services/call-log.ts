import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { RunnelError, requestLogger, type ErrorName } from '@runnel/protocol';

/** Failures of the node itself rather than of the request. */
const FAULTS = new Set<ErrorName>(['UNKNOWN_SERVER_ERROR', 'KAFKA_STORAGE_ERROR']);
/** Data that arrived damaged: the client or the network is at fault, and an operator wants to know. */
const DAMAGED = new Set<ErrorName>(['CORRUPT_MESSAGE', 'INVALID_RECORD']);

/**
 * Log lines about one served call (a unary call or a whole stream). Each carries the call's
 * requestId and client.id through a child logger made for the first line, so a call that logs
 * nothing costs one level check: the produce and fetch paths stay as fast as without it.
 */
export class CallLog {
  private made: Logger | undefined;
  /** Whether debug lines are written (asked once per call). */
  readonly debug: boolean;

  constructor(
    private readonly base: Logger,
    private readonly call: { readonly metadata: grpc.Metadata },
  ) {
    this.debug = base.isLevelEnabled('debug');
  }

  get log(): Logger {
    this.made ??= requestLogger(this.base, this.call);
    return this.made;
  }

  /**
   * A per-partition failure as a RunnelError. The node's own faults are logged at error level
   * and damaged data at warn, with the topic and partition; the rest (not the leader, too
   * large, ...) is the client's to handle and only shows in debug request logs.
   */
  partitionFailure(err: unknown, fields: { topic: string; partition: number; correlationId?: number }, what: string): RunnelError {
    const e = err instanceof RunnelError ? err : new RunnelError('UNKNOWN_SERVER_ERROR', err instanceof Error ? err.message : String(err));
    if (FAULTS.has(e.errorName)) this.log.error({ ...fields, errorName: e.errorName, err }, `${what} failed`);
    else if (DAMAGED.has(e.errorName)) this.log.warn({ ...fields, errorName: e.errorName, err: e.message }, `${what} refused damaged data`);
    return e;
  }
}
