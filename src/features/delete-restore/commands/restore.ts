import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { splitList } from '../support/user-list.js';
import { withReason } from '../../shared/reason.js';
import { restoreNow } from '../support/restore-now.js';

// One page of the deleted list; the per-user result card stays under Teams' 28 KB message limit.
const MAX_USERS = 20;
const USAGE = 'Say who to restore, for example `restore kim.abercrombie@contoso.onmicrosoft.com` or `restore <upn> as <new upn>`.';

/** "a, b as c" -> [{key a}, {key b, newUpn c}] */
const restoreRequests = z
  .string()
  // "restore deleted user x" and "restore users x, y" read naturally; the filler words are not user names.
  .transform((text) => text.replace(/^\s*(deleted\s+)?users?\s+/i, ''))
  .transform((text, ctx) => {
    const items = splitList(text).map((item) => /^(\S+)(?:\s+as\s+(\S+))?$/i.exec(item));
    if (items.some((m) => !m)) {
      ctx.addIssue({ code: 'custom', message: 'Each user is one user name, optionally followed by `as <new upn>`, separated by commas.' });
      return z.NEVER;
    }
    return items.map((m) => ({ userId: m?.[1] as string, ...(m?.[2] ? { newUpn: m[2] } : {}) }));
  })
  .pipe(z.array(z.object({ userId: z.string().max(320), newUpn: z.string().max(320).optional() })).min(1, USAGE).max(MAX_USERS, `Restore at most ${MAX_USERS} users at a time.`));

export default defineCommand({
  name: 'restore',
  permission: 'user.restore',
  customerScoped: true,
  approvable: true,
  category: 'Users',
  summary: 'Restore deleted users with their licenses where seats are free, optionally under a new name.',
  usage: 'restore <upn>[, <upn>...] | restore <upn> as <new upn> [because <reason>]',
  examples: ['restore kim.abercrombie@contoso.onmicrosoft.com', 'restore kim.abercrombie@contoso.onmicrosoft.com as kim.a@contoso.com'],
  schema: withReason(restoreRequests),
  handle: (ctx, { args, reason }) => restoreNow(ctx, args, reason),
});
