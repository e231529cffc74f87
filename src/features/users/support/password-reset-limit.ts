import type { HandlerContext } from '../../../core/handler-context.js';
import { ServiceError } from '../../../domain/errors.js';

export const RESET_ACTION = 'user.resetPassword';
const WINDOW_MS = 10 * 60_000;

/**
 * PASSWORD_RESETS_PER_10_MIN per operator, across customers: a runaway script or a compromised account cannot
 * reset a whole tenant. Counted from the audit trail (AuditStore), so the limit holds across restarts and instances.
 */
export async function checkResetLimit(ctx: HandlerContext): Promise<void> {
  const limit = ctx.app.config.PASSWORD_RESETS_PER_10_MIN;
  if (limit === 0) return;
  const now = ctx.app.clock.now().getTime();
  const recent = (await ctx.app.audit.query({ limit: 1000, actor: ctx.caller.aadObjectId, action: RESET_ACTION })).filter((e) => e.outcome === 'success' && now - Date.parse(e.at) < WINDOW_MS);
  if (recent.length < limit) return;
  const oldest = recent[recent.length - 1];
  const freeAt = new Date(Date.parse(oldest?.at ?? new Date(now).toISOString()) + WINDOW_MS).toISOString();
  await ctx.audit({ action: RESET_ACTION, target: '', outcome: 'denied', details: { reason: 'rate limit', limit } });
  throw new ServiceError(
    'RATE_LIMITED',
    `You have reset ${limit} passwords in the last 10 minutes, the most allowed. You can reset the next one at ${freeAt.slice(11, 16)} UTC.`,
    { limit, freeAt },
  );
}
