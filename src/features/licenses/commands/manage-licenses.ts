import { defineCommand } from '../../../core/command.js';
import { resolveUsers, userKeyList } from '../support/license-targets.js';
import { licensesManager } from '../support/licenses-manager.js';

export default defineCommand({
  name: 'manage licenses',
  permission: 'license.change',
  customerScoped: true,
  approvable: true,
  category: 'Licenses',
  summary: 'A card to switch licenses on or off for one or more users at once.',
  usage: 'manage licenses <upn>[, <upn>...]',
  examples: ['manage licenses allan.deyoung@contoso.onmicrosoft.com, ben.walters@contoso.onmicrosoft.com'],
  schema: userKeyList,
  async handle(ctx, keys) {
    const customer = await ctx.customer();
    return licensesManager(ctx, await resolveUsers(ctx, customer.id, keys));
  },
});
