import { readFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { ConfigError } from './config-error.js';
import { resolveConfig } from './resolve.js';
import { buildServerConfig, type ServerConfig } from './server-config.js';
import { SERVER_CONFIG_DEFS } from './server-schema.js';
import type { ConfigInputs } from './sources.js';

export interface LoadOptions extends ConfigInputs {
  /** What a listener bound to every interface is advertised as; the machine's host name if omitted. */
  readonly hostname?: string;
}

/**
 * The node's configuration from the config file, then RUNNEL_ environment variables, then
 * --override key=value options (a later source wins over an earlier one). Throws a ConfigError
 * listing every problem; warnings travel on the returned config.
 */
export function loadServerConfig(options: LoadOptions): ServerConfig {
  const resolution = resolveConfig(SERVER_CONFIG_DEFS, options);
  const config = buildServerConfig(resolution, options.hostname ?? osHostname());
  if (!config) throw new ConfigError(resolution.problems);
  return config;
}

/** Reads the config file at `path` (UTF-8) and loads it as loadServerConfig does. */
export async function loadServerConfigFile(path: string, options: Omit<LoadOptions, 'file'> = {}): Promise<ServerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError([`${path}: cannot read the config file: ${(err as Error).message}`]);
  }
  return loadServerConfig({ ...options, file: { path, text } });
}
