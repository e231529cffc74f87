import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { licensesOverview } from '../commands/licenses.js';

export default defineAction({
  verb: 'licenses.show',
  permission: 'directory.read',
  customerScoped: true,
  schema: z.object({}),
  handle: async (ctx) => ({ card: await licensesOverview(ctx) }),
});
