import type { AdaptiveCard } from '../cards/card-template.js';
import { errorCardFor } from '../cards/messages.js';
import { operatorId } from '../ports/state/records.js';
import type { HandlerContext } from './handler-context.js';

/**
 * MUTATIONS_PER_MINUTE per operator, over every change (operations, grant, revoke). Returns null and counts the
 * change, or audits the refusal and returns the card saying when to retry.
 */
export async function mutationRateRefusal(ctx: HandlerContext, action: string): Promise<AdaptiveCard | null> {
  const refusal = await ctx.app.rateLimits.mutations.take(operatorId(ctx.caller));
  if (!refusal) return null;
  const seconds = Math.max(1, Math.ceil((refusal.retryAt.getTime() - ctx.app.clock.now().getTime()) / 1000));
  const at = refusal.retryAt.toISOString().slice(11, 19);
  await ctx.audit({ action, target: '', outcome: 'denied', details: { reason: 'rate limit', limit: refusal.limit, retryAt: refusal.retryAt.toISOString() } });
  return errorCardFor(
    'RATE_LIMITED',
    `You made ${refusal.limit} changes in the last minute, the most allowed per operator. Try again at ${at} UTC (in ${seconds} second${seconds === 1 ? '' : 's'}).`,
  );
}
