import {
  RunnelError, aclBindingFromProto, aclBindingToProto, addService, authenticatedHandlers, callRequester, logUnaryCalls, requestIdOf, toServiceError,
  unaryHandler, type CallAuthenticator, type HandlersOf, type pb,
} from '@runnel/protocol';
import { CLUSTER_RESOURCE_NAME } from '../acl/acl-binding.js';
import { createAcls, deleteAcls } from '../acl/acl-operations.js';
import { aclFilterFromProto } from '../acl/acl-proto.js';
import type { Authorizer } from '../acl/authorizer.js';
import { RequestAccess } from '../acl/request-access.js';
import { alterPartition } from '../alter-partition.js';
import { alterBrokerConfigs, type AlterBrokerConfigsRequest, type BrokerConfigPolicy } from '../broker-configs.js';
import { applyRecords } from '../delta.js';
import type { ControllerResult } from '../controller-context.js';
import type { MetadataImage } from '../image.js';
import { electLeaders, type ElectionType } from '../leader-election.js';
import { alterPartitionReassignments, listPartitionReassignments } from '../reassignment.js';
import { NO_LEADER } from '../records.js';
import { alterUserScramCredentials } from '../scram-credentials.js';
import { TOPIC_CONFIGS } from '../topic-config.js';
import {
  alterTopicConfigs,
  createPartitions,
  createTopics,
  deleteTopics,
  type AlterTopicConfigsRequest,
  type ConfigOperation,
  type CreateTopicRequest,
  type CreateTopicResult,
} from '../topic-operations.js';
import { ZERO_UUID, uuidFromBytes, uuidToBytes, type Uuid } from '../uuid.js';
import type { QuorumController, QuorumReplica } from './quorum-controller.js';

/** The Controller service methods served. */
export type ControllerHandlers = Pick<
  HandlersOf<'Controller'>,
  | 'RegisterBroker'
  | 'BrokerHeartbeat'
  | 'UnregisterBroker'
  | 'BrokerLiveness'
  | 'AlterPartition'
  | 'AllocateProducerIds'
  | 'CreateTopics'
  | 'DeleteTopics'
  | 'CreatePartitions'
  | 'IncrementalAlterConfigs'
  | 'ElectLeaders'
  | 'AlterPartitionReassignments'
  | 'ListPartitionReassignments'
  | 'DescribeQuorum'
  | 'AddVoter'
  | 'RemoveVoter'
  | 'CreateAcls'
  | 'DeleteAcls'
  | 'AlterUserScramCredentials'
>;

export interface ControllerServiceOptions {
  /** When set, registrations naming another cluster are refused with INCONSISTENT_CLUSTER_ID. */
  clusterId?: string;
  /** The authorizer over the controller's committed ACLs; absent or disabled allows every call. */
  authorizer?: Authorizer;
  /** Set when the controller listener is SASL_PLAINTEXT: every call must authenticate. */
  authenticate?: CallAuthenticator;
  /** Judges dynamic broker config changes against the node configuration schema. */
  brokerConfigs: BrokerConfigPolicy;
}

/**
 * Failures of the whole call (this is not the active controller, the write timed out or could not
 * be queued, the metadata log failed): thrown, so they travel as gRPC status plus metadata.
 * Every other error is the request's own and travels in the response's error_code.
 */
const CALL_ERRORS = new Set(['NOT_CONTROLLER', 'REQUEST_TIMED_OUT', 'THROTTLING_QUOTA_EXCEEDED', 'KAFKA_STORAGE_ERROR']);

async function answer<T>(work: () => Promise<T>, onError: (err: RunnelError) => T): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RunnelError && !CALL_ERRORS.has(err.errorName)) return onError(err);
    throw err;
  }
}

function code(err: RunnelError | null): { errorCode: number; errorMessage: string } {
  return err ? { errorCode: err.code, errorMessage: err.message } : { errorCode: 0, errorMessage: '' };
}

/** A Kafka topic id on the wire: 16 bytes, or empty / all zero for "none given". */
function optionalTopicId(bytes: Buffer): Uuid | null {
  if (bytes.length === 0) return null;
  const id = uuidFromBytes(bytes);
  return id === ZERO_UUID ? null : id;
}

/** Only a successful write keeps its records; validate_only answers from the same checks. */
function validateOnly<T>(result: ControllerResult<T>, only: boolean): ControllerResult<T> {
  return only ? { records: [], response: result.response } : result;
}

