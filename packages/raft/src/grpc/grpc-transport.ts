import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { RunnelError, createClient, tlsFailureReason, type ClientOf, type ClientOptions, type pb } from '@runnel/protocol';
import type { Transport } from '../transport.js';
import type { Message, NodeId } from '../types.js';
import { messageFromProto, messageToProto } from './messages.js';

interface Peer {
  address: string;
  client: ClientOf<'Quorum'>;
  stream: grpc.ClientWritableStream<pb.RaftMessage> | null;
  /** Messages waiting for the stream to drain; bounded, new ones are dropped when full. */
  queue: pb.RaftMessage[];
  blocked: boolean;
  /** Not before this time after a broken stream, so a dead peer is not redialled in a hot loop. */
  retryAt: number;
  /** When a TLS failure to this peer was last logged as a warning. */
  tlsWarnedAt: number;
}

/** A TLS failure to a peer is logged as a warning at most this often (every retry at debug). */
const TLS_WARNING_INTERVAL_MS = 60_000;

export interface GrpcTransportOptions {
  /** How this node calls the other voters' controller listener: TLS credentials, its node token. */
  clientOptions?: ClientOptions;
  /** Messages queued per peer while its stream pushes back; more are dropped. Default 1024. */
  maxQueuedPerPeer?: number;
  /** Least time before redialling a peer whose stream broke. Default 100 ms. */
  reconnectBackoffMs?: number;
}

/**
 * Raft messages between voters over gRPC: one long-lived Quorum.Send stream per peer. send()
 * never blocks: while a stream pushes back, messages wait in a per-peer queue of at most
 * `maxQueuedPerPeer`, and beyond that they are dropped (Raft retransmits what matters). Incoming
 * messages arrive through the Quorum service (quorumHandlers) and are handed to receive().
 */
export class GrpcTransport implements Transport {
  private readonly peers = new Map<NodeId, Peer>();
  private handler: ((m: Message) => void) | null = null;
  private closed = false;

  constructor(
    private readonly self: NodeId,
    peers: ReadonlyMap<NodeId, string>,
    private readonly logger: Logger,
    private readonly options: GrpcTransportOptions = {},
  ) {
    for (const [id, address] of peers) this.setPeer(id, address);
  }

  /** Where to reach a controller (one that joined, or moved): a changed address replaces the old link. */
  setPeer(id: NodeId, address: string): void {
    if (id === this.self || this.closed) return;
    const old = this.peers.get(id);
    if (old?.address === address) return;
    if (old) {
      old.stream?.end();
      old.client.close();
    }
    this.peers.set(id, { address, client: createClient('Quorum', address, this.options.clientOptions ?? {}), stream: null, queue: [], blocked: false, retryAt: 0, tlsWarnedAt: -Infinity });
  }

  send(message: Message): boolean {
    if (this.closed) return false;
    const peer = this.peers.get(message.to);
    if (!peer) return false;
    const proto = messageToProto(message);
    if (peer.blocked || peer.queue.length > 0) {
      if (peer.queue.length >= (this.options.maxQueuedPerPeer ?? 1024)) return false;
      peer.queue.push(proto);
      return true;
    }
    const stream = this.streamFor(message.to, peer);
    if (!stream) return false;
    if (!stream.write(proto)) peer.blocked = true;
    return true;
  }

  onMessage(handler: (message: Message) => void): void {
    this.handler = handler;
  }

  /** A message that arrived on this node's Quorum.Send service. */
  /**
   * A message from the Quorum service. Only controllers this node knows (the voters it started
   * with and the controllers registered since) take part in its Raft: a message from any other id
   * is refused before the core sees it, whatever term it claims.
   */
  receive(proto: pb.RaftMessage__Output): void {
    if (this.closed || proto.to !== this.self) return;
    if (!this.peers.has(proto.from)) {
      throw new RunnelError('INVALID_REQUEST', `raft message from ${proto.from}, which is not a controller node ${this.self} knows`);
    }
    this.handler?.(messageFromProto(proto));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const peer of this.peers.values()) {
      peer.stream?.end();
      peer.client.close();
    }
    this.peers.clear();
  }

  private streamFor(id: NodeId, peer: Peer): grpc.ClientWritableStream<pb.RaftMessage> | null {
    if (peer.stream) return peer.stream;
    if (Date.now() < peer.retryAt) return null;
    const stream = peer.client.send((err) => {
      if (err && !this.closed) this.logFailure(id, peer, err.message);
      if (peer.stream === stream) this.reset(peer);
    });
    stream.on('drain', () => {
      peer.blocked = false;
      while (peer.queue.length > 0 && !peer.blocked) {
        if (!stream.write(peer.queue.shift()!)) peer.blocked = true;
      }
    });
    peer.stream = stream;
    return stream;
  }

  /** A certificate problem does not heal by retrying, so it is a warning (once a minute); other breaks are routine. */
  private logFailure(id: NodeId, peer: Peer, message: string): void {
    const tls = tlsFailureReason(message);
    if (tls && Date.now() - peer.tlsWarnedAt >= TLS_WARNING_INTERVAL_MS) {
      peer.tlsWarnedAt = Date.now();
      this.logger.warn({ peer: id, address: peer.address, err: tls }, 'raft stream to peer failed its TLS handshake; check both nodes\' certificates and truststores');
    } else {
      this.logger.debug({ peer: id, err: message }, 'raft stream to peer closed');
    }
  }

  private reset(peer: Peer): void {
    peer.stream = null;
    peer.blocked = false;
    peer.queue.length = 0;
    peer.retryAt = Date.now() + (this.options.reconnectBackoffMs ?? 100);
  }
}
