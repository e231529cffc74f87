import type { HandlerContext } from '../../../core/handler-context.js';
import { changeGate } from '../../../core/change-gate.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { ServiceError } from '../../../domain/errors.js';
import { isValidUpn, splitUpn } from '../../../domain/user-names.js';
import type { RestoreRequest } from '../../../domain/types.js';
import restoreUsers from '../changes/restore-users.js';

/** Restores at once (nothing is lost by restoring, and a deleted user can be deleted again), after the gate. */
export async function restoreNow(ctx: HandlerContext, requests: RestoreRequest[], reason?: string): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  for (const { newUpn } of requests) {
    if (newUpn === undefined) continue;
    const domain = splitUpn(newUpn).domain.toLowerCase();
    if (!isValidUpn(newUpn)) throw new ServiceError('INVALID_INPUT', `${newUpn} is not a valid user name.`);
    if (!customer.domains.some((d) => d.toLowerCase() === domain)) {
      throw new ServiceError('INVALID_INPUT', `${domain} is not a domain of ${customer.name}; use one of ${customer.domains.join(', ')}.`);
    }
  }
  const payload = { requests };
  const refused = await changeGate(ctx, restoreUsers, payload, reason);
  if (refused) return refused;
  const [card] = await restoreUsers.execute(ctx, payload);
  return card as AdaptiveCard;
}
