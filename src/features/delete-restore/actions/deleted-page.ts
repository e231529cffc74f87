import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { deletedPage } from '../support/deleted-list.js';
import { VERB } from '../../../cards/verbs.js';
import { pagePositionFields } from '../../shared/paging.js';

export default defineAction({
  verb: VERB.deletedPage,
  permission: 'directory.read',
  customerScoped: true,
  // Cards from before cursors sent { skip }: unknown keys are dropped, so they open the first page.
  schema: z.object(pagePositionFields),
  handle: async (ctx, at) => ({ card: await deletedPage(ctx, at) }),
});
