import type { Command } from 'commander';
import { ACL_OPERATIONS, RunnelError, type AclBinding, type AclFilter, type AclOperation, type AclPatternType, type AclResourceType } from '@runnel/client';
import { fail } from '../cli-error.js';
import { bootstrapOption, type ConnectionFlags } from './bootstrap.js';
import { collect, outputFormat } from './flags.js';
import { json, note, print } from './print.js';
import { formatTable } from './table.js';
import { withAdmin } from './with-admin.js';

interface AclFlags extends ConnectionFlags {
  allowPrincipal?: string[];
  denyPrincipal?: string[];
  allowHost?: string[];
  denyHost?: string[];
  principal?: string[];
  operation?: string[];
  topic?: string[];
  group?: string[];
  transactionalId?: string[];
  cluster?: boolean;
  resourcePatternType?: string;
  output?: string;
}

/** Read, READ, DescribeConfigs, describe-configs and DESCRIBE_CONFIGS all name the same operation, as kafka-acls.sh takes them. */
function operation(text: string): AclOperation {
  const name = text.trim().replace(/([a-z])([A-Z])/g, '$1_$2').replace(/-/g, '_').toUpperCase();
  const op = ACL_OPERATIONS.find((o) => o === name);
  if (!op) throw new RunnelError('INVALID_CONFIG', `--operation ${text} is not one of ${ACL_OPERATIONS.join(', ')}`);
  return op;
}

/** The resources the flags name (--topic, --group, --transactional-id, --cluster). */
function resources(flags: AclFlags): { type: AclResourceType; name: string }[] {
  return [
    ...(flags.topic ?? []).map((name) => ({ type: 'TOPIC' as const, name })),
    ...(flags.group ?? []).map((name) => ({ type: 'GROUP' as const, name })),
    ...(flags.transactionalId ?? []).map((name) => ({ type: 'TRANSACTIONAL_ID' as const, name })),
    ...(flags.cluster ? [{ type: 'CLUSTER' as const, name: 'kafka-cluster' }] : []),
  ];
}

function patternType(flags: AclFlags, allowed: readonly string[]): string {
  const p = (flags.resourcePatternType ?? 'literal').toUpperCase();
  if (!allowed.includes(p)) throw new RunnelError('INVALID_CONFIG', `--resource-pattern-type must be one of ${allowed.map((a) => a.toLowerCase()).join(', ')}, got ${flags.resourcePatternType}`);
  return p;
}

/** Every binding the add flags describe: each principal x host x operation x resource. */
function bindings(flags: AclFlags): AclBinding[] {
  const targets = resources(flags);
  if (targets.length === 0) throw new RunnelError('INVALID_CONFIG', 'name a resource: --topic, --group, --transactional-id or --cluster');
  const allow = flags.allowPrincipal ?? [];
  const deny = flags.denyPrincipal ?? [];
  if (allow.length + deny.length === 0) throw new RunnelError('INVALID_CONFIG', 'name a principal with --allow-principal or --deny-principal (e.g. User:alice, or User:* for everyone)');
  const pattern = patternType(flags, ['LITERAL', 'PREFIXED']) as AclPatternType;
  const ops = (flags.operation ?? ['ALL']).map(operation);
  const entries = [
    ...allow.flatMap((principal) => (flags.allowHost ?? ['*']).map((host) => ({ principal, host, permission: 'ALLOW' as const }))),
    ...deny.flatMap((principal) => (flags.denyHost ?? ['*']).map((host) => ({ principal, host, permission: 'DENY' as const }))),
  ];
  return targets.flatMap((r) =>
    entries.flatMap((e) => ops.map((op) => ({ resourceType: r.type, resourceName: r.name, patternType: r.type === 'CLUSTER' ? 'LITERAL' : pattern, ...e, operation: op }))),
  );
}

/** The filters list and remove use: unset flags match everything. */
function filters(flags: AclFlags): AclFilter[] {
  const targets: { type?: AclResourceType; name?: string }[] = resources(flags);
  const pattern = targets.length > 0 ? (patternType(flags, ['ANY', 'MATCH', 'LITERAL', 'PREFIXED']) as AclFilter['patternType']) : 'ANY';
  const withHosts = (principal: string, permission: 'ALLOW' | 'DENY', hosts: string[] | undefined): { principal: string; permission: 'ALLOW' | 'DENY'; host?: string }[] =>
    hosts ? hosts.map((host) => ({ principal, permission, host })) : [{ principal, permission }];
  const principals: { principal?: string; permission?: 'ALLOW' | 'DENY'; host?: string }[] = [
    ...(flags.allowPrincipal ?? []).flatMap((principal) => withHosts(principal, 'ALLOW', flags.allowHost)),
    ...(flags.denyPrincipal ?? []).flatMap((principal) => withHosts(principal, 'DENY', flags.denyHost)),
    ...(flags.principal ?? []).map((principal) => ({ principal })),
  ];
  const ops: (AclOperation | undefined)[] = flags.operation ? flags.operation.map(operation) : [undefined];
  return (targets.length > 0 ? targets : [{}]).flatMap((r) =>
    (principals.length > 0 ? principals : [{}]).flatMap((p) =>
      ops.map((op): AclFilter => ({
        ...(r.type ? { resourceType: r.type, resourceName: r.name } : {}),
        patternType: r.type === 'CLUSTER' && pattern !== 'ANY' ? 'LITERAL' : pattern,
        ...(p.principal ? { principal: p.principal } : {}),
        ...(p.permission ? { permission: p.permission } : {}),
        ...(p.host ? { host: p.host } : {}),
        ...(op ? { operation: op } : {}),
      })),
    ),
  );
}

