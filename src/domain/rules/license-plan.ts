import { ServiceError, notFound } from '../errors.js';
import type { LicenseChangeRequest, LicenseOutcome, Subscription, UserLicenseResult } from '../types.js';

/** A user as license planning needs it, whatever the directory. */
export interface PlanUser {
  id: string;
  upn: string;
  displayName: string;
  licenses: readonly string[];
  usageLocation?: string | null;
}

/** What changes for one user: the SKUs to assign and to remove, and the license list that results. */
export interface UserLicenseChange {
  userId: string;
  add: string[];
  remove: string[];
  licenses: string[];
  /** The customer's default, set first: a license needs a usage location. */
  usageLocation?: string;
}

/** The request's SKUs, each once; NOT_FOUND for a SKU the customer has no subscription of, INVALID_INPUT for one both added and removed. */
export function checkLicenseRequest(request: Pick<LicenseChangeRequest, 'add' | 'remove'>, subs: readonly Subscription[]): { add: string[]; remove: string[] } {
  const add = [...new Set(request.add)];
  const remove = [...new Set(request.remove)];
  const subOf = new Map(subs.map((s) => [s.skuId, s]));
  for (const sku of [...add, ...remove]) if (!subOf.has(sku)) throw notFound('Subscription', sku);
  const both = add.find((sku) => remove.includes(sku));
  if (both) throw new ServiceError('INVALID_INPUT', `${subOf.get(both)?.name ?? both} cannot be both added and removed.`);
  return { add, remove };
}

/** Seats each added SKU needs: one per user who lacks it. */
export const seatsNeeded = (users: readonly PlanUser[], sku: string): number => users.filter((u) => !u.licenses.includes(sku)).length;

/** onShortage 'fail': NO_SEATS before anything changes when any added SKU has fewer free seats than users lacking it. */
export function requireSeatsForAll(users: readonly PlanUser[], add: readonly string[], free: ReadonlyMap<string, number>, subs: readonly Subscription[]): void {
  for (const sku of add) {
    const needed = seatsNeeded(users, sku);
    const available = free.get(sku) ?? 0;
    if (needed > available) {
      const sub = subs.find((s) => s.skuId === sku);
      throw new ServiceError('NO_SEATS', `${sub?.name} has ${available} free seat(s); ${needed} needed.`, { skuId: sku, skuPartNumber: sub?.skuPartNumber, needed, available });
    }
  }
}

/**
 * Each user's outcome per SKU and the changes to make. Never assigns beyond the free seats: when too few, the seats go
 * to the users in the order given and the rest get 'no-seat' (their removals still happen). A user gaining a license
 * without a usage location gets the customer's default.
 */
export function planLicenseChange(
  users: readonly PlanUser[],
  add: readonly string[],
  remove: readonly string[],
  free: ReadonlyMap<string, number>,
  defaultUsageLocation: string,
): { results: UserLicenseResult[]; changes: UserLicenseChange[] } {
  const left = new Map(free);
  const results: UserLicenseResult[] = [];
  const changes: UserLicenseChange[] = [];
  for (const user of users) {
    const outcomes: Record<string, LicenseOutcome> = {};
    for (const sku of remove) outcomes[sku] = user.licenses.includes(sku) ? 'removed' : 'did-not-have';
    for (const sku of add) {
      if (user.licenses.includes(sku)) outcomes[sku] = 'already-had';
      else if ((left.get(sku) ?? 0) > 0) {
        left.set(sku, (left.get(sku) ?? 0) - 1);
        outcomes[sku] = 'assigned';
      } else outcomes[sku] = 'no-seat';
    }
    const change = { userId: user.id, add: add.filter((s) => outcomes[s] === 'assigned'), remove: remove.filter((s) => outcomes[s] === 'removed') };
    const usageLocation = change.add.length > 0 && !user.usageLocation ? defaultUsageLocation : undefined;
    results.push({ userId: user.id, upn: user.upn, displayName: user.displayName, outcomes, ...(usageLocation ? { usageLocationSet: usageLocation } : {}) });
    if (change.add.length + change.remove.length === 0) continue;
    const licenses = [...user.licenses.filter((sku) => !remove.includes(sku)), ...change.add];
    changes.push({ ...change, licenses, ...(usageLocation ? { usageLocation } : {}) });
  }
  return { results, changes };
}
