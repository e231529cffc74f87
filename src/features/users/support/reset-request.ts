import type { HandlerContext } from '../../../core/handler-context.js';
import { askConfirmation } from '../../../core/confirm/ask-confirmation.js';
import { changeGate } from '../../../core/change-gate.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { checkResetLimit } from './password-reset-limit.js';
import { resetPasswordChange } from '../changes/reset-password.js';
import { VERB } from '../../../cards/verbs.js';
import { findUser } from '../../shared/find-user.js';

/** The confirmation card for a reset: who (name, user name, licenses), after the role, privileged-user and rate checks. */
export async function askResetPassword(ctx: HandlerContext, idOrUpn: string, reason?: string): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  const user = await findUser(ctx, customer.id, idOrUpn);
  const payload = { userId: user.id };
  const refused = await changeGate(ctx, resetPasswordChange, payload, reason);
  if (refused) return refused;
  await checkResetLimit(ctx);
  const summary = await resetPasswordChange.describe(ctx, payload);
  return askConfirmation(ctx, {
    confirmVerb: VERB.userResetPasswordConfirm,
    target: user.id,
    payload,
    ...summary,
    message: `${summary.message} You get the new password in your personal chat with the bot.`,
    confirmTitle: 'Reset password',
    destructive: true,
  });
}
