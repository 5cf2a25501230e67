/**
 * Thrown by a consumer call that wakeup() interrupted, like Kafka's WakeupException. Not a
 * broker error: it only means another part of the program asked the consumer to stop waiting.
 */
export class WakeupError extends Error {
  constructor() {
    super('the consumer was woken up by wakeup() while it waited');
    this.name = 'WakeupError';
  }
}

export function isWakeupError(err: unknown): err is WakeupError {
  return err instanceof WakeupError;
}
