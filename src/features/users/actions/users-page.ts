import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { usersFilterText, usersPage } from '../support/users-list.js';
import { VERB } from '../../../cards/verbs.js';
import { pagePositionFields } from '../../shared/paging.js';

export default defineAction({
  verb: VERB.usersPage,
  permission: 'directory.read',
  customerScoped: true,
  // Cards from before cursors sent { filter, skip }: unknown keys are dropped, so they open the first page.
  schema: z.object({ filter: usersFilterText.default(''), ...pagePositionFields }),
  handle: async (ctx, { filter, cursor, back }) => ({ card: await usersPage(ctx, filter, { cursor, back }) }),
});