function effectiveConfigs(configs: Readonly<Record<string, string>>): pb.ConfigEntry[] {
  return Object.entries(TOPIC_CONFIGS).map(([name, def]) => ({ name, value: configs[name] ?? def.default }));
}

/** CreatableTopic to the decision's request; problems that need no image are found here. */
function toCreateTopicRequest(topic: pb.CreatableTopic__Output): CreateTopicRequest {
  const configs: Record<string, string> = {};
  for (const c of topic.configs) {
    if (c.name in configs) throw new RunnelError('INVALID_REQUEST', `topic '${topic.name}' sets config ${c.name} twice`);
    configs[c.name] = c.value;
  }
  if (topic.assignments.length === 0) {
    return { name: topic.name, numPartitions: topic.numPartitions, replicationFactor: topic.replicationFactor, configs };
  }
  const byPartition = [...topic.assignments].sort((a, b) => a.partition - b.partition);
  byPartition.forEach((a, i) => {
    if (a.partition !== i) {
      throw new RunnelError(
        'INVALID_REPLICA_ASSIGNMENT',
        `topic '${topic.name}': assignments must cover partitions 0..${byPartition.length - 1} once each`,
      );
    }
  });
  // With an explicit assignment the counts are unset (-1); 0 is the protobuf default for "not given".
  const unset = (n: number): number | undefined => (n === 0 || n === -1 ? undefined : n);
  return {
    name: topic.name,
    numPartitions: unset(topic.numPartitions),
    replicationFactor: unset(topic.replicationFactor),
    configs,
    assignments: byPartition.map((a) => a.brokerIds),
  };
}

type ConfigOp = pb.AlterConfigsResource__Output['configs'][number];

/** One resource's operations as sets and deletes; `listOp` turns APPEND/SUBTRACT into a set. */
function configOps(resource: pb.AlterConfigsResource__Output, listOp: (c: ConfigOp) => ConfigOperation): ConfigOperation[] {
  const seen = new Set<string>();
  return resource.configs.map((c): ConfigOperation => {
    if (seen.has(c.name)) throw new RunnelError('INVALID_REQUEST', `config ${c.name} appears more than once for ${resource.resourceType} '${resource.resourceName}'`);
    seen.add(c.name);
    switch (c.op) {
      case 'ALTER_CONFIG_SET':
        return { key: c.name, op: 'set', value: c.value };
      case 'ALTER_CONFIG_DELETE':
        return { key: c.name, op: 'delete' };
      case 'ALTER_CONFIG_APPEND':
      case 'ALTER_CONFIG_SUBTRACT':
        return listOp(c);
      default:
        throw new RunnelError('INVALID_REQUEST', `unknown config operation ${String(c.op)}`);
    }
  });
}

/** A topic resource of IncrementalAlterConfigs; APPEND/SUBTRACT edit list values. */
function toTopicConfigOps(image: MetadataImage, resource: pb.AlterConfigsResource__Output): AlterTopicConfigsRequest {
  const ops = configOps(resource, (c) => {
    const def = TOPIC_CONFIGS[c.name];
    if (!def) throw new RunnelError('INVALID_CONFIG', `unknown topic config '${c.name}'`);
    if (def.type !== 'list') throw new RunnelError('INVALID_CONFIG', `${c.op} applies to list configs only; ${c.name} is a ${def.type}`);
    const split = (text: string): string[] => text.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const current = split(image.configs.topic.get(resource.resourceName)?.get(c.name) ?? def.default);
    const given = split(c.value);
    const next = c.op === 'ALTER_CONFIG_APPEND' ? [...current, ...given.filter((v) => !current.includes(v))] : current.filter((v) => !given.includes(v));
    return { key: c.name, op: 'set', value: next.join(',') };
  });
  return { name: resource.resourceName, ops };
}

/** Each item parsed, or its slot filled with the answer to its parse error (null slots are answered later, by merge). */
function parseEach<I, T, R>(items: readonly I[], parse: (item: I) => T, refused: (err: RunnelError) => R): { values: T[]; slots: (R | null)[] } {
  const values: T[] = [];
  const slots = items.map((item): R | null => {
    try {
      values.push(parse(item));
      return null;
    } catch (err) {
      if (!(err instanceof RunnelError)) throw err;
      return refused(err);
    }
  });
  return { values, slots };
}

