import { X509Certificate } from 'node:crypto';

/** Kafka's principal for a connection that did not authenticate. */
export const ANONYMOUS_PRINCIPAL = 'User:ANONYMOUS';

/**
 * Who made a call, as Kafka's default principal builder names an SSL client: `User:` and the
 * subject of the certificate it presented, in RFC 2253 form (most specific part first, e.g.
 * `User:CN=client,O=Runnel Dev`). grpc-js reports only certificates that chained to the
 * listener's truststore, so a call without one (plaintext, no certificate, or one that did not
 * verify under ssl.client.auth=requested) is User:ANONYMOUS.
 */
export function principalFromCall(call: { getAuthContext(): { sslPeerCertificate?: { raw?: Buffer } } }): string {
  const raw = call.getAuthContext().sslPeerCertificate?.raw;
  if (!raw) return ANONYMOUS_PRINCIPAL;
  // Node prints the subject one attribute per line, outermost first, values already RFC 2253-escaped.
  return `User:${new X509Certificate(raw).subject.split('\n').reverse().join(',')}`;
}
