import { RunnelError } from '@runnel/protocol';
import type { PartitionAssignor } from './assignor.js';
import { CooperativeStickyAssignor } from './cooperative-sticky-assignor.js';
import { RangeAssignor } from './range-assignor.js';
import { RoundRobinAssignor } from './round-robin-assignor.js';

export type { MemberSubscription, PartitionAssignor, RebalanceProtocol } from './assignor.js';
export { CooperativeStickyAssignor, RangeAssignor, RoundRobinAssignor };

const BY_NAME: ReadonlyMap<string, PartitionAssignor> = new Map([RangeAssignor, RoundRobinAssignor, CooperativeStickyAssignor].map((a) => [a.name, a]));

/** The assignor Kafka knows by this partition.assignment.strategy name. */
export function assignorByName(name: string): PartitionAssignor {
  const a = BY_NAME.get(name);
  if (!a) {
    throw new RunnelError('INVALID_CONFIG', `partition.assignment.strategy '${name}' is unknown; use one of ${[...BY_NAME.keys()].map((n) => `'${n}'`).join(', ')}`);
  }
  return a;
}
