import type { Command } from 'commander';
import type { BrokerDescription, ClusterDescription, QuorumDescription, QuorumReplicaDescription } from '@runnel/client';
import { fail } from '../cli-error.js';
import { bootstrapOption } from './bootstrap.js';
import { outputFormat } from './flags.js';
import { json, print } from './print.js';
import { formatTable } from './table.js';
import { withAdmin } from './with-admin.js';

interface StatusFlags {
  bootstrap?: string;
  bootstrapServer?: string;
  output?: string;
}

interface QuorumMember {
  nodeId: number;
  address: string;
  /** Leader or Follower for voters, Observer for brokers following the metadata log. */
  status: 'Leader' | 'Follower' | 'Observer';
  logEndOffset: number;
  /** Behind the leader's log end offset; null when either end is unknown. */
  lag: number | null;
  lastFetchTimestamp: number;
}

interface ClusterStatus {
  clusterId: string;
  controllerId: number;
  quorum: { leaderId: number; leaderEpoch: number; highWatermark: number; members: QuorumMember[] };
  brokers: BrokerDescription[];
}

/** Kafka's broker registration states, as an operator reads them. */
const STATE_TEXT: Record<string, string> = { UNFENCED: 'unfenced', FENCED: 'fenced', CONTROLLED_SHUTDOWN: 'shutting-down' };

function status(cluster: ClusterDescription, quorum: QuorumDescription): ClusterStatus {
  const leaderEnd = quorum.voters.find((v) => v.nodeId === quorum.leaderId)?.logEndOffset ?? -1;
  const member = (r: QuorumReplicaDescription, role: QuorumMember['status']): QuorumMember => ({
    nodeId: r.nodeId,
    address: r.address,
    status: role,
    logEndOffset: r.logEndOffset,
    lag: leaderEnd >= 0 && r.logEndOffset >= 0 ? Math.max(0, leaderEnd - r.logEndOffset) : null,
    lastFetchTimestamp: r.lastFetchTimestamp,
  });
  return {
    clusterId: cluster.clusterId,
    controllerId: cluster.controllerId,
    quorum: {
      leaderId: quorum.leaderId,
      leaderEpoch: quorum.leaderEpoch,
      highWatermark: quorum.highWatermark,
      members: [
        ...quorum.voters.map((v) => member(v, v.nodeId === quorum.leaderId ? 'Leader' : 'Follower')),
        ...quorum.observers.map((o) => member(o, 'Observer')),
      ],
    },
    brokers: cluster.brokers,
  };
}

function ago(timestamp: number, now: number): string {
  return timestamp < 0 ? '-' : `${Math.max(0, now - timestamp)} ms ago`;
}

function statusText(s: ClusterStatus): string {
  const now = Date.now();
  const head = `Cluster: ${s.clusterId}  Controller: ${s.quorum.leaderId}  LeaderEpoch: ${s.quorum.leaderEpoch}  HighWatermark: ${s.quorum.highWatermark}`;
  const quorum = formatTable([
    ['NODE-ID', 'ADDRESS', 'STATUS', 'LOG-END-OFFSET', 'LAG', 'LAST-FETCH'],
    ...s.quorum.members.map((m) => [
      String(m.nodeId),
      m.address || '-',
      m.status,
      m.logEndOffset < 0 ? '-' : String(m.logEndOffset),
      m.lag === null ? '-' : String(m.lag),
      m.status === 'Leader' ? '-' : ago(m.lastFetchTimestamp, now),
    ]),
  ]);
  const brokers = formatTable([
    ['BROKER', 'ADDRESS', 'RACK', 'STATE', 'EPOCH', 'LEADERS', 'REPLICAS'],
    ...s.brokers.map((b) => [
      String(b.nodeId),
      b.host ? `${b.host}:${b.port}` : '-',
      b.rack || '-',
      STATE_TEXT[b.state] ?? b.state,
      String(b.brokerEpoch),
      String(b.leaderCount),
      String(b.replicaCount),
    ]),
  ]);
  return `${head}\n\nControllers (metadata quorum)\n${quorum}\n\nBrokers\n${brokers}`;
}

async function clusterStatus(flags: StatusFlags): Promise<void> {
  const format = outputFormat(flags.output, 'table');
  const s = await withAdmin(flags, async (admin) => {
    const [cluster, quorum] = await Promise.all([admin.describeCluster(), admin.describeQuorum()]);
    return status(cluster, quorum);
  });
  if (format === 'json') json(s);
  else print(statusText(s));
}

export function clusterCommand(program: Command): void {
  const cluster = program.command('cluster').description('the state of the cluster: controller quorum and brokers');
  cluster.showHelpAfterError(false);
  bootstrapOption(cluster.command('status').showHelpAfterError(false))
    .description('controllers (leader, followers, log end offset and lag behind the leader; brokers as observers) and brokers (state, partitions led and hosted)')
    .option('--output <format>', 'table or json')
    .action((flags: StatusFlags) => clusterStatus(flags).catch((err: unknown) => fail(err)));
}
