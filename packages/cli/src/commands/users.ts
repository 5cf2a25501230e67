import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { RunnelError } from '@runnel/client';
import { SCRAM_MAX_ITERATIONS, SCRAM_MIN_ITERATIONS } from '@runnel/protocol';
import { fail } from '../cli-error.js';
import { bootstrapOption, type ConnectionFlags } from './bootstrap.js';
import { intFlag, outputFormat } from './flags.js';
import { json, note, print } from './print.js';
import { formatTable } from './table.js';
import { withAdmin } from './with-admin.js';

interface AddFlags extends ConnectionFlags {
  password?: string;
  passwordFile?: string;
  iterations?: string;
}

interface ListFlags extends ConnectionFlags {
  output?: string;
}

/** The first line of a file, or of stdin when it is not a terminal. */
async function firstLine(path: string | undefined): Promise<string> {
  if (path !== undefined) {
    try {
      return (await readFile(path, 'utf8')).split(/\r?\n/)[0] ?? '';
    } catch (err) {
      throw new RunnelError('INVALID_CONFIG', `--password-file ${path}: ${(err as Error).message}`);
    }
  }
  if (process.stdin.isTTY) throw new RunnelError('INVALID_CONFIG', 'give the password with --password-file FILE, on stdin (echo ... | runnel users add NAME), or --password');
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function password(flags: AddFlags): Promise<string> {
  if (flags.password !== undefined && flags.passwordFile !== undefined) throw new RunnelError('INVALID_CONFIG', 'give --password or --password-file, not both');
  const pw = flags.password ?? (await firstLine(flags.passwordFile));
  if (pw === '') throw new RunnelError('INVALID_CONFIG', 'the password is empty');
  return pw;
}

async function add(user: string, flags: AddFlags): Promise<void> {
  const iterations = flags.iterations === undefined ? SCRAM_MIN_ITERATIONS : intFlag('--iterations', flags.iterations, SCRAM_MIN_ITERATIONS, SCRAM_MAX_ITERATIONS);
  const pw = await password(flags);
  await withAdmin(flags, (admin) => admin.alterUserScramCredentials([{ type: 'upsert', user, password: pw, iterations }]));
  note(`User ${user} has a SCRAM-SHA-256 credential (${iterations} iterations); it authenticates as User:${user}.`);
}

async function list(flags: ListFlags): Promise<void> {
  const format = outputFormat(flags.output, 'table');
  const users = await withAdmin(flags, (admin) => admin.describeUserScramCredentials());
  if (format === 'json') json(users);
  else if (users.length > 0) {
    print(formatTable([['USER', 'MECHANISM', 'ITERATIONS'], ...users.flatMap((u) => u.credentials.map((c) => [u.user, c.mechanism, String(c.iterations)]))]));
  }
}

async function remove(users: string[], flags: ConnectionFlags): Promise<void> {
  await withAdmin(flags, (admin) => admin.alterUserScramCredentials(users.map((user) => ({ type: 'delete' as const, user }))));
  note(`Removed the SCRAM credentials of ${users.join(', ')}; their open sessions end at their next call.`);
}

/**
 * `runnel users`: SCRAM-SHA-256 users, as kafka-configs.sh --entity-type users manages them. The
 * password is salted and hashed here; the cluster keeps only keys derived from it.
 */
export function usersCommand(program: Command): void {
  const users = program.command('users').description('SCRAM-SHA-256 users (credentials kept in the metadata log)');
  users.showHelpAfterError(false);
  bootstrapOption(users.command('add <user>').showHelpAfterError(false))
    .description('create a user, or set its password (read from --password-file, stdin, or --password)')
    .option('--password <password>', 'the password (visible to other users of this machine; prefer --password-file or stdin)')
    .option('--password-file <file>', 'read the password from the first line of this file')
    .option('--iterations <n>', `PBKDF2 iterations, ${SCRAM_MIN_ITERATIONS}-${SCRAM_MAX_ITERATIONS} (default ${SCRAM_MIN_ITERATIONS})`)
    .action((user: string, flags: AddFlags) => add(user, flags).catch((err: unknown) => fail(err)));
  bootstrapOption(users.command('list').showHelpAfterError(false))
    .description('users with a SCRAM credential')
    .option('--output <format>', 'table or json')
    .action((flags: ListFlags) => list(flags).catch((err: unknown) => fail(err)));
  bootstrapOption(users.command('remove <user...>').showHelpAfterError(false))
    .description('remove users\' SCRAM credentials (ACLs naming them stay until removed with runnel acls remove)')
    .action((names: string[], flags: ConnectionFlags) => remove(names, flags).catch((err: unknown) => fail(err)));
}
