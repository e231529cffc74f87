import path from 'node:path';
import { z } from 'zod';
import { defineChange } from '../../../core/change.js';
import type { HandlerContext } from '../../../core/handler-context.js';
import type { CreatedUser } from '../support/create-in-batches.js';
import { deliverPasswordCards } from '../support/deliver-passwords.js';
import { requireJob, type ImportJob } from '../support/jobs.js';
import { n } from '../support/report.js';
import { importsFor } from '../support/runner.js';
import { notice } from '../../../cards/messages.js';
import { isServiceError, ServiceError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/types.js';

export const resetImportPasswordsPayload = z.object({ importId: z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/) });
export type ResetImportPasswordsPayload = z.infer<typeof resetImportPasswordsPayload>;

export const IMPORT_RESET_ACTION = 'user.import.resetPasswords';
/** Resets in flight at once: the embedded store coalesces them into few writes; Graph gets a bounded burst. */
const CONCURRENCY = 8;
/** User names per audit entry, like the import's batch entries. */
const AUDIT_CHUNK = 500;

async function unshownOf(ctx: HandlerContext, importId: string): Promise<{ job: ImportJob; upns: string[] }> {
  const { jobs } = importsFor(ctx.app);
  const job = await requireJob(jobs, importId);
  const customer = await ctx.customer();
  if (job.customerId !== customer.id) throw new ServiceError('CONFIRMATION_FOREIGN', `This import is for ${job.customerName}, not the customer chosen here. Nothing was changed.`);
  return { job, upns: await jobs.unshown(importId) };
}

/**
 * New temporary passwords for the users an import created whose first password was never shown (the bot stopped
 * before the end of the run, or the password card could not be delivered). The same confirmation, role,
 * privileged-user and approval rules as `reset password`; the passwords go to the requester's personal chat the
 * way the import sends them. Not counted against PASSWORD_RESETS_PER_10_MIN: that limit stops a runaway caller
 * from resetting a tenant user by user, while this resets only the users this import made, nobody has signed in as.
 */
export const resetImportPasswordsChange = defineChange<ResetImportPasswordsPayload>({
  kind: IMPORT_RESET_ACTION,
  permission: 'user.resetPassword',
  policyName: 'reset',
  payloadSchema: resetImportPasswordsPayload,
  // User names: the gate looks users up by id or user name.
  targetUserIds: async (ctx, { importId }) => (await unshownOf(ctx, importId)).upns,
  async describe(ctx, { importId }) {
    const { job, upns } = await unshownOf(ctx, importId);
    return {
      title: `Reset the passwords of ${n(upns.length)} imported users?`,
      message: `These users were created from ${job.fileName} but their temporary password was never shown. Each gets a new temporary password and must change it at the next sign-in.`,
      facts: [
        { title: 'Customer', value: job.customerName },
        { title: 'Import', value: `${job.fileName} (${job.createdAt.slice(0, 16).replace('T', ' ')} UTC by ${job.operator.name})` },
        { title: 'Users', value: `${upns.slice(0, 5).join(', ')}${upns.length > 5 ? ` and ${n(upns.length - 5)} more` : ''}` },
      ],
    };
  },
  async execute(ctx, { importId }) {
    const { job, upns } = await unshownOf(ctx, importId);
    if (upns.length === 0) return [notice('Nothing to reset', `Every user created from ${job.fileName} has had a temporary password shown. Nothing was changed.`)];
    const address =
      ctx.conversation.kind === 'personal'
        ? ctx.messenger.address()
        : (await ctx.messenger.sendPrivate(notice('Resetting passwords', `The new temporary passwords of ${n(upns.length)} users imported from ${job.fileName} will be sent here, not in the channel.`)))?.address;
    if (!address) {
      throw new ServiceError('FORBIDDEN', 'I cannot reach your personal chat to give you the temporary passwords, so nothing was changed. Open a chat with the bot, say hi, and press the button again.');
    }
    const actor = { aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name };
    const runner = importsFor(ctx.app);
    // In the background: thousands of resets take longer than Teams waits for a button's answer.
    const started = runner.background(`${job.id}:reset`, () => resetAll(ctx, job, upns, actor, address));
    if (!started) return [notice('Already resetting', `The passwords of the users imported from ${job.fileName} are being reset now; they come to your personal chat.`)];
    return [notice(`Resetting ${n(upns.length)} passwords`, `The new temporary passwords come to your personal chat with the bot (hidden after ${ctx.app.config.PASSWORD_VISIBLE_MINUTES} minutes).`, { color: 'Good' })];
  },
});

