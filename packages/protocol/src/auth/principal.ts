import { X509Certificate } from 'node:crypto';
import { RunnelError } from '../errors.js';

/**
 * Who a call comes from, as Kafka writes principals: `User:alice`. Nodes of the cluster speak
 * as `Node:<id>`, a type no user can take, and are always super users. A call on a listener that
 * authenticates nobody (PLAINTEXT) comes from `User:ANONYMOUS`, as in Kafka.
 */
export type Principal = string;

export const ANONYMOUS: Principal = 'User:ANONYMOUS';

/**
 * Who made a call, as Kafka's default principal builder names an SSL client: `User:` and the
 * subject of the certificate it presented, in RFC 2253 form (most specific part first, e.g.
 * `User:CN=client,O=Runnel Dev`). grpc-js reports only certificates that chained to the
 * listener's truststore, so a call without one (plaintext, no certificate, or one that did not
 * verify under ssl.client.auth=requested) is User:ANONYMOUS.
 */
export function principalFromCall(call: { getAuthContext(): { sslPeerCertificate?: { raw?: Buffer } } }): Principal {
  const raw = call.getAuthContext().sslPeerCertificate?.raw;
  if (!raw) return ANONYMOUS;
  // Node prints the subject one attribute per line, outermost first, values already RFC 2253-escaped.
  return `User:${new X509Certificate(raw).subject.split('\n').reverse().join(',')}`;
}

/** The principal type nodes of the cluster authenticate as. */
export const NODE_PRINCIPAL_TYPE = 'Node';

export function userPrincipal(name: string): Principal {
  return `User:${name}`;
}

export function nodePrincipal(nodeId: number): Principal {
  return `${NODE_PRINCIPAL_TYPE}:${nodeId}`;
}

export function isNodePrincipal(principal: Principal): boolean {
  return principal.startsWith(`${NODE_PRINCIPAL_TYPE}:`);
}

/**
 * A principal as written in an ACL or in super.users: `Type:name` with a non-empty type of
 * letters and a non-empty name (`*` for every principal of the type); INVALID_REQUEST otherwise.
 */
export function checkPrincipal(text: string): Principal {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1 || !/^[A-Za-z]+$/.test(text.slice(0, colon))) {
    throw new RunnelError('INVALID_REQUEST', `principal '${text}' is not Type:name (e.g. User:alice, or User:* for everyone)`);
  }
  return text;
}
