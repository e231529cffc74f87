import { defineAction } from '../../../core/action.js';
import { confirmationData } from '../../../core/confirm/ask-confirmation.js';
import { resetImportPasswordsChange } from '../changes/reset-import-passwords.js';
import { runConfirmed } from '../../../core/confirm/run-confirmed.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.importPasswordsResetConfirm,
  permission: 'user.resetPassword',
  customerScoped: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, VERB.importPasswordsResetConfirm, resetImportPasswordsChange, (p) => p.importId),
});
