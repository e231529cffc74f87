import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { deletedPage } from '../support/deleted-list.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.deletedPage,
  permission: 'directory.read',
  customerScoped: true,
  schema: z.object({ skip: z.coerce.number().int().min(0).max(1_000_000).default(0) }),
  handle: async (ctx, { skip }) => ({ card: await deletedPage(ctx, skip) }),
});
