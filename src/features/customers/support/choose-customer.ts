import type { HandlerContext } from '../../../core/handler-context.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { notice } from '../../../cards/messages.js';
import { seatsAvailable, type Customer } from '../../../domain/types.js';
import { VERB } from '../../../cards/verbs.js';

/** Remembers the customer for this conversation (stored, so it survives a restart). */
export async function chooseCustomer(ctx: HandlerContext, customer: Customer): Promise<AdaptiveCard> {
  await ctx.app.state.conversations.chooseCustomer(ctx.conversation.id, customer.id);
  // The full customer (its domains; Graph reads them once and keeps them), the user count and the seats: no listing.
  const [full, users, subscriptions] = await Promise.all([
    ctx.service.getCustomer(customer.id),
    ctx.service.listUsers(customer.id, { kind: 'all' }, { top: 0 }),
    ctx.service.listSubscriptions(customer.id),
  ]);
  const free = subscriptions.reduce((n, s) => n + seatsAvailable(s), 0);
  return notice(`Working on ${customer.name}`, 'Commands in this conversation now act on this customer.', {
    color: 'Good',
    facts: [
      { title: 'Domains', value: full.domains.join(', ') },
      { title: 'Usage location', value: full.usageLocation },
      { title: 'Users', value: String(users.total) },
      { title: 'Subscriptions', value: `${subscriptions.length} (${free} seats free)` },
    ],
    actions: [
      { title: 'Users', verb: VERB.usersPage, data: { filter: '' } },
      { title: 'Unlicensed users', verb: VERB.usersPage, data: { filter: 'unlicensed' } },
      { title: 'Licenses', verb: VERB.licensesShow, data: {} },
    ],
  });
}
