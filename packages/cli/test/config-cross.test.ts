import { describe, expect, it } from 'vitest';
import { load, problems } from './config-fixture.js';

const COMBINED = {
  'node.id': '1',
  'process.roles': 'broker,controller',
  'controller.quorum.voters': '1@127.0.0.1:9093,2@127.0.0.1:9193,3@127.0.0.1:9293',
  listeners: 'CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
};

const BROKER = {
  'node.id': '4',
  'process.roles': 'broker',
  'controller.quorum.voters': '1@127.0.0.1:9093',
  listeners: 'CLIENT://127.0.0.1:9092,REPLICATION://127.0.0.1:9192',
  'inter.broker.listener.name': 'REPLICATION',
};

const CONTROLLER = {
  'node.id': '1',
  'process.roles': 'controller',
  'controller.quorum.voters': '1@127.0.0.1:9093',
  listeners: 'CONTROLLER://127.0.0.1:9093',
};

describe('roles and the quorum', () => {
  it('accepts a combined node, a broker and a controller', () => {
    const combined = load(COMBINED);
    expect(combined.node).toMatchObject({ isBroker: true, isController: true });
    expect(combined.quorum.voters).toEqual([
      { id: 1, host: '127.0.0.1', port: 9093 },
      { id: 2, host: '127.0.0.1', port: 9193 },
      { id: 3, host: '127.0.0.1', port: 9293 },
    ]);
    expect(load(BROKER).node).toMatchObject({ isBroker: true, isController: false });
    expect(load(CONTROLLER).node).toMatchObject({ isBroker: false, isController: true });
  });

  it('accepts a controller outside the voters: it joins the quorum when added', () => {
    expect(load({ ...COMBINED, 'node.id': '7' }).node).toMatchObject({ nodeId: 7, isController: true });
  });

  it('refuses a broker-only node listed as a voter', () => {
    expect(problems({ ...BROKER, 'node.id': '1' })).toEqual([
      'node.properties:1: node.id = "1": a node with process.roles=broker must not be one of the voters in controller.quorum.voters = "1@127.0.0.1:9093" (node.properties:3)',
    ]);
  });

  it('checks every voter entry', () => {
    const got = problems({ ...COMBINED, 'controller.quorum.voters': '1@127.0.0.1:9093,x@h:1,2@h,3@h:0,4@:9093,1@other:9093,5@bad host:1' });
    const prefix = 'node.properties:3: controller.quorum.voters = "1@127.0.0.1:9093,x@h:1,2@h,3@h:0,4@:9093,1@other:9093,5@bad host:1": ';
    expect(got).toEqual([
      `${prefix}"x@h:1" is not id@host:port with a node id between 0 and 2147483647`,
      `${prefix}"2@h": no :port`,
      `${prefix}"3@h:0": port "0" is not between 1 and 65535`,
      `${prefix}"4@:9093": the host is empty`,
      `${prefix}node 1 is listed twice`,
      `${prefix}"5@bad host:1": "bad host" is not a host name or address (IPv6 goes in brackets)`,
    ]);
  });

  it('accepts bracketed IPv6 voters and listeners', () => {
    const config = load({ ...COMBINED, 'controller.quorum.voters': '1@[::1]:9093', listeners: 'CLIENT://[::1]:9092,CONTROLLER://[::1]:9093' });
    expect(config.quorum.voters).toEqual([{ id: 1, host: '::1', port: 9093 }]);
    expect(config.listeners.client).toMatchObject({ host: '::1', port: 9092 });
  });

  it('says nothing about the voters when node.id itself is bad', () => {
    expect(problems({ ...COMBINED, 'node.id': '-1' })).toEqual(['node.properties:1: node.id = "-1": expected an integer between 0 and 2147483647']);
  });
});

