import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { requestDeletion } from '../commands/delete-user.js';
import { userIdText } from '../support/user-list.js';
import { cardReason } from '../../shared/reason.js';

/** The user card's Delete button: answers with the same confirmation as `delete user`. */
export default defineAction({
  verb: 'user.delete',
  permission: 'user.delete',
  customerScoped: true,
  approvable: true,
  schema: z.object({ userId: userIdText, reason: cardReason }),
  handle: async (ctx, { userId, reason }) => ({ card: await requestDeletion(ctx, [userId], reason) }),
});