/** A broker resource of IncrementalAlterConfigs: sets and deletes (a list is set whole). */
function toBrokerConfigOps(resource: pb.AlterConfigsResource__Output): AlterBrokerConfigsRequest {
  const ops = configOps(resource, (c) => {
    throw new RunnelError('INVALID_REQUEST', `${c.op} is not supported for broker configs; set ${c.name} to the whole list`);
  });
  return { resourceName: resource.resourceName, ops };
}

/** Puts per-item results computed in two passes (checked here, decided by the controller) back in request order. */
function merge<T>(slots: (T | null)[], decided: T[]): T[] {
  let next = 0;
  return slots.map((slot) => slot ?? decided[next++]!);
}

/**
 * BrokerLiveness: the first message names the broker registration the stream speaks for; the
 * controller accepts it (answering once) or ends the stream with the reason. From then on only
 * how the stream ends matters: after the broker's goodbye (closing) it is clean; an end,
 * cancellation or error before that (the broker's connection went away; grpc reports a reset
 * stream as a half-close too) is reported as lost. An end this side chose (refusal, stepping
 * down) is neither.
 */
function brokerLivenessHandler(controller: QuorumController, access: RequestAccess): HandlersOf<'Controller'>['BrokerLiveness'] {
  return (call) => {
    let over: ((lost: boolean) => void) | null = null;
    let settled = false;
    const settle = (lost: boolean): void => {
      if (settled) return;
      settled = true;
      over?.(lost);
    };
    const endWith = (err: unknown): void => {
      settled = true;
      call.emit('error', toServiceError(err));
    };
    call.on('data', (req: pb.BrokerLivenessRequest__Output) => {
      if (settled) return;
      if (!over) {
        try {
          access.cluster(call, 'CLUSTER_ACTION', 'a broker liveness stream');
          over = controller.acceptLiveness(req.brokerId, req.brokerEpoch, endWith);
          call.write({ controllerId: controller.nodeId });
        } catch (err) {
          endWith(err);
          return;
        }
      }
      if (req.closing) settle(false);
    });
    call.on('end', () => {
      settle(true);
      if (!call.writableEnded) call.end();
    });
    call.on('cancelled', () => settle(true));
    call.on('error', () => settle(true));
  };
}

/**
 * The Controller gRPC service over a QuorumController. Writes go through the controller's queue
 * and are answered once committed. With an authorizer on, broker calls need CLUSTER_ACTION on the
 * cluster (node principals are super users), and admin writes are authorized as the client a
 * broker forwards them for (callRequester), against the active controller's committed ACLs; a controller that is not active answers NOT_CONTROLLER with
 * the active one's id and endpoint (runnel-detail-leader-id / runnel-detail-leader-endpoint).
 */