describe('listeners', () => {
  it('checks each listener, unique names and ports 0-65535', () => {
    const got = problems({ ...COMBINED, listeners: 'CLIENT://127.0.0.1:65536,CONTROLLER://127.0.0.1:9093,client://127.0.0.1:1,NOPORT,BAD NAME://h:1' });
    const prefix = 'node.properties:4: listeners = "CLIENT://127.0.0.1:65536,CONTROLLER://127.0.0.1:9093,client://127.0.0.1:1,NOPORT,BAD NAME://h:1": ';
    expect(got).toEqual([
      `${prefix}"CLIENT://127.0.0.1:65536": port "65536" is not between 0 and 65535`,
      `${prefix}"NOPORT" is not NAME://host:port`,
      `${prefix}"BAD NAME://h:1": listener name "BAD NAME" may hold only letters, digits, _ and -`,
    ]);
    expect(problems({ ...COMBINED, listeners: 'CLIENT://h:1,CONTROLLER://h:2,client://h:3' })).toEqual([
      'node.properties:4: listeners = "CLIENT://h:1,CONTROLLER://h:2,client://h:3": listener CLIENT is named twice',
    ]);
  });

  it('refuses two listeners on one port of overlapping addresses, but not port 0', () => {
    expect(problems({ ...COMBINED, listeners: 'CLIENT://:9092,CONTROLLER://127.0.0.1:9092' })).toEqual([
      'node.properties:4: listeners = "CLIENT://:9092,CONTROLLER://127.0.0.1:9092": listeners CLIENT and CONTROLLER both bind port 9092',
    ]);
    expect(load({ ...COMBINED, listeners: 'CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.2:9092' }).listeners.all).toHaveLength(2);
    const ephemeral = load({ ...COMBINED, listeners: 'CLIENT://127.0.0.1:0,CONTROLLER://127.0.0.1:0' });
    expect(ephemeral.listeners.client).toMatchObject({ port: 0, advertisedPort: 0 });
  });

  it('requires a controller to bind every controller listener', () => {
    expect(problems({ ...COMBINED, listeners: 'CLIENT://127.0.0.1:9092' })).toEqual([
      'default: controller.listener.names = "CONTROLLER": a controller binds every controller listener, but CONTROLLER is not in listeners = "CLIENT://127.0.0.1:9092" (node.properties:4)',
    ]);
    const renamed = load({ ...COMBINED, listeners: 'CLIENT://127.0.0.1:9092,QUORUM://127.0.0.1:9093', 'controller.listener.names': 'quorum' });
    expect(renamed.listeners.controller.map((l) => l.name)).toEqual(['QUORUM']);
  });

  it('keeps a controller-only node to controller listeners and a broker-only node away from them', () => {
    expect(problems({ ...CONTROLLER, listeners: 'CONTROLLER://127.0.0.1:9093,CLIENT://127.0.0.1:9092' })).toEqual([
      'node.properties:4: listeners = "CONTROLLER://127.0.0.1:9093,CLIENT://127.0.0.1:9092": listener CLIENT is not in controller.listener.names (CONTROLLER); a node with process.roles=controller binds only controller listeners',
    ]);
    expect(problems({ ...BROKER, listeners: 'CLIENT://127.0.0.1:9092,REPLICATION://127.0.0.1:9192,CONTROLLER://127.0.0.1:9093' })).toEqual([
      'node.properties:4: listeners = "CLIENT://127.0.0.1:9092,REPLICATION://127.0.0.1:9192,CONTROLLER://127.0.0.1:9093": listener CONTROLLER is a controller listener (controller.listener.names), which a node with process.roles=broker must not bind',
    ]);
  });

  it('requires a broker\'s inter.broker.listener.name among its non-controller listeners', () => {
    expect(problems({ ...BROKER, 'inter.broker.listener.name': 'INTERNAL' })).toEqual([
      'node.properties:5: inter.broker.listener.name = "INTERNAL": the inter-broker listener is not in listeners = "CLIENT://127.0.0.1:9092,REPLICATION://127.0.0.1:9192" (node.properties:4); broker listeners: CLIENT, REPLICATION',
    ]);
    expect(problems({ ...COMBINED, 'inter.broker.listener.name': 'CONTROLLER' })).toEqual([
      'node.properties:5: inter.broker.listener.name = "CONTROLLER": the inter-broker listener is a controller listener; broker listeners: CLIENT',
    ]);
  });

  it('uses the one broker listener for clients and replication when inter.broker.listener.name is unset', () => {
    const config = load(COMBINED);
    expect(config.listeners.interBroker?.name).toBe('CLIENT');
    expect(config.listeners.client?.name).toBe('CLIENT');
    const { 'inter.broker.listener.name': _, ...twoListeners } = BROKER;
    expect(problems(twoListeners)).toEqual([
      'default: inter.broker.listener.name = "": unset, and the broker has several listeners (CLIENT, REPLICATION): name the one brokers replicate over',
    ]);
  });

  it('separates the client listener from the inter-broker one', () => {
    const config = load({ ...BROKER, 'inter.broker.listener.name': 'replication' });
    expect(config.listeners.interBroker).toEqual({ name: 'REPLICATION', host: '127.0.0.1', port: 9192, advertisedHost: '127.0.0.1', advertisedPort: 9192 });
    expect(config.listeners.client?.name).toBe('CLIENT');
    expect(problems({ ...BROKER, listeners: `${BROKER.listeners},EXTERNAL://127.0.0.1:9392` })).toEqual([
      'node.properties:4: listeners = "CLIENT://127.0.0.1:9092,REPLICATION://127.0.0.1:9192,EXTERNAL://127.0.0.1:9392": clients are served on one listener, but CLIENT, EXTERNAL are neither controller listeners nor the inter-broker listener',
    ]);
  });

  it('advertises advertised.listeners, else the bound address, with the host name for a wildcard', () => {
    const config = load({
      ...BROKER,
      listeners: 'CLIENT://:9092,REPLICATION://0.0.0.0:9192',
      'advertised.listeners': 'CLIENT://broker4.example.com:19092',
    });
    expect(config.listeners.client).toEqual({ name: 'CLIENT', host: '', port: 9092, advertisedHost: 'broker4.example.com', advertisedPort: 19092 });
    expect(config.listeners.interBroker).toEqual({ name: 'REPLICATION', host: '0.0.0.0', port: 9192, advertisedHost: 'node1.test', advertisedPort: 9192 });
  });

  it('refuses advertising an unknown listener or a wildcard address', () => {
    const got = problems({ ...BROKER, 'advertised.listeners': 'OTHER://h:1,CLIENT://0.0.0.0:9092' });
    expect(got).toEqual([
      'node.properties:6: advertised.listeners = "OTHER://h:1,CLIENT://0.0.0.0:9092": OTHER is not in listeners = "CLIENT://127.0.0.1:9092,REPLICATION://127.0.0.1:9192" (node.properties:4)',
      'node.properties:6: advertised.listeners = "OTHER://h:1,CLIENT://0.0.0.0:9092": CLIENT advertises 0.0.0.0, which binds every interface and reaches none',
    ]);
    expect(problems({ ...BROKER, 'advertised.listeners': 'CLIENT://:9092' })).toEqual([
      'node.properties:6: advertised.listeners = "CLIENT://:9092": "CLIENT://:9092": the host is empty',
    ]);
  });
});

