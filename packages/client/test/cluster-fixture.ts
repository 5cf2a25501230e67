import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import pino from 'pino';
import {
  CLIENT_ID_KEY, REQUEST_ID_KEY, RunnelError, addService, bindServer, createServer, decodeRecordBatches, errorCode, readBatchHeader, splitBatches,
  unaryHandler, type DecodedRecord, type ErrorName, type pb,
} from '@runnel/protocol';
import { DEFAULT_LOG_CONFIG, Log } from '@runnel/storage';
import { DeadlineQueue } from '../../broker/src/delayed/deadline-queue.js';
import type { DelayedFetch } from '../../broker/src/delayed/delayed-fetch.js';
import type { DelayedProduce } from '../../broker/src/delayed/delayed-produce.js';
import { Partition } from '../../broker/src/replica/partition.js';
import { PartitionRegistry } from '../../broker/src/replica/partition-registry.js';
import { fetchHandler } from '../../broker/src/services/fetch-handler.js';
import { listOffsetsHandler } from '../../broker/src/services/list-offsets-handler.js';
import { produceHandler } from '../../broker/src/services/produce-handler.js';

const logger = pino({ level: 'silent' });

/**
 * A fault applied to produce requests for one partition.
 * - reject: answer `error` without appending (the batch is definitely not written);
 * - reject-after-append: append, then answer `error` instead of the offsets;
 * - drop-stream-after-append: append, then break the stream instead of answering.
 */
export interface Fault {
  topic: string;
  partition: number;
  kind: 'reject' | 'reject-after-append' | 'drop-stream-after-append';
  error?: ErrorName;
  /** Let this many matching batches through first. */
  skip?: number;
  /** How many batches to hit (default 1). */
  times?: number;
}

interface FixtureBroker {
  id: number;
  server: grpc.Server;
  port: number;
  registry: PartitionRegistry;
  produceQueue: DeadlineQueue<DelayedProduce>;
  fetchQueue: DeadlineQueue<DelayedFetch>;
  alive: boolean;
  held: (() => void)[] | null;
  /** Unanswered produce requests per stream, and the most seen at once. */
  maxProduceInFlight: number;
  produceRequests: number;
}

interface FixturePartition {
  partition: Partition;
  leader: number;
  epoch: number;
}

/** A batch as the broker received it, in arrival order. */
export interface SeenBatch {
  broker: number;
  topic: string;
  partition: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  records: number;
}

/**
 * An in-process cluster for client tests: one or more brokers on 127.0.0.1 serving Produce,
 * Fetch and ListOffsets with the broker's real handlers over real partition logs (so idempotent
 * dedup and sequence checks are the broker's own), plus simple Metadata, InitProducerId and
 * Admin handlers over this fixture's state, and hooks to inject failures.
 */
export class TestCluster {
  readonly brokers = new Map<number, FixtureBroker>();
  readonly topics = new Map<string, FixturePartition[]>();
  readonly configs = new Map<string, Map<string, string>>();
  readonly seen: SeenBatch[] = [];
  private readonly faults: (Fault & { hits: number; seen: number })[] = [];
  private nextProducerId = 1000;
  initProducerIdCalls: pb.InitProducerIdRequest__Output[] = [];
  metadataCalls = 0;
  /** The request id and client.id each call to a broker came with (unary calls and streams alike), in arrival order. */
  readonly callIds: { method: string; requestId: string; clientId: string }[] = [];

  private constructor(readonly dir: string) {}

  static async start(brokerIds: number[] = [1]): Promise<TestCluster> {
    const c = new TestCluster(await mkdtemp(join(tmpdir(), 'runnel-client-')));
    for (const id of brokerIds) await c.startBroker(id);
    return c;
  }

  get bootstrap(): string {
    return [...this.brokers.values()].map((b) => `127.0.0.1:${b.port}`).join(',');
  }

  private topicExists = (t: string): boolean => this.topics.has(t);

  private noteCall(method: string, call: { metadata: grpc.Metadata }): void {
    const text = (key: string): string => String(call.metadata.get(key)[0] ?? '');
    this.callIds.push({ method, requestId: text(REQUEST_ID_KEY), clientId: text(CLIENT_ID_KEY) });
  }

