import { Command } from 'commander';
import { aclsCommand } from './commands/acls.js';
import { benchCommand } from './commands/bench.js';
import { clusterCommand } from './commands/cluster.js';
import { configCommand } from './commands/config-command.js';
import { consumeCommand } from './commands/consume.js';
import { devCommand } from './commands/dev.js';
import { groupsCommand } from './commands/groups.js';
import { partitionsCommand } from './commands/partitions.js';
import { produceCommand } from './commands/produce.js';
import { quorumCommand } from './commands/quorum.js';
import { serverCommand } from './commands/server.js';
import { topicsCommand } from './commands/topics.js';
import { usersCommand } from './commands/users.js';
import { fail } from './cli-error.js';
import { dropIpServernameWarning } from './ip-servername-warning.js';

dropIpServernameWarning();

const program = new Command('runnel')
  .description('Runnel: a distributed event-streaming platform (Kafka model, Raft metadata quorum, gRPC)')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(`runnel: ${text.replace(/^error: /, '')}`) });

serverCommand(program);
devCommand(program);
topicsCommand(program);
produceCommand(program);
consumeCommand(program);
groupsCommand(program);
clusterCommand(program);
quorumCommand(program);
configCommand(program);
partitionsCommand(program);
usersCommand(program);
aclsCommand(program);
benchCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => fail(err));
