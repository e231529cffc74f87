import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import { visibleCustomers } from '../../shared/visible-customers.js';
import { resolveCustomer } from '../../shared/resolve.js';
import { licensesOverview } from '../support/licenses-overview.js';

export default defineCommand({
  name: 'licenses',
  permission: 'directory.read',
  // Not scoped by the router: `licenses for <customer>` names its own customer (one the caller may manage).
  customerScoped: false,
  category: 'Licenses',
  summary: 'Subscriptions with seats total, assigned and available; of this customer or another one you name.',
  usage: 'licenses [for <customer>]',
  examples: ['licenses', 'licenses for fabrikam'],
  schema: z.string().trim().max(256).transform((text) => text.replace(/^for\s+/i, '').trim()),
  async handle(ctx, customerText) {
    return licensesOverview(ctx, customerText ? resolveCustomer(await visibleCustomers(ctx), customerText) : undefined);
  },
});