  private async startBroker(id: number): Promise<void> {
    const registry = new PartitionRegistry();
    const produceQueue = new DeadlineQueue<DelayedProduce>();
    const fetchQueue = new DeadlineQueue<DelayedFetch>();
    const server = createServer();
    const broker: FixtureBroker = { id, server, port: 0, registry, produceQueue, fetchQueue, alive: true, held: null, maxProduceInFlight: 0, produceRequests: 0 };
    const produce = produceHandler({ partitions: registry, produceQueue, now: Date.now, logger, topicExists: this.topicExists });
    addService(server, 'Broker', {
      Produce: (call) => {
        this.noteCall('Produce', call);
        this.proxyProduce(broker, call, produce);
      },
      Fetch: fetchHandler({ partitions: registry, fetchQueue, now: Date.now, logger, topicExists: this.topicExists, maxResponseBytes: 50 << 20 }),
      ListOffsets: listOffsetsHandler({ partitions: registry, topicExists: this.topicExists, logger }),
      Metadata: unaryHandler(async (request: pb.MetadataRequest__Output, call) => {
        this.noteCall('Metadata', call);
        this.metadataCalls++;
        return this.metadata(request);
      }),
      InitProducerId: unaryHandler(async (request: pb.InitProducerIdRequest__Output, call) => {
        this.noteCall('InitProducerId', call);
        this.initProducerIdCalls.push(request);
        if (request.producerId >= 0) return { errorCode: 0, producerId: request.producerId, producerEpoch: request.producerEpoch + 1 };
        return { errorCode: 0, producerId: this.nextProducerId++, producerEpoch: 0 };
      }),
    });
    addService(server, 'Admin', this.adminHandlers());
    broker.port = await bindServer(server, '127.0.0.1:0');
    this.brokers.set(id, broker);
  }

  private metadata(request: pb.MetadataRequest__Output): pb.MetadataResponse {
    const names = request.topics.length > 0 ? request.topics : [...this.topics.keys()];
    return {
      clusterId: 'test-cluster',
      controllerId: [...this.brokers.keys()][0]!,
      brokers: [...this.brokers.values()].filter((b) => b.alive).map((b) => ({ nodeId: b.id, host: '127.0.0.1', port: b.port, rack: '' })),
      topics: names.map((name) => {
        const parts = this.topics.get(name);
        if (!parts) return { name, errorCode: errorCode('UNKNOWN_TOPIC_OR_PARTITION'), errorMessage: `topic '${name}' does not exist`, partitions: [] };
        return {
          name,
          errorCode: 0,
          partitions: parts.map((p, i) => {
            const alive = this.brokers.get(p.leader)?.alive ?? false;
            return {
              errorCode: alive ? 0 : errorCode('LEADER_NOT_AVAILABLE'),
              partition: i,
              leaderId: alive ? p.leader : -1,
              leaderEpoch: p.epoch,
              replicas: [p.leader],
              isr: alive ? [p.leader] : [],
              offlineReplicas: alive ? [] : [p.leader],
            };
          }),
        };
      }),
    };
  }

  /** Create a topic whose partition i is led by leaders[i % leaders.length]. */
  async createTopic(name: string, partitions: number, leaders: number[] = [[...this.brokers.keys()][0]!]): Promise<void> {
    const list: FixturePartition[] = this.topics.get(name) ?? [];
    for (let i = list.length; i < partitions; i++) {
      const leader = leaders[i % leaders.length]!;
      const log = await Log.open({ dir: join(this.dir, `${name}-${i}`), topic: name, partition: i, config: { ...DEFAULT_LOG_CONFIG }, logger });
      const p = new Partition(name, i, log, leader, () => ({ minInsyncReplicas: 1, replicaLagTimeMaxMs: 30_000, maxMessageBytes: 1 << 20 }), logger);
      p.makeLeader({ leaderId: leader, leaderEpoch: 0, partitionEpoch: 0, replicas: [leader], isr: [leader] }, Date.now());
      this.brokers.get(leader)!.registry.add(p);
      list.push({ partition: p, leader, epoch: 0 });
    }
    this.topics.set(name, list);
  }

