import { ServiceError, notFound } from '../../../domain/errors.js';
import type { LicenseChangeOptions, LicenseChangeRequest, LicenseChangeResult, UserLicenseResult } from '../../../domain/types.js';
import { checkLicenseRequest, planLicenseChange, requireSeatsForAll } from '../../../domain/rules/license-plan.js';
import { freeSeats } from '../../../domain/rules/seats.js';
import type { GraphContext } from './context.js';
import { assignLicenses, setUsageLocation, type LicenseCall } from './license-calls.js';
import { userKeySegment, withQuery } from './odata.js';
import { fetchSubscriptions } from './subscriptions.js';
import { USER_SELECT_WITH_STATES, graphUserSchema, type GraphUser } from './wire.js';

/**
 * Adds and removes licenses for many users, never beyond the seats bought: seats are counted before any call.
 * 'fail' changes nothing when short; 'partial' gives the free seats to the first users. If Graph still refuses a
 * user (someone took the seat meanwhile), 'fail' undoes the users already changed; 'partial' reports 'no-seat'.
 */
export async function changeLicenses(ctx: GraphContext, customerId: string, request: LicenseChangeRequest, options: LicenseChangeOptions): Promise<LicenseChangeResult> {
  const customer = ctx.customers.entry(customerId);
  const tenantId = customer.tenantId;
  const subs = await fetchSubscriptions(ctx, tenantId);
  const { add, remove } = checkLicenseRequest(request, subs);

  const users = await fetchUsers(ctx, tenantId, request.userIds);
  for (const user of users) refuseInherited(user, remove);

  const planUsers = users.map((u) => ({ id: u.id, upn: u.userPrincipalName, displayName: u.displayName ?? '', licenses: licensesOf(u), usageLocation: u.usageLocation }));
  const free = freeSeats(subs);
  if (options.onShortage === 'fail') requireSeatsForAll(planUsers, add, free, subs);
  const { results, changes } = planLicenseChange(planUsers, add, remove, free, customer.usageLocation);
  const calls: LicenseCall[] = changes.map((c) => ({ userId: c.userId, add: c.add, remove: c.remove }));
  if (calls.length === 0) return { users: results, subscriptions: subs };

  ctx.changed(tenantId);
  // A license needs a usage location; set the customer's first rather than waiting for Graph to refuse.
  for (const result of results) if (result.usageLocationSet) await setUsageLocation(ctx, tenantId, result.userId, result.usageLocationSet);
  const errors = await assignLicenses(ctx, tenantId, calls, customer.usageLocation);
  if (errors.size > 0) {
    await settleFailures(ctx, tenantId, calls, errors, results, options);
    return { users: results, subscriptions: await fetchSubscriptions(ctx, tenantId) };
  }
  // Every call went through: the seats now are those read before plus what was done (no second read of the SKUs).
  return { users: results, subscriptions: subs.map((s) => ({ ...s, seatsAssigned: s.seatsAssigned + seatDelta(results, s.skuId) })) };
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

/** Seats taken (+) and freed (-) of one SKU by the outcomes of a change that fully went through. */
function seatDelta(results: UserLicenseResult[], skuId: string): number {
  let delta = 0;
  for (const r of results) {
    const outcome = r.outcomes[skuId];
    if (outcome === 'assigned') delta++;
    if (outcome === 'removed') delta--;
  }
  return delta;
}
