import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { userDetails, userKey } from '../support/user-details.js';

export default defineAction({
  verb: 'user.show',
  permission: 'directory.read',
  customerScoped: true,
  schema: z.object({ userId: userKey }),
  handle: async (ctx, { userId }) => ({ card: await userDetails(ctx, userId) }),
});
