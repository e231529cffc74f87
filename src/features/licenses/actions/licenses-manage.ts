import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { notice } from '../../../cards/messages.js';
import { licensesManager } from '../support/licenses-manager.js';
import { resolveUsers } from '../support/license-targets.js';
import { MAX_LICENSE_USERS } from '../support/license-payload.js';
import { VERB } from '../../../cards/verbs.js';
import { pagePositionFields } from '../../shared/paging.js';

const SELECT_PREFIX = 'select_';

/**
 * Opens "Manage licenses" for the users in the button's data (user card, result card) or for the rows ticked
 * on the users list (its toggles arrive as select_<userId>: "true").
 */
export default defineAction({
  verb: VERB.licensesManage,
  permission: 'license.change',
  customerScoped: true,
  approvable: true,
  schema: z
    .looseObject({
      // An array from the user card and result cards; one id or a comma-separated list (as Input.ChoiceSet sends it)
      // from the restore result card.
      userIds: z
        .union([z.array(z.string().min(1).max(128)), z.string().max(MAX_LICENSE_USERS * 129).transform((s) => s.split(',').map((id) => id.trim()).filter(Boolean))])
        .pipe(z.array(z.string().min(1).max(128)).max(MAX_LICENSE_USERS))
        .optional(),
      filter: z.string().max(200).optional(),
      cursor: pagePositionFields.cursor.optional(),
      back: pagePositionFields.back.optional(),
    })
    .transform((data) => ({
      userIds: [
        ...(data.userIds ?? []),
        ...Object.entries(data)
          .filter(([key, value]) => key.startsWith(SELECT_PREFIX) && value === 'true')
          .map(([key]) => key.slice(SELECT_PREFIX.length)),
      ],
      back: { filter: data.filter ?? '', cursor: data.cursor ?? '', back: data.back ?? '' },
    }))
    .refine((d) => d.userIds.length <= MAX_LICENSE_USERS && d.userIds.every((id) => id.length > 0 && id.length <= 128)),
  async handle(ctx, { userIds, back }) {
    if (userIds.length === 0) {
      return {
        card: notice('Choose users first', 'Tick the users whose licenses you want to manage, then press Manage licenses.', {
          color: 'Warning',
          actions: [{ title: 'Back to users', verb: VERB.usersPage, data: back }],
        }),
      };
    }
    const customer = await ctx.customer();
    return { card: await licensesManager(ctx, await resolveUsers(ctx, customer.id, userIds)) };
  },
});
