import { Counter, Gauge, type Registry } from 'prom-client';
import type { RaftNode } from '@runnel/raft';

/**
 * A controller's view of the metadata quorum as Prometheus series, read when scraped: the leader
 * it follows, its term, how far its log is committed and applied, and elections seen.
 */
export function registerControllerMetrics(registry: Registry, raft: RaftNode): void {
  const registers = [registry];
  const gauge = (name: string, help: string, read: () => number): void => {
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  };
  gauge('runnel_raft_leader_id', 'Node id of the quorum leader this controller knows, -1 when none', () => raft.leaderId);
  gauge('runnel_raft_is_leader', '1 on the active controller (the quorum leader), else 0', () => (raft.isLeader ? 1 : 0));
  gauge('runnel_raft_term', 'Current Raft term (epoch) of this controller', () => raft.term);
  gauge('runnel_raft_last_index', 'Last index of this controller\'s metadata log', () => raft.lastIndex);
  gauge('runnel_raft_commit_index', 'Highest metadata log index known committed', () => raft.commitIndex);
  gauge('runnel_raft_commit_lag', 'Entries this controller has in its log but not yet committed', () => Math.max(0, raft.lastIndex - raft.commitIndex));
  gauge('runnel_raft_apply_lag', 'Committed entries not yet applied to this controller\'s metadata', () => Math.max(0, raft.commitIndex - raft.appliedIndex));
  let counted = 0;
  new Counter({
    name: 'runnel_raft_elections_total',
    help: 'Elections (new terms) this controller has seen since it started',
    registers,
    collect() {
      const now = raft.elections;
      if (now > counted) this.inc(now - counted);
      counted = now;
    },
  });
}
