import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { RunnelError, errorName, type pb } from '@runnel/protocol';
import type { ControllerChannel } from './controller-channel.js';

export type BrokerState = 'starting' | 'fenced' | 'running' | 'pending-controlled-shutdown' | 'shut-down';

export interface BrokerLifecycleOptions {
  brokerId: number;
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
 * controller dropped us (e.g. fenced after a long pause): register again.
 */
export class BrokerLifecycle {
  readonly incarnationId = randomBytes(16);
  private epoch = -1;
  private current: BrokerState = 'starting';
  private timer: NodeJS.Timeout | null = null;
  private wantShutDown = false;
  private shutDownGranted: (() => void) | null = null;
  private stateListeners: ((s: BrokerState) => void)[] = [];
  private beating = false;

  constructor(private readonly opts: BrokerLifecycleOptions) {}

  get brokerEpoch(): number {
    return this.epoch;
  }

  get state(): BrokerState {
    return this.current;
  }

  onStateChange(listener: (s: BrokerState) => void): void {
    this.stateListeners.push(listener);
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

  /** Controlled shutdown: heartbeat with want_shut_down until the controller says we may stop. */
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
    });
    void this.heartbeat();
    return granted;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.setState('shut-down');
  }

  private async register(): Promise<void> {
    const o = this.opts;
    const response = await o.channel.call((c) => c.registerBroker, {
      brokerId: o.brokerId,
      clusterId: o.clusterId,
      incarnationId: this.incarnationId,
      listeners: o.listeners,
      rack: o.rack,
    }, 60_000);
    if (response.errorCode !== 0) throw new RunnelError(errorName(response.errorCode), response.errorMessage);
    this.epoch = response.brokerEpoch;
    this.setState('fenced');
    o.logger.info({ brokerId: o.brokerId, brokerEpoch: this.epoch }, 'registered with the controller');
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
      }, this.opts.heartbeatIntervalMs * 2);
      if (response.errorCode !== 0) {
        if (errorName(response.errorCode) === 'STALE_BROKER_EPOCH' && !this.wantShutDown) {
          this.opts.logger.warn({ brokerEpoch: this.epoch }, 'controller no longer knows this registration; registering again');
          await this.register();
        }
        return;
      }
      if (response.shouldShutDown) {
        this.shutDownGranted?.();
        this.shutDownGranted = null;
        return;
      }
      if (this.wantShutDown) return;
      this.setState(response.isFenced ? 'fenced' : 'running');
    } catch (err) {
      this.opts.logger.warn({ err: String(err) }, 'heartbeat failed');
    } finally {
      this.beating = false;
    }
  }

  private setState(s: BrokerState): void {
    if (s === this.current) return;
    this.current = s;
    this.opts.logger.info({ brokerId: this.opts.brokerId, brokerEpoch: this.epoch, state: s }, 'broker state changed');
    for (const l of [...this.stateListeners]) l(s);
  }
}
