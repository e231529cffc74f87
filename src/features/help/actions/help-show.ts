import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { helpFor } from '../support/help-card.js';

export default defineAction({
  verb: 'help.show',
  permission: 'public',
  customerScoped: false,
  schema: z.object({}),
  handle: async (ctx) => ({ card: await helpFor(ctx) }),
});
