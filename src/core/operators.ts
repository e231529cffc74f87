import type { AppState, Grant, OperatorKey } from './app-state.js';
import { operatorId } from './app-state.js';
import type { Role } from './permissions.js';
import type { Owners } from './owners.js';

/** Roles of an operator, for one customer (or for no customer: roles granted for all customers only). */
export class Operators {
  /**
   * @param openAccess local mode (no app id, no BOT_OWNERS, not production): callers without any grant act as global
   * admins, so `npm start` is usable at once; callers with grants get exactly their grants.
   */
  constructor(
    private readonly state: AppState,
    readonly owners: Owners,
    readonly openAccess = false,
  ) {}

  /** An owner is a (tenant, object id) pair: the same object id from another tenant is someone else. */
  isOwner(caller: OperatorKey): boolean {
    if (this.openAccess && this.grantsOf(caller).length === 0) return true;
    return this.owners.includes(caller);
  }

  /** Grants are matched on the pair too (operatorId), so every role check compares tenant and object id. */
  grantsOf(caller: OperatorKey): Grant[] {
    const id = operatorId(caller);
    return this.state.data.grants.filter((g) => operatorId(g) === id);
  }

  rolesFor(caller: OperatorKey, customerId: string | undefined): Role[] {
    const roles = new Set<Role>();
    if (this.isOwner(caller)) roles.add('global-admin');
    for (const g of this.grantsOf(caller)) {
      if (g.customers === null || (customerId !== undefined && g.customers.includes(customerId))) roles.add(g.role);
    }
    return [...roles];
  }

  /** Every role the operator holds for any customer (what they may do somewhere). */
  anyRoles(caller: OperatorKey): Role[] {
    const roles = new Set<Role>(this.isOwner(caller) ? ['global-admin'] : []);
    for (const g of this.grantsOf(caller)) roles.add(g.role);
    return [...roles];
  }

  /** Customers an operator may see: all when a role covers all, else those named in grants. */
  customerScope(caller: OperatorKey): 'all' | Set<string> {
    if (this.isOwner(caller)) return 'all';
    const grants = this.grantsOf(caller);
    if (grants.some((g) => g.customers === null)) return 'all';
    return new Set(grants.flatMap((g) => g.customers ?? []));
  }

  hasAnyRole(caller: OperatorKey): boolean {
    return this.isOwner(caller) || this.grantsOf(caller).length > 0;
  }
}
