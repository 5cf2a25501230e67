import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { RunnelError, callUnary, createClient, fromServiceError, type ClientOf, type ClientOptions, type pb } from '@runnel/protocol';
import type { ObserverSource } from '../observer.js';
import type { NodeId, ObserverFetchRequest, ObserverFetchResponse, SnapshotFetchRequest, SnapshotFetchResponse } from '../types.js';
import { entryFromProto } from './messages.js';

/**
 * An observer's view of the quorum over gRPC (brokers that run no controller): long-polling
 * Quorum.Fetch on one stream to a voter, preferring the leader the answers name, and moving to
 * another voter when one cannot be reached.
 */
export class GrpcObserverSource implements ObserverSource {
  private readonly clients = new Map<NodeId, ClientOf<'Quorum'>>();
  private current: NodeId;
  private stream: grpc.ClientDuplexStream<pb.QuorumFetchRequest, pb.QuorumFetchResponse__Output> | null = null;
  private waiting: { id: number; resolve: (r: pb.QuorumFetchResponse__Output) => void; reject: (e: unknown) => void } | null = null;
  private correlation = 0;

  constructor(
    private readonly voters: ReadonlyMap<NodeId, string>,
    private readonly observerId: number,
    private readonly logger: Logger,
    private readonly maxWaitMs = 500,
    /** How calls to the voters are made: TLS credentials, this node's token. */
    private readonly clientOptions: ClientOptions = {},
  ) {
    const first = [...voters.keys()][0];
    if (first === undefined) throw new RunnelError('INVALID_CONFIG', 'an observer needs at least one quorum voter');
    this.current = first;
  }

  async fetch(req: ObserverFetchRequest): Promise<ObserverFetchResponse> {
    try {
      const res = await this.send({
        correlationId: ++this.correlation,
        observerId: this.observerId,
        fetchIndex: req.fetchIndex,
        lastFetchedTerm: req.lastFetchedTerm,
        maxWaitMs: this.maxWaitMs,
        maxBytes: req.maxBytes,
      });
      // Prefer the leader: its commit index is the freshest.
      if (res.leaderId > 0 && res.leaderId !== this.current && this.voters.has(res.leaderId)) this.switchTo(res.leaderId);
      return {
        leaderId: res.leaderId,
        leaderTerm: res.leaderTerm,
        commitIndex: res.commitIndex,
        entries: res.entries.map((e) => entryFromProto(e)),
        snapshot: res.snapshot ? { index: res.snapshot.index, term: res.snapshot.term } : null,
      };
    } catch (err) {
      this.rotate();
      throw fromServiceError(err);
    }
  }

  async fetchSnapshot(req: SnapshotFetchRequest): Promise<SnapshotFetchResponse> {
    const client = this.client(this.current);
    try {
      const res = await callUnary(client.fetchSnapshot.bind(client), {
        snapshot: { index: req.index, term: req.term },
        position: req.position,
        maxBytes: req.maxBytes,
      }, { timeoutMs: 30_000 });
      return { index: res.snapshot?.index ?? req.index, term: res.snapshot?.term ?? req.term, voters: res.voters?.voters ?? [], size: res.size, position: res.position, data: res.data };
    } catch (err) {
      const e = fromServiceError(err);
      if (e.errorName !== 'SNAPSHOT_NOT_FOUND') this.rotate();
      throw e;
    }
  }

  close(): void {
    this.closeStream(new RunnelError('NETWORK_EXCEPTION', 'observer closed'));
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  private send(request: pb.QuorumFetchRequest): Promise<pb.QuorumFetchResponse__Output> {
    const stream = this.stream ?? this.open();
    return new Promise((resolve, reject) => {
      this.waiting = { id: request.correlationId as number, resolve, reject };
      stream.write(request);
    });
  }

  private open(): grpc.ClientDuplexStream<pb.QuorumFetchRequest, pb.QuorumFetchResponse__Output> {
    const client = this.client(this.current);
    const stream = client.fetch({ deadline: Infinity });
    stream.on('data', (res: pb.QuorumFetchResponse__Output) => {
      const w = this.waiting;
      if (w && w.id === res.correlationId) {
        this.waiting = null;
        w.resolve(res);
      }
    });
    stream.on('error', (err) => {
      if (this.stream === stream) this.closeStream(err);
    });
    stream.on('end', () => {
      if (this.stream === stream) this.closeStream(new RunnelError('NETWORK_EXCEPTION', `voter ${this.current} ended the fetch stream`));
    });
    this.stream = stream;
    return stream;
  }

  private closeStream(err: unknown): void {
    const s = this.stream;
    this.stream = null;
    s?.cancel();
    const w = this.waiting;
    this.waiting = null;
    w?.reject(err);
  }

  private switchTo(id: NodeId): void {
    this.logger.debug({ from: this.current, to: id }, 'observer moving to the quorum leader');
    this.closeStream(new RunnelError('NETWORK_EXCEPTION', 'moving to another voter'));
    this.current = id;
  }

  private rotate(): void {
    const ids = [...this.voters.keys()];
    const next = ids[(ids.indexOf(this.current) + 1) % ids.length]!;
    this.closeStream(new RunnelError('NETWORK_EXCEPTION', 'moving to another voter'));
    this.current = next;
  }

  private client(id: NodeId): ClientOf<'Quorum'> {
    let c = this.clients.get(id);
    if (!c) {
      c = createClient('Quorum', this.voters.get(id)!, this.clientOptions);
      this.clients.set(id, c);
    }
    return c;
  }
}
