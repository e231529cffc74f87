import { ServiceError, notFound } from '../../../domain/errors.js';
import type { Page, PageRequest, User, UserFilter, AdminRoles, UnknownAdminRoles } from '../../../domain/types.js';
import { isValidUpn } from '../../../domain/user-names.js';
import { EVENTUAL, type GraphContext } from './context.js';
import { failureReason } from './graph-errors.js';
import { toUser } from './mapping.js';
import { UPN_IN_LIMIT, isGuid, odataGuid, odataString, upnInFilter, userKeySegment, withQuery } from './odata.js';
import { DEFAULT_PAGE_SIZE } from './graph-client.js';
import { listDeletedGraphUsers } from './deleted-users.js';
import { USER_SELECT, directoryObjectIdSchema, directoryRoleSchema, graphUserSchema, type GraphUser } from './wire.js';
import { originalUpn } from './mapping.js';

const TEXT_FIELDS = ['displayName', 'givenName', 'surname', 'userPrincipalName', 'mail'] as const;
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * The $filter for a UserFilter; undefined = everyone, null = nobody (e.g. a SKU id that is not a GUID).
 * User text only ever appears as an escaped string literal.
 */
export function userFilterClause(filter: UserFilter): { filter?: string; advanced: boolean } | null {
  switch (filter.kind) {
    case 'all':
      return { advanced: false };
    case 'unlicensed':
      return { filter: 'assignedLicenses/$count eq 0', advanced: true };
    case 'licensed':
      return { filter: 'assignedLicenses/$count ne 0', advanced: true };
    case 'sku':
      return isGuid(filter.skuId) ? { filter: `assignedLicenses/any(x:x/skuId eq ${odataGuid(filter.skuId)})`, advanced: false } : null;
    case 'text': {
      const text = filter.text.trim().slice(0, 256);
      if (!text) return { advanced: false };
      return { filter: TEXT_FIELDS.map((field) => `startswith(${field},${odataString(text)})`).join(' or '), advanced: false };
    }
  }
}

/** Graph has no $skip for users: the whole (filtered) listing is read once, sorted like the embedded store, cached. */
export async function listUsers(ctx: GraphContext, customerId: string, filter: UserFilter, page: PageRequest): Promise<Page<User>> {
  const tenantId = ctx.customers.entry(customerId).tenantId;
  const clause = userFilterClause(filter);
  if (!clause) return { items: [], total: 0, skip: page.skip, top: page.top };
  const users = await ctx.userLists.get(tenantId, clause.filter ?? '*', async () => {
    const path = withQuery('/users', {
      $select: USER_SELECT,
      $top: DEFAULT_PAGE_SIZE,
      $filter: clause.filter,
      ...(clause.advanced ? { $count: 'true' } : {}),
    });
    const [raw, roles] = await Promise.all([ctx.client.getAll(tenantId, path, graphUserSchema, clause.advanced ? EVENTUAL : undefined), rolesByUser(ctx, tenantId)]);
    return raw.map((u) => toUser(u, roles instanceof Map ? (roles.get(u.id) ?? []) : roles)).sort((a, b) => collator.compare(a.displayName, b.displayName) || collator.compare(a.upn, b.upn));
  });
  return { items: users.slice(page.skip, page.skip + page.top), total: users.length, skip: page.skip, top: page.top };
}

/**
 * The Graph permission without which directory roles and their members cannot be read. User.Read.All, which the app
 * is documented to need, does not include it.
 */
export const ROLES_UNREADABLE: UnknownAdminRoles = { unknown: true, missingPermission: 'Directory.Read.All' };

/**
 * userId -> names of the directory roles it holds (one request per activated role, typically a handful); or unknown
 * for everyone when Graph refuses: a refusal is not "nobody is an admin".
 */
async function rolesByUser(ctx: GraphContext, tenantId: string): Promise<Map<string, string[]> | UnknownAdminRoles> {
  const map = new Map<string, string[]>();
  try {
    const roles = await ctx.client.getAll(tenantId, '/directoryRoles?$select=id,displayName', directoryRoleSchema);
    await Promise.all(
      roles.map(async (role) => {
        if (!role.id || !isGuid(role.id)) return;
        const members = await ctx.client.getAll(tenantId, `/directoryRoles/${role.id}/members?$select=id`, directoryObjectIdSchema);
        for (const m of members) map.set(m.id, [...(map.get(m.id) ?? []), role.displayName ?? 'Administrator']);
      }),
    );
  } catch (error) {
    if (failureReason(error) !== 'forbidden') throw error;
    ctx.logger.warn({ tenantId }, 'Cannot read directory roles; admin roles are unknown');
    return { ...ROLES_UNREADABLE };
  }
  return map;
}

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
    const roles = await ctx.client.getAll(tenantId, `/users/${encodeURIComponent(userId)}/memberOf/microsoft.graph.directoryRole?$select=displayName`, directoryRoleSchema);
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
