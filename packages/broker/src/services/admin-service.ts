import type * as grpc from '@grpc/grpc-js';
import { RunnelError, aclBindingToProto, callRequester, forwardingMetadata, requestIdOf, unaryHandler, type HandlersOf, type pb, type Requester } from '@runnel/protocol';
import {
  CLUSTER_DEFAULT_RESOURCE, CLUSTER_RESOURCE_NAME, TOPIC_CONFIGS, aclFilterFromProto, describeAcls, describeUserScramCredentials,
  type MetadataImage, type RequestAccess,
} from '@runnel/controller';
import type { LogManager } from '@runnel/storage';
import type { ControllerChannel } from '../metadata/controller-channel.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import type { ReplicaManager } from '../replica/replica-manager.js';
import type { BrokerConfigSource } from '../replica/topic-settings.js';

export interface AdminDeps {
  cache: MetadataCache;
  channel: ControllerChannel;
  replicas: ReplicaManager;
  logManager: LogManager;
  dataDir: string;
  /** Topic config defaults this broker applies (from its log.* settings), by topic config key. */
  topicDefaults: () => ReadonlyMap<string, { value: string; source: BrokerConfigSource }>;
  /** This broker's own configuration, for DescribeConfigs on a broker resource. */
  brokerConfigs: () => readonly pb.DescribedConfig[];
  brokerId: number;
  access: RequestAccess;
}

type Forwarded<Req, Res> = (client: import('@runnel/protocol').ClientOf<'Controller'>) => (request: Req, callback: grpc.requestCallback<Res>) => grpc.ClientUnaryCall;

/**
 * Sends the request to the active controller as it is, under the request id it came with and
 * naming the client it is for: the controller authorizes it as that client, against its committed
 * ACLs.
 */
function forward<Req, Res>(deps: AdminDeps, method: Forwarded<Req, Res>, timeoutOf: (r: Req) => number | undefined): grpc.handleUnaryCall<Req, Res> {
  return unaryHandler<Req, Res>((request, call) =>
    deps.channel.call(method, request, Math.max(timeoutOf(request) ?? 30_000, 1_000), { metadata: forwardingMetadata(callRequester(call)), requestId: requestIdOf(call) }),
  );
}

function resultError(e: RunnelError, resource: pb.ConfigResource__Output): pb.DescribeConfigsResult {
  return { errorCode: e.code, errorMessage: e.message, resourceType: resource.resourceType, resourceName: resource.resourceName, configs: [] };
}

function describeTopicConfigs(deps: AdminDeps, image: MetadataImage, resource: pb.ConfigResource__Output, withDocs: boolean, who: Requester): pb.DescribeConfigsResult {
  const denied = deps.access.topicError(who, 'DESCRIBE_CONFIGS', resource.resourceName);
  if (denied) return resultError(denied, resource);
  if (!image.topicsByName.has(resource.resourceName)) {
    return resultError(new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${resource.resourceName}' does not exist`), resource);
  }
  const overrides = image.configs.topic.get(resource.resourceName);
  const defaults = deps.topicDefaults();
  const keys = resource.configurationKeys.length > 0 ? resource.configurationKeys : Object.keys(TOPIC_CONFIGS).sort();
  const configs: pb.DescribedConfig[] = [];
  for (const key of keys) {
    const def = TOPIC_CONFIGS[key];
    if (!def) continue;
    const override = overrides?.get(key);
    const fallback = defaults.get(key) ?? { value: def.default, source: 'DEFAULT_CONFIG' as const };
    configs.push({
      name: key,
      value: override ?? fallback.value,
      readOnly: false,
      source: override !== undefined ? 'DYNAMIC_TOPIC_CONFIG' : fallback.source,
      isSensitive: false,
      documentation: withDocs ? def.doc : '',
      type: def.type.toUpperCase(),
    });
  }
  return { errorCode: 0, resourceType: resource.resourceType, resourceName: resource.resourceName, configs };
}

/**
 * The cluster-wide default broker resource: the dynamic defaults stored in the metadata log, typed
 * and documented as this broker describes the same keys.
 */
function describeClusterDefaults(deps: AdminDeps, wanted: ReadonlySet<string>, withDocs: boolean): pb.DescribedConfig[] {
  const own = new Map(deps.brokerConfigs().map((c) => [c.name, c]));
  const stored = deps.cache.image.configs.broker.get(CLUSTER_DEFAULT_RESOURCE) ?? new Map<string, string>();
  return [...stored]
    .filter(([name]) => wanted.size === 0 || wanted.has(name))
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([name, value]) => ({
      name,
      value,
      readOnly: false,
      source: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
      isSensitive: false,
      documentation: withDocs ? (own.get(name)?.documentation ?? '') : '',
      type: own.get(name)?.type ?? 'STRING',
    }));
}

