import { z } from 'zod';
import { type HandlerContext } from '../../../core/handler-context.js';
import { access } from '../../../core/permissions.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { usersListCard } from '../../../cards/directory.js';
import { type Subscription, type UserFilter, holdsAdminRole } from '../../../domain/types.js';
import { licenseNames } from '../../shared/resolve.js';
import { subscriptionNamed } from '../../shared/subscription-named.js';
import { FIRST_PAGE, pageLinks, showing, type PagePosition } from '../../shared/paging.js';

export const USERS_PAGE_SIZE = 20;

/** The filter words of `users`, kept as text in card data so Next/Previous re-run the same query. */
export const usersFilterText = z.string().trim().max(200, 'That filter is too long.');

async function toFilter(ctx: HandlerContext, customerId: string, text: string, subscriptions: Promise<Subscription[]>): Promise<{ filter: UserFilter; label: string }> {
  const lower = text.toLowerCase();
  if (!text) return { filter: { kind: 'all' }, label: '' };
  if (lower === 'unlicensed') return { filter: { kind: 'unlicensed' }, label: 'without a license' };
  if (lower === 'licensed') return { filter: { kind: 'licensed' }, label: 'with a license' };
  if (lower.startsWith('sku:')) {
    const sub = await subscriptionNamed(ctx, customerId, text.slice(4), subscriptions);
    return { filter: { kind: 'sku', skuId: sub.skuId }, label: `with ${sub.name}` };
  }
  return { filter: { kind: 'text', text }, label: `matching "${text}"` };
}

export async function usersPage(ctx: HandlerContext, filterText: string, at: PagePosition = FIRST_PAGE): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  // Read once: `sku:` needs them to find the SKU, every page to name the licenses.
  const subscriptionsRead = ctx.service.listSubscriptions(customer.id);
  subscriptionsRead.catch(() => undefined);
  const { filter, label } = await toFilter(ctx, customer.id, filterText, subscriptionsRead);
  const [page, subscriptions] = await Promise.all([ctx.service.listUsers(customer.id, filter, { cursor: at.cursor, top: USERS_PAGE_SIZE }), subscriptionsRead]);
  // Past the end (users were deleted since the card was shown): start again.
  if (page.items.length === 0 && page.total > 0 && at.cursor) return usersPage(ctx, filterText);
  const canManage = access(ctx.roles, 'license.change') !== 'deny' && page.items.length > 0;
  const links = pageLinks(at, page);
  return usersListCard.render({
    title: `${customer.name} users${label ? ` ${label}` : ''} (${page.total})`,
    summary: page.total === 0 ? 'No users.' : `${showing(page)} Select a user for details${canManage ? ', or tick users and press Manage licenses' : ''}.`,
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
    hasPrevious: links.previous !== undefined,
    previous: links.previous ?? FIRST_PAGE,
    hasNext: links.next !== undefined,
    next: links.next ?? FIRST_PAGE,
    at,
    canManage,
  });
}
