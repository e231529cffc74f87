import { z } from 'zod';
import { defineChange } from '../../../core/change.js';
import type { HandlerContext } from '../../../core/handler-context.js';
import { notice } from '../../../cards/messages.js';
import { ServiceError } from '../../../domain/errors.js';
import { importsFor, intentFrom } from '../support/runner.js';
import { requireJob, requireRows } from '../support/jobs.js';
import { n, progressCard } from '../support/report.js';
import { seatFacts } from '../../shared/seat-change.js';

const payloadSchema = z.object({ importId: z.string() });
type ImportPayload = z.infer<typeof payloadSchema>;

/** Where the passwords will go: this chat if personal, else the operator's personal chat (announced there). */
async function privateAddress(ctx: HandlerContext, fileName: string, customerName: string) {
  if (ctx.conversation.kind === 'personal') return ctx.messenger.address();
  const sent = await ctx.messenger.sendPrivate(
    notice('Import started', `You started importing ${fileName} into ${customerName} in a channel. The user names and temporary passwords will be sent here, not there.`),
  );
  return sent?.address ?? null;
}

/** Seats the stored rows' licenses take; nothing when the rows are gone (the run then refuses anyway). */
async function importSeatFacts(ctx: HandlerContext, importId: string) {
  const rows = (await importsFor(ctx.app).jobs.rows(importId).catch(() => undefined)) ?? [];
  return seatFacts(ctx, rows.map((r) => r.input.licenses));
}

/**
 * Creates the rows stored by an import's review, in the background. Runs from the stored rows only; a stopped or
 * interrupted import resumes where it stopped (users it created before the stop count as created by it).
 */
export default defineChange<ImportPayload>({
  kind: 'user.import',
  permission: 'user.import',
  policyName: 'import',
  payloadSchema,
  // New users hold no admin role; the rows cannot name existing users to change.
  targetUserIds: async () => [],
  async describe(ctx, { importId }) {
    const job = await requireJob(importsFor(ctx.app).jobs, importId);
    return {
      title: `Import ${job.fileName} into ${job.customerName}`,
      message: `${n(job.review.readyRows)} users will be created from ${job.fileName}, with temporary passwords.`,
      facts: [
        { title: 'Rows in the file', value: n(job.review.totalRows) },
        { title: 'To create', value: n(job.review.readyRows) },
        { title: 'Skipped (errors or existing)', value: n(job.review.invalidRows + job.review.existingRows) },
        ...(await importSeatFacts(ctx, importId)),
      ],
    };
  },
  async execute(ctx, { importId }) {
    const runner = importsFor(ctx.app);
    const stored = await requireJob(runner.jobs, importId);
    const customer = await ctx.customer();
    if (stored.customerId !== customer.id) throw new ServiceError('CONFIRMATION_FOREIGN', `This import is for ${stored.customerName}, not the customer chosen here. Nothing was changed.`);
    // The lease makes this run the only one (a second press, a retried invoke, another instance); its holder's card.
    const owner = await runner.claim(stored.id);
    if (!owner) return [progressCard((await runner.jobs.get(stored.id)) ?? stored)];
    let started = false;
    try {
      // Read again under the lease: a run that ended meanwhile has marked it finished.
      const job = await requireJob(runner.jobs, stored.id);
      if (job.status === 'finished') throw new ServiceError('CONFIRMATION_USED', 'This import already ran. Type `import status` to see its results.');
      if (job.status === 'cancelled') throw new ServiceError('CONFIRMATION_USED', 'This import was cancelled. Import the file again.');
      if (job.status === 'review' && Date.parse(job.expiresAt) < ctx.app.clock.now().getTime()) {
        throw new ServiceError('CONFIRMATION_EXPIRED', 'This review has expired; nothing was created. Import the file again for a fresh review.');
      }
      const rows = await requireRows(runner.jobs, job.id);
      const address = await privateAddress(ctx, job.fileName, job.customerName);
      if (!address) {
        throw new ServiceError('FORBIDDEN', 'I cannot reach your personal chat to give you the temporary passwords, so nothing was created. Open a chat with the bot, say hi, and press the button again.');
      }
      // Resuming: the batch the stopped run announced may have been written before its progress was saved.
      const replay = job.status === 'running' || job.status === 'stopped' ? job.progress.inFlight : undefined;
      // The intent for the first batch goes into the save below (no write of its own).
      job.progress.inFlight = intentFrom(job.progress.processed, job.progress.total);
      job.status = 'running';
      job.progress.startedAt ??= ctx.app.clock.now().toISOString();
      const card = progressCard(job);
      const replyToId = ctx.message?.replyToId;
      const activityId = replyToId ?? (await ctx.messenger.reply(card));
      const progressMessage = activityId ? { address: ctx.messenger.address(), activityId } : undefined;
      if (progressMessage) job.progressMessage = progressMessage;
      await runner.jobs.save(job);
      void runner.start({ job, rows, actor: { aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name }, privateAddress: address, inPersonalChat: ctx.conversation.kind === 'personal', progressMessage, replay, audit: (r) => ctx.audit(r) }, owner);
      started = true;
      return [replyToId ? card : notice('Import started', 'The progress is shown in the message below.')];
    } finally {
      if (!started) await runner.jobs.release(stored.id, owner);
    }
  },
});
