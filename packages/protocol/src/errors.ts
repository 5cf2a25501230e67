/**
 * Kafka's error codes (names and numbers) for the errors Runnel raises, and the typed error
 * every package throws. Numbers match Apache Kafka's protocol so tooling and users recognise them.
 */
export interface ErrorInfo {
  readonly code: number;
  readonly retriable: boolean;
  readonly description: string;
}

const catalogue = {
  UNKNOWN_SERVER_ERROR: { code: -1, retriable: false, description: 'The server experienced an unexpected error when processing the request.' },
  NONE: { code: 0, retriable: false, description: 'No error.' },
  OFFSET_OUT_OF_RANGE: { code: 1, retriable: false, description: 'The requested offset is not within the range of offsets maintained by the server.' },
  CORRUPT_MESSAGE: { code: 2, retriable: true, description: 'The record batch failed its CRC check, exceeded the valid size, has a null key for a compacted topic, or is otherwise corrupt.' },
  UNKNOWN_TOPIC_OR_PARTITION: { code: 3, retriable: true, description: 'This server does not host this topic-partition.' },
  INVALID_FETCH_SIZE: { code: 4, retriable: false, description: 'The requested fetch size is invalid.' },
  LEADER_NOT_AVAILABLE: { code: 5, retriable: true, description: 'There is no leader for this topic-partition as we are in the middle of a leadership election.' },
  NOT_LEADER_OR_FOLLOWER: { code: 6, retriable: true, description: 'This server is not the leader or follower for that topic-partition.' },
  REQUEST_TIMED_OUT: { code: 7, retriable: true, description: 'The request timed out.' },
  BROKER_NOT_AVAILABLE: { code: 8, retriable: false, description: 'The broker is not available.' },
  REPLICA_NOT_AVAILABLE: { code: 9, retriable: true, description: 'The replica is not available for the requested topic-partition.' },
  MESSAGE_TOO_LARGE: { code: 10, retriable: false, description: 'The request included a message larger than the max message size the server will accept.' },
  STALE_CONTROLLER_EPOCH: { code: 11, retriable: false, description: 'The controller moved to another broker.' },
  OFFSET_METADATA_TOO_LARGE: { code: 12, retriable: false, description: 'The metadata field of the offset request was too large.' },
  NETWORK_EXCEPTION: { code: 13, retriable: true, description: 'The server disconnected before a response was received.' },
  COORDINATOR_LOAD_IN_PROGRESS: { code: 14, retriable: true, description: 'The coordinator is loading and hence cannot process requests.' },
  COORDINATOR_NOT_AVAILABLE: { code: 15, retriable: true, description: 'The coordinator is not available.' },
  NOT_COORDINATOR: { code: 16, retriable: true, description: 'This is not the correct coordinator.' },
  INVALID_TOPIC_EXCEPTION: { code: 17, retriable: false, description: 'The request attempted to perform an operation on an invalid topic.' },
  RECORD_LIST_TOO_LARGE: { code: 18, retriable: false, description: 'The request included a record batch larger than the server will accept.' },
  NOT_ENOUGH_REPLICAS: { code: 19, retriable: true, description: 'Messages are rejected since there are fewer in-sync replicas than required.' },
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: { code: 20, retriable: true, description: 'Messages are written to the log, but to fewer in-sync replicas than required.' },
  INVALID_REQUIRED_ACKS: { code: 21, retriable: false, description: 'Produce request specified an invalid value for required acks.' },
  ILLEGAL_GENERATION: { code: 22, retriable: false, description: 'Specified group generation id is not valid.' },
  INCONSISTENT_GROUP_PROTOCOL: { code: 23, retriable: false, description: "The group member's supported protocols are incompatible with those of existing members." },
  INVALID_GROUP_ID: { code: 24, retriable: false, description: 'The configured groupId is invalid.' },
  UNKNOWN_MEMBER_ID: { code: 25, retriable: false, description: 'The coordinator is not aware of this member.' },
  INVALID_SESSION_TIMEOUT: { code: 26, retriable: false, description: 'The session timeout is not within the range allowed by the broker.' },
  REBALANCE_IN_PROGRESS: { code: 27, retriable: false, description: 'The group is rebalancing, so a rejoin is needed.' },
  INVALID_COMMIT_OFFSET_SIZE: { code: 28, retriable: false, description: 'The committing offset data size is not valid.' },
  TOPIC_AUTHORIZATION_FAILED: { code: 29, retriable: false, description: 'Topic authorization failed.' },
  GROUP_AUTHORIZATION_FAILED: { code: 30, retriable: false, description: 'Group authorization failed.' },
  CLUSTER_AUTHORIZATION_FAILED: { code: 31, retriable: false, description: 'Cluster authorization failed.' },
  INVALID_TIMESTAMP: { code: 32, retriable: false, description: 'The timestamp of the message is out of acceptable range.' },
  UNSUPPORTED_SASL_MECHANISM: { code: 33, retriable: false, description: 'The broker does not support the requested SASL mechanism.' },
  ILLEGAL_SASL_STATE: { code: 34, retriable: false, description: 'Request is not valid given the current SASL state.' },
  UNSUPPORTED_VERSION: { code: 35, retriable: false, description: 'The version of API is not supported.' },
  TOPIC_ALREADY_EXISTS: { code: 36, retriable: false, description: 'Topic with this name already exists.' },
  INVALID_PARTITIONS: { code: 37, retriable: false, description: 'Number of partitions is below 1.' },
  INVALID_REPLICATION_FACTOR: { code: 38, retriable: false, description: 'Replication factor is below 1 or larger than the number of available brokers.' },
  INVALID_REPLICA_ASSIGNMENT: { code: 39, retriable: false, description: 'Replica assignment is invalid.' },
  INVALID_CONFIG: { code: 40, retriable: false, description: 'Configuration is invalid.' },
  NOT_CONTROLLER: { code: 41, retriable: true, description: 'This is not the correct controller for this cluster.' },
  INVALID_REQUEST: { code: 42, retriable: false, description: 'This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker.' },
  UNSUPPORTED_FOR_MESSAGE_FORMAT: { code: 43, retriable: false, description: 'The message format version on the broker does not support the request.' },
  POLICY_VIOLATION: { code: 44, retriable: false, description: 'Request parameters do not satisfy the configured policy.' },
  OUT_OF_ORDER_SEQUENCE_NUMBER: { code: 45, retriable: false, description: 'The broker received an out of order sequence number.' },
  DUPLICATE_SEQUENCE_NUMBER: { code: 46, retriable: false, description: 'The broker received a duplicate sequence number.' },
  INVALID_PRODUCER_EPOCH: { code: 47, retriable: false, description: "Producer attempted to produce with an old epoch." },
  UNKNOWN_PRODUCER_ID: { code: 59, retriable: false, description: 'This exception is raised by the broker if it could not locate the producer metadata associated with the producerId in question.' },
  KAFKA_STORAGE_ERROR: { code: 56, retriable: true, description: 'Disk error when trying to access log file on the disk.' },
  LOG_DIR_NOT_FOUND: { code: 57, retriable: false, description: 'The user-specified log directory is not found in the broker config.' },
  SECURITY_DISABLED: { code: 54, retriable: false, description: 'Security features are disabled.' },
  SASL_AUTHENTICATION_FAILED: { code: 58, retriable: false, description: 'SASL Authentication failed.' },
  REASSIGNMENT_IN_PROGRESS: { code: 60, retriable: false, description: 'A partition reassignment is in progress.' },
  GROUP_ID_NOT_FOUND: { code: 69, retriable: false, description: 'The group id does not exist.' },
  FETCH_SESSION_ID_NOT_FOUND: { code: 70, retriable: true, description: 'The fetch session ID was not found.' },
  FENCED_LEADER_EPOCH: { code: 74, retriable: true, description: 'The leader epoch in the request is older than the epoch on the broker.' },
  UNKNOWN_LEADER_EPOCH: { code: 75, retriable: true, description: 'The leader epoch in the request is newer than the epoch on the broker.' },
  UNSUPPORTED_COMPRESSION_TYPE: { code: 76, retriable: false, description: 'The requesting client does not support the compression type of given partition.' },
  STALE_BROKER_EPOCH: { code: 77, retriable: false, description: 'Broker epoch has changed.' },
  OFFSET_NOT_AVAILABLE: { code: 78, retriable: true, description: 'The leader high watermark has not caught up from a recent leader election so the offsets cannot be guaranteed to be monotonically increasing.' },
  MEMBER_ID_REQUIRED: { code: 79, retriable: false, description: 'The group member needs to have a valid member id before actually entering a consumer group.' },
  PREFERRED_LEADER_NOT_AVAILABLE: { code: 80, retriable: true, description: 'The preferred leader was not available.' },
  GROUP_MAX_SIZE_REACHED: { code: 81, retriable: false, description: 'The consumer group has reached its max size.' },
  FENCED_INSTANCE_ID: { code: 82, retriable: false, description: 'The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.' },
  ELIGIBLE_LEADERS_NOT_AVAILABLE: { code: 83, retriable: true, description: 'Eligible topic partition leaders are not available.' },
  ELECTION_NOT_NEEDED: { code: 84, retriable: true, description: 'Leader election not needed for topic partition.' },
  NO_REASSIGNMENT_IN_PROGRESS: { code: 85, retriable: false, description: 'No partition reassignment is in progress.' },
  GROUP_SUBSCRIBED_TO_TOPIC: { code: 86, retriable: false, description: 'Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.' },
  INVALID_RECORD: { code: 87, retriable: false, description: 'This record has failed the validation on broker and hence will be rejected.' },
  UNSTABLE_OFFSET_COMMIT: { code: 88, retriable: true, description: 'There are unstable offsets that need to be cleared.' },
  THROTTLING_QUOTA_EXCEEDED: { code: 89, retriable: true, description: 'The throttling quota has been exceeded.' },
  RESOURCE_NOT_FOUND: { code: 91, retriable: false, description: 'A request illegally referred to a resource that does not exist.' },
  DUPLICATE_RESOURCE: { code: 92, retriable: false, description: 'A request illegally referred to the same resource twice.' },
  UNACCEPTABLE_CREDENTIAL: { code: 93, retriable: false, description: 'Requested credential would not meet criteria for acceptability.' },
  UNKNOWN_TOPIC_ID: { code: 100, retriable: true, description: 'This server does not host this topic ID.' },
  FENCED_MEMBER_EPOCH: { code: 110, retriable: false, description: 'The member epoch is fenced by the group coordinator.' },
  DUPLICATE_BROKER_REGISTRATION: { code: 101, retriable: false, description: 'This broker ID is already in use.' },
  BROKER_ID_NOT_REGISTERED: { code: 102, retriable: false, description: 'The given broker ID was not registered.' },
  INCONSISTENT_CLUSTER_ID: { code: 104, retriable: false, description: 'The clusterId in the request does not match that found on the server.' },
  NON_EMPTY_GROUP: { code: 68, retriable: false, description: 'The group is not empty.' },
  INCONSISTENT_VOTER_SET: { code: 94, retriable: false, description: 'Indicates that the either the sender or recipient of a voter-only request is not one of the expected voters.' },
  INVALID_UPDATE_VERSION: { code: 95, retriable: false, description: 'The given update version was invalid.' },
  FEATURE_UPDATE_FAILED: { code: 96, retriable: false, description: 'Unable to update finalized features due to an unexpected server error.' },
  SNAPSHOT_NOT_FOUND: { code: 98, retriable: false, description: 'Requested snapshot was not found.' },
  INCONSISTENT_TOPIC_ID: { code: 103, retriable: true, description: 'The log\'s topic ID did not match the topic ID in the request.' },
  FENCED_REPLICA: { code: 113, retriable: true, description: 'The replica has been fenced and is no longer allowed to perform the operation.' },
  INELIGIBLE_REPLICA: { code: 107, retriable: false, description: 'The new ISR contains at least one ineligible replica.' },
  NEW_LEADER_ELECTED: { code: 108, retriable: false, description: 'The AlterPartition request successfully updated the partition state but the leader has changed.' },
} as const satisfies Record<string, ErrorInfo>;

