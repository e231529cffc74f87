import { notFound } from '../../../domain/errors.js';
import type { Actor, DeletedUser } from '../../../domain/types.js';
import type { GraphContext } from './context.js';
import { mapWithConcurrency } from './concurrency.js';
import type { DeletionRecord } from '../../../ports/state/records.js';
import { toDeletedUser } from './mapping.js';
import { adminRolesOf, fetchGraphUser } from './read-users.js';
import { userKeySegment } from './odata.js';
import { USER_SELECT, type GraphUser } from './wire.js';

/**
 * Soft-deletes users (30 days in Entra's recycle bin). What each held and who deleted it is recorded before the
 * delete, so a restore can give the licenses back. If any delete fails, those already deleted are restored again.
 */
export async function deleteUsers(ctx: GraphContext, customerId: string, userIds: string[], actor: Actor): Promise<DeletedUser[]> {
  const tenantId = ctx.customers.entry(customerId).tenantId;
  const keys = [...new Set(userIds.map((id) => id.trim()))];
  for (const key of keys) if (!userKeySegment(key)) throw notFound('User', key);
  const fetched = await mapWithConcurrency(keys, 4, async (key) => {
    const user = await fetchGraphUser(ctx, tenantId, key, USER_SELECT);
    return { user, adminRoles: await adminRolesOf(ctx, tenantId, user.id) };
  });
  const users = [...new Map(fetched.map((f) => [f.user.id, f])).values()];

  const deletedAt = ctx.clock.now().toISOString();
  const records = new Map<string, DeletionRecord>(
    users.map(({ user, adminRoles }) => [
      user.id,
      { upn: user.userPrincipalName, licenses: (user.assignedLicenses ?? []).map((l) => l.skuId), adminRoles, deletedAt, deletedBy: { ...actor } },
    ]),
  );
  await ctx.records.put(tenantId, records);

  ctx.changed(tenantId);
  const results = await ctx.client.batch(tenantId, users.map(({ user }) => ({ method: 'DELETE' as const, path: `/users/${user.id}` })));
  // The cause, not the calls left unsent because of it.
  const firstFailure = results.find((r) => !r.ok && r.reason !== 'not-sent') ?? results.find((r) => !r.ok);
  if (firstFailure && !firstFailure.ok) {
    const done = users.filter((_, i) => results[i]?.ok).map(({ user }) => user.id);
    const undone = await ctx.client.batch(tenantId, done.map((id) => ({ method: 'POST' as const, path: `/directory/deletedItems/${id}/restore`, notFoundRetries: 3 })));
    if (undone.some((r) => !r.ok)) ctx.logger.error({ tenantId }, 'Could not restore users after a failed bulk delete');
    await ctx.records.remove(tenantId, users.filter((_, i) => !results[i]?.ok || undone[done.indexOf(users[i]?.user.id ?? '')]?.ok).map(({ user }) => user.id));
    throw firstFailure.reason === 'not-found' ? notFound('User', users[results.indexOf(firstFailure)]?.user.userPrincipalName ?? '') : firstFailure.error;
  }
  return users.map(({ user }) => toDeletedUser({ ...user, deletedDateTime: deletedAt } satisfies GraphUser, records.get(user.id)));
}
