import type { HandlerContext } from '../../../core/handler-context.js';
import { askConfirmation } from '../../../core/confirm/ask-confirmation.js';
import { changeGate } from '../../../core/change-gate.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { notice } from '../../../cards/messages.js';
import { isServiceError } from '../../../domain/errors.js';
import type { User } from '../../../domain/types.js';
import deleteUsers from '../changes/delete-users.js';
import { dayAndTime } from './deleted-format.js';
import { VERB } from '../../../cards/verbs.js';
import { nearestUser } from '../../shared/find-user.js';

/** What a delete confirmation is bound to: the set of users, whatever order they were named in. */
export const deletionTarget = (payload: { userIds: readonly string[] }): string => [...payload.userIds].sort().join(',');

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
      if (!deleted) {
        const user = await nearestUser(ctx, customer.id, key);
        users.set(user.id, user);
        continue;
      }
      return notice('Already deleted', `${deleted.displayName} (${deleted.upn}) was deleted on ${dayAndTime(deleted.deletedAt)} by ${deleted.deletedBy.name}. It can be restored until ${dayAndTime(deleted.restorableUntil)}.`, {
        actions: [{ title: 'Deleted users', verb: VERB.deletedPage, data: {} }],
      });
    }
  }
  const payload = { userIds: [...users.keys()] };
  const refused = await changeGate(ctx, deleteUsers, payload, reason);
  if (refused) return refused;
  const summary = await deleteUsers.describe(ctx, payload);
  return askConfirmation(ctx, {
    confirmVerb: VERB.userDeleteConfirm,
    target: deletionTarget(payload),
    payload,
    ...summary,
    confirmTitle: users.size === 1 ? 'Delete user' : `Delete ${users.size} users`,
    destructive: true,
  });
}
