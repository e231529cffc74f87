import { z } from 'zod';
import { ServiceError, notFound } from '../../../domain/errors.js';
import type { Page, PageRequest, User, UserFilter, AdminRoles, UnknownAdminRoles } from '../../../domain/types.js';
import { isValidUpn } from '../../../domain/user-names.js';
import { EVENTUAL, type GraphContext } from './context.js';
import { failureReason } from './graph-errors.js';
import { toUser } from './mapping.js';
import { UPN_IN_LIMIT, isGuid, odataString, upnInFilter, userKeySegment, withQuery } from './odata.js';
import { userQuery } from './user-query.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { DEFAULT_PAGE_SIZE } from './graph-client.js';
import { listDeletedGraphUsers } from './deleted-users.js';
import { USER_SELECT, collectionSchema, directoryRoleSchema, graphUserSchema, type GraphUser } from './wire.js';
import { originalUpn } from './mapping.js';

/** Graph's most users per page. */
const MAX_TOP = 999;

const countSchema = z.number().int().min(0);
const usersPageSchema = collectionSchema(graphUserSchema);

/**
 * One page straight from Graph: $top = the page size, the total from @odata.count, sorted by display name, the next
 * page as a cursor around @odata.nextLink. At most three requests whatever the tenant's size: the page, the admin
 * roles of the users on it (one $batch per 20), or only $count when no items are wanted.
 */
export async function listUsers(ctx: GraphContext, customerId: string, filter: UserFilter, page: PageRequest): Promise<Page<User>> {
  const tenantId = ctx.customers.entry(customerId).tenantId;
  const query = userQuery(filter);
  if (!query) return { items: [], total: 0, offset: 0, top: page.top };
  if (page.top <= 0) {
    const total = await ctx.client.get(tenantId, withQuery('/users/$count', { ...query }), countSchema, EVENTUAL);
    return { items: [], total, offset: 0, top: page.top };
  }
  const first = withQuery('/users', { ...query, $select: USER_SELECT, $top: Math.min(page.top, MAX_TOP), $count: 'true', $orderby: 'displayName' });
  const cursor = decodeCursor(page.cursor, first);
  const body = await ctx.client.get(tenantId, cursor?.link ?? first, usersPageSchema, EVENTUAL);
  const offset = cursor?.offset ?? 0;
  const total = body['@odata.count'] ?? cursor?.total ?? offset + body.value.length;
  const roles = await rolesOfUsers(ctx, tenantId, body.value.map((u) => u.id));
  const items = body.value.map((u) => toUser(u, roles.get(u.id) ?? { ...ROLES_UNREADABLE }));
  const nextLink = body['@odata.nextLink'];
  const next = nextLink ? encodeCursor(nextLink, offset + items.length, total) : undefined;
  return { items, total, offset, top: page.top, ...(next ? { next } : {}) };
}

/**
 * The Graph permission without which directory roles and their members cannot be read. User.Read.All, which the app
 * is documented to need, does not include it.
 */
export const ROLES_UNREADABLE: UnknownAdminRoles = { unknown: true, missingPermission: 'Directory.Read.All' };

/**
 * userId -> names of the directory roles it holds, for the users of one page only ($batch of memberOf casts); a user
 * whose roles Graph refuses to show gets "unknown" (a refusal is not "no roles"); other failures fail the listing.
 */
async function rolesOfUsers(ctx: GraphContext, tenantId: string, userIds: string[]): Promise<Map<string, AdminRoles>> {
  const map = new Map<string, AdminRoles>();
  const ids = userIds.filter(isGuid);
  if (ids.length === 0) return map;
  const results = await ctx.client.batch(tenantId, ids.map((id) => ({ method: 'GET' as const, path: rolesPath(id) })));
  let refused = false;
  results.forEach((result, i) => {
    const id = ids[i] as string;
    if (!result.ok) {
      if (result.reason !== 'forbidden') throw result.error;
      refused = true;
      map.set(id, { ...ROLES_UNREADABLE });
      return;
    }
    const parsed = rolesSchema.safeParse(result.body);
    if (!parsed.success) throw new ServiceError('UPSTREAM', 'Microsoft Graph sent a response this app does not understand.');
    map.set(id, parsed.data.value.map((r) => r.displayName ?? 'Administrator'));
  });
  if (refused) ctx.logger.warn({ tenantId }, 'Cannot read directory roles; admin roles are unknown');
  return map;
}

