import { RunnelError, errorName, type ErrorName, type pb } from '@runnel/protocol';
import type { ClientLogger } from '../logger.js';
import type { CoordinatorChannel } from './coordinator-channel.js';

export interface HeartbeatConfig {
  groupId: string;
  groupInstanceId: string | null;
  heartbeatIntervalMs: number;
  sessionTimeoutMs: number;
  maxPollIntervalMs: number;
  requestTimeoutMs: number;
  retryBackoffMs: number;
  logger: ClientLogger;
}

/** What the heartbeat loop reports to the member it keeps alive. */
export interface HeartbeatEvents {
  /** The coordinator is rebalancing the group: this member must rejoin. */
  rebalance(): void;
  /**
   * The coordinator no longer knows this member or generation (UNKNOWN_MEMBER_ID,
   * ILLEGAL_GENERATION), or no heartbeat got through for a whole session: the partitions are lost.
   */
  lost(error: ErrorName, reason: string): void;
  /** An error the member cannot recover from (FENCED_INSTANCE_ID). */
  fatal(err: RunnelError): void;
  /** poll() was not called within max.poll.interval.ms: the member must leave the group. */
  pollTimeout(sinceLastPollMs: number): void;
}

/**
 * Keeps one generation's membership alive: a Heartbeat every heartbeat.interval.ms (sooner after
 * a failure), a REBALANCE_IN_PROGRESS answer reported but still counted as alive (the coordinator
 * waits for this member to rejoin), and two local deadlines: no successful heartbeat for
 * session.timeout.ms, and no poll() for max.poll.interval.ms.
 */
export class HeartbeatLoop {
  private timer: NodeJS.Timeout | null = null;
  /** Bumped on every start/stop so a heartbeat answer from an older run is ignored. */
  private run = 0;
  private lastSuccessMs = 0;

  constructor(
    private readonly channel: CoordinatorChannel,
    private readonly config: HeartbeatConfig,
    private readonly events: HeartbeatEvents,
    private readonly lastPollMs: () => number,
  ) {}

  get running(): boolean {
    return this.timer !== null;
  }

  start(generationId: number, memberId: string): void {
    this.stop();
    const run = ++this.run;
    this.lastSuccessMs = Date.now();
    this.schedule(run, generationId, memberId, this.config.heartbeatIntervalMs);
  }

  stop(): void {
    this.run++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(run: number, generationId: number, memberId: string, delayMs: number): void {
    this.timer = setTimeout(() => void this.beat(run, generationId, memberId), delayMs);
  }

  private async beat(run: number, generationId: number, memberId: string): Promise<void> {
    const { groupId, logger } = this.config;
    const sincePoll = Date.now() - this.lastPollMs();
    if (sincePoll > this.config.maxPollIntervalMs) {
      this.stop();
      this.events.pollTimeout(sincePoll);
      return;
    }
    const request: pb.HeartbeatRequest = { groupId, generationId, memberId, groupInstanceId: this.config.groupInstanceId ?? '' };
    let error: ErrorName;
    let message = '';
    try {
      const timeoutMs = Math.min(this.config.requestTimeoutMs, this.config.sessionTimeoutMs);
      const response = await this.channel.call(groupId, (c) => c.heartbeat, request, { timeoutMs });
      error = errorName(response.errorCode);
      message = response.errorMessage;
    } catch (err) {
      const e = err instanceof RunnelError ? err : new RunnelError('NETWORK_EXCEPTION', String(err));
      error = e.errorName;
      message = e.message;
    }
    if (run !== this.run) return;
    const now = Date.now();
    switch (error) {
      case 'NONE':
        this.lastSuccessMs = now;
        break;
      case 'REBALANCE_IN_PROGRESS':
        this.lastSuccessMs = now;
        this.events.rebalance();
        break;
      case 'UNKNOWN_MEMBER_ID':
      case 'ILLEGAL_GENERATION':
        this.stop();
        this.events.lost(error, message || new RunnelError(error).message);
        return;
      case 'FENCED_INSTANCE_ID':
        this.stop();
        this.events.fatal(new RunnelError(error, `group '${groupId}' has another member with groupInstanceId '${this.config.groupInstanceId}': ${message}. Each static member needs its own group.instance.id.`));
        return;
      default:
        logger.warn({ groupId, memberId, generationId, error, err: message }, 'heartbeat failed');
        if (now - this.lastSuccessMs >= this.config.sessionTimeoutMs) {
          this.stop();
          this.events.lost(error, `no heartbeat got through for session.timeout.ms (${this.config.sessionTimeoutMs} ms): ${message}`);
          return;
        }
        this.schedule(run, generationId, memberId, Math.min(this.config.retryBackoffMs, this.config.heartbeatIntervalMs));
        return;
    }
    this.schedule(run, generationId, memberId, this.config.heartbeatIntervalMs);
  }
}
