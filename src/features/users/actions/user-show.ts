import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { userDetails, userKey } from '../support/user-details.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.userShow,
  permission: 'directory.read',
  customerScoped: true,
  schema: z.object({ userId: userKey }),
  handle: async (ctx, { userId }) => ({ card: await userDetails(ctx, userId) }),
});