describe('replication and timing checks', () => {
  it('refuses a default.replication.factor below 1', () => {
    expect(problems({ ...COMBINED, 'default.replication.factor': '0' })).toEqual([
      'node.properties:5: default.replication.factor = "0": expected an integer between 1 and 32767',
    ]);
  });

  it('only warns when min.insync.replicas exceeds default.replication.factor', () => {
    const config = load({ ...COMBINED, 'min.insync.replicas': '2' });
    expect(config.broker.minInsyncReplicas).toBe(2);
    expect(config.warnings).toEqual([
      'node.properties:5: min.insync.replicas = 2 is above default.replication.factor = "1" (default): acks=all writes to topics created with the default replication factor will fail with NOT_ENOUGH_REPLICAS',
    ]);
    expect(load({ ...COMBINED, 'min.insync.replicas': '2', 'default.replication.factor': '3' }).warnings).toEqual([]);
  });

  it('requires heartbeats more often than the session timeout', () => {
    expect(problems({ ...COMBINED, 'broker.heartbeat.interval.ms': '9000' })).toEqual([
      'node.properties:5: broker.heartbeat.interval.ms = "9000": must be below broker.session.timeout.ms = "9000" (default), or brokers are fenced between heartbeats',
    ]);
  });

  it('requires group.min.session.timeout.ms at most group.max.session.timeout.ms', () => {
    expect(problems({ ...COMBINED, 'group.max.session.timeout.ms': '5000' })).toEqual([
      'default: group.min.session.timeout.ms = "6000": must be at most group.max.session.timeout.ms = "5000" (node.properties:5), or no consumer can join a group',
    ]);
    expect(load({ ...COMBINED, 'offsets.retention.minutes': '2' }).groups.offsetsRetentionMs).toBe(120_000);
  });

  it('requires replica.fetch.wait.max.ms within replica.lag.time.max.ms', () => {
    expect(problems({ ...COMBINED, 'replica.lag.time.max.ms': '400' })).toEqual([
      'default: replica.fetch.wait.max.ms = "500": must be at most replica.lag.time.max.ms = "400" (node.properties:5), or idle followers drop out of the ISR',
    ]);
  });
});

