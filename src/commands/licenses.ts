import { z } from 'zod';
import { defineCommand, type HandlerContext } from '../app/handler.js';
import type { AdaptiveCard } from '../cards/card-template.js';
import { licensesCard } from '../cards/directory.js';
import { seatsAvailable, type Subscription } from '../service/types.js';

function warning(s: Subscription): string {
  if (s.seatsAssigned > s.seatsTotal) return `${s.seatsAssigned - s.seatsTotal} more assigned than bought: remove licenses or buy seats.`;
  if (seatsAvailable(s) === 0) return 'No seats available.';
  return '';
}

export async function licensesOverview(ctx: HandlerContext): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  const subscriptions = await ctx.service.listSubscriptions(customer.id);
  return licensesCard.render({
    title: `${customer.name} licenses`,
    rows: subscriptions.map((s) => ({ name: s.name, skuPartNumber: s.skuPartNumber, total: String(s.seatsTotal), assigned: String(s.seatsAssigned), available: String(seatsAvailable(s)), warning: warning(s) })),
    actions: [{ title: 'Unlicensed users', verb: 'users.page', data: { filter: 'unlicensed', skip: 0 } }],
  });
}

export default defineCommand({
  name: 'licenses',
  permission: 'directory.read',
  customerScoped: true,
  category: 'Licenses',
  summary: 'Subscriptions with seats total, assigned and available.',
  usage: 'licenses',
  schema: z.string(),
  handle: (ctx) => licensesOverview(ctx),
});
