import { MIN_SECRET_LENGTH, RunnelError, checkPrincipal, isRunnelError, readPemKeystore, readPemTruststore, type ClientAuth, type Principal } from '@runnel/protocol';
import type { View } from './config-view.js';

/** Kafka's four: TLS or not, and SASL authentication or not. */
export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';

/** Whether a listener of `protocol` runs TLS (SSL and SASL_SSL). */
export function usesTls(protocol: SecurityProtocol | undefined): boolean {
  return protocol === 'SSL' || protocol === 'SASL_SSL';
}

/** Whether callers of a listener of `protocol` must log in (SASL_PLAINTEXT and SASL_SSL). */
export function usesSasl(protocol: SecurityProtocol | undefined): boolean {
  return protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
}

/**
 * The node's listeners and its connections to other nodes: TLS, SASL authentication, and the
 * authorizer.
 */
export interface SecuritySettings {
  /** The protocol of every listener this node binds or dials (controller.listener.names included), by name. */
  readonly protocols: Readonly<Record<string, SecurityProtocol>>;
  /** ssl.keystore.location (and ssl.key.password); null when unset. */
  readonly keystore: { readonly path: string; readonly password?: string } | null;
  /** ssl.truststore.location; null: the default CAs. */
  readonly truststore: string | null;
  readonly clientAuth: ClientAuth;
  /** ssl.endpoint.identification.algorithm=https */
  readonly verifyHostname: boolean;
  readonly reloadIntervalMs: number;
  /** Listeners this node binds whose callers must authenticate (SASL_PLAINTEXT, SASL_SSL). */
  readonly saslListeners: readonly string[];
  readonly interNodeSecret: string | null;
  readonly sessionLifetimeMs: number;
  /** authorizer.class.name names the StandardAuthorizer. */
  readonly authorizerEnabled: boolean;
  readonly superUsers: readonly Principal[];
  readonly allowEveryoneIfNoAclFound: boolean;
}

/** Kafka's class name for the KRaft ACL authorizer, the on-switch of authorization. */
export const STANDARD_AUTHORIZER = 'org.apache.kafka.metadata.authorizer.StandardAuthorizer';

const PROTOCOLS: readonly SecurityProtocol[] = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'];
const LISTENER_NAME = /^[A-Za-z0-9_-]+$/;

/** listener.security.protocol.map by listener name; null when unset, undefined when invalid. */
function parseProtocolMap(view: View): Map<string, SecurityProtocol> | null | undefined {
  const entries = view.list('listener.security.protocol.map');
  if (entries === undefined || entries === null) return entries;
  const map = new Map<string, SecurityProtocol>();
  let ok = true;
  const fail = (why: string): void => {
    view.fail('listener.security.protocol.map', why);
    ok = false;
  };
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const name = entry.slice(0, colon).toUpperCase();
    const protocol = entry.slice(colon + 1).toUpperCase();
    if (colon <= 0 || !LISTENER_NAME.test(name)) fail(`"${entry}" is not LISTENER_NAME:PROTOCOL`);
    else if (!PROTOCOLS.includes(protocol as SecurityProtocol)) fail(`${name}: unknown security protocol "${protocol}" (expected PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL)`);
    else if (map.has(name)) fail(`listener ${name} is named twice`);
    else map.set(name, protocol as SecurityProtocol);
  }
  return ok ? map : undefined;
}

/** A problem's text without the file name, which the config line already shows as the value. */
function fileProblem(err: unknown): string {
  return err instanceof RunnelError ? (err.details['problem'] ?? err.message) : String(err);
}

/**
 * The security settings of a node that binds `bound` and dials the listeners named in `dialled`
 * (controller.listener.names, the inter-broker listener), which nodes reach each other on.
 * Problems and warnings go to the view; the PEM files are read and checked here, so a node that
 * would fail its first handshake does not start. Returns undefined when anything is wrong.
 */