/**
 * The Admin service on brokers: writes go to the active controller unchanged (it authorizes,
 * validates and commits them to the metadata log); descriptions come from this broker's image and
 * logs, authorized here as Kafka does (DESCRIBE_CONFIGS on the topic or cluster, DESCRIBE on the
 * cluster for log directories, ACLs and users).
 */
export function adminHandlers(deps: AdminDeps): HandlersOf<'Admin'> {
  return {
    CreateTopics: forward(deps, (c) => c.createTopics, (r) => r.timeoutMs),
    DeleteTopics: forward(deps, (c) => c.deleteTopics, (r) => r.timeoutMs),
    CreatePartitions: forward(deps, (c) => c.createPartitions, (r) => r.timeoutMs),
    IncrementalAlterConfigs: forward(deps, (c) => c.incrementalAlterConfigs, () => undefined),
    ElectLeaders: forward(deps, (c) => c.electLeaders, (r) => r.timeoutMs),
    AlterPartitionReassignments: forward(deps, (c) => c.alterPartitionReassignments, (r) => r.timeoutMs),
    ListPartitionReassignments: forward(deps, (c) => c.listPartitionReassignments, () => undefined),
    DescribeQuorum: forward(deps, (c) => c.describeQuorum, () => undefined),
    CreateAcls: forward(deps, (c) => c.createAcls, () => undefined),
    DeleteAcls: forward(deps, (c) => c.deleteAcls, () => undefined),
    AlterUserScramCredentials: forward(deps, (c) => c.alterUserScramCredentials, () => undefined),
    // Waits for the new controller to catch up (up to the controller's write timeout) before it votes.
    AddRaftVoter: forward(deps, (c) => c.addVoter, () => 60_000),
    RemoveRaftVoter: forward(deps, (c) => c.removeVoter, () => undefined),

    DescribeAcls: unaryHandler<pb.DescribeAclsRequest__Output, pb.DescribeAclsResponse>(async (request, call) => {
      try {
        deps.access.acls(call, 'DESCRIBE');
        const filter = aclFilterFromProto(request.filter ?? ({} as pb.AclBindingFilter__Output));
        return { errorCode: 0, errorMessage: '', bindings: describeAcls(deps.cache.image, filter).map(aclBindingToProto) };
      } catch (err) {
        if (!(err instanceof RunnelError)) throw err;
        return { errorCode: err.code, errorMessage: err.message, bindings: [] };
      }
    }),

    DescribeUserScramCredentials: unaryHandler<pb.DescribeUserScramCredentialsRequest__Output, pb.DescribeUserScramCredentialsResponse>(async (request, call) => {
      try {
        deps.access.cluster(call, 'DESCRIBE', 'DescribeUserScramCredentials');
      } catch (err) {
        if (!(err instanceof RunnelError)) throw err;
        return { errorCode: err.code, errorMessage: err.message, results: [] };
      }
      return {
        errorCode: 0,
        errorMessage: '',
        results: describeUserScramCredentials(deps.cache.image, request.users).map((d) => ({
          user: d.user,
          errorCode: d.error?.code ?? 0,
          errorMessage: d.error?.message ?? '',
          credentialInfos: d.iterations === null ? [] : [{ mechanism: 'SCRAM_SHA_256', iterations: d.iterations }],
        })),
      };
    }),

    DescribeConfigs: unaryHandler<pb.DescribeConfigsRequest__Output, pb.DescribeConfigsResponse>(async (request, call) => ({
      results: request.resources.map((resource) => {
        const who = callRequester(call);
        if (resource.resourceType === 'CONFIG_RESOURCE_TOPIC') {
          return describeTopicConfigs(deps, deps.cache.image, resource, request.includeDocumentation, who);
        }
        if (resource.resourceType === 'CONFIG_RESOURCE_BROKER') {
          if (!deps.access.may(who, 'DESCRIBE_CONFIGS', 'CLUSTER', CLUSTER_RESOURCE_NAME)) {
            return resultError(new RunnelError('CLUSTER_AUTHORIZATION_FAILED', `${who.principal} is not allowed DESCRIBE_CONFIGS on the cluster`), resource);
          }
          const wanted = new Set(resource.configurationKeys);
          if (resource.resourceName === CLUSTER_DEFAULT_RESOURCE) {
            return { errorCode: 0, resourceType: resource.resourceType, resourceName: resource.resourceName, configs: describeClusterDefaults(deps, wanted, request.includeDocumentation) };
          }
          if (resource.resourceName !== String(deps.brokerId)) {
            return resultError(new RunnelError('INVALID_REQUEST', `broker ${resource.resourceName}'s configuration is described by that broker; this is broker ${deps.brokerId}`), resource);
          }
          const configs = deps.brokerConfigs()
            .filter((c) => wanted.size === 0 || wanted.has(c.name ?? ''))
            .map((c) => (request.includeDocumentation ? c : { ...c, documentation: '' }));
          return { errorCode: 0, resourceType: resource.resourceType, resourceName: resource.resourceName, configs };
        }
        return resultError(new RunnelError('INVALID_REQUEST', `config resource type ${resource.resourceType} is not TOPIC or BROKER`), resource);
      }),
    })),

    DescribeCluster: unaryHandler<pb.DescribeClusterRequest__Output, pb.DescribeClusterResponse>(async () => {
      const image = deps.cache.image;
      const leaders = new Map<number, number>();
      const replicas = new Map<number, number>();
      for (const topic of image.topicsByName.values()) {
        for (const p of topic.partitions.values()) {
          if (p.leader >= 0) leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1);
          for (const r of p.replicas) replicas.set(r, (replicas.get(r) ?? 0) + 1);
        }
      }
      const brokers = [...image.brokers.values()].sort((a, b) => a.id - b.id).map((b): pb.BrokerState => {
        const e = b.endpoints[0];
        return {
          node: { nodeId: b.id, host: e?.host ?? '', port: e?.port ?? 0, rack: b.rack ?? '' },
          state: b.inControlledShutdown ? 'CONTROLLED_SHUTDOWN' : b.fenced ? 'FENCED' : 'UNFENCED',
          brokerEpoch: b.epoch,
          leaderCount: leaders.get(b.id) ?? 0,
          replicaCount: replicas.get(b.id) ?? 0,
        };
      });
      return { errorCode: 0, clusterId: deps.cache.clusterId, controllerId: deps.channel.activeControllerId, brokers };
    }),

    DescribeLogDirs: unaryHandler<pb.DescribeLogDirsRequest__Output, pb.DescribeLogDirsResponse>(async (request, call) => {
      const who = callRequester(call);
      if (!deps.access.may(who, 'DESCRIBE', 'CLUSTER', CLUSTER_RESOURCE_NAME)) {
        return { errorCode: new RunnelError('CLUSTER_AUTHORIZATION_FAILED').code, logDir: '', partitions: [] };
      }
      const wanted = new Map(request.topics.map((t) => [t.topic, new Set(t.partitions)]));
      const partitions: pb.LogDirPartition[] = [];
      for (const log of deps.logManager.allLogs()) {
        const filter = wanted.get(log.topic);
        if (wanted.size > 0 && (!filter || (filter.size > 0 && !filter.has(log.partition)))) continue;
        partitions.push({
          topic: log.topic,
          partition: log.partition,
          sizeBytes: log.size,
          logStartOffset: log.logStartOffset,
          logEndOffset: log.logEndOffset,
          highWatermark: log.highWatermark,
        });
      }
      partitions.sort((a, b) => (a.topic ?? '').localeCompare(b.topic ?? '') || (a.partition ?? 0) - (b.partition ?? 0));
      return { errorCode: 0, logDir: deps.dataDir, partitions };
    }),
  };
}
