/**
 * The controller's configuration types. Values come from the server configuration (the `runnel`
 * command's schema validates and converts them); the controller takes them typed.
 */
/** One member of the controller quorum, from `controller.quorum.voters`. */
export interface QuorumVoter {
  readonly id: number;
  readonly host: string;
  readonly port: number;
}

/** The cluster-wide policy the controller applies when it decides. */
export interface ClusterSettings {
  readonly numPartitions: number;
  readonly defaultReplicationFactor: number;
  readonly minInsyncReplicas: number;
  readonly uncleanLeaderElectionEnable: boolean;
  readonly autoLeaderRebalanceEnable: boolean;
  readonly leaderImbalanceCheckIntervalMs: number;
  readonly brokerSessionTimeoutMs: number;
  readonly brokerHeartbeatIntervalMs: number;
}

export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = {
  numPartitions: 1,
  defaultReplicationFactor: 1,
  minInsyncReplicas: 1,
  uncleanLeaderElectionEnable: false,
  autoLeaderRebalanceEnable: true,
  leaderImbalanceCheckIntervalMs: 300_000,
  brokerSessionTimeoutMs: 9000,
  brokerHeartbeatIntervalMs: 2000,
};
