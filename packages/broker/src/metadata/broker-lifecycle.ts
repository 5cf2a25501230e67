import type { Logger } from 'pino';
import { RunnelError, errorName, type pb } from '@runnel/protocol';
import type { ControllerChannel } from './controller-channel.js';
import { ControllerLiveness } from './controller-liveness.js';

export type BrokerState = 'starting' | 'fenced' | 'running' | 'pending-controlled-shutdown' | 'shut-down';

export interface BrokerLifecycleOptions {
  brokerId: number;
  /** From meta.properties: the same across restarts of this broker's data directory. */
  incarnationId: Buffer;
  clusterId: string;
  rack: string;
  listeners: pb.Listener[];
  heartbeatIntervalMs: number;
  channel: ControllerChannel;
  /** The last metadata offset this broker has applied. */
  metadataOffset: () => number;
  logger: Logger;
}

/**
 * Registration and heartbeats with the active controller, as a KRaft broker does: register with
 * a fresh incarnation id (which gives a new broker epoch), heartbeat with the applied metadata
 * offset until the controller says we are caught up and unfences us, and on shutdown ask to have
 * our leaderships moved away before stopping. A heartbeat answered STALE_BROKER_EPOCH means the
 * controller dropped us (e.g. fenced after a long pause): register again. Alongside, a liveness
 * stream to the active controller lets it fence us the moment this process dies; it is closed
 * cleanly when we leave on purpose.
 */
export class BrokerLifecycle {
  private epoch = -1;
  private current: BrokerState = 'starting';
  private timer: NodeJS.Timeout | null = null;
  private wantShutDown = false;
  private shutDownGranted: (() => void) | null = null;
  private giveUp: (() => void) | null = null;
  private stateListeners: ((s: BrokerState) => void)[] = [];
  private beating = false;
  /** Heartbeats in a row that got no answer while a controlled shutdown waits. */
  private unanswered = 0;
  private caughtUp = false;
  private caughtUpListeners: (() => void)[] = [];
  private readonly liveness: ControllerLiveness;

  constructor(private readonly opts: BrokerLifecycleOptions) {
    this.liveness = new ControllerLiveness(opts.brokerId, opts.channel, opts.logger);
  }

  get brokerEpoch(): number {
    return this.epoch;
  }

  get state(): BrokerState {
    return this.current;
  }

  onStateChange(listener: (s: BrokerState) => void): void {
    this.stateListeners.push(listener);
  }

  /**
   * Runs `listener` once the controller first says this broker has replayed the metadata log up
   * to where it stood at registration (Kafka's initial catch-up): before that, the metadata
   * applied so far is history, not the cluster's present state.
   */
  onCaughtUp(listener: () => void): void {
    if (this.caughtUp) listener();
    else this.caughtUpListeners.push(listener);
  }

  async start(): Promise<void> {
    await this.register();
    this.timer = setInterval(() => void this.heartbeat(), this.opts.heartbeatIntervalMs);
    this.timer.unref();
    void this.heartbeat();
  }

