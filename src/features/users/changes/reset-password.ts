import { z } from 'zod';
import { defineChange } from '../../../core/change.js';
import type { HandlerContext } from '../../../core/handler-context.js';
import { notice } from '../../../cards/messages.js';
import { licenseNames } from '../../shared/resolve.js';
import { type User, adminRolesText, holdsAdminRole } from '../../../domain/types.js';
import { deliverPassword } from '../../shared/password-delivery.js';
import { checkResetLimit, RESET_ACTION } from '../support/password-reset-limit.js';
import { VERB } from '../../../cards/verbs.js';

const payloadSchema = z.object({ userId: z.string().min(1).max(64) });
export type ResetPasswordPayload = z.infer<typeof payloadSchema>;

export async function userFacts(ctx: HandlerContext, user: User): Promise<{ title: string; value: string }[]> {
  const subscriptions = await ctx.service.listSubscriptions((await ctx.customer()).id);
  return [
    { title: 'Name', value: user.displayName },
    { title: 'User name', value: user.upn },
    { title: 'Licenses', value: licenseNames(user, subscriptions).join(', ') || 'None' },
    ...(holdsAdminRole(user) !== false ? [{ title: 'Admin roles', value: adminRolesText(user.adminRoles) }] : []),
  ];
}

/** Sets a new temporary password (must change at next sign-in) and shows it only to the requester. */
export const resetPasswordChange = defineChange<ResetPasswordPayload>({
  kind: RESET_ACTION,
  permission: 'user.resetPassword',
  policyName: 'reset',
  payloadSchema,
  targetUserIds: async (_ctx, payload) => [payload.userId],
  async describe(ctx, { userId }) {
    const user = await ctx.service.getUser((await ctx.customer()).id, userId);
    return {
      title: `Reset the password of ${user.displayName}?`,
      message: `${user.displayName} gets a new temporary password and must change it at the next sign-in. The current password stops working now.`,
      facts: await userFacts(ctx, user),
    };
  },
  async execute(ctx, { userId }) {
    const customer = await ctx.customer();
    await checkResetLimit(ctx);
    let reset;
    try {
      reset = await ctx.service.resetPassword(customer.id, userId, { actor: { aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name } });
    } catch (error) {
      const upn = await ctx.service.getUser(customer.id, userId).then((u) => u.upn, () => userId);
      await ctx.audit({ action: RESET_ACTION, target: upn, outcome: 'failure', details: { code: (error as { code?: string }).code ?? 'INTERNAL', userId } });
      throw error;
    }
    const { user, temporaryPassword } = reset;
    ctx.app.log.info({ action: RESET_ACTION, customerId: customer.id, userId: user.id, upn: user.upn }, 'password reset');
    await ctx.audit({ action: RESET_ACTION, target: user.upn, outcome: 'success', details: { userId: user.id } });
    const facts = await userFacts(ctx, user);
    const delivery = await deliverPassword(ctx, {
      title: `New temporary password: ${user.displayName}`,
      displayName: user.displayName,
      upn: user.upn,
      temporaryPassword,
      facts: [{ title: 'Customer', value: customer.name }, ...facts],
    });
    return [
      notice(`Password reset for ${user.displayName}`, delivery.note, {
        color: delivery.delivered ? 'Good' : 'Warning',
        facts: [{ title: 'User name', value: user.upn }],
        actions: [{ title: 'Show user', verb: VERB.userShow, data: { userId: user.id } }],
      }),
    ];
  },
});
