import { type HandlerContext } from '../../../core/handler-context.js';
import { mayActOnPrivilegedUsers } from '../../../core/permissions.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { manageLicensesCard } from '../../../cards/licenses.js';
import { errorCardFor } from '../../../cards/messages.js';
import { seatsText } from './license-result.js';
import { listNames } from './license-payload.js';
import { seatsAvailable, type User, holdsAdminRole } from '../../../domain/types.js';

const SHOWN_USERS = 10;
/** The card carries the chosen ids in its Save button; 100 keeps it well under Teams' 28 KB. */
export const MAX_MANAGED_USERS = 100;

function holdersText(holders: number, users: number): string {
  if (users === 1) return holders ? 'has it' : 'does not have it';
  if (holders === 0) return 'nobody has it';
  return holders === users ? `all ${users} have it` : `${holders} of ${users} have it`;
}

/** The "Manage licenses" card for the chosen users: one switch per subscription, applied on Save. */
export async function licensesManager(ctx: HandlerContext, users: readonly User[]): Promise<AdaptiveCard> {
  if (users.length > MAX_MANAGED_USERS) {
    return errorCardFor('INVALID_INPUT', `The card manages at most ${MAX_MANAGED_USERS} users at a time; you chose ${users.length}.`, [], 'For more users use `assign <SKU> to ...` or `remove <SKU> from ...`.');
  }
  if (!mayActOnPrivilegedUsers(ctx.roles)) {
    const privileged = users.filter((u) => holdsAdminRole(u) !== false).map((u) => u.displayName);
    if (privileged.length > 0) {
      return errorCardFor('FORBIDDEN', `${listNames(privileged, 5)} hold${privileged.length === 1 ? 's' : ''} an admin role (or the bot may not read their roles); only a Global admin or Admin agent may change their licenses.`);
    }
  }
  const customer = await ctx.customer();
  const subscriptions = await ctx.service.listSubscriptions(customer.id);
  const n = users.length;
  return manageLicensesCard.render({
    title: n === 1 ? `Manage licenses of ${users[0]?.displayName}` : `Manage licenses of ${n} users`,
    summary:
      n === 1
        ? 'Switch a license on to assign it, off to remove it.'
        : 'Switch a license on to assign it to every chosen user, off to remove it from every chosen user. Where only some have it, choose what to do.',
    users: users.slice(0, SHOWN_USERS).map((u) => ({ displayName: u.displayName, upn: u.upn })),
    moreUsers: n > SHOWN_USERS ? `and ${n - SHOWN_USERS} more` : '',
    userIds: users.map((u) => u.id),
    rows: subscriptions.map((s) => {
      const holders = users.filter((u) => u.licenses.includes(s.skuId)).length;
      return {
        skuId: s.skuId,
        name: s.name,
        skuPartNumber: s.skuPartNumber,
        seats: seatsText(s),
        available: seatsAvailable(s),
        mixed: holders > 0 && holders < n,
        held: holders === n,
        holders: holdersText(holders, n),
      };
    }),
  });
}
