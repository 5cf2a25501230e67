import { RunnelError, type pb } from '@runnel/protocol';
import { CLUSTER_DEFAULT_RESOURCE, EMPTY_IMAGE, REASSIGNMENT_THROTTLE_CONFIG, uuidToBytes, type MetadataImage } from '@runnel/controller';

/** Topics whose names start with "__" are the cluster's own (e.g. __consumer_offsets). */
export function isInternalTopic(name: string): boolean {
  return name.startsWith('__');
}

/**
 * The broker's view of cluster metadata: the latest image applied from the metadata log. Answers
 * Metadata calls and tells the other services which topics exist and where brokers listen.
 */
export class MetadataCache {
  private current: MetadataImage = EMPTY_IMAGE;
  private appliedOffset = -1;

  constructor(
    readonly clusterId: string,
    /** The listener clients use (e.g. "CLIENT"); brokers are advertised at this one. */
    private readonly clientListener: string,
  ) {}

  get image(): MetadataImage {
    return this.current;
  }

  /** The last metadata log offset applied to the image. */
  get offset(): number {
    return this.appliedOffset;
  }

  update(image: MetadataImage, offset: number): void {
    this.current = image;
    this.appliedOffset = offset;
  }

  /** Bytes per second adding replicas may copy at (follower.replication.throttled.rate), or null when unlimited. */
  reassignmentThrottle(): number | null {
    const value = this.current.configs.broker.get(CLUSTER_DEFAULT_RESOURCE)?.get(REASSIGNMENT_THROTTLE_CONFIG);
    const rate = value === undefined ? NaN : Number(value);
    return Number.isFinite(rate) && rate > 0 ? rate : null;
  }

  topicExists(name: string): boolean {
    return this.current.topicsByName.has(name);
  }

  /** host:port of `brokerId` on `listener`, if it is registered with one. */
  endpoint(brokerId: number, listener: string): string | undefined {
    const e = this.current.brokers.get(brokerId)?.endpoints.find((x) => x.name === listener);
    return e ? `${e.host}:${e.port}` : undefined;
  }

  /** How clients reach `brokerId` (its client listener), while it is registered and unfenced. */
  clientNode(brokerId: number): pb.BrokerNode | undefined {
    const b = this.current.brokers.get(brokerId);
    const e = b && !b.fenced ? b.endpoints.find((x) => x.name === this.clientListener) : undefined;
    return b && e ? { nodeId: b.id, host: e.host, port: e.port, rack: b.rack ?? '' } : undefined;
  }

  /**
   * The Metadata answer; `controllerId` is the active controller as this broker last found it.
   * `refused` says which topics the caller may not describe: asked for by name they answer its
   * error (TOPIC_AUTHORIZATION_FAILED) whether or not they exist, and a listing of all topics
   * leaves them out, so nobody learns a topic exists from here without DESCRIBE on it.
   */
  metadata(request: pb.MetadataRequest__Output, controllerId: number, refused: (topic: string) => RunnelError | null = () => null): pb.MetadataResponse {
    const image = this.current;
    const brokers: pb.BrokerNode[] = [];
    for (const b of image.brokers.values()) {
      if (b.fenced) continue;
      const e = b.endpoints.find((x) => x.name === this.clientListener);
      if (e) brokers.push({ nodeId: b.id, host: e.host, port: e.port, rack: b.rack ?? '' });
    }
    brokers.sort((a, b) => (a.nodeId ?? 0) - (b.nodeId ?? 0));
    const names = request.topics.length > 0
      ? request.topics
      : [...image.topicsByName.keys()].filter((n) => (request.includeInternal || !isInternalTopic(n)) && refused(n) === null).sort();
    const topics = names.map((name): pb.TopicMetadata => {
      const denied = refused(name);
      if (denied) return { errorCode: denied.code, errorMessage: denied.message, name, isInternal: false, partitions: [] };
      const topic = image.topicsByName.get(name);
      if (!topic) {
        const e = new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${name}' does not exist`);
        return { errorCode: e.code, errorMessage: e.message, name, isInternal: false, partitions: [] };
      }
      const partitions = [...topic.partitions.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([id, p]): pb.PartitionMetadata => {
          // A replica is offline when its broker is gone or fenced (it cannot serve or replicate).
          const offline = p.replicas.filter((r) => {
            const b = image.brokers.get(r);
            return !b || b.fenced;
          });
          const leaderless = p.leader < 0;
          return {
            errorCode: leaderless ? new RunnelError('LEADER_NOT_AVAILABLE').code : 0,
            partition: id,
            leaderId: p.leader,
            leaderEpoch: p.leaderEpoch,
            replicas: [...p.replicas],
            isr: [...p.isr],
            offlineReplicas: offline,
          };
        });
      return { errorCode: 0, name, topicId: Buffer.from(uuidToBytes(topic.id)), isInternal: isInternalTopic(name), partitions };
    });
    return { clusterId: this.clusterId, controllerId, brokers, topics };
  }
}
