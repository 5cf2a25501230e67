import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { RunnelError, callUnary, createClient, fromServiceError, type ClientOf, type ClientOptions } from '@runnel/protocol';

export interface ControllerAddress {
  id: number;
  address: string;
}

type UnaryMethod<Req, Res> = (client: ClientOf<'Controller'>) => (request: Req, callback: grpc.requestCallback<Res>) => grpc.ClientUnaryCall;

/**
 * Calls and streams to the active controller. It remembers which voter answered last, follows
 * the leader hint a NOT_CONTROLLER answer carries, and rotates through the voters when one cannot
 * be reached: a call until its deadline, a stream whenever its owner reopens it.
 */
export class ControllerChannel {
  private readonly clients = new Map<number, ClientOf<'Controller'>>();
  private readonly voters: ControllerAddress[];
  private preferred: number;
  private closed = false;

  private readonly retryBackoffMs: number;
  private readonly clientOptions: ClientOptions;

  constructor(
    voters: readonly ControllerAddress[],
    private readonly logger: Logger,
    options: {
      retryBackoffMs?: number;
      /** How calls to the controllers are made, e.g. with this node's token. */
      clientOptions?: ClientOptions;
    } = {},
  ) {
    if (voters.length === 0) throw new RunnelError('INVALID_CONFIG', 'no controller quorum voters are configured');
    this.voters = [...voters];
    this.preferred = voters[0]!.id;
    this.retryBackoffMs = options.retryBackoffMs ?? 50;
    this.clientOptions = options.clientOptions ?? {};
  }

  /** The voter this channel currently believes is active. */
  get activeControllerId(): number {
    return this.preferred;
  }

  /**
   * A unary call to the active controller. `forward` goes with every attempt: the id of the
   * request it serves, and metadata naming the client a forwarded admin request is for.
   */
  async call<Req, Res>(method: UnaryMethod<Req, Res>, request: Req, timeoutMs = 30_000, forward: { metadata?: grpc.Metadata; requestId?: string } = {}): Promise<Res> {
    const deadline = Date.now() + timeoutMs;
    let lastError: RunnelError | undefined;
    for (let attempt = 0; !this.closed; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      const target = this.target();
      const client = this.client(target);
      try {
        return await callUnary(method(client).bind(client), request, { timeoutMs: Math.min(remaining, 10_000), ...forward });
      } catch (err) {
        const e = fromServiceError(err);
        lastError = e;
        if (e.errorName !== 'NOT_CONTROLLER' && !e.retriable) throw e;
        if (this.moveOn(target.id, e)) continue;
        const pause = Math.min(this.pauseAfter(attempt), Math.max(0, deadline - Date.now()));
        if (pause > 0) await new Promise((r) => setTimeout(r, pause));
      }
    }
    this.logger.debug({ err: lastError?.toString() }, 'controller call gave up');
    throw lastError ?? new RunnelError('REQUEST_TIMED_OUT', 'no active controller answered before the deadline');
  }

  /**
   * Opens a stream with `open` on the voter this channel believes is active; null once closed.
   * When it fails, `streamFailed` says where and when to open the next one.
   */
  openStream<S>(open: (client: ClientOf<'Controller'>) => S): { stream: S; controllerId: number } | null {
    if (this.closed) return null;
    const target = this.target();
    return { stream: open(this.client(target)), controllerId: target.id };
  }

  /**
   * A stream opened on controller `controllerId` failed with `err`, the `attempt`-th failure in a
   * row (from 0): moves on as a failed call does, and returns how long to wait before reopening.
   */
  streamFailed(controllerId: number, err: unknown, attempt: number): number {
    this.moveOn(controllerId, fromServiceError(err));
    return this.pauseAfter(attempt);
  }

  close(): void {
    this.closed = true;
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  private target(): ControllerAddress {
    return this.voters.find((v) => v.id === this.preferred) ?? this.voters[0]!;
  }

  /**
   * After `targetId` failed with `e`: follows a NOT_CONTROLLER answer's hint to another voter
   * (true: try it at once), else moves on to the next voter (false: unreachable, or no leader
   * known yet). A hint at a voter added since start-up carries its endpoint, which is kept.
   */
  private moveOn(targetId: number, e: RunnelError): boolean {
    if (e.errorName === 'NOT_CONTROLLER') {
      const hint = Number(e.details['leader-id']);
      const endpoint = e.details['leader-endpoint'];
      if (Number.isInteger(hint) && hint > 0 && endpoint && !this.voters.some((v) => v.id === hint)) {
        this.voters.push({ id: hint, address: endpoint });
      }
      if (Number.isInteger(hint) && hint > 0 && hint !== targetId && this.voters.some((v) => v.id === hint)) {
        this.preferred = hint;
        return true;
      }
    }
    const i = this.voters.findIndex((v) => v.id === targetId);
    this.preferred = this.voters[(i + 1) % this.voters.length]!.id;
    return false;
  }

  /**
   * The pause after failed attempt `attempt` (from 0): none within a round of all voters, then a
   * brief, growing one. An election takes a second or so, and a long sleep would only delay
   * noticing the new leader.
   */
  private pauseAfter(attempt: number): number {
    const n = this.voters.length;
    if (attempt % n !== n - 1) return 0;
    return Math.min(this.retryBackoffMs * 2 ** Math.min(Math.floor(attempt / n), 3), 400);
  }

  private client(target: ControllerAddress): ClientOf<'Controller'> {
    let c = this.clients.get(target.id);
    if (!c) {
      c = createClient('Controller', target.address, this.clientOptions);
      this.clients.set(target.id, c);
    }
    return c;
  }
}
