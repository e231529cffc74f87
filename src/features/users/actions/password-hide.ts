import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { passwordHiddenCard } from '../../shared/password-delivery.js';
import { VERB } from '../../../cards/verbs.js';

/** "Hide password": replaces the password card now and forgets its timed hide. Anyone who sees the card may hide it. */
export default defineAction({
  verb: VERB.passwordHide,
  permission: 'public',
  customerScoped: false,
  schema: z.object({ upn: z.string().max(320), displayName: z.string().max(256) }),
  async handle(ctx, { upn, displayName }) {
    const messageId = ctx.messenger.clickedMessageId?.();
    // Only a message of this conversation: a forged press elsewhere must not stop another chat's timed hide.
    const pending = messageId ? await ctx.app.passwordHides.pending(messageId) : undefined;
    const here = (pending?.conversation as { id?: unknown } | undefined)?.id === ctx.conversation.id;
    const stored = here && messageId ? await ctx.app.passwordHides.cancel(messageId) : undefined;
    return { card: stored ?? passwordHiddenCard(displayName, upn) };
  },
});