export function securitySettings(view: View, bound: readonly string[], dialled: readonly string[]): SecuritySettings | undefined {
  const map = parseProtocolMap(view);
  if (map === undefined) return undefined;
  const protocols: Record<string, SecurityProtocol> = {};
  const unmapped: string[] = [];
  for (const name of new Set([...bound, ...dialled])) {
    const protocol = map?.get(name) ?? (PROTOCOLS.includes(name as SecurityProtocol) ? (name as SecurityProtocol) : map === null ? 'PLAINTEXT' : undefined);
    if (protocol) protocols[name] = protocol;
    else unmapped.push(name);
  }
  if (unmapped.length > 0) {
    view.fail('listener.security.protocol.map', `no protocol for listener${unmapped.length > 1 ? 's' : ''} ${unmapped.join(', ')}: add ${unmapped.map((n) => `${n}:SSL`).join(',')} (or :PLAINTEXT)`);
    return undefined;
  }

  for (const [key, what] of [['ssl.keystore.type', 'the private key and certificate chain'], ['ssl.truststore.type', 'the CA certificates']] as const) {
    const type = view.str(key);
    if (type && type !== 'PEM') view.fail(key, `only PEM files are read: convert the store to one PEM file of ${what} (openssl pkcs12 -nodes reads PKCS12; keytool -importkeystore turns JKS into PKCS12) and set ${key}=PEM`);
  }
  const algorithm = view.str('ssl.endpoint.identification.algorithm');
  if (algorithm && algorithm.toLowerCase() !== 'https') view.fail('ssl.endpoint.identification.algorithm', 'expected https, or an empty value to skip the host name check');
  const keystorePath = view.str('ssl.keystore.location') ?? null;
  const truststore = view.str('ssl.truststore.location') ?? null;
  const password = view.str('ssl.key.password') ?? undefined;
  const sslListeners = bound.filter((n) => usesTls(protocols[n]));
  const usesSsl = Object.values(protocols).some(usesTls);
  if (sslListeners.length > 0 && keystorePath === null) {
    view.fail('ssl.keystore.location', `unset, but listener${sslListeners.length > 1 ? 's' : ''} ${sslListeners.join(', ')} use${sslListeners.length > 1 ? '' : 's'} SSL: name the PEM file with this node's private key and certificate chain (scripts/make-dev-certs.sh makes one for development)`);
  }
  if (usesSsl) {
    if (keystorePath !== null) {
      try {
        readPemKeystore(keystorePath, password);
      } catch (err) {
        view.fail('ssl.keystore.location', fileProblem(err));
      }
    }
    if (truststore !== null) {
      try {
        readPemTruststore(truststore);
      } catch (err) {
        view.fail('ssl.truststore.location', fileProblem(err));
      }
    }
  } else {
    for (const key of ['ssl.keystore.location', 'ssl.truststore.location', 'ssl.client.auth']) {
      if (view.isSet(key)) view.warnings.push(`${view.entry(key).source.where}: ${key} is set, but no listener uses SSL (see listener.security.protocol.map)`);
    }
  }
  const auth = authSettings(view, protocols, bound, dialled);
  if (algorithm === undefined || !auth || view.problems.length > 0) return undefined;
  return {
    ...auth,
    protocols: Object.freeze(protocols),
    keystore: keystorePath === null ? null : Object.freeze(password === undefined ? { path: keystorePath } : { path: keystorePath, password }),
    truststore,
    clientAuth: view.str('ssl.client.auth') as ClientAuth,
    verifyHostname: algorithm !== '',
    reloadIntervalMs: view.n('ssl.reload.interval.ms'),
  };
}

type AuthSettings = Pick<SecuritySettings, 'saslListeners' | 'interNodeSecret' | 'sessionLifetimeMs' | 'authorizerEnabled' | 'superUsers' | 'allowEveryoneIfNoAclFound'>;

/**
 * The inter-node secret and the authorizer settings, checked against the protocols: a SASL
 * listener needs inter.node.secret, and with the authorizer on, every listener nodes call each
 * other on (`dialled`) must know them as nodes, or the cluster would refuse its own replication.
 */
function authSettings(view: View, protocols: Readonly<Record<string, SecurityProtocol>>, bound: readonly string[], dialled: readonly string[]): AuthSettings | undefined {
  const secret = view.str('inter.node.secret');
  const superText = view.str('super.users');
  const authorizer = view.str('authorizer.class.name');
  if (secret === undefined || superText === undefined || authorizer === undefined) return undefined;
  const saslListeners = bound.filter((n) => usesSasl(protocols[n]));
  if (saslListeners.length > 0 && secret === null) {
    view.fail('inter.node.secret', `listeners ${saslListeners.join(', ')} use SASL: set the same inter.node.secret (at least ${MIN_SECRET_LENGTH} characters) on every node, so nodes can authenticate to each other and every broker accepts clients' sessions`);
    return undefined;
  }
  if (secret !== null && secret.length < MIN_SECRET_LENGTH) {
    view.fail('inter.node.secret', `must be at least ${MIN_SECRET_LENGTH} characters, got ${secret.length}`);
    return undefined;
  }
  if (authorizer !== null && authorizer !== '' && authorizer !== STANDARD_AUTHORIZER) {
    view.fail('authorizer.class.name', `must be ${STANDARD_AUTHORIZER} (ACLs in the metadata log) or empty (no authorization)`);
    return undefined;
  }
  const superUsers: Principal[] = [];
  for (const item of (superText ?? '').split(';').map((x) => x.trim()).filter((x) => x !== '')) {
    try {
      superUsers.push(checkPrincipal(item));
    } catch (err) {
      if (!isRunnelError(err)) throw err;
      view.fail('super.users', `${err.message}; separate principals with ';'`);
      return undefined;
    }
  }
  const authorizerEnabled = authorizer === STANDARD_AUTHORIZER;
  if (authorizerEnabled && !superUsers.includes('User:ANONYMOUS')) {
    for (const name of new Set(dialled)) {
      if (protocols[name] === 'PLAINTEXT') {
        view.fail('listener.security.protocol.map', `the authorizer is on, but nodes reach each other on listener ${name}, which is PLAINTEXT: they would be User:ANONYMOUS there and refused. Map ${name}:SASL_PLAINTEXT or ${name}:SASL_SSL (nodes then authenticate with inter.node.secret)`);
        return undefined;
      }
      if (protocols[name] === 'SSL' && secret === null) {
        view.warnings.push(`the authorizer is on and nodes reach each other on listener ${name} (SSL) without inter.node.secret: they are their certificates' principals there (User:CN=...), which must be in super.users`);
      }
    }
  }
  return {
    saslListeners,
    interNodeSecret: secret,
    sessionLifetimeMs: view.n('sasl.session.lifetime.ms'),
    authorizerEnabled,
    superUsers,
    allowEveryoneIfNoAclFound: view.bool('allow.everyone.if.no.acl.found'),
  };
}
