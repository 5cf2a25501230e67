import type { Command } from 'commander';
import { RunnelError } from '@runnel/client';
import { fail } from '../cli-error.js';
import { parseHostPort } from '../config/addresses.js';
import { bootstrapOption } from './bootstrap.js';
import { intFlag } from './flags.js';
import { print } from './print.js';
import { withAdmin } from './with-admin.js';

interface VoterFlags {
  bootstrap?: string;
  bootstrapServer?: string;
  nodeId?: string;
  endpoint?: string;
}

function nodeId(flags: VoterFlags): number {
  if (flags.nodeId === undefined) throw new RunnelError('INVALID_REQUEST', '--node-id is required');
  return intFlag('--node-id', flags.nodeId, 1, 2_147_483_647);
}

async function addVoter(flags: VoterFlags): Promise<void> {
  const id = nodeId(flags);
  if (flags.endpoint === undefined) throw new RunnelError('INVALID_REQUEST', "--endpoint is required: the new controller's listener as host:port");
  const parsed = parseHostPort(flags.endpoint, { emptyHost: false, minPort: 1 });
  if (!parsed.ok) throw new RunnelError('INVALID_REQUEST', `--endpoint '${flags.endpoint}': ${parsed.why}`);
  print(`Waiting for controller ${id} to catch up on the metadata log...`);
  await withAdmin(flags, (admin) => admin.addRaftVoter(id, parsed.value));
  print(`Controller ${id} is a voter.`);
}

async function removeVoter(flags: VoterFlags): Promise<void> {
  const id = nodeId(flags);
  await withAdmin(flags, (admin) => admin.removeRaftVoter(id));
  print(`Controller ${id} is no longer a voter; it keeps following the metadata log.`);
}

/** kafka-metadata-quorum.sh's add-controller / remove-controller, by node id and endpoint. */
export function quorumCommand(program: Command): void {
  const quorum = program.command('quorum').description('change the controller quorum, one voter at a time (see `runnel cluster status` for its state)');
  quorum.showHelpAfterError(false);
  bootstrapOption(quorum.command('add-voter').showHelpAfterError(false))
    .description('make a running controller a voter: it copies the metadata log first, then joins')
    .option('--node-id <id>', "the controller's node.id")
    .option('--endpoint <host:port>', 'its controller listener, as the other controllers reach it')
    .action((flags: VoterFlags) => addVoter(flags).catch((err: unknown) => fail(err)));
  bootstrapOption(quorum.command('remove-voter').showHelpAfterError(false))
    .description('take a controller out of the voters (an active controller removed steps down once it commits)')
    .option('--node-id <id>', "the controller's node.id")
    .action((flags: VoterFlags) => removeVoter(flags).catch((err: unknown) => fail(err)));
}
