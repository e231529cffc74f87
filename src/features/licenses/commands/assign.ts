import { defineCommand } from '../../../core/command.js';
import { notice } from '../../../cards/messages.js';
import { requestLicenseChange } from '../support/license-request.js';
import { withReason } from '../../shared/reason.js';
import { resolveUsers, skuAndTargets, unlicensedUsers } from '../support/license-targets.js';
import { subscriptionNamed } from '../../shared/subscription-named.js';

export default defineCommand({
  name: 'assign',
  permission: 'license.change',
  customerScoped: true,
  approvable: true,
  category: 'Licenses',
  summary: 'Assign a license (part number, name or its start) to users, or to every user without a license. Never beyond the seats bought.',
  usage: 'assign <SKU> to <upn>[, <upn>...] | unlicensed [because <reason>]',
  examples: ['assign O365_BUSINESS_PREMIUM to allan.deyoung@contoso.onmicrosoft.com', 'assign business premium to unlicensed'],
  schema: withReason(skuAndTargets('to', 'assign SPE_E3 to adele.vance@contoso.onmicrosoft.com')),
  async handle(ctx, { args: { sku, unlicensed, users }, reason }) {
    const customer = await ctx.customer();
    const subscription = await subscriptionNamed(ctx, customer.id, sku);
    const targets = unlicensed ? await unlicensedUsers(ctx, customer.id) : await resolveUsers(ctx, customer.id, users);
    if (targets.length === 0) return notice('Nobody to license', `Every user of ${customer.name} has a license already. Nothing was changed.`, { color: 'Good' });
    return requestLicenseChange(ctx, { userIds: targets.map((u) => u.id), add: [subscription.skuId], remove: [], leftOut: [] }, reason);
  },
});