export function controllerHandlers(controller: QuorumController, options: ControllerServiceOptions): ControllerHandlers {
  const access = new RequestAccess(options.authorizer);
  return {
    RegisterBroker: unaryHandler(async (req, call) =>
      answer(
        async () => {
          access.cluster(call, 'CLUSTER_ACTION', 'broker registration');
          if (options.clusterId !== undefined && req.clusterId !== '' && req.clusterId !== options.clusterId) {
            throw new RunnelError('INCONSISTENT_CLUSTER_ID', `broker ${req.brokerId} belongs to cluster ${req.clusterId}, this is ${options.clusterId}`);
          }
          const { brokerEpoch } = await controller.registerBroker({
            brokerId: req.brokerId,
            incarnationId: uuidFromBytes(req.incarnationId),
            listeners: req.listeners.map((l) => ({ name: l.name, host: l.host, port: l.port })),
            rack: req.rack === '' ? null : req.rack,
          }, requestIdOf(call));
          return { errorCode: 0, errorMessage: '', brokerEpoch };
        },
        (err) => ({ ...code(err), brokerEpoch: -1 }),
      ),
    ),

    BrokerHeartbeat: unaryHandler(async (req, call) =>
      answer(
        async () => {
          access.cluster(call, 'CLUSTER_ACTION', 'a broker heartbeat');
          return {
            ...code(null),
            ...(await controller.brokerHeartbeat({
              brokerId: req.brokerId,
              brokerEpoch: req.brokerEpoch,
              currentMetadataOffset: req.currentMetadataOffset,
              wantFence: req.wantFence,
              wantShutDown: req.wantShutDown,
            }, requestIdOf(call))),
          };
        },
        (err) => ({ ...code(err), isCaughtUp: false, isFenced: true, shouldShutDown: false }),
      ),
    ),

    UnregisterBroker: unaryHandler(async (req, call) =>
      answer(
        async () => {
          access.cluster(call, 'ALTER', 'unregistering a broker');
          await controller.unregisterBroker(req.brokerId, requestIdOf(call));
          return code(null);
        },
        code,
      ),
    ),

    BrokerLiveness: brokerLivenessHandler(controller, access),

    AlterPartition: unaryHandler(async (req, call) =>
      answer(
        async () => {
          access.cluster(call, 'CLUSTER_ACTION', 'AlterPartition');
          const topics = req.topics.map((t) => ({ topicId: optionalTopicId(t.topicId), name: t.topic, partitions: t.partitions }));
          const responseTopics = await controller.write('AlterPartition', (image, _tracker, ctx) => {
            const resolved = topics.map((t) => {
              const id = t.topicId ?? image.topicsByName.get(t.name)?.id ?? null;
              return { ...t, topicId: id, name: (id !== null ? image.topicsById.get(id)?.name : undefined) ?? t.name };
            });
            const decided = alterPartition(
              image,
              {
                brokerId: req.brokerId,
                brokerEpoch: req.brokerEpoch,
                topics: resolved.flatMap((t) =>
                  t.topicId === null
                    ? []
                    : [{
                        topicId: t.topicId,
                        partitions: t.partitions.map((p) => ({
                          partitionId: p.partition,
                          leaderEpoch: p.leaderEpoch,
                          partitionEpoch: p.partitionEpoch,
                          newIsr: p.newIsr,
                        })),
                      }],
                ),
              },
              ctx,
            );
            // One result per requested partition, in request order.
            let next = 0;
            const response: pb.AlterPartitionTopicResponse[] = resolved.map((t) => ({
              topicId: t.topicId === null ? Buffer.alloc(0) : uuidToBytes(t.topicId),
              topic: t.name,
              partitions: t.partitions.map((p): pb.AlterPartitionResult => {
                if (t.topicId === null) {
                  return {
                    partition: p.partition,
                    ...code(new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${t.name}' does not exist`)),
                    leaderId: NO_LEADER,
                    leaderEpoch: -1,
                    isr: [],
                    partitionEpoch: -1,
                  };
                }
                const r = decided.response[next++]!;
                return { partition: r.partitionId, ...code(r.error), leaderId: r.leader, leaderEpoch: r.leaderEpoch, isr: [...r.isr], partitionEpoch: r.partitionEpoch };
              }),
            }));
            return { records: decided.records, response };
          }, undefined, requestIdOf(call));
          return { ...code(null), topics: responseTopics };
        },
        (err) => ({ ...code(err), topics: [] }),
      ),
    ),

    AllocateProducerIds: unaryHandler(async (req, call) =>
      answer(
        async () => {
          access.cluster(call, 'CLUSTER_ACTION', 'allocating producer ids');
          const block = await controller.allocateProducerIds({ brokerId: req.brokerId, brokerEpoch: req.brokerEpoch }, requestIdOf(call));
          return { ...code(null), producerIdStart: block.producerIdStart, producerIdLen: block.producerIdLen };
        },
        (err) => ({ ...code(err), producerIdStart: -1, producerIdLen: 0 }),
      ),
    ),

    CreateTopics: unaryHandler(async (req, call) => {
      const who = callRequester(call);
      const mayCreateAny = access.may(who, 'CREATE', 'CLUSTER', CLUSTER_RESOURCE_NAME);
      const slots: (pb.CreatableTopicResult | null)[] = [];
      const requests: CreateTopicRequest[] = [];
      for (const topic of req.topics) {
        try {
          if (!mayCreateAny) {
            const denied = access.topicError(who, 'CREATE', topic.name);
            if (denied) throw denied;
          }
          requests.push(toCreateTopicRequest(topic));
          slots.push(null);
        } catch (err) {
          if (!(err instanceof RunnelError)) throw err;
          slots.push({ name: topic.name, topicId: Buffer.alloc(0), ...code(err), numPartitions: -1, replicationFactor: -1, configs: [] });
        }
      }
      const toResult = (r: CreateTopicResult, request: CreateTopicRequest): pb.CreatableTopicResult => ({
        name: r.name,
        topicId: r.topicId === null ? Buffer.alloc(0) : uuidToBytes(r.topicId),
        ...code(r.error),
        numPartitions: r.error ? -1 : r.numPartitions,
        replicationFactor: r.error ? -1 : r.replicationFactor,
        configs: r.error ? [] : effectiveConfigs(request.configs ?? {}),
      });
      const timeoutMs = req.timeoutMs > 0 ? req.timeoutMs : undefined;
      const decided =
        requests.length === 0
          ? []
          : await controller.write(
              'CreateTopics',
              (image, _tracker, ctx) => validateOnly(createTopics(image, requests, ctx, req.validateOnly), req.validateOnly),
              timeoutMs,
              requestIdOf(call),
            );
      return { topics: merge(slots, decided.map((r, i) => toResult(r, requests[i]!))) };
    }),

    DeleteTopics: unaryHandler(async (req, call) => {
      const who = callRequester(call);
      const slots = req.topicNames.map((name): pb.TopicError | null => {
        const denied = access.topicError(who, 'DELETE', name);
        return denied ? { name, ...code(denied) } : null;
      });
      const names = req.topicNames.filter((_n, i) => slots[i] === null);
      const timeoutMs = req.timeoutMs > 0 ? req.timeoutMs : undefined;
      const results =
        names.length === 0
          ? []
          : await controller.write('DeleteTopics', (image, _tracker, ctx) => deleteTopics(image, names.map((name) => ({ name })), ctx), timeoutMs, requestIdOf(call));
      return { results: merge(slots, results.map((r, i) => ({ name: r.name ?? names[i]!, ...code(r.error) }))) };
    }),

    CreatePartitions: unaryHandler(async (req, call) => {
      const who = callRequester(call);
      const slots: (pb.TopicError | null)[] = [];
      const requests: { name: string; count: number }[] = [];
      for (const t of req.topics) {
        const denied = access.topicError(who, 'ALTER', t.name);
        if (denied) {
          slots.push({ name: t.name, ...code(denied) });
        } else if (t.assignments.length > 0) {
          const err = new RunnelError('INVALID_REQUEST', `topic '${t.name}': explicit assignments for new partitions are not supported; omit them to let the controller place replicas`);
          slots.push({ name: t.name, ...code(err) });
        } else {
          requests.push({ name: t.name, count: t.count });
          slots.push(null);
        }
      }
      const timeoutMs = req.timeoutMs > 0 ? req.timeoutMs : undefined;
      const decided =
        requests.length === 0
          ? []
          : await controller.write(
              'CreatePartitions',
              (image, _tracker, ctx) => validateOnly(createPartitions(image, requests, ctx), req.validateOnly),
              timeoutMs,
              requestIdOf(call),
            );
      return { results: merge(slots, decided.map((r) => ({ name: r.name, ...code(r.error) }))) };
    }),

    IncrementalAlterConfigs: unaryHandler(async (req, call) => {
      const who = callRequester(call);
      const results = await controller.write('IncrementalAlterConfigs', (image, _tracker, ctx) => {
        const result = (resource: pb.AlterConfigsResource__Output, err: RunnelError | null): pb.AlterConfigsResult => ({
          ...code(err),
          resourceType: resource.resourceType,
          resourceName: resource.resourceName,
        });
        const refused: (pb.AlterConfigsResult | null)[] = [];
        const topicRequests: AlterTopicConfigsRequest[] = [];
        const brokerRequests: AlterBrokerConfigsRequest[] = [];
        for (const resource of req.resources) {
          try {
            if (resource.resourceType === 'CONFIG_RESOURCE_BROKER' && !access.may(who, 'ALTER_CONFIGS', 'CLUSTER', CLUSTER_RESOURCE_NAME)) {
              throw new RunnelError('CLUSTER_AUTHORIZATION_FAILED', `${who.principal} is not allowed ALTER_CONFIGS on the cluster`);
            }
            if (resource.resourceType === 'CONFIG_RESOURCE_TOPIC') {
              const denied = access.topicError(who, 'ALTER_CONFIGS', resource.resourceName);
              if (denied) throw denied;
            }
            if (resource.resourceType === 'CONFIG_RESOURCE_TOPIC') topicRequests.push(toTopicConfigOps(image, resource));
            else if (resource.resourceType === 'CONFIG_RESOURCE_BROKER') brokerRequests.push(toBrokerConfigOps(resource));
            else throw new RunnelError('INVALID_REQUEST', `config resource type ${resource.resourceType} cannot be altered; use CONFIG_RESOURCE_TOPIC or CONFIG_RESOURCE_BROKER`);
            refused.push(null);
          } catch (err) {
            if (!(err instanceof RunnelError)) throw err;
            refused.push(result(resource, err));
          }
        }
        // Broker configs first, so topic decisions (unclean elections) see new cluster defaults.
        const brokers = alterBrokerConfigs(image, brokerRequests, options.brokerConfigs, ctx);
        const afterBrokers = brokers.records.length === 0 ? image : applyRecords(image, brokers.records).image;
        const topics = alterTopicConfigs(afterBrokers, topicRequests, ctx);
        let nextTopic = 0;
        let nextBroker = 0;
        const response = req.resources.map((resource, i) => {
          const slot = refused[i];
          if (slot) return slot;
          const decided = resource.resourceType === 'CONFIG_RESOURCE_TOPIC' ? topics.response[nextTopic++]! : brokers.response[nextBroker++]!;
          return result(resource, decided.error);
        });
        return validateOnly({ records: [...brokers.records, ...topics.records], response }, req.validateOnly);
      }, undefined, requestIdOf(call));
      return { results };
    }),

    ElectLeaders: unaryHandler(async (req, call) =>
      answer(
        async () => {
          access.cluster(call, 'ALTER', 'ElectLeaders');
          const types: Record<number, ElectionType> = { 0: 'preferred', 1: 'unclean' };
          const type = types[req.electionType];
          if (type === undefined) throw new RunnelError('INVALID_REQUEST', `election type must be 0 (preferred) or 1 (unclean), got ${req.electionType}`);
          const partitions =
            req.topicPartitions.length === 0
              ? undefined
              : req.topicPartitions.flatMap((tp) => tp.partitions.map((partitionId) => ({ topic: tp.topic, partitionId })));
          const timeoutMs = req.timeoutMs > 0 ? req.timeoutMs : undefined;
          const results = await controller.write('ElectLeaders', (image, _tracker, ctx) => electLeaders(image, { type, partitions }, ctx), timeoutMs, requestIdOf(call));
          return { ...code(null), results: results.map((r) => ({ topic: r.topic, partition: r.partitionId, ...code(r.error), leaderId: r.leader })) };
        },
        (err) => ({ ...code(err), results: [] }),
      ),
    ),

    AlterPartitionReassignments: unaryHandler(async (req, call) =>
      answer(
        async () => {
          access.cluster(call, 'ALTER', 'AlterPartitionReassignments');
          // An empty replica list is the wire's null target: cancel.
          const partitions = req.partitions.map((p) => ({ topic: p.topic, partitionId: p.partition, replicas: p.replicas.length === 0 ? null : p.replicas }));
          const timeoutMs = req.timeoutMs > 0 ? req.timeoutMs : undefined;
          const results = await controller.write(
            'AlterPartitionReassignments',
            (image, _tracker, ctx) => alterPartitionReassignments(image, { partitions, throttleBytesPerSec: req.throttleBytesPerSec }, ctx),
            timeoutMs,
            requestIdOf(call),
          );
          return { ...code(null), results: results.map((r) => ({ topic: r.topic, partition: r.partitionId, ...code(r.error) })) };
        },
        (err) => ({ ...code(err), results: [] }),
      ),
    ),

    ListPartitionReassignments: unaryHandler(async (req, call) =>
      answer(
        async () => {
          access.cluster(call, 'DESCRIBE', 'ListPartitionReassignments');
          const partitions =
            req.topicPartitions.length === 0
              ? undefined
              : req.topicPartitions.flatMap((tp) => tp.partitions.map((partitionId) => ({ topic: tp.topic, partitionId })));
          // Through the write queue with no records: answered by the active controller from its current image.
          const ongoing = await controller.write('ListPartitionReassignments', (image) => ({ records: [], response: listPartitionReassignments(image, partitions) }));
          return {
            ...code(null),
            reassignments: ongoing.map((r) => ({
              topic: r.topic,
              partition: r.partitionId,
              replicas: [...r.replicas],
              addingReplicas: [...r.addingReplicas],
              removingReplicas: [...r.removingReplicas],
            })),
          };
        },
        (err) => ({ ...code(err), reassignments: [] }),
      ),
    ),

    DescribeQuorum: unaryHandler(async (_req, call) => {
      access.cluster(call, 'DESCRIBE', 'DescribeQuorum');
      const q = controller.describeQuorum();
      // Catch-up times are not tracked; -1 is Kafka's "unknown".
      const state = (r: QuorumReplica): pb.ReplicaState => ({
        replicaId: r.id,
        logEndOffset: r.logEndOffset,
        lastFetchTimestamp: r.lastContactMs,
        lastCaughtUpTimestamp: -1,
        address: r.endpoint ?? '',
      });
      return {
        ...code(null),
        leaderId: q.leaderId,
        leaderEpoch: q.term,
        highWatermark: q.highWatermark,
        voters: q.voters.map(state),
        observers: q.observers.map(state),
      };
    }),

    AddVoter: unaryHandler(async (req, call) =>
      answer(
        async () => {
          access.cluster(call, 'ALTER', 'AddVoter');
          if (!req.endpoint) throw new RunnelError('INVALID_REQUEST', `voter ${req.voterId} needs an endpoint the other controllers can reach`);
          await controller.addVoter(req.voterId, { host: req.endpoint.host, port: req.endpoint.port });
          return code(null);
        },
        code,
      ),
    ),

    RemoveVoter: unaryHandler(async (req, call) =>
      answer(
        async () => {
          access.cluster(call, 'ALTER', 'RemoveVoter');
          await controller.removeVoter(req.voterId);
          return code(null);
        },
        code,
      ),
    ),

    CreateAcls: unaryHandler(async (req, call) => {
      try {
        access.acls(call, 'ALTER');
      } catch (err) {
        if (!(err instanceof RunnelError)) throw err;
        return { results: req.creations.map(() => code(err)) };
      }
      const { values: bindings, slots } = parseEach(req.creations, aclBindingFromProto, (err): pb.AclResult => code(err));
      const decided = bindings.length === 0 ? [] : await controller.write('CreateAcls', (image, _tracker, ctx) => createAcls(image, bindings, ctx), undefined, requestIdOf(call));
      return { results: merge(slots, decided.map(code)) };
    }),

    DeleteAcls: unaryHandler(async (req, call) => {
      try {
        access.acls(call, 'ALTER');
      } catch (err) {
        if (!(err instanceof RunnelError)) throw err;
        return { results: req.filters.map(() => ({ ...code(err), deleted: [] })) };
      }
      const { values: filters, slots } = parseEach(req.filters, aclFilterFromProto, (err): pb.DeleteAclsFilterResult => ({ ...code(err), deleted: [] }));
      const decided = filters.length === 0 ? [] : await controller.write('DeleteAcls', (image, _tracker, ctx) => deleteAcls(image, filters, ctx), undefined, requestIdOf(call));
      return { results: merge(slots, decided.map((d) => ({ ...code(d.error), deleted: d.deleted.map(aclBindingToProto) }))) };
    }),

    AlterUserScramCredentials: unaryHandler(async (req, call) => {
      const mechanism = (m: string): number => ({ SCRAM_SHA_256: 1, SCRAM_SHA_512: 2 })[m] ?? 0;
      const request = {
        deletions: req.deletions.map((d) => ({ name: d.name, mechanism: mechanism(d.mechanism) })),
        upsertions: req.upsertions.map((u) => ({ name: u.name, mechanism: mechanism(u.mechanism), iterations: u.iterations, salt: u.salt, saltedPassword: u.saltedPassword })),
      };
      try {
        access.cluster(call, 'ALTER', 'changing SCRAM credentials');
      } catch (err) {
        if (!(err instanceof RunnelError)) throw err;
        const users = [...new Set([...request.deletions, ...request.upsertions].map((x) => x.name))];
        return { results: users.map((user) => ({ user, ...code(err) })) };
      }
      const results = await controller.write('AlterUserScramCredentials', (image, _tracker, ctx) => alterUserScramCredentials(image, request, ctx), undefined, requestIdOf(call));
      return { results: results.map((r) => ({ user: r.user, ...code(r.error) })) };
    }),
  };
}

/**
 * Registers the Controller service on a gRPC server. Methods it does not serve are left out of
 * the implementation, so grpc answers them UNIMPLEMENTED.
 */
export function addControllerService(
  server: Parameters<typeof addService>[0],
  controller: QuorumController,
  options: ControllerServiceOptions,
): void {
  const served = controllerHandlers(controller, options) as HandlersOf<'Controller'>;
  const handlers = options.authenticate ? authenticatedHandlers('Controller', served, options.authenticate) : served;
  addService(server, 'Controller', logUnaryCalls('Controller', handlers, controller.logger));
}
