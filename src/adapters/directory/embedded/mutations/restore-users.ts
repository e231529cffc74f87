import type { Clock } from '../../../../domain/clock.js';
import type { DeletedUser, ActorContext, RestoreOutcome, RestoreRequest } from '../../../../domain/types.js';
import { isPastRestoreWindow } from '../../../../domain/rules/restore-window.js';
import { fitRestoredLicenses } from '../../../../domain/rules/restore-fit.js';
import { restoreUpnProblem, restoreUpnTakenBy, type UpnHolder } from '../../../../domain/rules/new-upn.js';
import { freeSeats } from '../../../../domain/rules/seats.js';
import type { CustomerState } from '../customer-state.js';
import { toDeletedUser, toUser } from '../customer-state.js';
import type { StoredDeletedUser } from '../schema.js';

const isExpired = (user: StoredDeletedUser, now: Date): boolean => isPastRestoreWindow(user.deletedAt, now);
const holder = (user: { id: string; displayName: string } | undefined): UpnHolder | undefined => user && { id: user.id, name: user.displayName };

/**
 * Restores deleted users with their id and UPN (or a new UPN), and gives back each license they held only where a
 * seat is free (Entra would over-assign here; we never do). Outcomes are per user; one durable write for all.
 */
export async function restoreUsers(state: CustomerState, requests: RestoreRequest[], _ctx: ActorContext, clock: Clock): Promise<RestoreOutcome[]> {
  const now = clock.now();
  const customer = state.customer;
  const free = freeSeats(state.subscriptions());
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
      const problem = restoreUpnProblem(upn, customer);
      if (problem) throw problem;
    }
    const takenBy = restoreUpnTakenBy(upn, record.id, claimed, [holder(state.findUser(upn)), holder(request.newUpn ? state.findDeleted(upn) : undefined)]);
    if (takenBy !== undefined) {
      outcomes.push({ status: 'upn-taken', userId: record.id, upn, takenBy });
      continue;
    }
    claimed.add(upn.toLowerCase());
    // Nothing is given back yet: every license the user held waits for a free seat.
    const { licensesRestored, licensesNotRestored } = fitRestoredLicenses(record.licenses, [], free);
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
