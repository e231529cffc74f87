import { z } from 'zod';
import { defineChange } from '../../../core/change.js';
import type { HandlerContext } from '../../../core/handler-context.js';
import { access } from '../../../core/permissions.js';
import { notice } from '../../../cards/messages.js';
import { isServiceError } from '../../../domain/errors.js';
import { DAY_MS } from '../../../domain/clock.js';
import { RESTORE_WINDOW_DAYS, type User, adminRolesText, holdsAdminRole } from '../../../domain/types.js';
import { dayAndTime, seatSummary, skuNames } from '../support/deleted-format.js';
import { SeatDelta, seatChangeFact } from '../../shared/seat-change.js';
import { VERB } from '../../../cards/verbs.js';

export const deleteUsersPayload = z.object({ userIds: z.array(z.string().min(1).max(100)).min(1).max(50) });
export type DeleteUsersPayload = z.infer<typeof deleteUsersPayload>;

const names = (users: readonly User[]): string => users.map((u) => u.displayName).join(', ');

/** Soft-deletes users (they can be restored for 30 days); confirmed first, or approved. */
export default defineChange<DeleteUsersPayload>({
  kind: 'user.delete',
  permission: 'user.delete',
  policyName: 'delete',
  payloadSchema: deleteUsersPayload,
  targetUserIds: async (_ctx, { userIds }) => userIds,

  async describe(ctx, { userIds }) {
    const customer = await ctx.customer();
    const [users, subscriptions] = await Promise.all([
      Promise.all(userIds.map((id) => ctx.service.getUser(customer.id, id))),
      ctx.service.listSubscriptions(customer.id),
    ]);
    const until = dayAndTime(new Date(ctx.app.clock.now().getTime() + RESTORE_WINDOW_DAYS * DAY_MS).toISOString());
    const seats = seatSummary(users.map((u) => u.licenses), subscriptions);
    const one = users.length === 1 ? users[0] : undefined;
    const admins = users.filter((u) => holdsAdminRole(u) !== false);
    return {
      title: one ? `Delete ${one.displayName}?` : `Delete ${users.length} users?`,
      message:
        `${one ? one.displayName : `These ${users.length} users`} will be removed from ${customer.name}'s user list and can no longer sign in. ` +
        (seats ? `${one ? 'Its' : 'Their'} license seats are freed for others. ` : '') +
        `Until ${until} ${one ? 'the account' : 'each account'} can be restored with its licenses, where seats are still free; after that it is deleted for good.`,
      facts: [
        one ? { title: 'User', value: `${one.displayName} (${one.upn})` } : { title: 'Users', value: names(users) },
        { title: 'Seats freed', value: seats || 'None (no license)' },
        ...[seatChangeFact(new SeatDelta().addAll(users.map((u) => u.licenses), -1), subscriptions)].filter((f) => f !== undefined),
        ...(admins.length ? [{ title: 'Admin roles', value: admins.map((u) => `${u.displayName}: ${adminRolesText(u.adminRoles)}`).join('; ') }] : []),
        { title: 'Restorable until', value: until },
      ],
    };
  },

  async execute(ctx: HandlerContext, { userIds }) {
    const customer = await ctx.customer();
    const subscriptions = await ctx.service.listSubscriptions(customer.id);
    const actor = { aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name };
    let deleted;
    try {
      deleted = await ctx.service.deleteUsers(customer.id, userIds, { actor });
    } catch (error) {
      const upns = await Promise.all(userIds.map((id) => ctx.service.getUser(customer.id, id).then((u) => u.upn, () => id)));
      await ctx.audit({ action: 'user.delete', target: upns.join(', '), outcome: 'failure', details: { code: isServiceError(error) ? error.code : 'INTERNAL', userIds } });
      throw error;
    }
    for (const user of deleted) {
      await ctx.audit({
        action: 'user.delete',
        target: user.upn,
        outcome: 'success',
        details: { userId: user.id, licenses: skuNames(user.licenses, subscriptions), restorableUntil: user.restorableUntil },
      });
    }
    const one = deleted.length === 1 ? deleted[0] : undefined;
    const until = dayAndTime(deleted[0]?.restorableUntil ?? ctx.app.clock.now().toISOString());
    const mayRestore = access(ctx.roles, 'user.restore') !== 'deny';
    return [
      notice(one ? `${one.displayName} was deleted` : `${deleted.length} users were deleted`, `Restorable with \`deleted\` or \`restore <upn>\` until ${until}.`, {
        color: 'Good',
        facts: [
          one ? { title: 'User', value: `${one.displayName} (${one.upn})` } : { title: 'Users', value: names(deleted) },
          { title: 'Seats freed', value: seatSummary(deleted.map((u) => u.licenses), subscriptions) || 'None' },
        ],
        actions: [
          ...(mayRestore ? [{ title: 'Undo: restore', verb: VERB.deletedRestore, data: { userIds: deleted.map((u) => u.id).join(',') } }] : []),
          { title: 'Deleted users', verb: VERB.deletedPage, data: {} },
        ],
      }),
    ];
  },
});
