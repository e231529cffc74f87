import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { askResetPassword } from '../support/reset-request.js';
import { VERB } from '../../../cards/verbs.js';

/** The `user` card's "Reset password" button: the same confirmation as `reset password <upn>`. */
export default defineAction({
  verb: VERB.userResetPassword,
  permission: 'user.resetPassword',
  customerScoped: true,
  schema: z.object({ userId: z.string().trim().min(1).max(320) }),
  handle: async (ctx, { userId }) => ({ card: await askResetPassword(ctx, userId) }),
});
