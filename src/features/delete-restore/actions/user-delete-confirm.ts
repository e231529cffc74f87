import { defineAction } from '../../../core/action.js';
import { confirmationData } from '../../../core/confirm/ask-confirmation.js';
import { runConfirmed } from '../../../core/confirm/run-confirmed.js';
import { DELETE_CONFIRM_VERB, deletionTarget } from '../support/deletion-request.js';
import deleteUsers from '../changes/delete-users.js';

/** Confirm on the delete confirmation: runs exactly the stored payload, once, after checking the caller again. */
export default defineAction({
  verb: DELETE_CONFIRM_VERB,
  permission: 'user.delete',
  customerScoped: true,
  approvable: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, DELETE_CONFIRM_VERB, deleteUsers, deletionTarget),
});
