import { RunnelError, describeAclBinding } from '@runnel/protocol';
import type { ControllerContext, ControllerResult } from '../controller-context.js';
import type { MetadataImage } from '../image.js';
import type { MetadataRecord } from '../records.js';
import { randomUuid, type Uuid } from '../uuid.js';
import { filterMatches, validateAclBinding, type AclBinding, type AclBindingFilter } from './acl-binding.js';

/** Per binding asked for: null when it exists now (created, or there already), else why not. */
export type AclCreation = RunnelError | null;

export interface AclDeletion {
  readonly error: RunnelError | null;
  readonly deleted: AclBinding[];
}

function sameBinding(a: AclBinding, b: AclBinding): boolean {
  return (
    a.resourceType === b.resourceType &&
    a.resourceName === b.resourceName &&
    a.patternType === b.patternType &&
    a.principal === b.principal &&
    a.host === b.host &&
    a.operation === b.operation &&
    a.permission === b.permission
  );
}

/** Adds bindings; one that exists already (or twice in the request) is stored once, as in Kafka. */
export function createAcls(image: MetadataImage, bindings: readonly AclBinding[], ctx: ControllerContext): ControllerResult<AclCreation[]> {
  const records: MetadataRecord[] = [];
  const added: AclBinding[] = [];
  const response = bindings.map((binding): AclCreation => {
    try {
      validateAclBinding(binding);
    } catch (err) {
      if (err instanceof RunnelError) return err;
      throw err;
    }
    const exists = [...image.acls.values(), ...added].some((b) => sameBinding(b, binding));
    if (!exists) {
      let id: Uuid;
      do id = randomUuid(ctx.random);
      while (image.acls.has(id) || records.some((r) => r.type === 'accessControlEntry' && r.id === id));
      records.push({ type: 'accessControlEntry', id, ...binding });
      added.push(binding);
      ctx.log?.info({ acl: describeAclBinding(binding) }, 'ACL created');
    }
    return null;
  });
  return { records, response };
}

/** Removes every binding each filter matches; a binding matched by several filters is reported by each. */
export function deleteAcls(image: MetadataImage, filters: readonly AclBindingFilter[], ctx: ControllerContext): ControllerResult<AclDeletion[]> {
  const removed = new Set<Uuid>();
  const records: MetadataRecord[] = [];
  const response = filters.map((filter): AclDeletion => {
    const deleted: AclBinding[] = [];
    for (const [id, binding] of image.acls) {
      if (!filterMatches(filter, binding)) continue;
      deleted.push(binding);
      if (!removed.has(id)) {
        removed.add(id);
        records.push({ type: 'removeAccessControlEntry', id });
        ctx.log?.info({ acl: describeAclBinding(binding) }, 'ACL deleted');
      }
    }
    return { error: null, deleted };
  });
  return { records, response };
}

/** The bindings a filter matches, in a stable order (resource, then principal, operation, permission). */
export function describeAcls(image: MetadataImage, filter: AclBindingFilter): AclBinding[] {
  const key = (b: AclBinding): string => [b.resourceType, b.patternType, b.resourceName, b.principal, b.host, b.operation, b.permission].join('\u0000');
  return [...image.acls.values()].filter((b) => filterMatches(filter, b)).sort((a, b) => key(a).localeCompare(key(b)));
}
