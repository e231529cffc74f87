import { defineAction } from '../app/handler.js';
import { confirmationData } from '../app/ask-confirmation.js';
import { RESET_CONFIRM_VERB } from '../commands/reset-password.js';
import { resetPasswordOperation } from '../operations/reset-password.js';
import { runConfirmed } from '../operations/run-confirmed.js';

export default defineAction({
  verb: RESET_CONFIRM_VERB,
  permission: 'user.resetPassword',
  customerScoped: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, RESET_CONFIRM_VERB, resetPasswordOperation, (p) => p.userId),
});
