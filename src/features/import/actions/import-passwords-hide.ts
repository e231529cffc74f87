import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { notice } from '../../../cards/messages.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { VERB } from '../../../cards/verbs.js';

/** The Hide button of an import password card: the answer replaces the card at once; its scheduled hide is dropped. */
export default defineAction({
  verb: VERB.importPasswordsHide,
  permission: 'public',
  customerScoped: false,
  schema: z.object({}),
  async handle(ctx) {
    const activityId = ctx.message?.replyToId;
    const stored: AdaptiveCard | undefined = activityId ? await ctx.app.passwordHides.cancel(activityId) : undefined;
    return { card: stored ?? notice('Temporary passwords hidden', 'The temporary passwords in this message were hidden.') };
  },
});
