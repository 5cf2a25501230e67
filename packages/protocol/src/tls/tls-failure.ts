/**
 * The TLS problem behind a gRPC connection error (an untrusted or missing certificate, a failed
 * handshake), cleaned of grpc-js's timestamps and notes; undefined when the error is not one.
 * Retrying does not heal such a problem, so callers report it where a person will see it.
 */
export function tlsFailureReason(message: string): string | undefined {
  const reason = message.replace(/\s*\(\d{4}-[^)]*\)|\.?\s*Resolution note:.*$/gs, '').replace(/\s+/g, ' ').trim();
  return /certificate|handshake|ssl|tls|alert/i.test(reason) ? reason : undefined;
}
