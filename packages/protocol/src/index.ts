export { crc32c } from './crc32c.js';
export { ErrorCodes, RunnelError, errorCode, errorName, isRetriable, isRunnelError } from './errors.js';
export type { ErrorInfo, ErrorName } from './errors.js';
export { readInt64BE, writeInt64BE } from './int64.js';
export {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LENGTH_OFFSET,
  CRC_OFFSET,
  LAST_OFFSET_DELTA_OFFSET,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  RECORD_COUNT_OFFSET,
  CURRENT_MAGIC,
  CompressionType,
  LOG_OVERHEAD,
  NO_PARTITION_LEADER_EPOCH,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  TimestampType,
  batchSize,
  compressionOf,
  computeBatchCrc,
  isControl,
  isTransactional,
  lastOffset,
  lastSequence,
  makeAttributes,
  readBatchHeader,
  setBaseOffset,
  setPartitionLeaderEpoch,
  splitBatches,
  timestampTypeOf,
  verifyBatch,
} from './batch-header.js';
export type { BatchHeader, BatchView } from './batch-header.js';
export { LOADER_OPTIONS, PROTO_ROOT } from './grpc/load.js';
export {
  CHANNEL_OPTIONS,
  MAX_MESSAGE_BYTES,
  addService,
  bindServer,
  createClient,
  createServer,
  shutdownServer,
} from './grpc/services.js';
export type { ClientOf, ClientOptions, HandlersOf, ServiceName, ServiceTypes } from './grpc/services.js';
export type { ListenOptions } from './grpc/listening-server.js';
export { ConnectionLimit } from './grpc/connection-limit.js';
export { readPemKeystore, readPemTruststore } from './tls/pem.js';
export type { PemIdentity } from './tls/pem.js';
export { PemFileCertificateProvider } from './tls/pem-file-provider.js';
export type { PemFiles, PemReloadEvents } from './tls/pem-file-provider.js';
export { tlsChannelCredentials, tlsClientCredentials, tlsServerCredentials } from './tls/credentials.js';
export { tlsFailureReason } from './tls/tls-failure.js';
export type { ChannelTlsOptions, ClientAuth } from './tls/credentials.js';
export { callUnary, fromServiceError, toServiceError, unaryHandler } from './grpc/errors.js';
export { CLIENT_ID_KEY, REQUEST_ID_KEY, clientIdOf, newRequestId, requestIdInterceptor, requestIdOf } from './grpc/request-id.js';
export { logUnaryCalls, requestLogger } from './grpc/request-log.js';
export type { RequestLogger } from './grpc/request-log.js';
export type * as pb from './generated/messages.js';
export { cursor, readVarint, readVarlong, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './varint.js';
export type { Cursor } from './varint.js';
export { DEFAULT_MAX_DECOMPRESSED_BYTES, compress, decompress } from './compression.js';
export { decodeRecordBatch, decodeRecordBatches, encodeRecordBatch, validateRecords } from './record-batch.js';
export type { DecodeOptions, DecodedBatch, DecodedRecord, EncodeOptions, RecordHeader, RecordInput } from './record-batch.js';
export { HealthImplementation, checkHealth, probeHealth } from './grpc/health.js';
export type { HealthCheckOptions, ServingStatus } from './grpc/health.js';
export { SchemaReader, SchemaWriter } from './schema-buffer.js';
export {
  CONSUMER_ASSIGNMENT_VERSION,
  CONSUMER_PROTOCOL_TYPE,
  CONSUMER_SUBSCRIPTION_VERSION,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
} from './consumer-protocol.js';
export type { ConsumerAssignment, ConsumerSubscription, TopicPartitions } from './consumer-protocol.js';
export { ANONYMOUS, checkPrincipal, isNodePrincipal, nodePrincipal, principalFromCall, userPrincipal } from './auth/principal.js';
export type { Principal } from './auth/principal.js';
export {
  SCRAM_MAX_ITERATIONS,
  SCRAM_MIN_ITERATIONS,
  SCRAM_SHA_256,
  ScramClient,
  ScramServer,
  scramKeys,
  scramSaltedPassword,
} from './auth/scram.js';
export type { ScramCredential } from './auth/scram.js';
export { MIN_SECRET_LENGTH, NodeTokenSource, TOKEN_ISSUERS, deriveTokenKeys, signToken, tokenIssuer, verifyToken } from './auth/tokens.js';
export type { TokenClaims, TokenKeys } from './auth/tokens.js';
export {
  authenticatedHandlers,
  bearerInterceptor,
  bearerToken,
  callHost,
  callPrincipal,
  certificateAuthenticator,
  callRequester,
  forwardingMetadata,
  nodeClientOptions,
} from './auth/call-auth.js';
export type { CallAuthenticator, IncomingCall, Requester } from './auth/call-auth.js';
export {
  ACL_ENUM_PREFIX,
  ACL_OPERATIONS,
  ACL_PATTERN_TYPES,
  ACL_PERMISSIONS,
  ACL_RESOURCE_TYPES,
  aclBindingFromProto,
  aclBindingToProto,
  aclEnumName,
  describeAclBinding,
} from './auth/acl.js';
export type { AclBinding, AclOperation, AclPatternType, AclPermission, AclResourceType } from './auth/acl.js';