  /** Resolves once the controller has unfenced us (registered and caught up on metadata). */
  waitUntilRunning(timeoutMs: number): Promise<void> {
    if (this.current === 'running') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new RunnelError('REQUEST_TIMED_OUT', `broker ${this.opts.brokerId} was not unfenced within ${timeoutMs} ms`)), timeoutMs);
      this.stateListeners.push((s) => {
        if (s === 'running') {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  /**
   * Controlled shutdown: heartbeat with want_shut_down until the controller says we may stop.
   * Gives up (false) at the timeout, or once two heartbeats in a row go unanswered: with no
   * controller reachable, nobody can move our leaderships anyway.
   */
  async controlledShutdown(timeoutMs: number): Promise<boolean> {
    if (this.epoch < 0) return false;
    this.wantShutDown = true;
    this.setState('pending-controlled-shutdown');
    const granted = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.shutDownGranted = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.giveUp = () => {
        clearTimeout(timer);
        resolve(false);
      };
    });
    void this.heartbeat();
    return granted;
  }

  /** Stops heartbeating and closes the liveness stream cleanly, so the controller does not take this for a crash. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.setState('shut-down');
    await this.liveness.close();
  }

  /**
   * Register, retrying while another live process holds this broker id (its session must lapse
   * first) or no controller answers; any other refusal is final.
   */
  private async register(): Promise<void> {
    const o = this.opts;
    for (let attempt = 0; ; attempt++) {
      if (this.current === 'shut-down') throw new RunnelError('BROKER_NOT_AVAILABLE', 'stopped before registering');
      let error: RunnelError;
      try {
        const response = await o.channel.call((c) => c.registerBroker, {
          brokerId: o.brokerId,
          clusterId: o.clusterId,
          incarnationId: o.incarnationId,
          listeners: o.listeners,
          rack: o.rack,
        }, 60_000);
        if (response.errorCode === 0) {
          this.epoch = response.brokerEpoch;
          break;
        }
        error = new RunnelError(errorName(response.errorCode), response.errorMessage);
      } catch (err) {
        error = err instanceof RunnelError ? err : new RunnelError('UNKNOWN_SERVER_ERROR', String(err));
      }
      if (error.errorName !== 'DUPLICATE_BROKER_REGISTRATION' && !error.retriable) throw error;
      if (attempt % 10 === 0) o.logger.warn({ brokerId: o.brokerId, err: error.toString() }, 'registration refused for now; retrying');
      await new Promise((r) => setTimeout(r, Math.min(this.opts.heartbeatIntervalMs, 1_000)));
    }
    this.setState('fenced');
    o.logger.info({ brokerId: o.brokerId, brokerEpoch: this.epoch }, 'registered with the controller');
    this.liveness.maintain(this.epoch);
  }

  private async heartbeat(): Promise<void> {
    if (this.beating || this.current === 'shut-down') return;
    this.beating = true;
    try {
      const response = await this.opts.channel.call((c) => c.brokerHeartbeat, {
        brokerId: this.opts.brokerId,
        brokerEpoch: this.epoch,
        currentMetadataOffset: this.opts.metadataOffset(),
        wantFence: false,
        wantShutDown: this.wantShutDown,
      }, this.wantShutDown ? this.opts.heartbeatIntervalMs : this.opts.heartbeatIntervalMs * 2);
      if (response.errorCode !== 0) {
        if (errorName(response.errorCode) === 'STALE_BROKER_EPOCH' && !this.wantShutDown) {
          this.opts.logger.warn({ brokerEpoch: this.epoch }, 'controller no longer knows this registration; registering again');
          await this.register();
        }
        return;
      }
      if (response.isCaughtUp || !response.isFenced) this.markCaughtUp();
      if (response.shouldShutDown) {
        // We are fenced and leading nothing: say goodbye before the process goes.
        await this.liveness.close();
        this.shutDownGranted?.();
        this.shutDownGranted = null;
        return;
      }
      this.liveness.maintain(this.epoch);
      if (this.wantShutDown) return;
      this.setState(response.isFenced ? 'fenced' : 'running');
      this.unanswered = 0;
    } catch (err) {
      this.opts.logger.warn({ err: String(err) }, 'heartbeat failed');
      if (this.wantShutDown && ++this.unanswered >= 2) {
        this.opts.logger.warn('no controller answers; giving up on controlled shutdown');
        this.giveUp?.();
      }
    } finally {
      this.beating = false;
    }
  }

  private markCaughtUp(): void {
    if (this.caughtUp) return;
    this.caughtUp = true;
    this.opts.logger.info({ brokerId: this.opts.brokerId, metadataOffset: this.opts.metadataOffset() }, 'caught up with the metadata log');
    const listeners = this.caughtUpListeners;
    this.caughtUpListeners = [];
    for (const l of listeners) l();
  }

  private setState(s: BrokerState): void {
    if (s === this.current) return;
    this.current = s;
    this.opts.logger.info({ brokerId: this.opts.brokerId, brokerEpoch: this.epoch, state: s }, 'broker state changed');
    for (const l of [...this.stateListeners]) l(s);
  }
}
