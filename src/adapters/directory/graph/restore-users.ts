import { ServiceError } from '../../../domain/errors.js';
import type { Customer, RestoreOutcome, RestoreRequest, Subscription } from '../../../domain/types.js';
import { isValidUpn, splitUpn } from '../../../domain/user-names.js';
import type { GraphContext } from './context.js';
import { fetchDeletedGraphUser, listDeletedGraphUsers } from './deleted-users.js';
import { failureReason } from './graph-errors.js';
import { assignLicenses } from './license-calls.js';
import { isPastRestoreWindow, originalUpn } from './mapping.js';
import { getUser, liveUpnHolder } from './read-users.js';
import { fetchSubscriptions } from './subscriptions.js';

/**
 * Restores deleted users, one after another so each seat count is current. Entra gives back every license a user
 * had without looking at seats, so afterwards licenses beyond the seats bought are removed again, and licenses
 * Entra did not give back are assigned where a seat is free.
 */
export async function restoreUsers(ctx: GraphContext, customerId: string, requests: RestoreRequest[]): Promise<RestoreOutcome[]> {
  const customer = await ctx.customers.get(customerId);
  const tenantId = customer.id;
  for (const r of requests) if (r.newUpn !== undefined) checkNewUpn(r.newUpn, customer);
  const outcomes: RestoreOutcome[] = [];
  const claimed = new Set<string>();
  const done = new Set<string>();
  for (const request of requests) {
    const deleted = done.has(request.userId.toLowerCase()) ? undefined : await fetchDeletedGraphUser(ctx, tenantId, request.userId);
    if (!deleted) {
      outcomes.push({ status: 'not-found', userId: request.userId });
      continue;
    }
    const record = await ctx.records.get(tenantId, deleted.id);
    const oldUpn = originalUpn(deleted);
    if (isPastRestoreWindow(deleted.deletedDateTime ?? record?.deletedAt ?? '', ctx.clock.now())) {
      outcomes.push({ status: 'expired', userId: deleted.id, upn: oldUpn });
      continue;
    }
    const upn = request.newUpn ?? oldUpn;
    const takenBy = claimed.has(upn.toLowerCase()) ? upn : await upnHolderName(ctx, tenantId, upn, deleted.id, request.newUpn !== undefined);
    if (takenBy !== undefined) {
      outcomes.push({ status: 'upn-taken', userId: deleted.id, upn, takenBy });
      continue;
    }
    ctx.changed(tenantId);
    try {
      await ctx.client.send(tenantId, {
        method: 'POST',
        path: `/directory/deletedItems/${deleted.id}/restore`,
        ...(request.newUpn !== undefined ? { body: { newUserPrincipalName: upn } } : {}),
      });
    } catch (error) {
      if (failureReason(error) !== 'conflict') throw error;
      outcomes.push({ status: 'upn-taken', userId: deleted.id, upn, takenBy: upn });
      continue;
    }
    claimed.add(upn.toLowerCase());
    done.add(deleted.id.toLowerCase());
    const wanted = record?.licenses ?? (deleted.assignedLicenses ?? []).map((l) => l.skuId);
    const licenses = await fitLicenses(ctx, tenantId, customer, deleted.id, wanted);
    await ctx.records.remove(tenantId, [deleted.id]);
    outcomes.push({ status: 'restored', user: await getUser(ctx, tenantId, deleted.id, 4), ...licenses });
  }
  return outcomes;
}

function checkNewUpn(upn: string, customer: Customer): void {
  const domain = splitUpn(upn).domain.toLowerCase();
  if (!isValidUpn(upn) || !customer.domains.some((d) => d.toLowerCase() === domain)) {
    throw new ServiceError('INVALID_INPUT', `${upn} is not a valid user name for ${customer.name}.`, { upn });
  }
}

/** Display name of whoever else holds the UPN: a live user, or (for a new name) another deleted user. */
async function upnHolderName(ctx: GraphContext, tenantId: string, upn: string, selfId: string, checkDeleted: boolean): Promise<string | undefined> {
  const live = await liveUpnHolder(ctx, tenantId, upn);
  if (live && live.id !== selfId) return live.displayName ?? live.userPrincipalName;
  if (!checkDeleted) return undefined;
  const other = (await listDeletedGraphUsers(ctx, tenantId)).find((u) => u.id !== selfId && originalUpn(u).toLowerCase() === upn.toLowerCase());
  return other ? (other.displayName ?? upn) : undefined;
}

/** Keeps the restored user's licenses within the seats bought; returns what it got back and what it did not. */
async function fitLicenses(
  ctx: GraphContext,
  tenantId: string,
  customer: Customer,
  userId: string,
  wanted: string[],
): Promise<{ licensesRestored: string[]; licensesNotRestored: string[] }> {
  const now = (await getUser(ctx, tenantId, userId, 4)).licenses;
  const subs = new Map((await fetchSubscriptions(ctx, tenantId)).map((s): [string, Subscription] => [s.skuId, { ...s }]));
  const add: string[] = [];
  const remove: string[] = [];
  const licensesRestored: string[] = [];
  const licensesNotRestored: string[] = [];
  for (const sku of [...new Set(wanted)]) {
    const sub = subs.get(sku);
    const has = now.includes(sku);
    if (sub && has && sub.seatsAssigned <= sub.seatsTotal) licensesRestored.push(sku);
    else if (sub && !has && sub.seatsAssigned < sub.seatsTotal) {
      add.push(sku);
      sub.seatsAssigned++;
      licensesRestored.push(sku);
    } else {
      if (has) {
        remove.push(sku);
        if (sub) sub.seatsAssigned--;
      }
      licensesNotRestored.push(sku);
    }
  }
  // Licenses Entra restored that the user was not meant to have back (e.g. of a cancelled subscription) stay as Entra left them.
  const errors = await assignLicenses(ctx, tenantId, add.length + remove.length > 0 ? [{ userId, add, remove, justCreated: true }] : [], customer.usageLocation);
  const error = errors.get(userId);
  if (error) {
    ctx.logger.warn({ tenantId, userId, code: error.code }, 'Could not fit the restored user\'s licenses to the seats');
    if (remove.length > 0) throw error;
    return { licensesRestored: licensesRestored.filter((s) => !add.includes(s)), licensesNotRestored: [...licensesNotRestored, ...add] };
  }
  return { licensesRestored, licensesNotRestored };
}
