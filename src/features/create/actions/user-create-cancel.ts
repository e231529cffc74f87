import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { notice } from '../../../cards/messages.js';

export default defineAction({
  verb: 'user.create.cancel',
  permission: 'public',
  customerScoped: false,
  schema: z.object({}),
  handle: async () => ({ card: notice('Cancelled', 'No user was created.') }),
});
