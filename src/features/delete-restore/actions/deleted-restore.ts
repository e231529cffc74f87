import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { deletedPage } from '../support/deleted-list.js';
import { restoreNow } from '../support/restore-now.js';
import { splitList, userIdText } from '../support/user-list.js';
import { ServiceError } from '../../../domain/errors.js';
import { cardReason } from '../../shared/reason.js';
import { VERB } from '../../../cards/verbs.js';
import { pagePositionFields } from '../../shared/paging.js';

// One page of the deleted list; the per-user result card stays under Teams' 28 KB message limit.
const MAX_USERS = 20;

/** Card data -> who to restore: ticked checkboxes (restore_<n> = user id) and/or userIds "id1,id2" from result cards. */
const restoreSelection = z
  .record(z.string(), z.unknown())
  .transform((data) => {
    const ticked = Object.entries(data)
      .filter(([key, value]) => /^restore_\d+$/.test(key) && typeof value === 'string' && value.trim() !== '')
      .map(([, value]) => String(value));
    const listed = typeof data.userIds === 'string' ? splitList(data.userIds) : [];
    return {
      userIds: [...new Set([...listed, ...ticked].map((id) => id.trim()))],
      newUpn: typeof data.newUpn === 'string' ? data.newUpn.trim() : '',
      cursor: data.cursor ?? '',
      back: data.back ?? '',
      ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
    };
  })
  .pipe(
    z.object({
      userIds: z.array(userIdText).max(MAX_USERS),
      newUpn: z.string().max(320),
      cursor: pagePositionFields.cursor.unwrap(),
      back: pagePositionFields.back.unwrap(),
      reason: cardReason,
    }),
  );

/** "Restore selected" on the restore list, and the restore buttons of delete and restore result cards. */
export default defineAction({
  verb: VERB.deletedRestore,
  permission: 'user.restore',
  customerScoped: true,
  approvable: true,
  schema: restoreSelection,
  async handle(ctx, { userIds, newUpn, cursor, back, reason }) {
    if (userIds.length === 0) return { card: await deletedPage(ctx, { cursor, back }, 'Tick at least one user, then press Restore selected.') };
    if (newUpn && userIds.length > 1) throw new ServiceError('INVALID_INPUT', 'A new user name can only be given when restoring one user.');
    return { card: await restoreNow(ctx, userIds.map((userId) => ({ userId, ...(newUpn ? { newUpn } : {}) })), reason) };
  },
});
