import { z } from 'zod';
import { defineAction } from '../../../core/action.js';
import { notice } from '../../../cards/messages.js';
import { resolveUsers } from '../support/license-targets.js';
import { MAX_LICENSE_USERS } from '../support/license-payload.js';
import { requestLicenseChange } from '../support/license-request.js';
import { cardReason } from '../../shared/reason.js';
import { VERB } from '../../../cards/verbs.js';

const SKU_PREFIX = 'sku_';
const choice = z.enum(['add', 'remove', 'keep']);

/**
 * Save on "Manage licenses": each subscription's switch (sku_<skuId>: add | remove | keep) becomes the difference
 * against what the chosen users hold now; only real changes are requested.
 */
export default defineAction({
  verb: VERB.licensesManageSave,
  permission: 'license.change',
  customerScoped: true,
  approvable: true,
  schema: z.looseObject({ userIds: z.array(z.string().min(1).max(128)).min(1).max(MAX_LICENSE_USERS), reason: cardReason }).transform((data, check) => {
    const choices = new Map<string, z.infer<typeof choice>>();
    for (const [key, value] of Object.entries(data)) {
      if (!key.startsWith(SKU_PREFIX)) continue;
      const parsed = choice.safeParse(value);
      if (!parsed.success) {
        check.addIssue({ code: 'custom', message: `bad value for ${key}` });
        return z.NEVER;
      }
      choices.set(key.slice(SKU_PREFIX.length), parsed.data);
    }
    return { userIds: data.userIds, choices, reason: data.reason };
  }),
  async handle(ctx, { userIds, choices, reason }) {
    const customer = await ctx.customer();
    const [users, subscriptions] = await Promise.all([resolveUsers(ctx, customer.id, userIds), ctx.service.listSubscriptions(customer.id)]);
    const known = subscriptions.map((s) => s.skuId).filter((sku) => choices.has(sku));
    const add = known.filter((sku) => choices.get(sku) === 'add' && users.some((u) => !u.licenses.includes(sku)));
    const remove = known.filter((sku) => choices.get(sku) === 'remove' && users.some((u) => u.licenses.includes(sku)));
    if (add.length === 0 && remove.length === 0) {
      return {
        card: notice('Nothing to change', 'The chosen users already have exactly these licenses.', {
          actions: [{ title: 'Manage licenses', verb: VERB.licensesManage, data: { userIds: users.map((u) => u.id) } }],
        }),
      };
    }
    return { card: await requestLicenseChange(ctx, { userIds: users.map((u) => u.id), add, remove, leftOut: [] }, reason) };
  },
});
