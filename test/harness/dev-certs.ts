import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../scripts/make-dev-certs.sh', import.meta.url));

/** Files of one CA directory made by scripts/make-dev-certs.sh. */
export interface DevCerts {
  dir: string;
  ca: string;
  /** NAME.pem: key and certificate in one file (a PEM keystore). */
  keystore(name: string): string;
  /** Issue (again) certificates for `names` from this CA. */
  issue(...names: string[]): void;
}

/** A new CA in `dir` with certificates for `names`. */
export function makeDevCerts(dir: string, names: string[]): DevCerts {
  const issue = (...more: string[]): void => {
    execFileSync('bash', [SCRIPT, dir, ...more], { stdio: 'pipe' });
  };
  issue(...names);
  return { dir, ca: join(dir, 'ca.crt'), keystore: (name) => join(dir, `${name}.pem`), issue };
}
