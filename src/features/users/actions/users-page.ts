import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { usersFilterText, usersPage } from '../support/users-list.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.usersPage,
  permission: 'directory.read',
  customerScoped: true,
  schema: z.object({ filter: usersFilterText.default(''), skip: z.coerce.number().int().min(0).max(1_000_000).default(0) }),
  handle: async (ctx, { filter, skip }) => ({ card: await usersPage(ctx, filter, skip) }),
});
