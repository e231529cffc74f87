import { defineAction } from '../../../core/action.js';
import { confirmationData } from '../../../core/confirm/ask-confirmation.js';
import { createUserChange } from '../changes/create-user.js';
import { runConfirmed } from '../../../core/confirm/run-confirmed.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.userCreateConfirm,
  permission: 'user.create',
  customerScoped: true,
  approvable: true,
  schema: confirmationData,
  handle: (ctx, { confirmationId }) => runConfirmed(ctx, confirmationId, VERB.userCreateConfirm, createUserChange, (p) => p.upn.toLowerCase()),
});
