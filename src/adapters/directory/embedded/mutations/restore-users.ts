import { ServiceError } from '../../../../domain/errors.js';
import { DAY_MS, type Clock } from '../../../../domain/clock.js';
import { isValidUpn, splitUpn } from '../../../../domain/user-names.js';
import { RESTORE_WINDOW_DAYS, type DeletedUser, type ActorContext, type RestoreOutcome, type RestoreRequest } from '../../../../domain/types.js';
import type { CustomerState } from '../customer-state.js';
import { toDeletedUser, toUser } from '../customer-state.js';
import type { StoredDeletedUser } from '../schema.js';

const isExpired = (user: StoredDeletedUser, now: Date): boolean => now.getTime() - Date.parse(user.deletedAt) > RESTORE_WINDOW_DAYS * DAY_MS;

/**
 * Restores deleted users with their id and UPN (or a new UPN), and gives back each license they held only where a
 * seat is free (Entra would over-assign here; we never do). Outcomes are per user; one durable write for all.
 */
export async function restoreUsers(state: CustomerState, requests: RestoreRequest[], _ctx: ActorContext, clock: Clock): Promise<RestoreOutcome[]> {
  const now = clock.now();
  const customer = state.customer;
  const free = new Map(state.data.subscriptions.map((s) => [s.skuId, state.seatsFree(s.skuId)]));
  const outcomes: RestoreOutcome[] = [];
  const restored: { record: StoredDeletedUser; upn: string; licenses: string[] }[] = [];
  const claimed = new Set<string>();

  for (const request of requests) {
    const record = state.findDeleted(request.userId);
    if (!record || restored.some((r) => r.record === record)) {
      outcomes.push({ status: 'not-found', userId: request.userId });
      continue;
    }
    if (isExpired(record, now)) {
      outcomes.push({ status: 'expired', userId: record.id, upn: record.upn });
      continue;
    }
    const upn = request.newUpn ?? record.upn;
    if (request.newUpn) {
      const domain = splitUpn(upn).domain.toLowerCase();
      if (!isValidUpn(upn) || !customer.domains.some((d) => d.toLowerCase() === domain)) {
        throw new ServiceError('INVALID_INPUT', `${upn} is not a valid user name for ${customer.name}.`, { upn });
      }
    }
    const holder = state.findUser(upn) ?? (request.newUpn ? state.findDeleted(upn) : undefined);
    if ((holder && holder !== record) || claimed.has(upn.toLowerCase())) {
      outcomes.push({ status: 'upn-taken', userId: record.id, upn, takenBy: holder?.displayName ?? upn });
      continue;
    }
    claimed.add(upn.toLowerCase());
    const licensesRestored: string[] = [];
    const licensesNotRestored: string[] = [];
    for (const sku of record.licenses) {
      const seats = free.get(sku) ?? 0;
      if (seats > 0) {
        free.set(sku, seats - 1);
        licensesRestored.push(sku);
      } else licensesNotRestored.push(sku);
    }
    restored.push({ record, upn, licenses: licensesRestored });
    outcomes.push({ status: 'restored', user: toUser({ ...record, upn, licenses: licensesRestored }), licensesRestored, licensesNotRestored });
  }

  if (restored.length > 0) {
    state.removeDeleted(new Set(restored.map((r) => r.record)));
    for (const { record, upn, licenses } of restored) {
      const { deletedAt: _at, deletedBy: _by, ...user } = record;
      state.addUser({ ...user, upn, licenses });
    }
    await state.persist();
  }
  return outcomes;
}

/** Deleted users past the 30-day window are gone for good; their UPNs become free. */
export async function purgeExpired(state: CustomerState, clock: Clock): Promise<DeletedUser[]> {
  const now = clock.now();
  const expired = state.deletedUsers().filter((u) => isExpired(u, now));
  if (expired.length === 0) return [];
  state.removeDeleted(new Set(expired));
  await state.persist();
  return expired.map(toDeletedUser);
}
