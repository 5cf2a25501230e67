import type { Logger } from 'pino';
import type { ClientOptions } from '@runnel/protocol';
import type { Partition } from './partition.js';
import { ReplicaFetcher, type ReplicaFetcherSettings } from './replica-fetcher.js';
import { ReplicationQuota } from './replication-quota.js';

/**
 * One ReplicaFetcher per leader broker: a partition moves between fetchers as its leader
 * changes, and a fetcher with nothing left to follow is stopped.
 */
export class ReplicaFetcherManager {
  private readonly fetchers = new Map<number, ReplicaFetcher>();
  private readonly assignment = new Map<string, number>();
  /** One limit for the whole broker, shared by the fetchers of every leader. */
  private readonly quota: ReplicationQuota;

  constructor(
    private readonly deps: {
      brokerId: number;
      brokerEpoch: () => number;
      /** host:port of a broker's replication listener, or undefined if unknown. */
      addressOf: (brokerId: number) => string | undefined;
      settings: ReplicaFetcherSettings;
      logger: Logger;
      /** Bytes per second for adding replicas' fetches (reassignment traffic), or null for no limit. */
      reassignmentThrottle?: () => number | null;
      now?: () => number;
      /** How calls to leaders are made: TLS credentials, this node's token. */
      clientOptions?: ClientOptions;
    },
  ) {
    this.quota = new ReplicationQuota(deps.reassignmentThrottle ?? (() => null), deps.now ?? Date.now);
  }

  follow(partition: Partition, leaderId: number, leaderEpoch: number): void {
    const current = this.assignment.get(partition.key);
    if (current !== undefined && current !== leaderId) this.unfollow(partition);
    const address = this.deps.addressOf(leaderId);
    if (address === undefined) {
      this.deps.logger.warn({ topic: partition.topic, partition: partition.partition, leaderId }, 'leader address unknown; not fetching yet');
      return;
    }
    let fetcher = this.fetchers.get(leaderId);
    if (!fetcher) {
      fetcher = new ReplicaFetcher({ ...this.deps, leaderId, address, quota: this.quota });
      this.fetchers.set(leaderId, fetcher);
    }
    fetcher.add(partition, leaderEpoch);
    this.assignment.set(partition.key, leaderId);
  }

  unfollow(partition: Partition): void {
    const leaderId = this.assignment.get(partition.key);
    if (leaderId === undefined) return;
    this.assignment.delete(partition.key);
    const fetcher = this.fetchers.get(leaderId);
    if (!fetcher) return;
    fetcher.remove(partition);
    if (fetcher.partitionCount === 0) {
      this.fetchers.delete(leaderId);
      void fetcher.stop();
    }
  }

  async shutdown(): Promise<void> {
    const all = [...this.fetchers.values()];
    this.fetchers.clear();
    this.assignment.clear();
    await Promise.all(all.map((f) => f.stop()));
  }
}
