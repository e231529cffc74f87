import type { HandlerContext } from '../../../core/handler-context.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { importsFor } from './runner.js';
import { isInterrupted } from './jobs.js';
import { statusCard } from './report.js';

const SHOWN = 5;

export async function importStatus(ctx: HandlerContext): Promise<AdaptiveCard> {
  const customer = await ctx.customer();
  const { jobs } = importsFor(ctx.app);
  const at = ctx.app.clock.now();
  const now = at.getTime();
  const latest = await jobs.latest(customer.id, SHOWN);
  return statusCard(
    customer.name,
    await Promise.all(latest.map(async (job) => {
      const interrupted = await isInterrupted(jobs, job, at);
      const mine = job.operator.aadObjectId === ctx.caller.aadObjectId && job.operator.tenantId === ctx.caller.tenantId;
      return { job, interrupted, expired: Date.parse(job.expiresAt) < now, resumable: mine && (interrupted || job.status === 'stopped') };
    })),
  );
}
