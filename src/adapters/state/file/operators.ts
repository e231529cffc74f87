import type { Role } from '../../../domain/roles.js';
import type { OperatorStore, OwnerBinding } from '../../../ports/state/operators.js';
import { operatorId, type Grant, type OperatorKey } from '../../../ports/state/records.js';
import { copy, type AppFile } from './app-file.js';

/** Grants, owner bindings and names in app.json. */
export class FileOperatorStore implements OperatorStore {
  constructor(private readonly file: AppFile) {}

  async grantsOf(who: OperatorKey): Promise<Grant[]> {
    const id = operatorId(who);
    return copy(this.file.data.grants.filter((g) => operatorId(g) === id));
  }

  async allGrants(): Promise<Grant[]> {
    return copy(this.file.data.grants);
  }

  async addGrant(grant: Grant): Promise<boolean> {
    const id = operatorId(grant);
    const existing = this.file.data.grants.find((g) => g.role === grant.role && operatorId(g) === id);
    if (!existing) {
      this.file.data.grants.push(copy(grant));
    } else {
      if (existing.customers === null) return false;
      if (grant.customers === null) existing.customers = null;
      else {
        const added = grant.customers.filter((c) => !existing.customers?.includes(c));
        if (added.length === 0) return false;
        existing.customers = [...existing.customers, ...added];
      }
    }
    await this.file.persist();
    return true;
  }

  async removeGrants(who: OperatorKey, role: Role, customerId: string | null): Promise<Grant[]> {
    const id = operatorId(who);
    const data = this.file.data;
    const grant = data.grants.find((g) => g.role === role && operatorId(g) === id);
    if (!grant) return [];
    const before = copy(grant);
    if (customerId === null) {
      data.grants = data.grants.filter((g) => g !== grant);
    } else {
      if (grant.customers === null || !grant.customers.includes(customerId)) return [];
      grant.customers = grant.customers.filter((c) => c !== customerId);
      if (grant.customers.length === 0) data.grants = data.grants.filter((g) => g !== grant);
    }
    await this.file.persist();
    return [before];
  }

  async ownerTenant(objectId: string): Promise<OwnerBinding | undefined> {
    const bound = this.file.data.ownerTenants[objectId.toLowerCase()];
    return bound ? copy(bound) : undefined;
  }

  async bindOwner(objectId: string, tenantId: string, now: Date): Promise<OwnerBinding> {
    const key = objectId.toLowerCase();
    const bound = this.file.data.ownerTenants[key];
    if (bound) return copy(bound);
    const binding = { tenantId, boundAt: now.toISOString() };
    this.file.data.ownerTenants[key] = binding;
    await this.file.persist();
    return copy(binding);
  }

  async rememberName(who: OperatorKey & { name: string }, now: Date): Promise<void> {
    const id = operatorId(who);
    if (this.file.data.names[id]?.name === who.name) return;
    this.file.data.names[id] = { name: who.name, seenAt: now.toISOString() };
    await this.file.persist();
  }

  async names(keys: readonly OperatorKey[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const key of keys) {
      const id = operatorId(key);
      const known = this.file.data.names[id];
      if (known) found.set(id, known.name);
    }
    return found;
  }
}
