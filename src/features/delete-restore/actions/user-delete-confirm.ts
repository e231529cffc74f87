import { defineAction } from '../../../core/action.js';
import { confirmationData, takeConfirmation } from '../../../core/confirm/ask-confirmation.js';
import { changeGate } from '../../../core/change-gate.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { DELETE_CONFIRM_VERB } from '../commands/delete-user.js';
import deleteUsers from '../changes/delete-users.js';

/** Confirm on the delete confirmation: runs exactly the stored payload, once, after checking the caller again. */
export default defineAction({
  verb: DELETE_CONFIRM_VERB,
  permission: 'user.delete',
  customerScoped: true,
  approvable: true,
  schema: confirmationData,
  async handle(ctx, { confirmationId }) {
    const confirmation = await takeConfirmation(ctx, confirmationId, DELETE_CONFIRM_VERB);
    const payload = deleteUsers.payloadSchema.parse(confirmation.payload);
    const refused = await changeGate(ctx, deleteUsers, payload);
    if (refused) return { card: refused };
    const [card] = await deleteUsers.execute(ctx, payload);
    return { card: card as AdaptiveCard };
  },
});
