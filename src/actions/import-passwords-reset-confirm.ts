import { defineAction } from '../app/handler.js';
import { confirmationData } from '../app/ask-confirmation.js';
import { resetImportPasswordsOperation } from '../operations/reset-import-passwords.js';
import { runConfirmed } from '../operations/run-confirmed.js';
import { IMPORT_RESET_CONFIRM_VERB } from './import-passwords-reset.js';

export default defineAction({
  verb: IMPORT_RESET_CONFIRM_VERB,
  permission: 'user.resetPassword',
  customerScoped: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, IMPORT_RESET_CONFIRM_VERB, resetImportPasswordsOperation, (p) => p.importId),
});
