import { RunnelError } from '@runnel/protocol';
import type { ControllerContext, ControllerResult } from './controller-context.js';
import { applyRecords } from './delta.js';
import type { MetadataImage } from './image.js';
import { electOfflineLeaders } from './partition-change.js';
import { REASSIGNMENT_THROTTLE_CONFIG } from './reassignment.js';
import { CLUSTER_DEFAULT_RESOURCE, type MetadataRecord } from './records.js';
import type { ConfigOperation } from './topic-operations.js';

/**
 * Judges dynamic broker config values. The node configuration schema lives with the server
 * command, which hands the controller this policy; the controller stores what it accepts.
 */
export interface BrokerConfigPolicy {
  /**
   * The text to store for `key` set to `value` on broker `brokerId`, or as the cluster-wide
   * default when `brokerId` is null; `value` null checks a deletion (and null comes back).
   * Throws a RunnelError naming the key: unknown, read-only, per-broker only, or a bad value.
   */
  check(key: string, value: string | null, brokerId: number | null): string | null;
}

export interface AlterBrokerConfigsRequest {
  /** A broker id, or '' (CLUSTER_DEFAULT_RESOURCE) for the cluster-wide default. */
  readonly resourceName: string;
  readonly ops: readonly ConfigOperation[];
}

export interface BrokerConfigResult {
  readonly resourceName: string;
  readonly error: RunnelError | null;
}

function brokerIdOf(resourceName: string): number | null {
  if (resourceName === CLUSTER_DEFAULT_RESOURCE) return null;
  if (!/^\d{1,10}$/.test(resourceName) || Number(resourceName) > 2 ** 31 - 1) {
    throw new RunnelError('INVALID_REQUEST', `broker config resource '${resourceName}' is not a broker id (or '' for the cluster-wide default)`);
  }
  return Number(resourceName);
}

/**
 * Sets and deletes dynamic broker configs (IncrementalAlterConfigs on BROKER resources): per
 * broker, or as the cluster-wide default. Each resource's operations all apply or none does.
 * A change to the cluster's unclean election default elects leaders for partitions it lets
 * have one again.
 */
export function alterBrokerConfigs(
  image: MetadataImage,
  requests: readonly AlterBrokerConfigsRequest[],
  policy: BrokerConfigPolicy,
  ctx: ControllerContext,
): ControllerResult<BrokerConfigResult[]> {
  const records: MetadataRecord[] = [];
  const results = requests.map((request): BrokerConfigResult => {
    try {
      const brokerId = brokerIdOf(request.resourceName);
      const batch: MetadataRecord[] = [];
      for (const op of request.ops) {
        if (op.key === REASSIGNMENT_THROTTLE_CONFIG) {
          throw new RunnelError('INVALID_REQUEST', `${op.key} is set by partition reassignments and lifted when they end: use runnel partitions reassign --execute --throttle`);
        }
        if (op.op === 'set' && op.value === undefined) throw new RunnelError('INVALID_CONFIG', `setting broker config ${op.key} needs a value`);
        const value = policy.check(op.key, op.op === 'set' ? op.value! : null, brokerId);
        batch.push({ type: 'config', resourceType: 'broker', resourceName: request.resourceName, name: op.key, value });
      }
      records.push(...batch);
      const where = brokerId === null ? { scope: 'cluster-wide default' } : { brokerId };
      if (batch.length > 0) ctx.log?.info({ ...where, set: request.ops.filter((o) => o.op === 'set').map((o) => o.key), deleted: request.ops.filter((o) => o.op === 'delete').map((o) => o.key) }, 'altering dynamic broker configs');
      return { resourceName: request.resourceName, error: null };
    } catch (err) {
      if (!(err instanceof RunnelError)) throw err;
      return { resourceName: request.resourceName, error: err };
    }
  });
  const after = records.length === 0 ? image : applyRecords(image, records).image;
  return { records: [...records, ...electOfflineLeaders(after, ctx.settings)], response: results };
}