  async deleteTopic(name: string): Promise<void> {
    const list = this.topics.get(name);
    if (!list) return;
    this.topics.delete(name);
    for (const p of list) {
      this.brokers.get(p.leader)?.registry.remove(p.partition);
      await p.partition.log.close();
    }
  }

  /**
   * Hand leadership of a partition to another broker. The new leader serves the same log and
   * rebuilds the idempotent-producer state from it, as a broker does on taking over.
   */
  async moveLeader(topic: string, partition: number, to: number): Promise<void> {
    const p = this.topics.get(topic)![partition]!;
    const old = p.partition;
    this.brokers.get(p.leader)!.registry.remove(old);
    p.epoch++;
    old.makeFollower({ leaderId: to, leaderEpoch: p.epoch, partitionEpoch: p.epoch, replicas: [to], isr: [to] });
    const next = new Partition(topic, partition, old.log, to, () => ({ minInsyncReplicas: 1, replicaLagTimeMaxMs: 30_000, maxMessageBytes: 1 << 20 }), logger);
    await next.loadProducerState();
    next.makeLeader({ leaderId: to, leaderEpoch: p.epoch, partitionEpoch: p.epoch, replicas: [to], isr: [to] }, Date.now());
    p.partition = next;
    p.leader = to;
    this.brokers.get(to)!.registry.add(next);
  }

  /** Stop a broker abruptly: its streams break and metadata lists it no more. */
  stopBroker(id: number): void {
    const b = this.brokers.get(id)!;
    b.alive = false;
    b.server.forceShutdown();
  }

  addFault(f: Fault): void {
    this.faults.push({ ...f, hits: 0, seen: 0 });
  }

  /** Hold produce answers of a broker until release() (appends still happen). */
  hold(brokerId: number): void {
    this.brokers.get(brokerId)!.held ??= [];
  }

  release(brokerId: number): void {
    const b = this.brokers.get(brokerId)!;
    const held = b.held ?? [];
    b.held = null;
    for (const send of held) send();
  }

  heldCount(brokerId: number): number {
    return this.brokers.get(brokerId)!.held?.length ?? 0;
  }

  /** Every record in a partition's log, in offset order. */
  async read(topic: string, partition: number): Promise<DecodedRecord[]> {
    const log = this.topics.get(topic)![partition]!.partition.log;
    const out: DecodedRecord[] = [];
    let offset = log.logStartOffset;
    while (offset < log.logEndOffset) {
      const { records } = await log.read(offset, 1 << 20);
      if (records.length === 0) break;
      for (const batch of await decodeRecordBatches(records)) {
        for (const r of batch.records) if (r.offset >= offset) out.push(r);
        offset = batch.header.baseOffset + batch.header.lastOffsetDelta + 1;
      }
    }
    return out;
  }

  private matchFault(topic: string, partition: number): (Fault & { hits: number; seen: number }) | undefined {
    for (const f of this.faults) {
      if (f.topic !== topic || f.partition !== partition || f.hits >= (f.times ?? 1)) continue;
      f.seen++;
      if (f.seen <= (f.skip ?? 0)) continue;
      f.hits++;
      return f;
    }
    return undefined;
  }

