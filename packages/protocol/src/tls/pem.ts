import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RunnelError } from '../errors.js';

/**
 * PEM files as Kafka's PEM key and trust stores hold them: a keystore is one file with the
 * private key and the certificate chain (leaf first), a truststore one file of CA certificates.
 * Each read checks what TLS would otherwise only find out at the first handshake, and throws
 * INVALID_CONFIG with one line that names the file and the problem.
 */
export interface PemIdentity {
  /** The private key as unencrypted PKCS#8 PEM (so it needs no password where it is used). */
  readonly key: Buffer;
  /** Every certificate of the file, leaf first, as PEM. */
  readonly certificateChain: Buffer;
  readonly leaf: X509Certificate;
}

const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const PRIVATE_KEY = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/;

/** The error names the file; details.problem holds what is wrong alone, for messages that name the file already. */
function problem(what: string, path: string, why: string): RunnelError {
  return new RunnelError('INVALID_CONFIG', `${what} ${path}: ${why}`, { details: { problem: why } });
}

function readText(what: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : String(err);
    throw problem(what, path, `cannot be read (${why})`);
  }
}

function parseCertificates(what: string, path: string, text: string): X509Certificate[] {
  const blocks = text.match(CERTIFICATE) ?? [];
  if (blocks.length === 0) throw problem(what, path, 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (err) {
      throw problem(what, path, `certificate ${i + 1} is not a valid X.509 certificate (${(err as Error).message})`);
    }
  });
}

function checkValidity(what: string, path: string, cert: X509Certificate, now: number): void {
  if (Date.parse(cert.validTo) < now) throw problem(what, path, `the certificate ${subjectLine(cert)} expired on ${cert.validTo}`);
  if (Date.parse(cert.validFrom) > now) throw problem(what, path, `the certificate ${subjectLine(cert)} is not valid before ${cert.validFrom}`);
}

function subjectLine(cert: X509Certificate): string {
  return `"${cert.subject.split('\n').join(', ')}"`;
}

/** The private key and certificate chain of a PEM keystore, checked to belong together and be valid now. */
export function readPemKeystore(path: string, password?: string, what = 'keystore'): PemIdentity {
  const text = readText(what, path);
  const keyBlock = PRIVATE_KEY.exec(text);
  if (!keyBlock) throw problem(what, path, 'holds no PEM private key (-----BEGIN PRIVATE KEY-----)');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: keyBlock[0], format: 'pem', ...(password !== undefined ? { passphrase: password } : {}) });
  } catch (err) {
    const encrypted = keyBlock[1] === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(keyBlock[0]);
    const why = encrypted ? (password === undefined ? 'the private key is encrypted and no password is given' : 'the private key cannot be decrypted with the password given') : `the private key cannot be read (${(err as Error).message})`;
    throw problem(what, path, why);
  }
  const certs = parseCertificates(what, path, text);
  const leaf = certs[0]!;
  if (!leaf.checkPrivateKey(key)) throw problem(what, path, `the private key does not belong to the first certificate ${subjectLine(leaf)}`);
  checkValidity(what, path, leaf, Date.now());
  return {
    key: Buffer.from(key.export({ type: 'pkcs8', format: 'pem' })),
    certificateChain: Buffer.from(certs.map((c) => c.toString()).join('')),
    leaf,
  };
}

/** The CA certificates of a PEM truststore. */
export function readPemTruststore(path: string, what = 'truststore'): Buffer {
  const certs = parseCertificates(what, path, readText(what, path));
  return Buffer.from(certs.map((c) => c.toString()).join(''));
}
