import type { HandlerContext } from '../../core/handler-context.js';
import { ServiceError, isServiceError } from '../../domain/errors.js';
import type { Subscription } from '../../domain/types.js';
import { resolveSku } from './resolve.js';

/**
 * By part number, name or unique prefix (resolveSku); failing that, the one subscription whose name holds every
 * word typed, so "business premium" finds "Microsoft 365 Business Premium".
 */
export async function subscriptionNamed(ctx: HandlerContext, customerId: string, text: string, known?: Promise<Subscription[]>): Promise<Subscription> {
  const subscriptions = await (known ?? ctx.service.listSubscriptions(customerId));
  try {
    return resolveSku(subscriptions, text);
  } catch (error) {
    if (!isServiceError(error) || error.code !== 'NOT_FOUND') throw error;
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = subscriptions.filter((s) => words.every((w) => `${s.name} ${s.skuPartNumber}`.toLowerCase().includes(w)));
    if (matches.length === 1) return matches[0] as Subscription;
    if (matches.length > 1) throw new ServiceError('INVALID_INPUT', `"${text}" matches more than one subscription: ${matches.map((s) => s.skuPartNumber).join(', ')}.`);
    throw new ServiceError('NOT_FOUND', `There is no subscription "${text}". Type \`licenses\` to see them.`, { what: 'subscription', key: text });
  }
}
