import type { Customer, RestoreOutcome, RestoreRequest } from '../../../domain/types.js';
import { restoreUpnProblem, restoreUpnTakenBy, type UpnHolder } from '../../../domain/rules/new-upn.js';
import { fitRestoredLicenses, withoutAdds } from '../../../domain/rules/restore-fit.js';
import { isPastRestoreWindow } from '../../../domain/rules/restore-window.js';
import { seatBalance } from '../../../domain/rules/seats.js';
import type { GraphContext } from './context.js';
import { fetchDeletedGraphUser, listDeletedGraphUsers } from './deleted-users.js';
import { failureReason } from './graph-errors.js';
import { assignLicenses } from './license-calls.js';
import { originalUpn } from './mapping.js';
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
  for (const r of requests) {
    const problem = r.newUpn !== undefined ? restoreUpnProblem(r.newUpn, customer) : null;
    if (problem) throw problem;
  }
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
    const renaming = upn.toLowerCase() !== oldUpn.toLowerCase();
    // v1.0's restore takes no new name (that is beta only): the user comes back under its old name, then is renamed.
    // So both names must be free: the old one to come back under, the new one to move to.
    const taken = await firstTaken(ctx, tenantId, renaming ? [oldUpn, upn] : [upn], deleted.id, claimed, renaming);
    if (taken) {
      outcomes.push({ status: 'upn-taken', userId: deleted.id, ...taken });
      continue;
    }
    ctx.changed(tenantId);
    try {
      await ctx.client.send(tenantId, { method: 'POST', path: `/directory/deletedItems/${deleted.id}/restore` });
    } catch (error) {
      if (failureReason(error) !== 'conflict') throw error;
      outcomes.push({ status: 'upn-taken', userId: deleted.id, upn: oldUpn, takenBy: oldUpn });
      continue;
    }
    done.add(deleted.id.toLowerCase());
    const renameFailed = renaming ? await rename(ctx, tenantId, deleted.id, upn) : undefined;
    claimed.add((renameFailed ? oldUpn : upn).toLowerCase());
    const wanted = record?.licenses ?? (deleted.assignedLicenses ?? []).map((l) => l.skuId);
    const licenses = await fitLicenses(ctx, tenantId, customer, deleted.id, wanted);
    await ctx.records.remove(tenantId, [deleted.id]);
    outcomes.push({ status: 'restored', user: await getUser(ctx, tenantId, deleted.id, 4), ...licenses, ...(renameFailed ? { renameFailed } : {}) });
  }
  return outcomes;
}

/** The first of the names someone else holds (claimed earlier in this batch, live, or for a new name deleted). */
async function firstTaken(ctx: GraphContext, tenantId: string, upns: string[], selfId: string, claimed: Set<string>, checkDeleted: boolean): Promise<{ upn: string; takenBy: string } | undefined> {
  for (const upn of upns) {
    // A name claimed earlier in this batch needs no lookup.
    const holders = claimed.has(upn.toLowerCase()) ? [] : await upnHolders(ctx, tenantId, upn, selfId, checkDeleted);
    const takenBy = restoreUpnTakenBy(upn, selfId, claimed, holders);
    if (takenBy !== undefined) return { upn, takenBy };
  }
  return undefined;
}

/** PATCH the restored user's name; what went wrong if it did not (the user stays restored under its old name). */
async function rename(ctx: GraphContext, tenantId: string, userId: string, upn: string): Promise<{ wanted: string; reason: string } | undefined> {
  try {
    await ctx.client.send(tenantId, { method: 'PATCH', path: `/users/${userId}`, body: { userPrincipalName: upn }, notFoundRetries: 4 });
    return undefined;
  } catch (error) {
    ctx.logger.warn({ tenantId, userId, code: (error as { code?: string }).code }, 'Restored, but the new user name could not be set');
    const reason = failureReason(error) === 'conflict' ? 'someone else took that name meanwhile' : ((error as Error).message || 'Microsoft Graph refused');
    return { wanted: upn, reason };
  }
}

/** Whoever else holds the UPN: a live user, or (for a new name) another deleted user. */
async function upnHolders(ctx: GraphContext, tenantId: string, upn: string, selfId: string, checkDeleted: boolean): Promise<UpnHolder[]> {
  const live = await liveUpnHolder(ctx, tenantId, upn);
  if (live && live.id !== selfId) return [{ id: live.id, name: live.displayName ?? live.userPrincipalName }];
  if (!checkDeleted) return [];
  const other = (await listDeletedGraphUsers(ctx, tenantId)).find((u) => u.id !== selfId && originalUpn(u).toLowerCase() === upn.toLowerCase());
  return other ? [{ id: other.id, name: other.displayName ?? upn }] : [];
}

/** Keeps the restored user's licenses within the seats bought; returns what it got back and what it did not. */
async function fitLicenses(
  ctx: GraphContext,
  tenantId: string,
  customer: Customer,
  userId: string,
  wanted: string[],
): Promise<{ licensesRestored: string[]; licensesNotRestored: string[] }> {
  const held = (await getUser(ctx, tenantId, userId, 4)).licenses;
  const fit = fitRestoredLicenses(wanted, held, seatBalance(await fetchSubscriptions(ctx, tenantId)));
  const { add, remove, licensesRestored, licensesNotRestored } = fit;
  // Licenses Entra restored that the user was not meant to have back (e.g. of a cancelled subscription) stay as Entra left them.
  const errors = await assignLicenses(ctx, tenantId, add.length + remove.length > 0 ? [{ userId, add, remove, justCreated: true }] : [], customer.usageLocation);
  const error = errors.get(userId);
  if (error) {
    ctx.logger.warn({ tenantId, userId, code: error.code }, 'Could not fit the restored user\'s licenses to the seats');
    if (remove.length > 0) throw error;
    return withoutAdds(fit);
  }
  return { licensesRestored, licensesNotRestored };
}
