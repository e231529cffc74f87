import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { importStatus } from '../support/status-list.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.importStatus,
  permission: 'directory.read',
  customerScoped: true,
  schema: z.object({}),
  handle: async (ctx) => ({ card: await importStatus(ctx) }),
});
