import type { HandlerContext } from '../../../core/handler-context.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { licensesCard } from '../../../cards/directory.js';
import { seatsAvailable, type Customer, type Subscription } from '../../../domain/types.js';
import { VERB } from '../../../cards/verbs.js';

function warning(s: Subscription): string {
  if (s.seatsAssigned > s.seatsTotal) return `${s.seatsAssigned - s.seatsTotal} more assigned than bought: remove licenses or buy seats.`;
  if (seatsAvailable(s) === 0) return 'No seats available.';
  return '';
}

export async function licensesOverview(ctx: HandlerContext, named?: Customer): Promise<AdaptiveCard> {
  const customer = named ?? (await ctx.customer());
  const subscriptions = await ctx.service.listSubscriptions(customer.id);
  return licensesCard.render({
    title: `${customer.name} licenses`,
    rows: subscriptions.map((s) => ({ name: s.name, skuPartNumber: s.skuPartNumber, total: String(s.seatsTotal), assigned: String(s.seatsAssigned), available: String(seatsAvailable(s)), warning: warning(s) })),
    actions:
      customer.id === ctx.customerId
        ? [{ title: 'Unlicensed users', verb: VERB.usersPage, data: { filter: 'unlicensed' } }]
        : [{ title: `Work on ${customer.name}`, verb: VERB.customerUse, data: { customerId: customer.id } }],
  });
}
