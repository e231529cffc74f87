import { defineAction } from '../app/handler.js';
import { confirmationData } from '../app/ask-confirmation.js';
import { CREATE_CONFIRM_VERB } from '../commands/create-user.js';
import { createUserOperation } from '../operations/create-user.js';
import { runConfirmed } from '../operations/run-confirmed.js';

export default defineAction({
  verb: CREATE_CONFIRM_VERB,
  permission: 'user.create',
  customerScoped: true,
  approvable: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, CREATE_CONFIRM_VERB, createUserOperation, (p) => p.upn.toLowerCase()),
});
