import { defineAction } from '../../../core/action.js';
import { confirmationData } from '../../../core/confirm/ask-confirmation.js';
import { RESET_CONFIRM_VERB } from '../support/reset-request.js';
import { resetPasswordChange } from '../changes/reset-password.js';
import { runConfirmed } from '../../../core/confirm/run-confirmed.js';

export default defineAction({
  verb: RESET_CONFIRM_VERB,
  permission: 'user.resetPassword',
  customerScoped: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, RESET_CONFIRM_VERB, resetPasswordChange, (p) => p.userId),
});