function table(list: AclBinding[]): string {
  return formatTable([
    ['PRINCIPAL', 'PERMISSION', 'OPERATION', 'HOST', 'RESOURCE-TYPE', 'PATTERN', 'RESOURCE'],
    ...list.map((b) => [b.principal, b.permission, b.operation, b.host, b.resourceType, b.patternType, b.resourceName]),
  ]);
}

async function add(flags: AclFlags): Promise<void> {
  const list = bindings(flags);
  await withAdmin(flags, (admin) => admin.createAcls(list));
  note(`Added ${list.length} ACL${list.length === 1 ? '' : 's'}:`);
  print(table(list));
}

async function listAcls(flags: AclFlags): Promise<void> {
  const format = outputFormat(flags.output, 'table');
  const found = await withAdmin(flags, async (admin) => {
    const all = await Promise.all(filters(flags).map((f) => admin.describeAcls(f)));
    const seen = new Set<string>();
    return all.flat().filter((b) => {
      const key = JSON.stringify(b);
      return !seen.has(key) && seen.add(key);
    });
  });
  if (format === 'json') json(found);
  else if (found.length > 0) print(table(found));
}

async function remove(flags: AclFlags): Promise<void> {
  if (resources(flags).length === 0 && !flags.allowPrincipal && !flags.denyPrincipal && !flags.principal) {
    throw new RunnelError('INVALID_CONFIG', 'name the ACLs to remove by resource (--topic, --group, --transactional-id, --cluster) or principal (--allow-principal, --deny-principal, --principal)');
  }
  const removed = await withAdmin(flags, (admin) => admin.deleteAcls(filters(flags)));
  note(`Removed ${removed.length} ACL${removed.length === 1 ? '' : 's'}${removed.length > 0 ? ':' : ''}`);
  if (removed.length > 0) print(table(removed));
}

function aclOptions(command: Command, forAdd: boolean): Command {
  return bootstrapOption(command.showHelpAfterError(false))
    .option('--allow-principal <principal>', 'principal to allow, e.g. User:alice or User:* (repeatable)', collect)
    .option('--deny-principal <principal>', 'principal to deny (repeatable)', collect)
    .option('--allow-host <host>', `IP address the allowed principals may connect from (repeatable; ${forAdd ? 'default *' : 'default any'})`, collect)
    .option('--deny-host <host>', `IP address the denied principals are denied from (repeatable; ${forAdd ? 'default *' : 'default any'})`, collect)
    .option('--operation <operation>', `${ACL_OPERATIONS.join(', ')} (repeatable${forAdd ? '; default ALL' : '; default any'})`, collect)
    .option('--topic <topic>', 'a topic, * for all, or a prefix with --resource-pattern-type prefixed (repeatable)', collect)
    .option('--group <group>', 'a consumer group, * for all, or a prefix (repeatable)', collect)
    .option('--transactional-id <id>', 'a transactional id, * for all, or a prefix (repeatable)', collect)
    .option('--cluster', 'the cluster resource (kafka-cluster)')
    .option('--resource-pattern-type <type>', forAdd ? 'literal (default) or prefixed' : 'literal (default), prefixed, any (every pattern type, exact name) or match (every pattern that applies to the name)');
}

/** `runnel acls`: Kafka's kafka-acls.sh --add / --list / --remove, with its flags. */
export function aclsCommand(program: Command): void {
  const acls = program.command('acls').description('access control lists (need authorizer.class.name on the nodes)');
  acls.showHelpAfterError(false);
  aclOptions(acls.command('add'), true)
    .description('allow or deny principals operations on topics, groups, transactional ids or the cluster')
    .action((flags: AclFlags) => add(flags).catch((err: unknown) => fail(err)));
  aclOptions(acls.command('list'), false)
    .description('ACLs, all or those the flags name')
    .option('--principal <principal>', 'only ACLs of this principal (repeatable)', collect)
    .option('--output <format>', 'table or json')
    .action((flags: AclFlags) => listAcls(flags).catch((err: unknown) => fail(err)));
  aclOptions(acls.command('remove'), false)
    .description('remove the ACLs the flags name (unset flags match everything)')
    .option('--principal <principal>', 'ACLs of this principal, allow or deny (repeatable)', collect)
    .action((flags: AclFlags) => remove(flags).catch((err: unknown) => fail(err)));
}
