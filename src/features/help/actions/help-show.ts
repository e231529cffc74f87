import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { helpFor } from '../support/help-card.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.helpShow,
  permission: 'public',
  customerScoped: false,
  schema: z.object({}),
  handle: async (ctx) => ({ card: await helpFor(ctx) }),
});
