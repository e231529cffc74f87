import { z } from 'zod';
import { defineCommand, type HandlerContext } from '../app/handler.js';
import type { AdaptiveCard } from '../cards/card-template.js';
import { userDetailsCard } from '../cards/directory.js';
import { userActions } from './user-actions.js';

export const userKey = z.string().trim().min(1, 'Say which user, for example `user adele.vance@contoso.onmicrosoft.com`.').max(320);

export async function userDetails(ctx: HandlerContext, idOrUpn: string): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  const [user, subscriptions] = await Promise.all([ctx.service.getUser(customer.id, idOrUpn), ctx.service.listSubscriptions(customer.id)]);
  const byId = new Map(subscriptions.map((s) => [s.skuId, s]));
  const facts = [
    { title: 'Usage location', value: user.usageLocation ?? 'Not set' },
    { title: 'Admin roles', value: user.adminRoles.join(', ') || 'None' },
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
    actions: userActions(ctx, user),
  });
}

export default defineCommand({
  name: 'user',
  permission: 'directory.read',
  customerScoped: true,
  category: 'Users',
  summary: "One user's details, with the actions you may take.",
  usage: 'user <upn>',
  examples: ['user adele.vance@contoso.onmicrosoft.com'],
  schema: userKey,
  handle: (ctx, upn) => userDetails(ctx, upn),
});
