import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { createClient, type ClientOf, type ClientOptions, type pb } from '@runnel/protocol';
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

  private readonly maxQueuedPerPeer: number;
  private readonly reconnectBackoffMs: number;
  private readonly clientOptions: ClientOptions;

  constructor(
    private readonly self: NodeId,
    peers: ReadonlyMap<NodeId, string>,
    private readonly logger: Logger,
    options: {
      maxQueuedPerPeer?: number;
      reconnectBackoffMs?: number;
      /** How this node's calls to its peers are made, e.g. with its node token. */
      clientOptions?: ClientOptions;
    } = {},
  ) {
    this.maxQueuedPerPeer = options.maxQueuedPerPeer ?? 1024;
    this.reconnectBackoffMs = options.reconnectBackoffMs ?? 100;
    this.clientOptions = options.clientOptions ?? {};
    for (const [id, address] of peers) if (id !== self) this.addPeer(id, address);
  }

  /** A voter joined (membership change): start talking to it. */
  addPeer(id: NodeId, address: string): void {
    if (id === this.self || this.peers.has(id)) return;
    this.peers.set(id, { address, client: createClient('Quorum', address, this.clientOptions), stream: null, queue: [], blocked: false, retryAt: 0 });
  }

  send(message: Message): boolean {
    if (this.closed) return false;
    const peer = this.peers.get(message.to);
    if (!peer) return false;
    const proto = messageToProto(message);
    if (peer.blocked || peer.queue.length > 0) {
      if (peer.queue.length >= this.maxQueuedPerPeer) return false;
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
  receive(proto: pb.RaftMessage__Output): void {
    if (this.closed || proto.to !== this.self) return;
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
      if (err && !this.closed) this.logger.debug({ peer: id, err: err.message }, 'raft stream to peer closed');
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

  private reset(peer: Peer): void {
    peer.stream = null;
    peer.blocked = false;
    peer.queue.length = 0;
    peer.retryAt = Date.now() + this.reconnectBackoffMs;
  }
}
