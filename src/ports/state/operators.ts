import type { Role } from '../../domain/roles.js';
import type { Grant, OperatorKey } from './records.js';

/** Who holds which role (grants), which tenant a bare owner id belongs to, and the names of operators seen. */
export interface OperatorStore {
  grantsOf(who: OperatorKey): Promise<Grant[]>;
  allGrants(): Promise<Grant[]>;
  /** false when an identical grant (same operator, role and customers) already exists. */
  addGrant(grant: Grant): Promise<boolean>;
  /** Removes the operator's grants of `role` for `customerId` (null: the all-customers grant); returns what was removed. */
  removeGrants(who: OperatorKey, role: Role, customerId: string | null): Promise<Grant[]>;
  /** The tenant a bare BOT_OWNERS object id was bound to (local development), if any. */
  ownerTenant(objectId: string): Promise<string | undefined>;
  /** Binds objectId to tenantId unless it is bound already; returns the tenant it is bound to (first write wins, atomically). */
  bindOwner(objectId: string, tenantId: string, now: Date): Promise<string>;
  /** Remembers the display name an operator last wrote with (for `roles`). */
  rememberName(who: OperatorKey & { name: string }, now: Date): Promise<void>;
  /** Known names by operatorId(key). */
  names(keys: readonly OperatorKey[]): Promise<Map<string, string>>;
}
