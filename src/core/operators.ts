import type { OperatorStore } from '../ports/state/operators.js';
import type { Grant, OperatorKey } from '../ports/state/records.js';
import type { Role } from './permissions.js';
import type { Owners } from './owners.js';

/** Roles of an operator, for one customer (or for no customer: roles granted for all customers only). */
export class Operators {
  /**
   * @param openAccess local mode (no app id, no BOT_OWNERS, not production): callers without any grant act as global
   * admins, so `npm start` is usable at once; callers with grants get exactly their grants.
   */
  constructor(
    private readonly store: OperatorStore,
    readonly owners: Owners,
    readonly openAccess = false,
  ) {}

  /** An owner is a (tenant, object id) pair: the same object id from another tenant is someone else. */
  async isOwner(caller: OperatorKey, grants?: Grant[]): Promise<boolean> {
    if (this.openAccess && (grants ?? (await this.grantsOf(caller))).length === 0) return true;
    return this.owners.includes(caller);
  }

  /** Grants are matched on the pair too (operatorId), so every role check compares tenant and object id. */
  grantsOf(caller: OperatorKey): Promise<Grant[]> {
    return this.store.grantsOf(caller);
  }

  async rolesFor(caller: OperatorKey, customerId: string | undefined): Promise<Role[]> {
    const grants = await this.grantsOf(caller);
    const roles = new Set<Role>();
    if (await this.isOwner(caller, grants)) roles.add('global-admin');
    for (const g of grants) {
      if (g.customers === null || (customerId !== undefined && g.customers.includes(customerId))) roles.add(g.role);
    }
    return [...roles];
  }

  /** Every role the operator holds for any customer (what they may do somewhere). */
  async anyRoles(caller: OperatorKey): Promise<Role[]> {
    const grants = await this.grantsOf(caller);
    const roles = new Set<Role>((await this.isOwner(caller, grants)) ? ['global-admin'] : []);
    for (const g of grants) roles.add(g.role);
    return [...roles];
  }

  /** Customers an operator may see: all when a role covers all, else those named in grants. */
  async customerScope(caller: OperatorKey): Promise<'all' | Set<string>> {
    const grants = await this.grantsOf(caller);
    if (await this.isOwner(caller, grants)) return 'all';
    if (grants.some((g) => g.customers === null)) return 'all';
    return new Set(grants.flatMap((g) => g.customers ?? []));
  }

  async hasAnyRole(caller: OperatorKey): Promise<boolean> {
    const grants = await this.grantsOf(caller);
    return (await this.isOwner(caller, grants)) || grants.length > 0;
  }
}
