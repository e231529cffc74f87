import { defineAction } from '../../../core/action.js';
import { confirmationData } from '../../../core/confirm/ask-confirmation.js';
import { resetPasswordChange } from '../changes/reset-password.js';
import { runConfirmed } from '../../../core/confirm/run-confirmed.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.userResetPasswordConfirm,
  permission: 'user.resetPassword',
  customerScoped: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, VERB.userResetPasswordConfirm, resetPasswordChange, (p) => p.userId),
});
