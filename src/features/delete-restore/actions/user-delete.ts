import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { requestDeletion } from '../support/deletion-request.js';
import { userIdText } from '../support/user-list.js';
import { cardReason } from '../../shared/reason.js';
import { VERB } from '../../../cards/verbs.js';

/** The user card's Delete button: answers with the same confirmation as `delete user`. */
export default defineAction({
  verb: VERB.userDelete,
  permission: 'user.delete',
  customerScoped: true,
  approvable: true,
  schema: z.object({ userId: userIdText, reason: cardReason }),
  handle: async (ctx, { userId, reason }) => ({ card: await requestDeletion(ctx, [userId], reason) }),
});
