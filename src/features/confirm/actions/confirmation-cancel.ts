import { defineAction } from '../../../core/action.js';
import { confirmationData } from '../../../core/confirm/ask-confirmation.js';
import { notice } from '../../../cards/messages.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.confirmationCancel,
  permission: 'public',
  customerScoped: false,
  schema: confirmationData,
  async handle(ctx, { confirmationId }) {
    const pending = await ctx.app.confirmations.get(confirmationId);
    await ctx.app.confirmations.consume(confirmationId, ctx.caller, pending.kind);
    return { card: notice('Cancelled', 'Nothing was changed.') };
  },
});
