import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { notice } from '../../../cards/messages.js';
import { VERB } from '../../../cards/verbs.js';

export default defineAction({
  verb: VERB.userCreateCancel,
  permission: 'public',
  customerScoped: false,
  schema: z.object({}),
  handle: async () => ({ card: notice('Cancelled', 'No user was created.') }),
});
