import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import type { HandlerContext } from '../../../core/handler-context.js';
import { customersCard } from '../../../cards/directory.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import type { Customer } from '../../../domain/types.js';

export async function visibleCustomers(ctx: HandlerContext): Promise<Customer[]> {
  const scope = ctx.app.operators.customerScope(ctx.caller);
  const all = await ctx.service.listCustomers();
  return scope === 'all' ? all : all.filter((c) => scope.has(c.id));
}

export async function customersList(ctx: HandlerContext, message = ''): Promise<AdaptiveCard> {
  const customers = await visibleCustomers(ctx);
  return customersCard.render({
    title: `Customers (${customers.length})`,
    message,
    customers: customers.map((c) => ({ id: c.id, name: c.name, domain: c.defaultDomain, usageLocation: c.usageLocation, selected: c.id === ctx.customerId })),
  });
}

export default defineCommand({
  name: 'customers',
  permission: 'directory.read',
  customerScoped: false,
  category: 'Start here',
  summary: 'The customers you may manage.',
  usage: 'customers',
  schema: z.string(),
  handle: (ctx) => customersList(ctx),
});
