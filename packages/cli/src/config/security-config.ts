import { RunnelError, readPemKeystore, readPemTruststore, type ClientAuth } from '@runnel/protocol';
import type { View } from './config-view.js';

export type SecurityProtocol = 'PLAINTEXT' | 'SSL';

/** TLS of the node's listeners and of its connections to other nodes. */
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
}

const PROTOCOLS: readonly SecurityProtocol[] = ['PLAINTEXT', 'SSL'];
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
    else if (protocol.startsWith('SASL_')) fail(`${name}: ${protocol} is not supported (no SASL); use SSL, with ssl.client.auth=required to authenticate clients by certificate`);
    else if (!PROTOCOLS.includes(protocol as SecurityProtocol)) fail(`${name}: unknown security protocol "${protocol}" (expected PLAINTEXT or SSL)`);
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
 * (controller.listener.names, the inter-broker listener). Problems and warnings go to the view;
 * the PEM files are read and checked here, so a node that would fail its first handshake does
 * not start. Returns undefined when anything is wrong.
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
  const sslListeners = bound.filter((n) => protocols[n] === 'SSL');
  const usesSsl = Object.values(protocols).includes('SSL');
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
  if (algorithm === undefined || view.problems.length > 0) return undefined;
  return {
    protocols: Object.freeze(protocols),
    keystore: keystorePath === null ? null : Object.freeze(password === undefined ? { path: keystorePath } : { path: keystorePath, password }),
    truststore,
    clientAuth: view.str('ssl.client.auth') as ClientAuth,
    verifyHostname: algorithm !== '',
    reloadIntervalMs: view.n('ssl.reload.interval.ms'),
  };
}