async function resetAll(ctx: HandlerContext, job: ImportJob, upns: string[], actor: Actor, address: Parameters<typeof deliverPasswordCards>[1]): Promise<void> {
  const { app } = ctx;
  const reset: CreatedUser[] = [];
  const failed: { upn: string; code: string }[] = [];
  const gone: string[] = [];
  try {
    for (let i = 0; i < upns.length; i += CONCURRENCY) {
      await Promise.all(
        upns.slice(i, i + CONCURRENCY).map(async (upn, k) => {
          try {
            const { user, temporaryPassword } = await ctx.service.resetPassword(job.customerId, upn, { actor });
            reset.push({ rowNumber: i + k + 1, id: user.id, displayName: user.displayName, upn: user.upn, temporaryPassword });
          } catch (error) {
            const code = isServiceError(error) ? error.code : 'INTERNAL';
            // Deleted since the import: there is no password left to give.
            if (code === 'NOT_FOUND') gone.push(upn);
            else failed.push({ upn, code });
          }
        }),
      );
    }
    for (let i = 0; i < Math.max(reset.length, failed.length); i += AUDIT_CHUNK) {
      await ctx.audit({
        action: IMPORT_RESET_ACTION,
        target: job.fileName,
        outcome: failed.length ? 'partial' : 'success',
        details: { importId: job.id, reset: reset.slice(i, i + AUDIT_CHUNK).map((u) => u.upn), failed: failed.slice(i, i + AUDIT_CHUNK) },
      });
    }
    reset.sort((a, b) => a.rowNumber - b.rowNumber);
    const { cards, undelivered } = await deliverPasswordCards(app, address, reset, {
      title: `New temporary passwords: ${path.basename(job.fileName)}`,
      describe: () => `Users imported into ${job.customerName} whose first temporary password was never shown.`,
      whose: `users imported into ${job.customerName}`,
      log: { importId: job.id },
    });
    const left = [...failed.map((f) => f.upn), ...undelivered.map((u) => u.upn)];
    const { jobs } = importsFor(app);
    await jobs.saveUnshown(job.id, left);
    const latest = await requireJob(jobs, job.id);
    latest.progress.passwordsLost = left.length;
    await jobs.save(latest);
    app.log.info({ importId: job.id, reset: reset.length, failed: failed.length, gone: gone.length, undelivered: undelivered.length }, 'import passwords reset');
    const lines = [
      `${n(reset.length - undelivered.length)} new temporary passwords were sent above (${cards === 1 ? 'one message' : `${n(cards)} messages`}).`,
      gone.length ? `${n(gone.length)} users no longer exist.` : '',
      left.length ? `${n(left.length)} could not be reset or delivered: press the button again later.` : '',
    ];
    await app.outbox.send(address, notice(`Passwords reset: ${job.fileName}`, lines.filter(Boolean).join(' '), { color: left.length ? 'Warning' : 'Good' }));
  } catch (error) {
    app.log.error({ importId: job.id, err: error instanceof Error ? error.message : String(error) }, 'resetting import passwords failed');
    await app.outbox.send(address, notice(`Resetting passwords failed: ${job.fileName}`, 'Some passwords may have been reset; type `import status` and press the button again.', { color: 'Attention' })).catch(() => undefined);
  }
}
