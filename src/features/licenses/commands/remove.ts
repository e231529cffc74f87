import { defineCommand } from '../../../core/command.js';
import { requestLicenseChange } from '../support/license-request.js';
import { withReason } from '../../shared/reason.js';
import { resolveUsers, skuAndTargets } from '../support/license-targets.js';
import { subscriptionNamed } from '../../shared/subscription-named.js';

export default defineCommand({
  name: 'remove',
  permission: 'license.change',
  customerScoped: true,
  approvable: true,
  category: 'Licenses',
  summary: 'Remove a license from users; the seat is free at once. More than one user asks for confirmation first.',
  usage: 'remove <SKU> from <upn>[, <upn>...] [because <reason>]',
  examples: ['remove EXCHANGESTANDARD from debra.berger@contoso.onmicrosoft.com'],
  schema: withReason(skuAndTargets('from', 'remove SPE_E3 from adele.vance@contoso.onmicrosoft.com')),
  async handle(ctx, { args: { sku, users }, reason }) {
    const customer = await ctx.customer();
    const subscription = await subscriptionNamed(ctx, customer.id, sku);
    const targets = await resolveUsers(ctx, customer.id, users);
    return requestLicenseChange(ctx, { userIds: targets.map((u) => u.id), add: [], remove: [subscription.skuId], leftOut: [] }, reason);
  },
});
