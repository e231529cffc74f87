import { defineAction } from '../../../core/action.js';
import { askConfirmation } from '../../../core/confirm/ask-confirmation.js';
import { changeGate } from '../../../core/change-gate.js';
import { resetImportPasswordsChange, resetImportPasswordsPayload } from '../changes/reset-import-passwords.js';
import { VERB } from '../../../cards/verbs.js';

/** "Reset their passwords" on an import's result or status card: confirmed first, like `reset password`. */
export default defineAction({
  verb: VERB.importPasswordsReset,
  permission: 'user.resetPassword',
  customerScoped: true,
  approvable: true,
  schema: resetImportPasswordsPayload,
  async handle(ctx, payload) {
    const refused = await changeGate(ctx, resetImportPasswordsChange, payload);
    if (refused) return { card: refused };
    const summary = await resetImportPasswordsChange.describe(ctx, payload);
    const card = await askConfirmation(ctx, {
      confirmVerb: VERB.importPasswordsResetConfirm,
      target: payload.importId,
      payload,
      ...summary,
      message: `${summary.message} The current passwords stop working now. You get the new passwords in your personal chat with the bot.`,
      confirmTitle: 'Reset passwords',
      destructive: true,
    });
    return { card };
  },
});
