import { z } from 'zod';
import { type HandlerContext } from '../../../core/handler-context.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { userDetailsCard } from '../../../cards/directory.js';
import { isServiceError, ServiceError } from '../../../domain/errors.js';
import { adminRolesText } from '../../../domain/types.js';
import { userActions } from './user-actions.js';
import { usersPage } from './users-list.js';

export const userKey = z.string().trim().min(1, 'Say which user, for example `user adele.vance@contoso.onmicrosoft.com`.').max(320);

/**
 * By UPN or id; failing that, text that is not a user name ("adele", "Adele Vance") is searched: one match shows
 * that user, several show the matching list to pick from.
 */
export async function userOrSearch(ctx: HandlerContext, customerId: string, text: string): Promise<AdaptiveCard> {
  try {
    return await userDetails(ctx, text);
  } catch (error) {
    if (!isServiceError(error) || error.code !== 'NOT_FOUND' || text.includes('@')) throw error;
    const found = await ctx.service.listUsers(customerId, { kind: 'text', text }, { top: 2 });
    if (found.total === 0) throw new ServiceError('NOT_FOUND', `No user of this customer matches "${text}". Type \`users\` to see them all.`, { what: 'User', key: text });
    if (found.total === 1 && found.items[0]) return userDetails(ctx, found.items[0].id);
    return usersPage(ctx, text);
  }
}

export async function userDetails(ctx: HandlerContext, idOrUpn: string): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  const [user, subscriptions] = await Promise.all([ctx.service.getUser(customer.id, idOrUpn), ctx.service.listSubscriptions(customer.id)]);
  const byId = new Map(subscriptions.map((s) => [s.skuId, s]));
  const facts = [
    { title: 'Usage location', value: user.usageLocation ?? 'Not set' },
    { title: 'Admin roles', value: adminRolesText(user.adminRoles) },
    ...(user.jobTitle ? [{ title: 'Job title', value: user.jobTitle }] : []),
    ...(user.department ? [{ title: 'Department', value: user.department }] : []),
    { title: 'Created', value: user.createdAt.slice(0, 10) },
    { title: 'Object id', value: user.id },
  ];
  return userDetailsCard.render({
    userId: user.id,
    displayName: user.displayName,
    upn: user.upn,
    facts,
    licenses: user.licenses.map((id) => ({ name: byId.get(id)?.name ?? id, skuPartNumber: byId.get(id)?.skuPartNumber ?? '' })),
    ...userActions(ctx, user),
  });
}
