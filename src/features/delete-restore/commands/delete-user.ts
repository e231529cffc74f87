import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import type { HandlerContext } from '../../../core/handler-context.js';
import { askConfirmation } from '../../../core/confirm/ask-confirmation.js';
import { changeGate } from '../../../core/change-gate.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { notice } from '../../../cards/messages.js';
import { isServiceError } from '../../../domain/errors.js';
import type { User } from '../../../domain/types.js';
import deleteUsers from '../changes/delete-users.js';
import { dayAndTime } from '../support/deleted-format.js';
import { splitList } from '../support/user-list.js';
import { withReason } from '../../shared/reason.js';

export const DELETE_CONFIRM_VERB = 'user.delete.confirm';
const MAX_USERS = 20;

const userKeys = z
  .string()
  .transform(splitList)
  .pipe(
    z
      .array(z.string().max(320))
      .min(1, 'Say which user to delete, for example `delete user adele.vance@contoso.onmicrosoft.com`.')
      .max(MAX_USERS, `Delete at most ${MAX_USERS} users at a time.`),
  );

/** Finds the users, checks the caller may delete them, and answers with the confirmation card (nothing changes yet). */
export async function requestDeletion(ctx: HandlerContext, keys: string[], reason?: string): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  const users = new Map<string, User>();
  for (const key of keys) {
    try {
      const user = await ctx.service.getUser(customer.id, key);
      users.set(user.id, user);
    } catch (error) {
      if (!isServiceError(error) || error.code !== 'NOT_FOUND') throw error;
      const deleted = await ctx.service.getDeletedUser(customer.id, key).catch(() => undefined);
      if (!deleted) throw error;
      return notice('Already deleted', `${deleted.displayName} (${deleted.upn}) was deleted on ${dayAndTime(deleted.deletedAt)} by ${deleted.deletedBy.name}. It can be restored until ${dayAndTime(deleted.restorableUntil)}.`, {
        actions: [{ title: 'Deleted users', verb: 'deleted.page', data: { skip: 0 } }],
      });
    }
  }
  const payload = { userIds: [...users.keys()] };
  const refused = await changeGate(ctx, deleteUsers, payload, reason);
  if (refused) return refused;
  const summary = await deleteUsers.describe(ctx, payload);
  return askConfirmation(ctx, {
    confirmVerb: DELETE_CONFIRM_VERB,
    target: [...payload.userIds].sort().join(','),
    payload,
    ...summary,
    confirmTitle: users.size === 1 ? 'Delete user' : `Delete ${users.size} users`,
    destructive: true,
  });
}

export default defineCommand({
  name: 'delete user',
  permission: 'user.delete',
  customerScoped: true,
  approvable: true,
  category: 'Users',
  summary: 'Delete users after a confirmation; they can be restored for 30 days.',
  usage: 'delete user <upn>[, <upn>...] [because <reason>]',
  examples: ['delete user adele.vance@contoso.onmicrosoft.com', 'delete user adele.vance@contoso.onmicrosoft.com because ticket 4711'],
  schema: withReason(userKeys),
  handle: (ctx, { args, reason }) => requestDeletion(ctx, args, reason),
});
