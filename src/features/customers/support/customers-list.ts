import type { HandlerContext } from '../../../core/handler-context.js';
import { customersCard } from '../../../cards/directory.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { visibleCustomers } from '../../shared/visible-customers.js';

export async function customersList(ctx: HandlerContext, message = ''): Promise<AdaptiveCard> {
  const customers = await visibleCustomers(ctx);
  return customersCard.render({
    title: `Customers (${customers.length})`,
    message,
    customers: customers.map((c) => ({ id: c.id, name: c.name, domain: c.defaultDomain, usageLocation: c.usageLocation, selected: c.id === ctx.customerId })),
  });
}
