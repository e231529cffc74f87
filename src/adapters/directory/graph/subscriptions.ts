import type { Subscription } from '../../../domain/types.js';
import type { GraphContext } from './context.js';
import { toSubscription } from './mapping.js';
import { subscribedSkuSchema } from './wire.js';

/** Subscriptions users can be given: user SKUs that are active or in their grace period. */
export async function fetchSubscriptions(ctx: GraphContext, tenantId: string): Promise<Subscription[]> {
  const skus = await ctx.client.getAll(tenantId, '/subscribedSkus?$select=skuId,skuPartNumber,appliesTo,capabilityStatus,consumedUnits,prepaidUnits', subscribedSkuSchema);
  return skus
    .filter((s) => (s.appliesTo ?? 'User') === 'User' && ['Enabled', 'Warning', undefined, null].includes(s.capabilityStatus))
    .map(toSubscription);
}

export function listSubscriptions(ctx: GraphContext, customerId: string): Promise<Subscription[]> {
  return fetchSubscriptions(ctx, ctx.customers.entry(customerId).tenantId);
}
