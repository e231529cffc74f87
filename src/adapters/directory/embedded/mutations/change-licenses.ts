import { notFound } from '../../../../domain/errors.js';
import type { LicenseChangeOptions, LicenseChangeRequest, LicenseChangeResult, ActorContext } from '../../../../domain/types.js';
import { checkLicenseRequest, planLicenseChange, requireSeatsForAll } from '../../../../domain/rules/license-plan.js';
import { freeSeats } from '../../../../domain/rules/seats.js';
import type { CustomerState } from '../customer-state.js';
import type { StoredUser } from '../schema.js';

/** Adds and removes licenses for many users in one step and one durable write; never assigns beyond seats bought. */
export async function changeLicenses(
  state: CustomerState,
  request: LicenseChangeRequest,
  _ctx: ActorContext,
  options: LicenseChangeOptions,
): Promise<LicenseChangeResult> {
  const subs = state.subscriptions();
  const { add, remove } = checkLicenseRequest(request, subs);

  const users: StoredUser[] = [];
  const seen = new Set<string>();
  for (const id of request.userIds) {
    const user = state.findUser(id);
    if (!user) throw notFound('User', id);
    if (!seen.has(user.id)) users.push(user);
    seen.add(user.id);
  }

  const free = freeSeats(subs);
  if (options.onShortage === 'fail') requireSeatsForAll(users, add, free, subs);
  const { results, changes } = planLicenseChange(users, add, remove, free, state.customer.usageLocation);
  if (changes.length > 0) {
    const byId = new Map(users.map((u) => [u.id, u]));
    for (const change of changes) {
      const user = byId.get(change.userId) as StoredUser;
      if (change.usageLocation) user.usageLocation = change.usageLocation;
      state.setLicenses(user, change.licenses);
    }
    await state.persist();
  }
  return { users: results, subscriptions: state.subscriptions() };
}
