import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { importStatus } from '../support/status-list.js';

export default defineAction({
  verb: 'import.status',
  permission: 'directory.read',
  customerScoped: true,
  schema: z.object({}),
  handle: async (ctx) => ({ card: await importStatus(ctx) }),
});
