import type { HandlerContext } from '../../core/handler-context.js';
import type { Subscription } from '../../domain/types.js';
import { resolveSku } from './resolve.js';

/**
 * By part number, name or unique prefix (resolveSku); failing that, the one subscription whose name holds every
 * word typed, so "business premium" finds "Microsoft 365 Business Premium".
 */
export async function subscriptionNamed(ctx: HandlerContext, customerId: string, text: string, known?: Promise<Subscription[]>): Promise<Subscription> {
  return resolveSku(await (known ?? ctx.service.listSubscriptions(customerId)), text);
}
