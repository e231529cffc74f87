import { adminRolesKnown, type Actor, type AdminRoles, type DeletedUser, type Subscription, type User } from '../../../domain/types.js';
import { restorableUntil } from '../../../domain/rules/restore-window.js';
import { friendlySkuName } from './sku-names.js';
import type { DeletionRecord } from '../../../ports/state/records.js';
import type { GraphUser } from './wire.js';
import type { z } from 'zod';
import type { subscribedSkuSchema } from './wire.js';

/** Graph objects to domain types. */

export function toUser(user: GraphUser, adminRoles: AdminRoles): User {
  return {
    id: user.id,
    upn: user.deletedDateTime ? originalUpn(user) : user.userPrincipalName,
    displayName: user.displayName ?? '',
    givenName: user.givenName ?? '',
    surname: user.surname ?? '',
    usageLocation: user.usageLocation ?? null,
    adminRoles: adminRolesKnown(adminRoles) ? [...adminRoles] : { ...adminRoles },
    licenses: (user.assignedLicenses ?? []).map((l) => l.skuId),
    createdAt: user.createdDateTime ?? '',
    ...(user.jobTitle ? { jobTitle: user.jobTitle } : {}),
    ...(user.department ? { department: user.department } : {}),
  };
}

/** Entra renames a deleted user to <object id without dashes><original UPN> to free the name; undo that. */
export function originalUpn(user: Pick<GraphUser, 'id' | 'userPrincipalName'>): string {
  const prefix = user.id.replace(/-/g, '').toLowerCase();
  const upn = user.userPrincipalName;
  return upn.toLowerCase().startsWith(prefix) ? upn.slice(prefix.length) : upn;
}


const UNKNOWN_ACTOR: Actor = { aadObjectId: '', name: 'someone outside this app' };

/** A deleted user: Graph's recycle-bin entry, completed by our record of who deleted it and what it held. */
export function toDeletedUser(user: GraphUser, record: DeletionRecord | undefined): DeletedUser {
  const base = toUser(user, record?.adminRoles ?? []);
  const deletedAt = user.deletedDateTime ?? record?.deletedAt ?? '';
  return {
    ...base,
    licenses: record ? [...record.licenses] : base.licenses,
    deletedAt,
    deletedBy: record ? { ...record.deletedBy } : UNKNOWN_ACTOR,
    restorableUntil: restorableUntil(deletedAt),
  };
}

export function toSubscription(sku: z.infer<typeof subscribedSkuSchema>): Subscription {
  return {
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    name: friendlySkuName(sku.skuPartNumber),
    seatsTotal: sku.prepaidUnits.enabled,
    seatsAssigned: sku.consumedUnits,
  };
}
