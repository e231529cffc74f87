import { z } from 'zod';
import { defineCommand } from '../../../core/command.js';
import type { HandlerContext } from '../../../core/handler-context.js';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { importsFor } from '../support/runner.js';
import { isInterrupted } from '../support/jobs.js';
import { statusCard } from '../support/report.js';

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

export default defineCommand({
  name: 'import status',
  permission: 'directory.read',
  customerScoped: true,
  category: 'Users',
  summary: 'How far the latest imports got (also after a restart), with Resume for an interrupted one.',
  usage: 'import status',
  schema: z.string(),
  handle: (ctx) => importStatus(ctx),
});
