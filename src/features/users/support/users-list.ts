import { z } from 'zod';
import { type HandlerContext } from '../../../core/handler-context.js';
import { access } from '../../../core/permissions.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { usersListCard } from '../../../cards/directory.js';
import { type UserFilter, holdsAdminRole } from '../../../domain/types.js';
import { licenseNames } from '../../shared/resolve.js';
import { subscriptionNamed } from '../../shared/subscription-named.js';

export const USERS_PAGE_SIZE = 20;

/** The filter words of `users`, kept as text in card data so Next/Previous re-run the same query. */
export const usersFilterText = z.string().trim().max(200, 'That filter is too long.');

async function toFilter(ctx: HandlerContext, customerId: string, text: string): Promise<{ filter: UserFilter; label: string }> {
  const lower = text.toLowerCase();
  if (!text) return { filter: { kind: 'all' }, label: '' };
  if (lower === 'unlicensed') return { filter: { kind: 'unlicensed' }, label: 'without a license' };
  if (lower === 'licensed') return { filter: { kind: 'licensed' }, label: 'with a license' };
  if (lower.startsWith('sku:')) {
    const sub = await subscriptionNamed(ctx, customerId, text.slice(4));
    return { filter: { kind: 'sku', skuId: sub.skuId }, label: `with ${sub.name}` };
  }
  return { filter: { kind: 'text', text }, label: `matching "${text}"` };
}

export async function usersPage(ctx: HandlerContext, filterText: string, skip: number): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  const { filter, label } = await toFilter(ctx, customer.id, filterText);
  const [page, subscriptions] = await Promise.all([
    ctx.service.listUsers(customer.id, filter, { skip: Math.max(0, skip), top: USERS_PAGE_SIZE }),
    ctx.service.listSubscriptions(customer.id),
  ]);
  if (page.items.length === 0 && page.total > 0 && skip > 0) return usersPage(ctx, filterText, Math.floor((page.total - 1) / USERS_PAGE_SIZE) * USERS_PAGE_SIZE);
  const first = page.total === 0 ? 0 : page.skip + 1;
  const canManage = access(ctx.roles, 'license.change') !== 'deny' && page.items.length > 0;
  return usersListCard.render({
    title: `${customer.name} users${label ? ` ${label}` : ''} (${page.total})`,
    summary: page.total === 0 ? 'No users.' : `Showing ${first}-${page.skip + page.items.length} of ${page.total}. Select a user for details${canManage ? ', or tick users and press Manage licenses' : ''}.`,
    emptyText: filter.kind === 'unlicensed' ? 'Every user has a license.' : 'No users match.',
    filter: filterText,
    rows: page.items.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      upn: u.upn,
      licenses: licenseNames(u, subscriptions).join(', ') || 'No license',
      admin: holdsAdminRole(u) === true,
      rolesUnknown: holdsAdminRole(u) === 'unknown',
    })),
    hasPrevious: page.skip > 0,
    previousSkip: Math.max(0, page.skip - USERS_PAGE_SIZE),
    hasNext: page.skip + page.items.length < page.total,
    nextSkip: page.skip + USERS_PAGE_SIZE,
    skip: page.skip,
    canManage,
  });
}
