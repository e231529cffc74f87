import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { licensesOverview } from '../support/licenses-overview.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.licensesShow,
  permission: 'directory.read',
  customerScoped: true,
  schema: z.object({}),
  handle: async (ctx) => ({ card: await licensesOverview(ctx) }),
});
