import type { ConfigError } from '../src/config/config-error.js';
import { loadServerConfig } from '../src/config/load.js';

/** Loads `props` (key -> value) as the file node.properties, one key per line in the order given. */
export function load(props: Record<string, string>) {
  const text = Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  return loadServerConfig({ file: { path: 'node.properties', text }, hostname: 'node1.test' });
}

/** The problems loading `props` reports (it must fail). */
export function problems(props: Record<string, string>): readonly string[] {
  try {
    load(props);
  } catch (err) {
    return (err as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}
