import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import pino from 'pino';
import pretty from 'pino-pretty';
import { ConfigError, describeConfig, loadServerConfig } from '../config/index.js';
import { fail } from '../cli-error.js';
import { RunnelNode } from '../node/runnel-node.js';

interface ServerFlags {
  config?: string;
  override: string[];
  logLevel?: string;
  printConfig?: boolean;
}

async function run(flags: ServerFlags): Promise<void> {
  let file: { path: string; text: string } | undefined;
  if (flags.config) {
    try {
      file = { path: flags.config, text: await readFile(flags.config, 'utf8') };
    } catch (err) {
      fail(`cannot read the config file ${flags.config}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, 2);
    }
  }
  const overrides = [...flags.override, ...(flags.logLevel ? [`log.level=${flags.logLevel}`] : [])];
  let config;
  try {
    config = loadServerConfig({ file, env: process.env, overrides });
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const problem of err.problems) process.stderr.write(`runnel: ${problem}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (flags.printConfig) {
    process.stdout.write(describeConfig(config) + '\n');
    return;
  }
  const options = { level: config.observability.logLevel, base: { nodeId: config.node.nodeId } };
  // People at a terminal read lines; log collectors (a pipe, a file, a container runtime) get JSON.
  const logger = process.stdout.isTTY
    ? pino(options, pretty({
        colorize: true,
        sync: true,
        singleLine: true,
        translateTime: 'SYS:HH:MM:ss.l',
        messageFormat: '{if component}[{component}] {end}{msg}',
        ignore: 'pid,hostname,component',
      }))
    : pino(options);
  for (const warning of config.warnings) logger.warn(warning);
  // Signals are handled from the start: a stop asked for while starting runs once start is done.
  const started = RunnelNode.start(config, logger);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without a clean shutdown');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    started.then((node) => node.stop()).then(
      () => process.exit(0),
      (err: unknown) => fail(err),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const node = await started.catch((err: unknown) => fail(err));
  logger.info({ roles: config.node.roles, clusterId: node.clusterId }, 'node started');
}

export function serverCommand(program: Command): void {
  program
    .command('server')
    .description('run one Runnel node (broker, controller, or both) from a server.properties file, RUNNEL_* environment variables and overrides')
    .option('-c, --config <file>', 'server.properties file (Kafka format)')
    .option('--override <key=value>', 'set a config key, after the file and environment (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--log-level <level>', 'trace, debug, info, warn, error or fatal (log.level)')
    .option('--print-config', 'print the effective configuration with the source of each value, then exit')
    .action((flags: ServerFlags) => run(flags).catch((err: unknown) => fail(err)));
}
