import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { RunnelError, toServiceError, unaryHandler, type HandlersOf, type pb } from '@runnel/protocol';
import type { ObserverSource } from '../observer.js';
import { fetchWithWait, type AppliedWatch } from './applied-watch.js';
import type { GrpcTransport } from './grpc-transport.js';
import { entryToProto } from './messages.js';

export interface QuorumServiceDeps {
  transport: GrpcTransport;
  /** The local RaftNode, serving committed entries and snapshots to observers. */
  source: ObserverSource;
  applied: AppliedWatch;
  logger: Logger;
  /** Upper bound on an observer's long-poll. */
  maxWaitMs?: number;
}

const MAX_FETCH_BYTES = 8 * 1024 * 1024;

/**
 * The Quorum service of a controller: Raft messages from peer voters (Send), and observers'
 * pulls of committed entries (Fetch, long-polled until something new is committed) and of
 * snapshot chunks (FetchSnapshot).
 */
export function quorumHandlers(deps: QuorumServiceDeps): HandlersOf<'Quorum'> {
  const maxWait = deps.maxWaitMs ?? 5_000;

  const Send: grpc.handleClientStreamingCall<pb.RaftMessage__Output, pb.Empty> = (call, callback) => {
    call.on('data', (m: pb.RaftMessage__Output) => {
      try {
        deps.transport.receive(m);
      } catch (err) {
        deps.logger.warn({ from: m.from, err: String(err) }, 'dropped a malformed raft message');
      }
    });
    call.on('end', () => callback(null, {}));
    call.on('error', () => undefined);
  };

  const Fetch: grpc.handleBidiStreamingCall<pb.QuorumFetchRequest__Output, pb.QuorumFetchResponse> = (call) => {
    let closed = false;
    // Requests on one stream are answered in order: the next waits for the previous.
    let chain: Promise<void> = Promise.resolve();
    call.on('data', (req: pb.QuorumFetchRequest__Output) => {
      chain = chain.then(async () => {
        if (closed) return;
        const request = { fetchIndex: req.fetchIndex, lastFetchedTerm: req.lastFetchedTerm, maxBytes: Math.min(Math.max(req.maxBytes, 1), MAX_FETCH_BYTES) };
        const res = await fetchWithWait(deps.source, deps.applied, request, Math.min(req.maxWaitMs, maxWait), () => !closed);
        if (closed) return;
        const out: pb.QuorumFetchResponse = {
          correlationId: req.correlationId,
          errorCode: 0,
          leaderId: res.leaderId,
          leaderTerm: res.leaderTerm,
          commitIndex: res.commitIndex,
          entries: res.entries.map(entryToProto),
        };
        if (res.snapshot) out.snapshot = { index: res.snapshot.index, term: res.snapshot.term };
        call.write(out);
      }).catch((err: unknown) => {
        if (!closed) call.emit('error', toServiceError(err));
      });
    });
    const close = (): void => {
      closed = true;
    };
    call.on('end', () => {
      close();
      void chain.then(() => call.end());
    });
    call.on('cancelled', close);
    call.on('error', close);
  };

  const FetchSnapshot = unaryHandler<pb.FetchSnapshotRequest__Output, pb.FetchSnapshotResponse>(async (req) => {
    if (!req.snapshot) throw new RunnelError('INVALID_REQUEST', 'FetchSnapshot names no snapshot');
    const res = await deps.source.fetchSnapshot({
      index: req.snapshot.index,
      term: req.snapshot.term,
      position: req.position,
      maxBytes: Math.min(Math.max(req.maxBytes, 1), MAX_FETCH_BYTES),
    });
    return { errorCode: 0, snapshot: { index: res.index, term: res.term }, size: res.size, position: res.position, data: res.data, voters: { voters: res.voters } };
  });

  return { Send, Fetch, FetchSnapshot };
}
