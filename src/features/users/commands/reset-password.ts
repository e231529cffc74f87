import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { withReason } from '../../shared/reason.js';
import { askResetPassword } from '../support/reset-request.js';

export default defineCommand({
  name: 'reset password',
  permission: 'user.resetPassword',
  customerScoped: true,
  category: 'Users',
  summary: "Give a user a new temporary password (asks you to confirm; the password comes to you privately).",
  usage: 'reset password <upn or name> [because <reason>]',
  examples: ['reset password adele.vance@contoso.onmicrosoft.com'],
  schema: withReason(z.string().trim().min(1, 'Say whose password, for example `reset password adele.vance@contoso.onmicrosoft.com`.').max(320)),
  handle: (ctx, { args, reason }) => askResetPassword(ctx, args, reason),
});
