import { defineAction } from '../../../core/action.js';
import { confirmationData } from '../../../core/confirm/ask-confirmation.js';
import { runConfirmed } from '../../../core/confirm/run-confirmed.js';
import { deletionTarget } from '../support/deletion-request.js';
import deleteUsers from '../changes/delete-users.js';
import { VERB } from '../../../cards/verbs.js';

/** Confirm on the delete confirmation: runs exactly the stored payload, once, after checking the caller again. */
export default defineAction({
  verb: VERB.userDeleteConfirm,
  permission: 'user.delete',
  customerScoped: true,
  approvable: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, VERB.userDeleteConfirm, deleteUsers, deletionTarget),
});