const rolesSchema = collectionSchema(directoryRoleSchema);
const rolesPath = (userId: string): string => `/users/${userId.toLowerCase()}/memberOf/microsoft.graph.directoryRole?$select=displayName`;

/** The Graph user by id or UPN, or NOT_FOUND; retries 404s when the user was just created or restored. */
export async function fetchGraphUser(ctx: GraphContext, tenantId: string, idOrUpn: string, select: string, notFoundRetries = 0): Promise<GraphUser> {
  const key = userKeySegment(idOrUpn);
  if (!key) throw notFound('User', idOrUpn);
  try {
    return await ctx.client.get(tenantId, withQuery(`/users/${key}`, { $select: select }), graphUserSchema, undefined, notFoundRetries);
  } catch (error) {
    if (failureReason(error) === 'not-found') throw notFound('User', idOrUpn);
    throw error;
  }
}

/** The user's directory role names; unknown (never none) when Graph refuses to tell. */
export async function adminRolesOf(ctx: GraphContext, tenantId: string, userId: string): Promise<AdminRoles> {
  try {
    const roles = await ctx.client.getAll(tenantId, rolesPath(encodeURIComponent(userId)), directoryRoleSchema);
    return roles.map((r) => r.displayName ?? 'Administrator');
  } catch (error) {
    if (failureReason(error) !== 'forbidden') throw error;
    ctx.logger.warn({ tenantId }, 'Cannot read the admin roles of a user; they are unknown');
    return { ...ROLES_UNREADABLE };
  }
}

export async function getUser(ctx: GraphContext, customerId: string, idOrUpn: string, notFoundRetries = 0): Promise<User> {
  const tenantId = ctx.customers.entry(customerId).tenantId;
  const raw = await fetchGraphUser(ctx, tenantId, idOrUpn, USER_SELECT, notFoundRetries);
  return toUser(raw, await adminRolesOf(ctx, tenantId, raw.id));
}

/** The live user holding a UPN, if any. */
export async function liveUpnHolder(ctx: GraphContext, tenantId: string, upn: string): Promise<GraphUser | undefined> {
  const path = withQuery('/users', { $filter: `userPrincipalName eq ${odataString(upn)}`, $select: 'id,userPrincipalName,displayName' });
  const [holder] = await ctx.client.getAll(tenantId, path, graphUserSchema);
  return holder;
}

/** Live users checked 15 names per filter, all filters in $batch requests; deleted users from the recycle bin. */
export async function upnsInUse(ctx: GraphContext, customerId: string, upns: string[]): Promise<Set<string>> {
  const tenantId = ctx.customers.entry(customerId).tenantId;
  const wanted = [...new Set(upns.map((u) => u.trim().toLowerCase()))].filter(isValidUpn);
  const inUse = new Set<string>();
  if (wanted.length === 0) return inUse;
  const calls = [];
  for (let i = 0; i < wanted.length; i += UPN_IN_LIMIT) {
    const path = withQuery('/users', { $filter: upnInFilter(wanted.slice(i, i + UPN_IN_LIMIT)), $select: 'id,userPrincipalName', $top: DEFAULT_PAGE_SIZE });
    calls.push({ method: 'GET' as const, path });
  }
  const [results, deleted] = await Promise.all([ctx.client.batch(tenantId, calls), listDeletedGraphUsers(ctx, tenantId)]);
  for (const result of results) {
    if (!result.ok) throw result.error;
    const body = result.body as { value?: unknown[] };
    for (const raw of body.value ?? []) {
      const user = graphUserSchema.safeParse(raw);
      if (!user.success) throw new ServiceError('UPSTREAM', 'Microsoft Graph sent a response this app does not understand.');
      inUse.add(user.data.userPrincipalName.toLowerCase());
    }
  }
  for (const user of deleted) inUse.add(originalUpn(user).toLowerCase());
  return new Set(wanted.filter((u) => inUse.has(u)));
}
