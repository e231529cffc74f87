import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { userDetails, userKey } from '../commands/user.js';

export default defineAction({
  verb: 'user.show',
  permission: 'directory.read',
  customerScoped: true,
  schema: z.object({ userId: userKey }),
  handle: async (ctx, { userId }) => ({ card: await userDetails(ctx, userId) }),
});
