import { INT_MAX, LONG_MAX_TEXT, type ConfigDef } from './config-def.js';

/**
 * Every key a Runnel node reads and acts on, under Kafka's names, with Kafka's types, defaults,
 * bounds, importance and dynamic-update mode (as in Kafka 3.9's broker configuration reference).
 * Where Runnel's default differs from Kafka's, the description says so. A key that is not here
 * (including Kafka keys for features Runnel does not have) is refused as unknown rather than
 * silently ignored.
 */
const LONG_MAX = Number.MAX_SAFE_INTEGER;

const defs: ConfigDef[] = [
  // Node identity and roles.
  {
    name: 'node.id', type: 'int', default: null, required: true, min: 0, max: INT_MAX, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'The id of this node, unique in the cluster. A controller listed under this id in controller.quorum.voters is a voter from the start; one that is not joins as a learner until `runnel quorum add-voter` makes it a voter.',
  },
  {
    name: 'process.roles', type: 'list', default: null, required: true, nonEmpty: true, values: ['broker', 'controller'], importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'The roles this node plays: broker, controller, or broker,controller (combined mode).',
  },
  {
    name: 'controller.quorum.voters', type: 'list', default: null, required: true, nonEmpty: true, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'The controller quorum the cluster started with, as id@host:port entries, e.g. 1@ctl1:9093,2@ctl2:9093,3@ctl3:9093. Every node of a cluster lists the same voters (the cluster id derives from them unless cluster.id is set); voters added or removed later with `runnel quorum` are recorded in the metadata log.',
  },
  {
    name: 'listeners', type: 'list', default: 'CLIENT://:9092', nonEmpty: true, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'Named listeners to bind, NAME://host:port; an empty host binds every interface, port 0 picks a free port. Runnel default CLIENT://:9092 (Kafka: PLAINTEXT://:9092). Read-only: a broker binds and registers its listeners once, at start (Kafka: per-broker).',
  },
  {
    name: 'advertised.listeners', type: 'list', default: null, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'NAME://host:port addresses others use to reach listeners of the same name, when they differ from listeners. Read-only: registered with the controller once, at start (Kafka: per-broker).',
  },
  {
    name: 'controller.listener.names', type: 'list', default: 'CONTROLLER', nonEmpty: true, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'The listeners that serve the controller quorum. Runnel default CONTROLLER (Kafka: none).',
  },
  {
    name: 'inter.broker.listener.name', type: 'string', default: null, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'The listener brokers replicate over; when unset, the one listener that is not a controller listener.',
  },
  {
    name: 'log.dirs', type: 'list', default: null, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'The directory holding partition logs, as a list of one path (Runnel keeps a node\'s partitions in one directory); when unset, log.dir.',
  },
  {
    name: 'log.dir', type: 'string', default: '/tmp/runnel-logs', importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'The directory holding partition logs when log.dirs is unset. Runnel default /tmp/runnel-logs (Kafka: /tmp/kafka-logs).',
  },
  {
    name: 'metadata.log.dir', type: 'string', default: null, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'The directory of the metadata log and its snapshots; when unset, the log directory.',
  },
  {
    name: 'cluster.id', type: 'string', default: null, importance: 'high', dynamic: 'read-only', kafka: false,
    description: 'The cluster id (22 characters of URL-safe base64, as Kafka prints it); when unset, the one stored in the log directory.',
  },
  {
    name: 'broker.rack', type: 'string', default: null, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'The rack of this broker; replica placement spreads replicas across racks.',
  },

  // Broker defaults and limits.
  {
    name: 'num.partitions', type: 'int', default: '1', min: 1, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'Partitions of a created topic that names no count.',
  },
  {
    name: 'default.replication.factor', type: 'int', default: '1', min: 1, max: 32767, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'Replication factor of a created topic that names none.',
  },
  {
    name: 'min.insync.replicas', type: 'int', default: '1', min: 1, max: INT_MAX, importance: 'high', dynamic: 'cluster-wide', kafka: true, topicConfig: 'min.insync.replicas',
    description: 'In-sync replicas an acks=all write needs, else NOT_ENOUGH_REPLICAS.',
  },
  {
    name: 'unclean.leader.election.enable', type: 'boolean', default: 'false', importance: 'high', dynamic: 'cluster-wide', kafka: true, topicConfig: 'unclean.leader.election.enable',
    description: 'Allow a replica outside the ISR to become leader as a last resort (may lose acknowledged data).',
  },
  {
    name: 'auto.leader.rebalance.enable', type: 'boolean', default: 'true', importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'Move leadership back to preferred replicas periodically.',
  },
  {
    name: 'leader.imbalance.check.interval.seconds', type: 'long', default: '300', min: 1, max: LONG_MAX, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'How often the controller checks for partitions led by a replica other than the preferred one.',
  },
  {
    name: 'replica.lag.time.max.ms', type: 'long', default: '30000', min: 1, max: LONG_MAX, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'A follower that has not caught up to the leader for this long leaves the ISR.',
  },
  {
    name: 'replica.fetch.max.bytes', type: 'int', default: '1048576', min: 0, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'Bytes a follower asks for per partition in one fetch (a larger first batch is still returned).',
  },
  {
    name: 'replica.fetch.wait.max.ms', type: 'int', default: '500', min: 0, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'How long a leader may hold a follower fetch waiting for replica.fetch.min.bytes.',
  },
  {
    name: 'replica.fetch.min.bytes', type: 'int', default: '1', min: 0, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'Bytes a follower fetch waits for before it is answered.',
  },
  {
    name: 'replica.fetch.response.max.bytes', type: 'int', default: '10485760', min: 0, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'Bytes a follower asks for in one whole fetch answer.',
  },
  {
    name: 'replica.fetch.backoff.ms', type: 'int', default: '1000', min: 0, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'How long a follower waits after a failed fetch before trying again.',
  },
  {
    name: 'message.max.bytes', type: 'int', default: '1048588', min: 0, max: INT_MAX, importance: 'high', dynamic: 'cluster-wide', kafka: true, topicConfig: 'max.message.bytes',
    description: 'The largest record batch the broker accepts (topic default of max.message.bytes).',
  },
  {
    name: 'fetch.max.bytes', type: 'int', default: '57671680', min: 1024, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'The most bytes one consumer fetch answer carries.',
  },
  {
    name: 'socket.request.max.bytes', type: 'int', default: '104857600', min: 1, max: INT_MAX, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'The largest request message a listener accepts, checked against the size a message announces before any of it is read.',
  },
  {
    name: 'broker.session.timeout.ms', type: 'int', default: '9000', min: 1, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'A broker that has not heartbeated to the controller for this long is fenced.',
  },
  {
    name: 'broker.heartbeat.interval.ms', type: 'int', default: '2000', min: 1, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'How often a broker heartbeats to the active controller.',
  },
  {
    name: 'controlled.shutdown.enable', type: 'boolean', default: 'true', importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'On shutdown, ask the controller to move this broker\'s leaderships elsewhere first.',
  },
  {
    name: 'producer.id.expiration.ms', type: 'int', default: '86400000', min: 1, max: INT_MAX, importance: 'low', dynamic: 'cluster-wide', kafka: true,
    description: 'How long an idle producer id\'s state is kept.',
  },
  {
    name: 'log.level', type: 'enum', default: 'info', values: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'], importance: 'medium', dynamic: 'read-only', kafka: false,
    description: 'The least severe level written to the node\'s log.',
  },
  {
    name: 'http.listener', type: 'string', default: '127.0.0.1:9644', importance: 'medium', dynamic: 'read-only', kafka: false,
    description: 'host:port of the node\'s HTTP endpoints: /healthz, /readyz and /metrics (Prometheus); an empty host binds every interface, port 0 picks a free port, an empty value turns them off.',
  },

  // Log defaults (broker-level names of topic configs).
  {
    name: 'log.segment.bytes', type: 'int', default: '1073741824', min: 14, max: INT_MAX, importance: 'high', dynamic: 'cluster-wide', kafka: true, topicConfig: 'segment.bytes',
    description: 'Size at which the active segment rolls.',
  },
  {
    name: 'log.roll.ms', type: 'long', default: null, min: 1, max: LONG_MAX, importance: 'medium', dynamic: 'cluster-wide', kafka: true, topicConfig: 'segment.ms',
    description: 'Age at which the active segment rolls; when unset, log.roll.hours.',
  },
  {
    name: 'log.roll.hours', type: 'int', default: '168', min: 1, max: INT_MAX, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'Age in hours at which the active segment rolls, unless log.roll.ms is set.',
  },
  {
    name: 'log.retention.ms', type: 'long', default: null, min: 1, max: LONG_MAX, minusOneUnlimited: true, importance: 'high', dynamic: 'cluster-wide', kafka: true, topicConfig: 'retention.ms',
    description: 'Age after which segments are deleted (-1: no limit); when unset, log.retention.minutes, then log.retention.hours.',
  },
  {
    name: 'log.retention.minutes', type: 'int', default: null, min: 1, max: INT_MAX, minusOneUnlimited: true, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'Retention in minutes (-1: no limit), unless log.retention.ms is set.',
  },
  {
    name: 'log.retention.hours', type: 'int', default: '168', min: 1, max: INT_MAX, minusOneUnlimited: true, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'Retention in hours (-1: no limit), unless log.retention.ms or log.retention.minutes is set.',
  },
  {
    name: 'log.retention.bytes', type: 'long', default: '-1', min: -1, max: LONG_MAX, importance: 'high', dynamic: 'cluster-wide', kafka: true, topicConfig: 'retention.bytes',
    description: 'Size each partition\'s log is trimmed to by deleting its oldest segments; -1 for no limit.',
  },
  {
    name: 'log.cleanup.policy', type: 'list', default: 'delete', values: ['compact', 'delete'], nonEmpty: true, importance: 'medium', dynamic: 'cluster-wide', kafka: true, topicConfig: 'cleanup.policy',
    description: 'delete old segments, compact by key, or both (compact,delete).',
  },
  {
    name: 'log.index.interval.bytes', type: 'int', default: '4096', min: 0, max: INT_MAX, importance: 'medium', dynamic: 'cluster-wide', kafka: true, topicConfig: 'index.interval.bytes',
    description: 'Log bytes between two offset index entries.',
  },
  {
    name: 'log.index.size.max.bytes', type: 'int', default: '10485760', min: 12, max: INT_MAX, importance: 'medium', dynamic: 'cluster-wide', kafka: true, topicConfig: 'segment.index.bytes',
    description: 'Largest size of a segment\'s offset or time index; a full index rolls the segment. At least one 12-byte time index entry.',
  },
  {
    name: 'log.flush.interval.messages', type: 'long', default: LONG_MAX_TEXT, min: 1, max: LONG_MAX, importance: 'high', dynamic: 'cluster-wide', kafka: true, topicConfig: 'flush.messages',
    description: 'fsync a partition once this many messages are unflushed (replication, not fsync, is what makes writes durable).',
  },
  {
    name: 'log.flush.interval.ms', type: 'long', default: null, min: 0, max: LONG_MAX, importance: 'high', dynamic: 'cluster-wide', kafka: true, topicConfig: 'flush.ms',
    description: 'fsync a partition once data has been unflushed this long; when unset, never on a timer.',
  },
  {
    name: 'log.cleaner.delete.retention.ms', type: 'long', default: '86400000', min: 0, max: LONG_MAX, importance: 'medium', dynamic: 'cluster-wide', kafka: true, topicConfig: 'delete.retention.ms',
    description: 'How long tombstones survive on compacted topics.',
  },
  {
    name: 'log.cleaner.min.cleanable.ratio', type: 'double', default: '0.5', min: 0, max: 1, importance: 'medium', dynamic: 'cluster-wide', kafka: true, topicConfig: 'min.cleanable.dirty.ratio',
    description: 'Dirty share of a log above which it is compacted.',
  },
  {
    name: 'log.retention.check.interval.ms', type: 'long', default: '300000', min: 1, max: LONG_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'How often logs are checked for segments to delete.',
  },
  {
    name: 'num.recovery.threads.per.data.dir', type: 'int', default: '1', min: 1, max: INT_MAX, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'Logs opened and recovered in parallel at startup. Read-only: it counts only before the node reads the metadata log, where dynamic configs live (Kafka: cluster-wide).',
  },

  // Consumer groups and committed offsets.
  {
    name: 'offsets.topic.num.partitions', type: 'int', default: '50', min: 1, max: INT_MAX, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'Partitions of the __consumer_offsets topic (created on first use; do not change after): a group is coordinated by the leader of partition hash(group.id) mod this.',
  },
  {
    name: 'offsets.topic.replication.factor', type: 'int', default: '3', min: 1, max: 32767, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'Replication factor of the __consumer_offsets topic; until this many brokers are alive, FindCoordinator answers COORDINATOR_NOT_AVAILABLE.',
  },
  {
    name: 'offsets.retention.minutes', type: 'int', default: '10080', min: 1, max: INT_MAX, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'How long a group\'s committed offsets are kept after the group becomes empty (and, for a stable group, after the last commit to a topic it no longer subscribes to).',
  },
  {
    name: 'offsets.retention.check.interval.ms', type: 'long', default: '600000', min: 1, max: LONG_MAX, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'How often committed offsets are checked for expiry.',
  },
  {
    name: 'offsets.commit.timeout.ms', type: 'int', default: '5000', min: 1, max: INT_MAX, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'How long an offset commit or group write waits for every in-sync replica of its __consumer_offsets partition before it fails.',
  },
  {
    name: 'offset.metadata.max.bytes', type: 'int', default: '4096', min: 0, max: INT_MAX, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'The most bytes of metadata an offset commit may carry per partition.',
  },
  {
    name: 'group.initial.rebalance.delay.ms', type: 'int', default: '3000', min: 0, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'How long a new group\'s first rebalance waits for more members to join (again for each one that does, up to the rebalance timeout).',
  },
  {
    name: 'group.min.session.timeout.ms', type: 'int', default: '6000', min: 0, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'The shortest session.timeout.ms a consumer may ask for.',
  },
  {
    name: 'group.max.session.timeout.ms', type: 'int', default: '1800000', min: 0, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'The longest session.timeout.ms a consumer may ask for.',
  },
  {
    name: 'group.max.size', type: 'int', default: String(INT_MAX), min: 1, max: INT_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'The most members one consumer group may have.',
  },

  // Security: TLS and SASL on listeners, and authorization (ACLs).
  {
    name: 'listener.security.protocol.map', type: 'list', default: null, importance: 'high', dynamic: 'per-broker', kafka: true,
    description: 'The security protocol of each listener as NAME:PROTOCOL pairs, PROTOCOL being one of Kafka\'s four: PLAINTEXT, SSL (TLS; with ssl.client.auth=required a client is its certificate\'s principal, User:CN=...), SASL_PLAINTEXT (clients log in with SCRAM-SHA-256) or SASL_SSL (TLS, then the SASL login), e.g. CLIENT:SASL_SSL,CONTROLLER:SSL,REPLICATION:SSL. When set, every listener must be in it (or be named after a protocol). Other nodes are reached with the protocol of the listener they are reached on (inter.broker.listener.name, the first of controller.listener.names). Runnel default: unset, and then a listener named after a protocol uses it and every other one PLAINTEXT (Kafka: a map of the protocol names to themselves).',
  },
  {
    name: 'ssl.keystore.type', type: 'enum', default: 'PEM', values: ['JKS', 'PKCS12', 'PEM'], importance: 'medium', dynamic: 'per-broker', kafka: true,
    description: 'The format of ssl.keystore.location: PEM, the only one Runnel reads (JKS and PKCS12 are refused with a hint to convert). Runnel default PEM (Kafka: JKS).',
  },
  {
    name: 'ssl.keystore.location', type: 'string', default: null, importance: 'high', dynamic: 'per-broker', kafka: true,
    description: 'A PEM file with this node\'s private key and its certificate chain (leaf first): presented on SSL listeners and, when another node asks for one, on connections to it. Needed when a listener uses SSL. Read again when it changes (ssl.reload.interval.ms), for new connections.',
  },
  {
    name: 'ssl.key.password', type: 'password', default: null, importance: 'high', dynamic: 'per-broker', kafka: true,
    description: 'The password of the private key in ssl.keystore.location, when it is encrypted.',
  },
  {
    name: 'ssl.truststore.type', type: 'enum', default: 'PEM', values: ['JKS', 'PKCS12', 'PEM'], importance: 'medium', dynamic: 'per-broker', kafka: true,
    description: 'The format of ssl.truststore.location: PEM, the only one Runnel reads (JKS and PKCS12 are refused with a hint to convert). Runnel default PEM (Kafka: JKS).',
  },
  {
    name: 'ssl.truststore.location', type: 'string', default: null, importance: 'high', dynamic: 'per-broker', kafka: true,
    description: 'A PEM file of the CA certificates trusted for client certificates (ssl.client.auth) and for other nodes\' certificates; when unset, the CAs Node.js trusts by default. Read again when it changes.',
  },
  {
    name: 'ssl.client.auth', type: 'enum', default: 'none', values: ['none', 'requested', 'required'], importance: 'medium', dynamic: 'per-broker', kafka: true,
    description: 'Whether SSL listeners ask clients (and other nodes) for a certificate that chains to the truststore: none; requested (a client may also come without one, and is then User:ANONYMOUS); required (mutual TLS: a client without a valid one is refused).',
  },
  {
    name: 'ssl.endpoint.identification.algorithm', type: 'string', default: 'https', importance: 'low', dynamic: 'per-broker', kafka: true,
    description: 'https: check that another node\'s certificate names the host it is reached at (a subject alternative name); empty: do not.',
  },
  {
    name: 'ssl.reload.interval.ms', type: 'long', default: '10000', min: 10, max: LONG_MAX, importance: 'low', dynamic: 'read-only', kafka: false,
    description: 'How often ssl.keystore.location and ssl.truststore.location are checked for changes; a changed file that is complete and valid is used for new connections without a restart (Kafka reloads only on a dynamic config update).',
  },

  {
    name: 'sasl.enabled.mechanisms', type: 'list', default: 'SCRAM-SHA-256', values: ['SCRAM-SHA-256'], nonEmpty: true, importance: 'medium', dynamic: 'per-broker', kafka: true,
    description: 'The SASL mechanisms clients may authenticate with on SASL_PLAINTEXT and SASL_SSL listeners. Runnel default SCRAM-SHA-256, the one mechanism it offers (Kafka: GSSAPI).',
  },
  {
    name: 'inter.node.secret', type: 'password', default: null, importance: 'high', dynamic: 'read-only', kafka: false,
    description: 'A secret of at least 32 characters, the same on every node of the cluster, needed when any listener uses SASL. Nodes authenticate to each other with tokens (on every listener, SSL ones included) signed with a key derived from it (as Node:<id>, always super users), and client session tokens are signed with another key derived from it, so every broker accepts a session any broker opened.',
  },
  {
    name: 'sasl.session.lifetime.ms', type: 'long', default: '3600000', min: 10_000, max: LONG_MAX, importance: 'medium', dynamic: 'read-only', kafka: false,
    description: 'How long a session token a client gets from a SASL authentication stays valid; clients authenticate again before it expires. Streams opened with it stay authenticated (as Kafka connections do with connections.max.reauth.ms=0).',
  },
  {
    name: 'authorizer.class.name', type: 'string', default: null, importance: 'low', dynamic: 'read-only', kafka: true,
    description: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer turns on ACL authorization (ACLs are kept in the metadata log); unset or empty leaves every request allowed.',
  },
  {
    name: 'super.users', type: 'string', default: null, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'Principals allowed everything without ACLs, separated by semicolons, e.g. User:admin;User:ops. Nodes (Node:<id>) always are.',
  },
  {
    name: 'allow.everyone.if.no.acl.found', type: 'boolean', default: 'false', importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'With the authorizer on, let every principal use a resource that no ACL names (default false: such a resource is open to super users only).',
  },

  // Limits on clients.
  {
    name: 'max.connections.per.ip', type: 'int', default: String(INT_MAX), min: 1, max: INT_MAX, importance: 'medium', dynamic: 'cluster-wide', kafka: true,
    description: 'The most connections one address may hold open to this node, across its listeners (other nodes\' connections count too); one more is closed as soon as it is accepted.',
  },
  {
    name: 'connections.max.idle.ms', type: 'long', default: '600000', min: 1, max: LONG_MAX, importance: 'medium', dynamic: 'read-only', kafka: true,
    description: 'A connection with no call in progress for this long is closed by the node (a client reconnects when it next needs one).',
  },

  // Controller quorum (Raft).
  {
    name: 'controller.quorum.election.timeout.ms', type: 'int', default: '1000', min: 1, max: INT_MAX, importance: 'high', dynamic: 'read-only', kafka: true,
    description: 'How long a voter waits without hearing from a leader before it starts an election.',
  },
];

export const SERVER_CONFIG_DEFS: readonly ConfigDef[] = Object.freeze(defs.map((d) => Object.freeze(d)));
