import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { RunnelError, fromServiceError, type pb } from '@runnel/protocol';
import type { ControllerChannel } from './controller-channel.js';

interface OpenStream {
  readonly stream: grpc.ClientDuplexStream<pb.BrokerLivenessRequest, pb.BrokerLivenessResponse__Output>;
  readonly controllerId: number;
  readonly brokerEpoch: number;
  /** Settles once the call is over, whichever way it ended. */
  readonly over: Promise<void>;
}

/**
 * This broker's liveness stream to the active controller (Controller.BrokerLiveness), held open
 * for the current registration: should this process die, its kernel closes the connection and
 * the controller fences the broker at once instead of at the session timeout. The stream is
 * reopened, with the channel's backoff, when the controller ends it or it fails; it is moved to a
 * new registration or a new active controller by a goodbye and a fresh stream; and it ends with a
 * goodbye on shutdown. A stream that ends after the goodbye (a last message with closing set,
 * then a half-close) fences nothing: only one this side never finished does.
 */
export class ControllerLiveness {
  private current: OpenStream | null = null;
  private brokerEpoch = -1;
  /** Failed opens in a row, for the channel's backoff; reset once a controller accepts a stream. */
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly brokerId: number,
    private readonly channel: ControllerChannel,
    private readonly logger: Logger,
  ) {}

  /**
   * Keep a stream open for registration `brokerEpoch` to the controller the channel takes for the
   * active one. Called after registering and after every answered heartbeat; does nothing when
   * the open stream already fits, or a reopen is already scheduled.
   */
  maintain(brokerEpoch: number): void {
    if (this.closed) return;
    this.brokerEpoch = brokerEpoch;
    const open = this.current;
    if (open) {
      if (open.brokerEpoch === brokerEpoch && open.controllerId === this.channel.activeControllerId) return;
      this.current = null;
      this.leave(open);
    } else if (this.retry) {
      return;
    }
    this.open();
  }

  /**
   * Says goodbye and half-closes the stream, which the controller takes as leaving, not dying;
   * resolves once the controller has ended its side, or after `timeoutMs`.
   */
  async close(timeoutMs = 2_000): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const open = this.current;
    this.current = null;
    if (!open) return;
    this.leave(open);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([open.over, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  private leave(open: OpenStream): void {
    open.stream.write({ brokerId: this.brokerId, brokerEpoch: open.brokerEpoch, closing: true });
    open.stream.end();
  }

  private open(): void {
    this.retry = null;
    if (this.closed) return;
    const opened = this.channel.openStream((c) => c.brokerLiveness({ deadline: Infinity }));
    if (!opened) return;
    const { stream, controllerId } = opened;
    const entry: OpenStream = {
      stream,
      controllerId,
      brokerEpoch: this.brokerEpoch,
      over: new Promise((resolve) => stream.once('status', () => resolve())),
    };
    this.current = entry;
    stream.on('data', () => {
      if (this.current !== entry) return;
      this.failures = 0;
      this.logger.debug({ controllerId, brokerEpoch: entry.brokerEpoch }, 'liveness stream accepted by the controller');
    });
    stream.on('error', (err) => this.ended(entry, fromServiceError(err)));
    stream.on('end', () => this.ended(entry, new RunnelError('NETWORK_EXCEPTION', `controller ${controllerId} ended the liveness stream`)));
    stream.write({ brokerId: this.brokerId, brokerEpoch: entry.brokerEpoch });
  }

  /** The controller ended the stream, or the connection failed: reopen, unless the error says the registration itself is gone. */
  private ended(entry: OpenStream, err: RunnelError): void {
    if (this.current !== entry) return;
    this.current = null;
    if (this.closed) return;
    if (err.errorName !== 'NOT_CONTROLLER' && !err.retriable) {
      // STALE_BROKER_EPOCH and the like: heartbeats register again, and the next maintain() reopens.
      this.logger.debug({ controllerId: entry.controllerId, brokerEpoch: entry.brokerEpoch, err: err.toString() }, 'liveness stream refused');
      return;
    }
    const pauseMs = this.channel.streamFailed(entry.controllerId, err, this.failures++);
    this.logger.debug({ controllerId: entry.controllerId, err: err.toString(), pauseMs }, 'liveness stream ended; reopening');
    this.retry = setTimeout(() => this.open(), pauseMs);
    this.retry.unref();
  }
}
