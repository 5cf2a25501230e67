/**
 * Kafka settings Runnel deliberately does not implement, with why. Setting one is a problem that
 * says so, rather than an unknown key with a "did you mean" that points at an unrelated setting.
 */
export const UNSUPPORTED_KAFKA_KEYS: Readonly<Record<string, string>> = {
  'auto.create.topics.enable': 'topics are created explicitly (runnel topics create, or the Admin API)',
  'num.replica.fetchers': 'a broker keeps one replica fetch stream per leader broker',
  'compression.type': 'brokers keep batches compressed as the producer sent them',
  'log.message.timestamp.type': 'records keep the timestamp the producer set (CreateTime)',
  'request.timeout.ms': 'brokers bound their calls to the controller by broker.heartbeat.interval.ms and broker.session.timeout.ms',
  'controller.quorum.fetch.timeout.ms': 'voters replicate by push; a leader that loses its quorum steps down after controller.quorum.election.timeout.ms',
  'controller.quorum.election.backoff.max.ms': 'election timeouts are randomized between 1 and 2 times controller.quorum.election.timeout.ms',
  'controller.quorum.request.timeout.ms': 'quorum messages travel on long-lived streams without per-request timeouts',
  'metadata.log.max.record.bytes.between.snapshots': 'the metadata log is snapshotted by entry count, not configurable yet',
  'sasl.mechanism.inter.broker.protocol': 'nodes authenticate to each other with tokens signed by inter.node.secret, not with a SASL mechanism',
  'sasl.mechanism.controller.protocol': 'nodes authenticate to each other with tokens signed by inter.node.secret, not with a SASL mechanism',
  'security.inter.broker.protocol': 'the inter-broker listener (inter.broker.listener.name) has the security protocol listener.security.protocol.map gives it',
};
