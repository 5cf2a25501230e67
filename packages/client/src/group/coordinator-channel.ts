import { setTimeout as sleep } from 'node:timers/promises';
import { RunnelError, callUnary, createClient, errorName, type ClientOf, type pb } from '@runnel/protocol';
import type { BrokerInfo, Cluster } from '../cluster.js';
import type { ClientLogger } from '../logger.js';

/** Errors that mean "ask FindCoordinator again and retry": the group moved or is still loading. */
const COORDINATOR_MOVED = new Set(['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS', 'NETWORK_EXCEPTION', 'REQUEST_TIMED_OUT']);

type UnaryOf<Req, Res> = (client: ClientOf<'Groups'>) => Parameters<typeof callUnary<Req, Res>>[0];

/**
 * The error of an OffsetCommit or OffsetFetch answer: the top-level one, else the first
 * partition's (Kafka reports a moved coordinator per partition); undefined when there is none.
 */
export function offsetAnswerError(r: {
  errorCode: number;
  errorMessage: string;
  topics: { name: string; partitions: { partition: number; errorCode: number; errorMessage?: string }[] }[];
}): { errorCode: number; errorMessage: string } | undefined {
  if (r.errorCode !== 0) return r;
  for (const t of r.topics) {
    for (const p of t.partitions) {
      if (p.errorCode !== 0) return { errorCode: p.errorCode, errorMessage: `${t.name}-${p.partition}: ${p.errorMessage ?? ''}` };
    }
  }
  return undefined;
}

export interface CoordinatorChannelOptions {
  /** client.id, sent with every call (group descriptions show it, broker logs name it). */
  clientId: string;
  requestTimeoutMs: number;
  retryBackoffMs: number;
  logger: ClientLogger;
}

/**
 * Calls to the Groups service of a group's coordinator. The coordinator is found with
 * FindCoordinator on any broker and remembered per group; an answer (or a top-level error_code)
 * saying the coordinator moved or is loading forgets it, finds it again and retries until the
 * deadline, as Kafka clients do.
 */
export class CoordinatorChannel {
  private readonly clients = new Map<string, ClientOf<'Groups'>>();
  private readonly coordinators = new Map<string, BrokerInfo>();

  constructor(
    private readonly cluster: Cluster,
    private readonly options: CoordinatorChannelOptions,
  ) {}

  /** The Groups-service client at a broker address (one per address). */
  clientAt(address: string): ClientOf<'Groups'> {
    let c = this.clients.get(address);
    if (!c) {
      c = createClient('Groups', address, this.cluster.clientOptions);
      this.clients.set(address, c);
    }
    return c;
  }

  /** The coordinator of `groupId`, asking FindCoordinator when not known. */
  async coordinator(groupId: string, timeoutMs = this.options.requestTimeoutMs): Promise<BrokerInfo> {
    const known = this.coordinators.get(groupId);
    if (known) return known;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const remaining = Math.max(1, deadline - Date.now());
      const response = await this.cluster.anyBroker((_broker, address) => {
        const client = this.clientAt(address);
        return callUnary(client.findCoordinator.bind(client), { keyType: 0, keys: [groupId] } satisfies pb.FindCoordinatorRequest, { timeoutMs: remaining });
      });
      const c = response.coordinators.find((x) => x.key === groupId);
      if (!c) throw new RunnelError('UNKNOWN_SERVER_ERROR', `FindCoordinator answered without group '${groupId}'`);
      const name = errorName(c.errorCode);
      if (name === 'NONE' && c.node) {
        const info: BrokerInfo = { nodeId: c.node.nodeId, host: c.node.host, port: c.node.port, rack: c.node.rack };
        this.coordinators.set(groupId, info);
        return info;
      }
      const err = new RunnelError(name === 'NONE' ? 'COORDINATOR_NOT_AVAILABLE' : name, c.errorMessage || `no coordinator for group '${groupId}'`);
      if (!COORDINATOR_MOVED.has(err.errorName) || Date.now() + this.options.retryBackoffMs >= deadline) throw err;
      this.options.logger.debug({ groupId, err: err.message }, 'coordinator not available yet; retrying');
      await sleep(this.options.retryBackoffMs);
    }
  }

  /** Forget the coordinator of `groupId` (after an error that says it moved). */
  markDead(groupId: string): void {
    this.coordinators.delete(groupId);
  }

  /**
   * Call a Groups method on the group's coordinator. An answer whose error (the top-level
   * `errorCode`, or what `errorOf` finds, e.g. a per-group or per-partition code) says the
   * coordinator moved is retried like a transport error; any other answer is returned as is for
   * the caller to interpret.
   */
  async call<Req, Res>(
    groupId: string,
    method: UnaryOf<Req, Res>,
    request: Req,
    options: { timeoutMs?: number; errorOf?: (response: Res) => { errorCode: number; errorMessage?: string } | undefined } = {},
  ): Promise<Res> {
    const deadline = Date.now() + (options.timeoutMs ?? this.options.requestTimeoutMs);
    const errorOf = options.errorOf ?? ((r: Res) => r as { errorCode: number; errorMessage?: string } | undefined);
    for (;;) {
      let err: RunnelError;
      try {
        const node = await this.coordinator(groupId, Math.max(1, deadline - Date.now()));
        const client = this.clientAt(`${node.host}:${node.port}`);
        const response = await callUnary(method(client).bind(client), request, { timeoutMs: Math.max(1, deadline - Date.now()) });
        const found = errorOf(response);
        const name = errorName(found?.errorCode ?? 0);
        if (!COORDINATOR_MOVED.has(name)) return response;
        err = new RunnelError(name, found?.errorMessage ?? '');
      } catch (e) {
        err = e instanceof RunnelError ? e : new RunnelError('UNKNOWN_SERVER_ERROR', String(e));
        if (!COORDINATOR_MOVED.has(err.errorName)) throw err;
      }
      this.markDead(groupId);
      if (Date.now() + this.options.retryBackoffMs >= deadline) throw err;
      this.options.logger.debug({ groupId, err: err.message }, 'coordinator moved; finding it again');
      await sleep(this.options.retryBackoffMs);
    }
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
    this.coordinators.clear();
  }
}
