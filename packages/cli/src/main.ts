import { Command } from 'commander';
import { consumeCommand } from './commands/consume.js';
import { devCommand } from './commands/dev.js';
import { groupsCommand } from './commands/groups.js';
import { produceCommand } from './commands/produce.js';
import { serverCommand } from './commands/server.js';
import { topicsCommand } from './commands/topics.js';
import { fail } from './cli-error.js';

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

program.parseAsync(process.argv).catch((err: unknown) => fail(err));
