import { defineAction } from '../../../core/action.js';
import { confirmationData } from '../../../core/confirm/ask-confirmation.js';
import { CREATE_CONFIRM_VERB } from '../commands/create-user.js';
import { createUserChange } from '../changes/create-user.js';
import { runConfirmed } from '../../../core/confirm/run-confirmed.js';

export default defineAction({
  verb: CREATE_CONFIRM_VERB,
  permission: 'user.create',
  customerScoped: true,
  approvable: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, CREATE_CONFIRM_VERB, createUserChange, (p) => p.upn.toLowerCase()),
});
