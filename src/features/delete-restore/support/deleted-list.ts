import { type HandlerContext } from '../../../core/handler-context.js';
import { access, mayActOnPrivilegedUsers } from '../../../core/permissions.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { deletedUsersCard } from '../../../cards/deleted.js';
import { type DeletedUser, adminRolesText, holdsAdminRole } from '../../../domain/types.js';
import { day, daysLeft, skuNames } from './deleted-format.js';
import { FIRST_PAGE, pageLinks, showing, type PagePosition } from '../../shared/paging.js';

export const DELETED_PAGE_SIZE = 20;

function windowText(user: DeletedUser, now: Date): { window: string; windowColor: 'Default' | 'Warning' | 'Attention' } {
  const left = daysLeft(user.restorableUntil, now);
  if (left === 0) return { window: 'The restore window has closed; it will be purged for good shortly.', windowColor: 'Attention' };
  return { window: `${left} day${left === 1 ? '' : 's'} left to restore (until ${day(user.restorableUntil)})`, windowColor: left <= 3 ? 'Warning' : 'Default' };
}

/** One page of the restore list; message is guidance shown above it (e.g. nothing was ticked). */
export async function deletedPage(ctx: HandlerContext, at: PagePosition = FIRST_PAGE, message = ''): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  const [page, subscriptions] = await Promise.all([
    ctx.service.listDeletedUsers(customer.id, { cursor: at.cursor, top: DELETED_PAGE_SIZE }),
    ctx.service.listSubscriptions(customer.id),
  ]);
  // Past the end (users were restored or purged since the card was shown): start again.
  if (page.items.length === 0 && page.total > 0 && at.cursor) return deletedPage(ctx, FIRST_PAGE, message);
  const now = ctx.app.clock.now();
  const mayRestore = access(ctx.roles, 'user.restore') !== 'deny';
  const mayRestoreAdmins = mayActOnPrivilegedUsers(ctx.roles);
  const lockedAdmin = (u: DeletedUser) => mayRestore && !mayRestoreAdmins && holdsAdminRole(u) !== false;
  const rows = page.items.map((u, i) => ({
    id: u.id,
    inputId: `restore_${i}`,
    displayName: u.displayName,
    upn: u.upn,
    deleted: `Deleted ${day(u.deletedAt)} by ${u.deletedBy.name}`,
    ...windowText(u, now),
    licenses: skuNames(u.licenses, subscriptions).join(', ') || 'No license',
    note: lockedAdmin(u) ? `${holdsAdminRole(u) === 'unknown' ? 'May hold an admin role' : 'Holds an admin role'} (${adminRolesText(u.adminRoles)}): only a Global admin or Admin agent can restore it.` : '',
    selectable: mayRestore && !lockedAdmin(u) && daysLeft(u.restorableUntil, now) > 0,
  }));
  const shown = showing(page) ? ` ${showing(page)}` : '';
  const links = pageLinks(at, page);
  return deletedUsersCard.render({
    title: `Deleted users (${page.total})`,
    summary: `${customer.name}.${shown}${rows.some((r) => r.selectable) ? ' Tick the users to bring back, then press Restore selected.' : ''}`,
    message,
    emptyText: 'No deleted users. Users you delete stay here for 30 days, then they are purged for good.',
    rows,
    canRestore: rows.some((r) => r.selectable),
    at,
    hasPrevious: links.previous !== undefined,
    previous: links.previous ?? FIRST_PAGE,
    hasNext: links.next !== undefined,
    next: links.next ?? FIRST_PAGE,
  });
}