  /**
   * Stands between the client's stream and the real produce handler: records what arrives,
   * applies faults, and holds answers on request.
   */
  private proxyProduce(
    broker: FixtureBroker,
    call: grpc.ServerDuplexStream<pb.ProduceRequest__Output, pb.ProduceResponse>,
    handler: grpc.handleBidiStreamingCall<pb.ProduceRequest__Output, pb.ProduceResponse>,
  ): void {
    const synthetic = new Map<number, { name: string; partition: pb.PartitionProduceResponse }[]>();
    const overrides = new Map<number, Map<string, ErrorName | 'drop'>>();
    let inFlight = 0;
    let broken = false;
    const deliver = (send: () => void): void => {
      if (broker.held) broker.held.push(send);
      else send();
    };
    const out = (response: pb.ProduceResponse): void => {
      const id = Number(response.correlationId);
      const extra = synthetic.get(id) ?? [];
      synthetic.delete(id);
      const over = overrides.get(id);
      overrides.delete(id);
      let drop = false;
      const topics = new Map<string, pb.PartitionProduceResponse[]>();
      for (const t of response.topics ?? []) {
        for (const p of t.partitions ?? []) {
          const o = over?.get(`${t.name}-${p.partition}`);
          if (o === 'drop') drop = true;
          const answer = o && o !== 'drop' ? { ...p, errorCode: errorCode(o), errorMessage: `injected ${o}`, baseOffset: -1 } : p;
          topics.set(t.name!, [...(topics.get(t.name!) ?? []), answer]);
        }
      }
      for (const e of extra) topics.set(e.name, [...(topics.get(e.name) ?? []), e.partition]);
      deliver(() => {
        if (broken) return;
        inFlight--;
        if (drop) {
          broken = true;
          // grpc-js ends a server stream with the status of an emitted error.
          call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'injected stream failure' });
          return;
        }
        call.write({ correlationId: id, topics: [...topics].map(([name, partitions]) => ({ name, partitions })) });
      });
    };
    const inner = Object.assign(new EventEmitter(), {
      write: (r: pb.ProduceResponse) => {
        out(r);
        return true;
      },
      end: () => call.end(),
      pause: () => call.pause(),
      resume: () => call.resume(),
      destroy: (e?: Error) => call.destroy(e),
    });
    handler(inner as unknown as grpc.ServerDuplexStream<pb.ProduceRequest__Output, pb.ProduceResponse>);
    call.on('data', (request: pb.ProduceRequest__Output) => {
      broker.produceRequests++;
      inFlight++;
      broker.maxProduceInFlight = Math.max(broker.maxProduceInFlight, inFlight);
      const id = request.correlationId;
      const kept: pb.TopicProduceData__Output[] = [];
      for (const t of request.topics) {
        const partitions: pb.PartitionProduceData__Output[] = [];
        for (const p of t.partitions) {
          for (const v of splitBatches(p.records)) {
            const h = readBatchHeader(p.records, v.position);
            this.seen.push({ broker: broker.id, topic: t.name, partition: p.partition, producerId: h.producerId, producerEpoch: h.producerEpoch, baseSequence: h.baseSequence, records: h.recordCount });
          }
          const f = this.matchFault(t.name, p.partition);
          if (f?.kind === 'reject') {
            const e = f.error ?? 'NOT_LEADER_OR_FOLLOWER';
            synthetic.set(id, [...(synthetic.get(id) ?? []), { name: t.name, partition: { partition: p.partition, errorCode: errorCode(e), errorMessage: `injected ${e}`, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, currentLeaderId: -1, currentLeaderEpoch: -1 } }]);
            continue;
          }
          if (f) {
            const o = overrides.get(id) ?? new Map<string, ErrorName | 'drop'>();
            o.set(`${t.name}-${p.partition}`, f.kind === 'drop-stream-after-append' ? 'drop' : f.error ?? 'REQUEST_TIMED_OUT');
            overrides.set(id, o);
          }
          partitions.push(p);
        }
        if (partitions.length > 0) kept.push({ ...t, partitions });
      }
      if (kept.length === 0) {
        out({ correlationId: id, topics: [] });
        return;
      }
      inner.emit('data', { ...request, topics: kept });
    });
    call.on('end', () => inner.emit('end'));
    call.on('cancelled', () => inner.emit('cancelled'));
    call.on('error', (e) => inner.emit('error', e));
  }

  private adminHandlers(): import('@runnel/protocol').HandlersOf<'Admin'> {
    const unsupported = unaryHandler(async () => {
      throw new RunnelError('UNSUPPORTED_VERSION', 'not served by the test cluster');
    });
    return {
      CreateTopics: unaryHandler(async (r: pb.CreateTopicsRequest__Output) => ({
        topics: await Promise.all(r.topics.map(async (t) => {
          if (this.topics.has(t.name)) return { name: t.name, errorCode: errorCode('TOPIC_ALREADY_EXISTS'), errorMessage: `topic '${t.name}' already exists`, numPartitions: -1, replicationFactor: -1, configs: [] };
          const n = t.numPartitions > 0 ? t.numPartitions : 1;
          if (!r.validateOnly) {
            await this.createTopic(t.name, n, [...this.brokers.values()].filter((b) => b.alive).map((b) => b.id));
            this.configs.set(t.name, new Map(t.configs.map((c) => [c.name, c.value])));
          }
          return { name: t.name, errorCode: 0, numPartitions: n, replicationFactor: 1, configs: t.configs };
        })),
      })),
      DeleteTopics: unaryHandler(async (r: pb.DeleteTopicsRequest__Output) => ({
        results: await Promise.all(r.topicNames.map(async (name) => {
          if (!this.topics.has(name)) return { name, errorCode: errorCode('UNKNOWN_TOPIC_OR_PARTITION'), errorMessage: `topic '${name}' does not exist` };
          await this.deleteTopic(name);
          return { name, errorCode: 0 };
        })),
      })),
      CreatePartitions: unaryHandler(async (r: pb.CreatePartitionsRequest__Output) => ({
        results: await Promise.all(r.topics.map(async (t) => {
          const have = this.topics.get(t.name)?.length;
          if (have === undefined) return { name: t.name, errorCode: errorCode('UNKNOWN_TOPIC_OR_PARTITION'), errorMessage: 'no such topic' };
          if (t.count <= have) return { name: t.name, errorCode: errorCode('INVALID_PARTITIONS'), errorMessage: `topic has ${have} partitions; ${t.count} is not more` };
          await this.createTopic(t.name, t.count, [...this.brokers.keys()]);
          return { name: t.name, errorCode: 0 };
        })),
      })),
      DescribeConfigs: unaryHandler(async (r: pb.DescribeConfigsRequest__Output) => ({
        results: r.resources.map((res) => {
          const configs = this.configs.get(res.resourceName);
          if (!configs) return { errorCode: errorCode('UNKNOWN_TOPIC_OR_PARTITION'), errorMessage: 'no such topic', resourceType: res.resourceType, resourceName: res.resourceName, configs: [] };
          const all = new Map([['cleanup.policy', 'delete'], ['retention.ms', '604800000'], ...configs]);
          return {
            errorCode: 0,
            resourceType: res.resourceType,
            resourceName: res.resourceName,
            configs: [...all].filter(([k]) => res.configurationKeys.length === 0 || res.configurationKeys.includes(k)).map(([name, value]) => ({
              name, value, readOnly: false, source: configs.has(name) ? 'DYNAMIC_TOPIC_CONFIG' : 'DEFAULT_CONFIG', isSensitive: false, documentation: '', type: 'STRING',
            })),
          };
        }),
      })),
      IncrementalAlterConfigs: unaryHandler(async (r: pb.IncrementalAlterConfigsRequest__Output) => ({
        results: r.resources.map((res) => {
          const configs = this.configs.get(res.resourceName);
          if (!configs) return { errorCode: errorCode('UNKNOWN_TOPIC_OR_PARTITION'), errorMessage: 'no such topic', resourceType: res.resourceType, resourceName: res.resourceName };
          for (const c of res.configs) {
            if (c.op === 'ALTER_CONFIG_DELETE') configs.delete(c.name);
            else configs.set(c.name, c.value);
          }
          return { errorCode: 0, resourceType: res.resourceType, resourceName: res.resourceName };
        }),
      })),
      DescribeCluster: unaryHandler(async () => ({
        errorCode: 0,
        clusterId: 'test-cluster',
        controllerId: [...this.brokers.keys()][0]!,
        brokers: [...this.brokers.values()].map((b) => ({ node: { nodeId: b.id, host: '127.0.0.1', port: b.port, rack: '' }, state: b.alive ? 'UNFENCED' : 'FENCED', brokerEpoch: 1, leaderCount: 0, replicaCount: 0 })),
      })),
      DescribeQuorum: unsupported,
      AddRaftVoter: unsupported,
      RemoveRaftVoter: unsupported,
      ElectLeaders: unsupported,
      AlterPartitionReassignments: unsupported,
      ListPartitionReassignments: unsupported,
      DescribeLogDirs: unsupported,
      CreateAcls: unsupported,
      DescribeAcls: unsupported,
      DeleteAcls: unsupported,
      DescribeUserScramCredentials: unsupported,
      AlterUserScramCredentials: unsupported,
    };
  }

  async close(): Promise<void> {
    for (const b of this.brokers.values()) {
      b.server.forceShutdown();
      b.produceQueue.close();
      b.fetchQueue.close();
    }
    for (const list of this.topics.values()) for (const p of list) await p.partition.log.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
