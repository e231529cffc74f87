import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { deletedPage } from '../support/deleted-list.js';

export default defineCommand({
  name: 'deleted',
  permission: 'directory.read',
  customerScoped: true,
  category: 'Users',
  summary: 'Deleted users that can still be restored (30 days), with a checkbox each and Restore selected.',
  usage: 'deleted',
  // "deleted users" reads naturally too.
  schema: z.string().trim().toLowerCase().refine((s) => s === '' || s === 'users', 'Type just `deleted` to see the deleted users.'),
  handle: (ctx) => deletedPage(ctx),
});
