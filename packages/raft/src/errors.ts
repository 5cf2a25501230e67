import { RunnelError } from '@runnel/protocol';
import type { NodeId } from './types.js';

/** NOT_CONTROLLER, with where to go instead: the known leader, or 0 when none is known yet. */
export class NotLeaderError extends RunnelError {
  readonly leaderId: NodeId;

  constructor(leaderId: NodeId, message: string) {
    super('NOT_CONTROLLER', message);
    this.leaderId = leaderId;
  }
}
