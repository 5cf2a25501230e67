import { statSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import type { RunnelError } from '../errors.js';
import { readPemKeystore, readPemTruststore, type PemIdentity } from './pem.js';

type CertificateProvider = grpc.experimental.CertificateProvider;
type CaListener = grpc.experimental.CaCertificateUpdateListener;
type IdentityListener = grpc.experimental.IdentityCertificateUpdateListener;

export interface PemFiles {
  /** A PEM keystore: the private key and certificate chain this end presents; none on a client without a certificate. */
  keystore?: { path: string; password?: string };
  /** A PEM truststore: the CAs whose certificates are accepted; none: the system's roots. */
  truststore?: string;
}

export interface PemReloadEvents {
  /** New files were read and are used for new connections from now on. */
  onReload?(certificate: X509Certificate | null): void;
  /** Changed files could not be used; the ones read before stay in use. */
  onReloadFailed?(err: RunnelError): void;
}

/**
 * A grpc-js certificate provider over PEM files that picks up replaced files without a restart:
 * while any server or channel uses it, it polls the files' identity, size and modification time
 * every `reloadIntervalMs`, and when one changed it reads and checks them again. Only a complete,
 * consistent set (a key that belongs to its certificate, a certificate valid now) replaces the
 * one in use, so a half-written file never breaks new connections. The constructor reads the
 * files at once and throws INVALID_CONFIG, naming the file, if they are unusable.
 */
export class PemFileCertificateProvider implements CertificateProvider {
  private identity: PemIdentity | null;
  private ca: Buffer;
  private stamp: string;
  private timer: NodeJS.Timeout | null = null;
  private readonly caListeners = new Set<CaListener>();
  private readonly identityListeners = new Set<IdentityListener>();

  constructor(
    private readonly files: PemFiles,
    private readonly reloadIntervalMs: number,
    private readonly events: PemReloadEvents = {},
  ) {
    // Stamped before reading, so a file replaced during the read is read again at the next poll.
    this.stamp = this.currentStamp();
    ({ identity: this.identity, ca: this.ca } = this.read());
  }

  /** The certificate presented now; null without a keystore. */
  get certificate(): X509Certificate | null {
    return this.identity?.leaf ?? null;
  }

  get hasIdentity(): boolean {
    return this.files.keystore !== undefined;
  }

  addCaCertificateListener(listener: CaListener): void {
    this.caListeners.add(listener);
    this.watch();
    // Later, as grpc-js expects: its credentials register their watcher only after this returns.
    process.nextTick(() => this.caListeners.has(listener) && listener({ caCertificate: this.ca }));
  }

  removeCaCertificateListener(listener: CaListener): void {
    this.caListeners.delete(listener);
    this.unwatchIfUnused();
  }

  addIdentityCertificateListener(listener: IdentityListener): void {
    this.identityListeners.add(listener);
    this.watch();
    process.nextTick(() => this.identityListeners.has(listener) && listener(this.identityUpdate()));
  }

  removeIdentityCertificateListener(listener: IdentityListener): void {
    this.identityListeners.delete(listener);
    this.unwatchIfUnused();
  }

  /** The poll: read the files again if they changed since the last read. */
  private checkForChanges(): void {
    const stamp = this.currentStamp();
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    let next: { identity: PemIdentity | null; ca: Buffer };
    try {
      next = this.read();
    } catch (err) {
      this.events.onReloadFailed?.(err as RunnelError);
      return;
    }
    this.identity = next.identity;
    this.ca = next.ca;
    for (const l of this.caListeners) l({ caCertificate: this.ca });
    for (const l of this.identityListeners) l(this.identityUpdate());
    this.events.onReload?.(this.certificate);
  }

  private identityUpdate(): grpc.experimental.IdentityCertificateUpdate | null {
    return this.identity ? { certificate: this.identity.certificateChain, privateKey: this.identity.key } : null;
  }

  private read(): { identity: PemIdentity | null; ca: Buffer } {
    const { keystore, truststore } = this.files;
    return {
      identity: keystore ? readPemKeystore(keystore.path, keystore.password) : null,
      ca: truststore ? readPemTruststore(truststore) : Buffer.from(rootCertificates.join('\n')),
    };
  }

  private currentStamp(): string {
    const paths = [this.files.keystore?.path, this.files.truststore].filter((p): p is string => p !== undefined);
    return paths
      .map((p) => {
        try {
          const s = statSync(p);
          return `${s.ino}:${s.size}:${s.mtimeMs}`;
        } catch {
          return 'unreadable';
        }
      })
      .join('|');
  }

  private watch(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.checkForChanges(), this.reloadIntervalMs);
    this.timer.unref();
  }

  private unwatchIfUnused(): void {
    if (this.caListeners.size > 0 || this.identityListeners.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }
}
