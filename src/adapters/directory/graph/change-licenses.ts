import { ServiceError, notFound } from '../../../domain/errors.js';
import type { LicenseChangeOptions, LicenseChangeRequest, LicenseChangeResult, LicenseOutcome, UserLicenseResult } from '../../../domain/types.js';
import type { GraphContext } from './context.js';
import { assignLicenses, setUsageLocation, type LicenseCall } from './license-calls.js';
import { userKeySegment, withQuery } from './odata.js';
import { fetchSubscriptions, freeSeats } from './subscriptions.js';
import { USER_SELECT_WITH_STATES, graphUserSchema, type GraphUser } from './wire.js';

/**
 * Adds and removes licenses for many users, never beyond the seats bought: seats are counted before any call.
 * 'fail' changes nothing when short; 'partial' gives the free seats to the first users. If Graph still refuses a
 * user (someone took the seat meanwhile), 'fail' undoes the users already changed; 'partial' reports 'no-seat'.
 */
export async function changeLicenses(ctx: GraphContext, customerId: string, request: LicenseChangeRequest, options: LicenseChangeOptions): Promise<LicenseChangeResult> {
  const customer = ctx.customers.entry(customerId);
  const tenantId = customer.tenantId;
  const add = [...new Set(request.add)];
  const remove = [...new Set(request.remove)];
  const subs = await fetchSubscriptions(ctx, tenantId);
  const subOf = new Map(subs.map((s) => [s.skuId, s]));
  for (const sku of [...add, ...remove]) if (!subOf.has(sku)) throw notFound('Subscription', sku);
  const both = add.find((sku) => remove.includes(sku));
  if (both) throw new ServiceError('INVALID_INPUT', `${subOf.get(both)?.name ?? both} cannot be both added and removed.`);

  const users = await fetchUsers(ctx, tenantId, request.userIds);
  for (const user of users) refuseInherited(user, remove);

  if (options.onShortage === 'fail') {
    for (const sku of add) {
      const needed = users.filter((u) => !licensesOf(u).includes(sku)).length;
      const available = freeSeats(subs).get(sku) ?? 0;
      if (needed > available) {
        const sub = subOf.get(sku);
        throw new ServiceError('NO_SEATS', `${sub?.name} has ${available} free seat(s); ${needed} needed.`, { skuId: sku, skuPartNumber: sub?.skuPartNumber, needed, available });
      }
    }
  }

  const free = freeSeats(subs);
  const results: UserLicenseResult[] = [];
  const calls: LicenseCall[] = [];
  for (const user of users) {
    const held = licensesOf(user);
    const outcomes: Record<string, LicenseOutcome> = {};
    for (const sku of remove) outcomes[sku] = held.includes(sku) ? 'removed' : 'did-not-have';
    for (const sku of add) {
      if (held.includes(sku)) outcomes[sku] = 'already-had';
      else if ((free.get(sku) ?? 0) > 0) {
        free.set(sku, (free.get(sku) ?? 0) - 1);
        outcomes[sku] = 'assigned';
      } else outcomes[sku] = 'no-seat';
    }
    const call = { userId: user.id, add: add.filter((s) => outcomes[s] === 'assigned'), remove: remove.filter((s) => outcomes[s] === 'removed') };
    const usageLocationSet = call.add.length > 0 && !user.usageLocation ? customer.usageLocation : undefined;
    results.push({ userId: user.id, upn: user.userPrincipalName, displayName: user.displayName ?? '', outcomes, ...(usageLocationSet ? { usageLocationSet } : {}) });
    if (call.add.length + call.remove.length > 0) calls.push(call);
  }
  if (calls.length === 0) return { users: results, subscriptions: subs };

  ctx.changed(tenantId);
  // A license needs a usage location; set the customer's first rather than waiting for Graph to refuse.
  for (const result of results) if (result.usageLocationSet) await setUsageLocation(ctx, tenantId, result.userId, result.usageLocationSet);
  const errors = await assignLicenses(ctx, tenantId, calls, customer.usageLocation);
  if (errors.size > 0) await settleFailures(ctx, tenantId, calls, errors, results, options);
  return { users: results, subscriptions: await fetchSubscriptions(ctx, tenantId) };
}

async function settleFailures(
  ctx: GraphContext,
  tenantId: string,
  calls: LicenseCall[],
  errors: Map<string, ServiceError>,
  results: UserLicenseResult[],
  options: LicenseChangeOptions,
): Promise<void> {
  const onlySeats = [...errors.values()].every((e) => e.code === 'NO_SEATS');
  if (options.onShortage === 'partial' && onlySeats) {
    // The seat went to someone else meanwhile: keep this user's removals, report the additions as 'no-seat'.
    const retry = calls.filter((c) => errors.has(c.userId) && c.remove.length > 0).map((c) => ({ ...c, add: [] }));
    const still = await assignLicenses(ctx, tenantId, retry, '');
    for (const result of results) {
      if (!errors.has(result.userId)) continue;
      for (const [sku, outcome] of Object.entries(result.outcomes)) {
        if (outcome === 'assigned') result.outcomes[sku] = 'no-seat';
        if (outcome === 'removed' && still.has(result.userId)) throw still.get(result.userId) as ServiceError;
      }
    }
    return;
  }
  // Undo the users already changed, so the caller can rely on "nothing changed" when this throws.
  const undo = calls.filter((c) => !errors.has(c.userId)).map((c) => ({ userId: c.userId, add: c.remove, remove: c.add }));
  const notUndone = await assignLicenses(ctx, tenantId, undo, '');
  if (notUndone.size > 0) ctx.logger.error({ tenantId, userIds: [...notUndone.keys()] }, 'Could not undo a failed license change for some users');
  throw errors.values().next().value as ServiceError;
}

/** Each user once (by id or UPN), read with its license states; NOT_FOUND before anything changes. */
async function fetchUsers(ctx: GraphContext, tenantId: string, userIds: string[]): Promise<GraphUser[]> {
  const keys = [...new Set(userIds.map((id) => id.trim()))];
  for (const key of keys) if (!userKeySegment(key)) throw notFound('User', key);
  const results = await ctx.client.batch(
    tenantId,
    keys.map((key) => ({ method: 'GET' as const, path: withQuery(`/users/${userKeySegment(key)}`, { $select: USER_SELECT_WITH_STATES }) })),
  );
  const users = new Map<string, GraphUser>();
  results.forEach((result, i) => {
    if (!result.ok) throw result.reason === 'not-found' ? notFound('User', keys[i] as string) : result.error;
    const user = graphUserSchema.safeParse(result.body);
    if (!user.success) throw new ServiceError('UPSTREAM', 'Microsoft Graph sent a response this app does not understand.');
    if (!users.has(user.data.id)) users.set(user.data.id, user.data);
  });
  return [...users.values()];
}

const licensesOf = (user: GraphUser): string[] => (user.assignedLicenses ?? []).map((l) => l.skuId);

/** Entra cannot remove a license a group gives; say so before changing anything. */
function refuseInherited(user: GraphUser, remove: string[]): void {
  for (const sku of remove) {
    if (!licensesOf(user).includes(sku)) continue;
    const states = (user.licenseAssignmentStates ?? []).filter((s) => s.skuId === sku);
    if (states.length > 0 && states.every((s) => s.assignedByGroup)) {
      throw new ServiceError(
        'LICENSE_INHERITED',
        `${user.displayName ?? user.userPrincipalName} gets this license from a group; remove them from the group (or the license from the group) instead.`,
        { userId: user.id, upn: user.userPrincipalName, skuId: sku, groupId: states[0]?.assignedByGroup },
      );
    }
  }
}
