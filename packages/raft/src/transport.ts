import type { Message, NodeId } from './types.js';

/**
 * Carries Raft messages between voters (the gRPC Quorum.Send stream in production, in memory in
 * tests). send() never blocks and nothing queues without bound: each peer has a bounded queue, and
 * a message that does not fit is dropped, which Raft tolerates (heartbeats and probes retransmit).
 */
export interface Transport {
  /** Queues a message for message.to; false when it was dropped (unknown peer or full queue). */
  send(message: Message): boolean;
  /** Registers the one receiver for messages addressed to this node. */
  onMessage(handler: (message: Message) => void): void;
  close(): Promise<void>;
}

export interface LocalNetworkOptions {
  /** Messages queued per peer before new ones are dropped. */
  maxQueuedPerPeer?: number;
}

/**
 * An in-process network of LocalTransports, for tests and single-process clusters: messages are
 * delivered asynchronously (never re-entrantly), per-peer queues are bounded, and links can be cut.
 */
export class LocalNetwork {
  private readonly handlers = new Map<NodeId, (m: Message) => void>();
  private readonly isolated = new Set<NodeId>();
  readonly maxQueuedPerPeer: number;

  constructor(options: LocalNetworkOptions = {}) {
    this.maxQueuedPerPeer = options.maxQueuedPerPeer ?? 1024;
  }

  transport(id: NodeId): LocalTransport {
    return new LocalTransport(this, id);
  }

  /** Cuts every link to and from `id` until heal(). */
  isolate(id: NodeId): void {
    this.isolated.add(id);
  }

  heal(id?: NodeId): void {
    if (id === undefined) this.isolated.clear();
    else this.isolated.delete(id);
  }

  /** @internal */
  register(id: NodeId, handler: ((m: Message) => void) | null): void {
    if (handler) this.handlers.set(id, handler);
    else this.handlers.delete(id);
  }

  /** @internal */
  deliver(m: Message): void {
    if (this.isolated.has(m.from) || this.isolated.has(m.to)) return;
    this.handlers.get(m.to)?.(m);
  }
}

export class LocalTransport implements Transport {
  private readonly queues = new Map<NodeId, Message[]>();
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly network: LocalNetwork,
    readonly id: NodeId,
  ) {}

  send(message: Message): boolean {
    if (this.closed) return false;
    let q = this.queues.get(message.to);
    if (!q) this.queues.set(message.to, (q = []));
    if (q.length >= this.network.maxQueuedPerPeer) return false;
    q.push(message);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
    return true;
  }

  onMessage(handler: (message: Message) => void): void {
    this.network.register(this.id, handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queues.clear();
    this.network.register(this.id, null);
  }

  private drain(): void {
    this.scheduled = false;
    if (this.closed) return;
    for (const [, q] of this.queues) {
      const batch = q.splice(0, q.length);
      for (const m of batch) this.network.deliver(m);
    }
  }
}
