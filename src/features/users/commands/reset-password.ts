import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import type { HandlerContext } from '../../../core/handler-context.js';
import { askConfirmation } from '../../../core/confirm/ask-confirmation.js';
import { changeGate } from '../../../core/change-gate.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { checkResetLimit } from '../support/password-reset-limit.js';
import { resetPasswordChange } from '../changes/reset-password.js';
import { withReason } from '../../shared/reason.js';

export const RESET_CONFIRM_VERB = 'user.resetPassword.confirm';

/** The confirmation card for a reset: who (name, user name, licenses), after the role, privileged-user and rate checks. */
export async function askResetPassword(ctx: HandlerContext, idOrUpn: string, reason?: string): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  const user = await ctx.service.getUser(customer.id, idOrUpn);
  const payload = { userId: user.id };
  const refused = await changeGate(ctx, resetPasswordChange, payload, reason);
  if (refused) return refused;
  await checkResetLimit(ctx);
  const summary = await resetPasswordChange.describe(ctx, payload);
  return askConfirmation(ctx, {
    confirmVerb: RESET_CONFIRM_VERB,
    target: user.id,
    payload,
    ...summary,
    message: `${summary.message} You get the new password in your personal chat with the bot.`,
    confirmTitle: 'Reset password',
    destructive: true,
  });
}

export default defineCommand({
  name: 'reset password',
  permission: 'user.resetPassword',
  customerScoped: true,
  category: 'Users',
  summary: "Give a user a new temporary password (asks you to confirm; the password comes to you privately).",
  usage: 'reset password <upn> [because <reason>]',
  examples: ['reset password adele.vance@contoso.onmicrosoft.com'],
  schema: withReason(z.string().trim().min(1, 'Say whose password, for example `reset password adele.vance@contoso.onmicrosoft.com`.').max(320)),
  handle: (ctx, { args, reason }) => askResetPassword(ctx, args, reason),
});
