import type { Role } from '../../domain/roles.js';
import type { Grant, OperatorKey } from './records.js';

/** Which tenant a bare BOT_OWNERS object id was bound to, and when (shown by `whoami`). */
export interface OwnerBinding {
  tenantId: string;
  boundAt: string;
}

/** Who holds which role (grants), which tenant a bare owner id belongs to, and the names of operators seen. */
export interface OperatorStore {
  grantsOf(who: OperatorKey): Promise<Grant[]>;
  allGrants(): Promise<Grant[]>;
  /**
   * An operator holds at most one grant per role: adds grant.customers to it (null: every customer), creating it when
   * there is none. false when that grant covers them already (nothing changed).
   */
  addGrant(grant: Grant): Promise<boolean>;
  /**
   * customerId null: removes the operator's grant of `role`, whatever customers it covers. A customer id: takes that
   * customer out of a grant limited to customers (removing the grant when none is left); a grant for every customer is
   * left alone. Returns the grants as they were before the change (empty: nothing changed).
   */
  removeGrants(who: OperatorKey, role: Role, customerId: string | null): Promise<Grant[]>;
  /** The tenant a bare BOT_OWNERS object id was bound to (local development), if any. */
  ownerTenant(objectId: string): Promise<OwnerBinding | undefined>;
  /** Binds objectId to tenantId unless it is bound already; returns the binding that holds (first write wins, atomically). */
  bindOwner(objectId: string, tenantId: string, now: Date): Promise<OwnerBinding>;
  /** Remembers the display name an operator last wrote with (for `roles`). */
  rememberName(who: OperatorKey & { name: string }, now: Date): Promise<void>;
  /** Known names by operatorId(key). */
  names(keys: readonly OperatorKey[]): Promise<Map<string, string>>;
}
