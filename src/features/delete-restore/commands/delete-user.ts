import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { requestDeletion } from '../support/deletion-request.js';
import { splitList } from '../support/user-list.js';
import { withReason } from '../../shared/reason.js';

const MAX_USERS = 20;

const userKeys = z
  .string()
  .transform(splitList)
  .pipe(
    z
      .array(z.string().max(320))
      .min(1, 'Say which user to delete, for example `delete user adele.vance@contoso.onmicrosoft.com`.')
      .max(MAX_USERS, `Delete at most ${MAX_USERS} users at a time.`),
  );

export default defineCommand({
  name: 'delete user',
  permission: 'user.delete',
  customerScoped: true,
  approvable: true,
  category: 'Users',
  summary: 'Delete users after a confirmation; they can be restored for 30 days.',
  usage: 'delete user <upn or name>[, ...] [because <reason>]',
  examples: ['delete user adele.vance@contoso.onmicrosoft.com', 'delete user adele.vance@contoso.onmicrosoft.com because ticket 4711'],
  schema: withReason(userKeys),
  handle: (ctx, { args, reason }) => requestDeletion(ctx, args, reason),
});
