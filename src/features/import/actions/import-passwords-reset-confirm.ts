import { defineAction } from '../../../core/action.js';
import { confirmationData } from '../../../core/confirm/ask-confirmation.js';
import { resetImportPasswordsChange } from '../changes/reset-import-passwords.js';
import { runConfirmed } from '../../../core/confirm/run-confirmed.js';
import { IMPORT_RESET_CONFIRM_VERB } from './import-passwords-reset.js';

export default defineAction({
  verb: IMPORT_RESET_CONFIRM_VERB,
  permission: 'user.resetPassword',
  customerScoped: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, IMPORT_RESET_CONFIRM_VERB, resetImportPasswordsChange, (p) => p.importId),
});