describe('directories and identity', () => {
  it('takes log.dirs over log.dir and the log directory for metadata', () => {
    const dirs = load({ ...COMBINED, 'log.dirs': ' /data/a ', 'log.dir': '/ignored' });
    expect(dirs.node.logDirs).toEqual(['/data/a']);
    expect(dirs.node.metadataLogDir).toBe('/data/a');
    const dir = load({ ...COMBINED, 'log.dir': '/data/one', 'metadata.log.dir': '/meta' });
    expect(dir.node.logDirs).toEqual(['/data/one']);
    expect(dir.node.metadataLogDir).toBe('/meta');
  });

  it('refuses more than one log directory, and none', () => {
    expect(problems({ ...COMBINED, 'log.dirs': '/data/a,/data/b' })).toEqual([
      'node.properties:5: log.dirs = "/data/a,/data/b": Runnel stores a node\'s partitions in one directory; give log.dirs a single path',
    ]);
    expect(problems({ ...COMBINED, 'log.dirs': '/a,/a' })).toEqual([
      'node.properties:5: log.dirs = "/a,/a": Runnel stores a node\'s partitions in one directory; give log.dirs a single path',
    ]);
    expect(problems({ ...COMBINED, 'log.dir': '' })).toEqual([
      'node.properties:5: log.dir = "": a node needs a log directory: set log.dirs or log.dir',
    ]);
  });

  it('checks the form of cluster.id', () => {
    expect(load({ ...COMBINED, 'cluster.id': 'MkU3OEVBNTcwNTJENDM2Qk' }).node.clusterId).toBe('MkU3OEVBNTcwNTJENDM2Qk');
    expect(problems({ ...COMBINED, 'cluster.id': 'my-cluster' })).toEqual([
      'node.properties:5: cluster.id = "my-cluster": expected 22 characters of URL-safe base64 (a UUID as Kafka prints it)',
    ]);
  });

  it('reports problems from several checks together', () => {
    const got = problems({
      ...COMBINED,
      'cluster.id': 'my-cluster',
      listeners: 'CLIENT://127.0.0.1:9092',
      'broker.heartbeat.interval.ms': '10000',
      'num.partitions': 'many',
    });
    expect(got).toHaveLength(4);
    expect(got.map((p) => p.split(':')[0])).toEqual(['node.properties', 'default', 'node.properties', 'node.properties']);
  });
});

describe('security', () => {
  const SECRET = 'x'.repeat(32);
  const SASL = { 'listener.security.protocol.map': 'CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT', 'inter.node.secret': SECRET };
  const AUTHORIZER = 'org.apache.kafka.metadata.authorizer.StandardAuthorizer';

  it('leaves every listener PLAINTEXT and the authorizer off by default', () => {
    expect(load(COMBINED).security).toMatchObject({ saslListeners: [], interNodeSecret: null, authorizerEnabled: false, superUsers: [] });
  });

  it('reads SASL listeners, the secret, the authorizer and super users', () => {
    const config = load({ ...COMBINED, ...SASL, 'authorizer.class.name': AUTHORIZER, 'super.users': 'User:admin; User:ops', 'sasl.session.lifetime.ms': '60000' });
    expect(config.security).toMatchObject({
      saslListeners: ['CLIENT', 'CONTROLLER'],
      interNodeSecret: SECRET,
      authorizerEnabled: true,
      superUsers: ['User:admin', 'User:ops'],
      allowEveryoneIfNoAclFound: false,
      sessionLifetimeMs: 60000,
    });
  });

  it('refuses a SASL listener without a secret long enough, and listeners without a protocol', () => {
    expect(problems({ ...COMBINED, 'listener.security.protocol.map': 'CLIENT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT' })[0]).toMatch(/inter.node.secret.*listeners CLIENT use SASL/);
    expect(problems({ ...COMBINED, ...SASL, 'inter.node.secret': 'short' })[0]).toMatch(/at least 32 characters, got 5/);
    expect(problems({ ...COMBINED, 'listener.security.protocol.map': 'CLIENT:SASL_PLAINTEXT' })[0]).toMatch(/no protocol for listener CONTROLLER/);
    expect(problems({ ...COMBINED, 'listener.security.protocol.map': 'CLIENT:TLS,CONTROLLER:PLAINTEXT' })[0]).toMatch(/CLIENT: unknown security protocol "TLS"/);
  });

  it('refuses an authorizer that would lock the nodes out, another authorizer class and malformed super users', () => {
    expect(problems({ ...COMBINED, 'authorizer.class.name': AUTHORIZER })[0]).toMatch(/nodes reach each other on listener CONTROLLER, which is PLAINTEXT/);
    expect(load({ ...COMBINED, 'authorizer.class.name': AUTHORIZER, 'super.users': 'User:ANONYMOUS' }).security.authorizerEnabled).toBe(true);
    expect(problems({ ...COMBINED, ...SASL, 'authorizer.class.name': 'kafka.security.authorizer.AclAuthorizer' })[0]).toMatch(/must be org.apache.kafka.metadata.authorizer.StandardAuthorizer/);
    expect(problems({ ...COMBINED, 'super.users': 'admin' })[0]).toMatch(/principal 'admin' is not Type:name/);
    expect(problems({ ...COMBINED, 'sasl.mechanism.inter.broker.protocol': 'SCRAM-SHA-256' })[0]).toMatch(/Runnel does not support this Kafka setting \(nodes authenticate to each other with tokens/);
  });
});
