import { ServiceError, notFound } from '../../../../domain/errors.js';
import type { LicenseChangeOptions, LicenseChangeRequest, LicenseChangeResult, LicenseOutcome, ActorContext, UserLicenseResult } from '../../../../domain/types.js';
import type { CustomerState } from '../customer-state.js';
import type { StoredUser } from '../schema.js';

/** Adds and removes licenses for many users in one step and one durable write; never assigns beyond seats bought. */
export async function changeLicenses(
  state: CustomerState,
  request: LicenseChangeRequest,
  _ctx: ActorContext,
  options: LicenseChangeOptions,
): Promise<LicenseChangeResult> {
  const add = [...new Set(request.add)];
  const remove = [...new Set(request.remove)];
  const subs = new Map(state.data.subscriptions.map((s) => [s.skuId, s]));
  for (const sku of [...add, ...remove]) if (!subs.has(sku)) throw notFound('Subscription', sku);
  const both = add.find((sku) => remove.includes(sku));
  if (both) throw new ServiceError('INVALID_INPUT', `${subs.get(both)?.name ?? both} cannot be both added and removed.`);

  const users: StoredUser[] = [];
  const seen = new Set<string>();
  for (const id of request.userIds) {
    const user = state.findUser(id);
    if (!user) throw notFound('User', id);
    if (!seen.has(user.id)) users.push(user);
    seen.add(user.id);
  }

  if (options.onShortage === 'fail') {
    for (const sku of add) {
      const needed = users.filter((u) => !u.licenses.includes(sku)).length;
      const available = state.seatsFree(sku);
      if (needed > available) {
        const sub = subs.get(sku);
        throw new ServiceError('NO_SEATS', `${sub?.name} has ${available} free seat(s); ${needed} needed.`, { skuId: sku, skuPartNumber: sub?.skuPartNumber, needed, available });
      }
    }
  }

  const free = new Map(add.map((sku) => [sku, state.seatsFree(sku)]));
  const results: UserLicenseResult[] = [];
  const changes: { user: StoredUser; licenses: string[]; usageLocation?: string }[] = [];
  for (const user of users) {
    const outcomes: Record<string, LicenseOutcome> = {};
    let licenses = user.licenses.filter((sku) => !remove.includes(sku));
    for (const sku of remove) outcomes[sku] = user.licenses.includes(sku) ? 'removed' : 'did-not-have';
    for (const sku of add) {
      if (user.licenses.includes(sku)) outcomes[sku] = 'already-had';
      else if ((free.get(sku) ?? 0) > 0) {
        free.set(sku, (free.get(sku) ?? 0) - 1);
        licenses = [...licenses, sku];
        outcomes[sku] = 'assigned';
      } else outcomes[sku] = 'no-seat';
    }
    const gainsLicense = Object.values(outcomes).includes('assigned');
    const usageLocation = gainsLicense && !user.usageLocation ? state.customer.usageLocation : undefined;
    results.push({ userId: user.id, upn: user.upn, displayName: user.displayName, outcomes, ...(usageLocation ? { usageLocationSet: usageLocation } : {}) });
    if (licenses.length !== user.licenses.length || licenses.some((l, i) => l !== user.licenses[i])) changes.push({ user, licenses, ...(usageLocation ? { usageLocation } : {}) });
  }

  if (changes.length > 0) {
    for (const change of changes) {
      if (change.usageLocation) change.user.usageLocation = change.usageLocation;
      state.setLicenses(change.user, change.licenses);
    }
    await state.persist();
  }
  return { users: results, subscriptions: state.subscriptions() };
}