export type ErrorName = keyof typeof catalogue;

export const ErrorCodes: Readonly<Record<ErrorName, ErrorInfo>> = catalogue;

const byCode = new Map<number, ErrorName>(
  (Object.keys(catalogue) as ErrorName[]).map((name) => [catalogue[name].code, name]),
);

export function errorCode(name: ErrorName): number {
  return catalogue[name].code;
}

/** The name for a Kafka error number; unknown numbers map to UNKNOWN_SERVER_ERROR. */
export function errorName(code: number): ErrorName {
  return byCode.get(code) ?? 'UNKNOWN_SERVER_ERROR';
}

export function isRetriable(name: ErrorName): boolean {
  return catalogue[name].retriable;
}

/** The one error type Runnel raises for protocol-level failures: a Kafka error name plus detail. */
export class RunnelError extends Error {
  readonly errorName: ErrorName;
  readonly code: number;
  readonly retriable: boolean;
  /** Small facts a caller acts on, e.g. the leader to retry against (travels as metadata). */
  readonly details: Readonly<Record<string, string>>;

  constructor(name: ErrorName, message?: string, options?: { cause?: unknown; details?: Record<string, string> }) {
    super(message ?? catalogue[name].description, options);
    this.name = 'RunnelError';
    this.errorName = name;
    this.code = catalogue[name].code;
    this.retriable = catalogue[name].retriable;
    this.details = options?.details ?? {};
  }

  static fromCode(code: number, message?: string, details?: Record<string, string>): RunnelError {
    return new RunnelError(errorName(code), message, { details: details ?? {} });
  }

  override toString(): string {
    return `${this.errorName}: ${this.message}`;
  }
}

export function isRunnelError(err: unknown, name?: ErrorName): err is RunnelError {
  return err instanceof RunnelError && (name === undefined || err.errorName === name);
}
