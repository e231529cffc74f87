import { notFound } from '../../../domain/errors.js';
import type { DeletedUser, Page, PageRequest } from '../../../domain/types.js';
import type { GraphContext } from './context.js';
import { DEFAULT_PAGE_SIZE } from './graph-client.js';
import { failureReason } from './graph-errors.js';
import { sliceToPage } from '../../../domain/offset-page.js';
import { isPastRestoreWindow } from '../../../domain/rules/restore-window.js';
import { originalUpn, toDeletedUser } from './mapping.js';
import { guidSegment, withQuery } from './odata.js';
import { DELETED_USER_SELECT, graphUserSchema, type GraphUser } from './wire.js';

/** The recycle bin's users (cached briefly: upnsInUse and listings ask for it often). */
export function listDeletedGraphUsers(ctx: GraphContext, tenantId: string): Promise<GraphUser[]> {
  return ctx.deletedLists.get(tenantId, 'deleted', () =>
    ctx.client.getAll(tenantId, withQuery('/directory/deletedItems/microsoft.graph.user', { $select: DELETED_USER_SELECT, $top: DEFAULT_PAGE_SIZE }), graphUserSchema),
  );
}

/** A deleted user read fresh from Graph by id; undefined when Graph no longer has it. */
export async function fetchDeletedGraphUser(ctx: GraphContext, tenantId: string, userId: string): Promise<GraphUser | undefined> {
  const id = guidSegment(userId);
  if (!id) return undefined;
  try {
    // Cast to user: $select of user properties on a directoryObject is not valid v1.0.
    return await ctx.client.get(tenantId, withQuery(`/directory/deletedItems/${id}/microsoft.graph.user`, { $select: DELETED_USER_SELECT }), graphUserSchema);
  } catch (error) {
    if (failureReason(error) === 'not-found') return undefined;
    throw error;
  }
}

/** Recycle-bin entries completed by our deletion records. */
const withRecords = (ctx: GraphContext, tenantId: string, users: GraphUser[]): Promise<DeletedUser[]> =>
  Promise.all(users.map(async (u) => toDeletedUser(u, await ctx.records.get(tenantId, u.id))));

const newestFirst = (a: DeletedUser, b: DeletedUser): number => b.deletedAt.localeCompare(a.deletedAt);

export async function listDeletedUsers(ctx: GraphContext, customerId: string, page: PageRequest): Promise<Page<DeletedUser>> {
  const tenantId = ctx.customers.entry(customerId).tenantId;
  const users = (await withRecords(ctx, tenantId, await listDeletedGraphUsers(ctx, tenantId))).sort(newestFirst);
  // The recycle bin holds what was deleted in the last 30 days, not the tenant: read whole, paged from memory.
  return sliceToPage(users, page);
}

export async function getDeletedUser(ctx: GraphContext, customerId: string, idOrUpn: string): Promise<DeletedUser> {
  const tenantId = ctx.customers.entry(customerId).tenantId;
  const key = idOrUpn.trim();
  const byId = guidSegment(key);
  const user = byId
    ? await fetchDeletedGraphUser(ctx, tenantId, byId)
    : (await listDeletedGraphUsers(ctx, tenantId)).find((u) => originalUpn(u).toLowerCase() === key.toLowerCase());
  if (!user) throw notFound('Deleted user', idOrUpn);
  return toDeletedUser(user, await ctx.records.get(tenantId, user.id));
}

/** Permanently deletes recycle-bin users past the 30-day window (Entra does so itself too; a 404 means it already did). */
export async function purgeExpired(ctx: GraphContext, customerId: string): Promise<DeletedUser[]> {
  const tenantId = ctx.customers.entry(customerId).tenantId;
  const now = ctx.clock.now();
  const expired = (await withRecords(ctx, tenantId, await listDeletedGraphUsers(ctx, tenantId))).filter((u) => isPastRestoreWindow(u.deletedAt, now) && guidSegment(u.id));
  if (expired.length === 0) return [];
  const results = await ctx.client.batch(
    tenantId,
    expired.map((u) => ({ method: 'DELETE' as const, path: `/directory/deletedItems/${guidSegment(u.id)}` })),
  );
  ctx.changed(tenantId);
  const purged = expired.filter((_, i) => {
    const r = results[i];
    return r?.ok || r?.reason === 'not-found';
  });
  await ctx.records.remove(tenantId, purged.map((u) => u.id));
  const failed = results.find((r) => r && !r.ok && r.reason !== 'not-found');
  if (failed && !failed.ok) ctx.logger.warn({ tenantId, code: failed.error.code }, 'Some expired users could not be purged');
  return purged.sort(newestFirst);
}
