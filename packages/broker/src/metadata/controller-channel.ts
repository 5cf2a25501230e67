import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { RunnelError, callUnary, createClient, fromServiceError, type ClientOf } from '@runnel/protocol';

export interface ControllerAddress {
  id: number;
  address: string;
}

type UnaryMethod<Req, Res> = (client: ClientOf<'Controller'>) => (request: Req, callback: grpc.requestCallback<Res>) => grpc.ClientUnaryCall;

/**
 * Calls to the active controller. It remembers which voter answered last, follows the leader
 * hint a NOT_CONTROLLER answer carries, and rotates through the voters when one cannot be
 * reached, until the call's deadline.
 */
export class ControllerChannel {
  private readonly clients = new Map<number, ClientOf<'Controller'>>();
  private preferred: number;
  private closed = false;

  constructor(
    private readonly voters: readonly ControllerAddress[],
    private readonly logger: Logger,
    private readonly retryBackoffMs = 50,
  ) {
    if (voters.length === 0) throw new RunnelError('INVALID_CONFIG', 'no controller quorum voters are configured');
    this.preferred = voters[0]!.id;
  }

  /** The voter this channel currently believes is active. */
  get activeControllerId(): number {
    return this.preferred;
  }

  async call<Req, Res>(method: UnaryMethod<Req, Res>, request: Req, timeoutMs = 30_000): Promise<Res> {
    const deadline = Date.now() + timeoutMs;
    let lastError: RunnelError | undefined;
    for (let attempt = 0; !this.closed; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      const target = this.voters.find((v) => v.id === this.preferred) ?? this.voters[0]!;
      const client = this.client(target);
      try {
        return await callUnary(method(client).bind(client), request, { timeoutMs: Math.min(remaining, 10_000) });
      } catch (err) {
        const e = fromServiceError(err);
        lastError = e;
        if (e.errorName === 'NOT_CONTROLLER') {
          const hint = Number(e.details['leader-id']);
          if (Number.isInteger(hint) && hint > 0 && hint !== target.id && this.voters.some((v) => v.id === hint)) {
            this.preferred = hint;
            continue;
          }
        } else if (!e.retriable) {
          throw e;
        }
        // Unreachable, or no leader known yet: try the next voter after a short pause.
        const i = this.voters.findIndex((v) => v.id === target.id);
        this.preferred = this.voters[(i + 1) % this.voters.length]!.id;
        // After each round of all voters, back off briefly: an election takes a second or so, and
        // a long sleep here would only delay noticing the new leader.
        if (attempt % this.voters.length === this.voters.length - 1) {
          const round = Math.floor(attempt / this.voters.length);
          await new Promise((r) => setTimeout(r, Math.min(this.retryBackoffMs * 2 ** Math.min(round, 3), 400, Math.max(0, deadline - Date.now()))));
        }
      }
    }
    this.logger.debug({ err: lastError?.toString() }, 'controller call gave up');
    throw lastError ?? new RunnelError('REQUEST_TIMED_OUT', 'no active controller answered before the deadline');
  }

  close(): void {
    this.closed = true;
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  private client(target: ControllerAddress): ClientOf<'Controller'> {
    let c = this.clients.get(target.id);
    if (!c) {
      c = createClient('Controller', target.address);
      this.clients.set(target.id, c);
    }
    return c;
  }
}
