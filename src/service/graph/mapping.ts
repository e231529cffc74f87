import { DAY_MS } from '../clock.js';
import { RESTORE_WINDOW_DAYS, adminRolesKnown, type Actor, type AdminRoles, type DeletedUser, type Subscription, type User } from '../types.js';
import { friendlySkuName } from './sku-names.js';
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

export interface DeletionRecord {
  upn: string;
  licenses: string[];
  /** Unknown when Graph would not tell at deletion time: a restore then treats the user as possibly an admin. */
  adminRoles: AdminRoles;
  deletedAt: string;
  deletedBy: Actor;
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
    restorableUntil: new Date(Date.parse(deletedAt) + RESTORE_WINDOW_DAYS * DAY_MS).toISOString(),
  };
}

export const isPastRestoreWindow = (deletedAt: string, now: Date): boolean => now.getTime() - Date.parse(deletedAt) > RESTORE_WINDOW_DAYS * DAY_MS;

export function toSubscription(sku: z.infer<typeof subscribedSkuSchema>): Subscription {
  return {
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    name: friendlySkuName(sku.skuPartNumber),
    seatsTotal: sku.prepaidUnits.enabled,
    seatsAssigned: sku.consumedUnits,
  };
}
