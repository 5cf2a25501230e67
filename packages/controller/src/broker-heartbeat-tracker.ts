import type { MetadataImage } from './image.js';

interface BrokerSession {
  lastContactMs: number;
  metadataOffset: number;
  /** The metadata offset the broker must reach to count as caught up; null until known. */
  catchUpOffset: number | null;
  /** Set once a controlled shutdown's records are known committed: the offset to reach. */
  shutdownOffset: number | null;
  /** Why the session ended before its timeout (e.g. the broker's liveness connection closed); null while it runs. */
  expiredBy: string | null;
}

function newSession(now: number, metadataOffset: number, catchUpOffset: number | null): BrokerSession {
  return { lastContactMs: now, metadataOffset, catchUpOffset, shutdownOffset: null, expiredBy: null };
}

/**
 * The active controller's soft state about broker liveness: last heartbeat time and reported
 * metadata offset per registered broker. Not part of the metadata log; a newly active
 * controller starts it afresh and gives every broker a full session. Times come from the
 * caller's (injected) clock. One entry per registered broker, so it is bounded by the cluster.
 */
export class BrokerHeartbeatTracker {
  private readonly sessions = new Map<number, BrokerSession>();

  constructor(readonly sessionTimeoutMs: number) {}

  /**
   * A broker (re-)registered. Its first heartbeat fixes the offset it must replay to before it
   * is unfenced: the committed end of the log then, which covers its registration record.
   */
  registered(brokerId: number, now: number): void {
    this.sessions.set(brokerId, newSession(now, -1, null));
  }

  /**
   * A heartbeat arrived. A broker whose registration this controller did not see must catch up
   * to `committedOffset`, the committed end of the metadata log now.
   */
  touch(brokerId: number, now: number, metadataOffset: number, committedOffset: number): void {
    const session = this.sessions.get(brokerId);
    if (session) {
      session.lastContactMs = now;
      session.expiredBy = null;
      session.metadataOffset = Math.max(session.metadataOffset, metadataOffset);
      session.catchUpOffset ??= committedOffset;
    } else {
      this.sessions.set(brokerId, newSession(now, metadataOffset, committedOffset));
    }
  }

  /** Each broker's last reported metadata offset (-1 before its first heartbeat) and last contact, by broker id. */
  sessionsView(): { brokerId: number; metadataOffset: number; lastContactMs: number }[] {
    return [...this.sessions]
      .map(([brokerId, s]) => ({ brokerId, metadataOffset: s.metadataOffset, lastContactMs: s.lastContactMs }))
      .sort((a, b) => a.brokerId - b.brokerId);
  }

  remove(brokerId: number): void {
    this.sessions.delete(brokerId);
  }

  isCaughtUp(brokerId: number): boolean {
    const session = this.sessions.get(brokerId);
    return session !== undefined && session.catchUpOffset !== null && session.metadataOffset >= session.catchUpOffset;
  }

  hasValidSession(brokerId: number, now: number): boolean {
    const session = this.sessions.get(brokerId);
    return session !== undefined && session.expiredBy === null && now - session.lastContactMs < this.sessionTimeoutMs;
  }

  /**
   * Ends a broker's session now, ahead of its timeout, for `reason`: the next staleness check
   * fences it. A later heartbeat starts the session again, as after a timeout.
   */
  expire(brokerId: number, reason: string): void {
    const session = this.sessions.get(brokerId);
    if (session) session.expiredBy = reason;
  }

  /** Milliseconds since the broker was last heard from (or its session began), at `at`; Infinity without a session. */
  silentFor(brokerId: number, at: number): number {
    const session = this.sessions.get(brokerId);
    return session ? at - session.lastContactMs : Infinity;
  }

  /** Why a broker's session is no longer valid: the reason it was ended early, else its timeout. */
  expiryReason(brokerId: number): string {
    return this.sessions.get(brokerId)?.expiredBy ?? 'session expired';
  }

  /** The broker asked to shut down; its leaderships are being moved by records not yet replayed. */
  beginShutdown(brokerId: number): void {
    const session = this.sessions.get(brokerId);
    if (session) session.shutdownOffset = null;
  }

  /**
   * A controlled shutdown may finish once the broker has replayed the records that moved its
   * leaderships away. The first heartbeat after the shutdown began fixes that offset (the
   * committed offset then, which covers those records); later heartbeats compare against it.
   */
  shutdownReplayed(brokerId: number, committedOffset: number): boolean {
    const session = this.sessions.get(brokerId);
    if (!session) return false;
    if (session.shutdownOffset === null) {
      session.shutdownOffset = committedOffset;
      return session.metadataOffset >= committedOffset;
    }
    return session.metadataOffset >= session.shutdownOffset;
  }

  /**
   * Matches the tracked set to the image: brokers this controller has not heard from get a
   * session starting now (a new controller must not fence everyone at once), unregistered
   * ones are dropped.
   */
  syncWith(image: MetadataImage, now: number): void {
    for (const id of this.sessions.keys()) if (!image.brokers.has(id)) this.sessions.delete(id);
    for (const id of image.brokers.keys()) {
      if (!this.sessions.has(id)) this.sessions.set(id, newSession(now, -1, null));
    }
  }

  /** Unfenced brokers whose session expired, in id order. */
  staleBrokers(image: MetadataImage, now: number): number[] {
    return [...image.brokers.values()]
      .filter((b) => !b.fenced && !this.hasValidSession(b.id, now))
      .map((b) => b.id)
      .sort((a, b) => a - b);
  }
}
