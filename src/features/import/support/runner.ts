import path from 'node:path';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { cardForError, notice } from '../../../cards/messages.js';
import { importPasswordsCard } from '../../../cards/imports.js';
import { isServiceError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/types.js';
import type { AppServices, AuditRecord } from '../../../core/handler-context.js';
import type { ConversationAddress } from '../../../ports/messaging.js';
import { createInBatches, type BatchResult, type CreatedUser } from './create-in-batches.js';
import { ImportJobs, type ImportJob, type StoredImportRow } from './jobs.js';
import { n, progressCard, resultCard } from './report.js';

/** CSV text per password card: with the card's own text this keeps each card far below Teams' 28 KB. */
const PASSWORD_CARD_CSV_BYTES = 20_000;
const CSV_HEADER = 'User name,Temporary password';

export interface ImportRun {
  job: ImportJob;
  rows: StoredImportRow[];
  actor: Actor;
  /** Where the passwords go: the operator's personal chat. */
  privateAddress: ConversationAddress;
  inPersonalChat: boolean;
  progressMessage: { address: ConversationAddress; activityId: string } | undefined;
  audit(record: AuditRecord): Promise<void>;
}

/** Splits created users into password cards' CSV texts of at most maxBytes each. */
export function passwordChunks(users: CreatedUser[], maxBytes = PASSWORD_CARD_CSV_BYTES): CreatedUser[][] {
  const chunks: CreatedUser[][] = [];
  let current: CreatedUser[] = [];
  let bytes = CSV_HEADER.length;
  for (const user of users) {
    const line = Buffer.byteLength(`${user.upn},${user.temporaryPassword}`) + 2;
    if (current.length > 0 && bytes + line > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = CSV_HEADER.length;
    }
    current.push(user);
    bytes += line;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Runs imports in the background: batches, durable progress, throttled progress card, passwords at the end. */
export class ImportRunner {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly app: AppServices,
    readonly jobs: ImportJobs,
  ) {}

  /** Starts the run; resolves when it is over (callers in a turn do not wait). */
  start(run: ImportRun): Promise<void> {
    this.jobs.active.add(run.job.id);
    const done = this.run(run).finally(() => {
      this.jobs.active.delete(run.job.id);
      this.running.delete(run.job.id);
    });
    this.running.set(run.job.id, done);
    return done;
  }

  /** Resolves when no import is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private async run(run: ImportRun): Promise<void> {
    const { job } = run;
    const interval = this.app.config.IMPORT_PROGRESS_INTERVAL_MS;
    // The button's answer already shows a progress card; the first update waits a full interval after it.
    let lastShown = Date.now();
    const show = async (card: AdaptiveCard, waitForTurn: boolean): Promise<void> => {
      if (!run.progressMessage) return;
      const wait = lastShown + interval - Date.now();
      if (wait > 0 && !waitForTurn) return;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastShown = Date.now();
      await this.app.outbox.update(run.progressMessage.address, run.progressMessage.activityId, card).catch((error: unknown) => {
        this.app.log.warn({ importId: job.id, err: error instanceof Error ? error.message : String(error) }, 'could not update the import progress card');
      });
    };
    const created: CreatedUser[] = [];
    try {
      await createInBatches(this.app.service, job.customerId, run.rows, run.actor, {
        from: job.progress.processed,
        afterBatch: async (batch) => {
          created.push(...batch.created);
          await this.record(job, batch);
          await run.audit(batchAudit(job, batch));
          await show(progressCard(job), false);
        },
      });
      const note = await this.deliverPasswords(run, created);
      job.status = 'finished';
      job.progress.finishedAt = this.app.clock.now().toISOString();
      await this.jobs.save(job);
      await this.jobs.forgetRows(job.id);
      await run.audit(summaryAudit(job));
      this.app.log.info({ importId: job.id, created: job.progress.created, existing: job.progress.existing, failed: job.progress.failures.length }, 'import finished');
      await show(resultCard(job, note), true);
    } catch (error) {
      // What was created stays created (and recorded); the operator can resume from job.progress.processed.
      job.status = 'stopped';
      job.progress.passwordsLost += created.length;
      await this.jobs.save(job).catch(() => undefined);
      this.app.log.error({ importId: job.id, code: isServiceError(error) ? error.code : 'INTERNAL', err: error instanceof Error ? error.message : String(error) }, 'import stopped');
      await run.audit({ action: 'user.import', target: job.fileName, outcome: 'failure', details: { importId: job.id, processed: job.progress.processed, created: job.progress.created } }).catch(() => undefined);
      await show(cardForError(error), true);
    }
  }

  private async record(job: ImportJob, batch: BatchResult): Promise<void> {
    const p = job.progress;
    p.processed = batch.processed;
    p.created += batch.created.length;
    p.existing += batch.existing.length;
    p.failures.push(...batch.failures);
    p.updatedAt = this.app.clock.now().toISOString();
    await this.jobs.save(job);
  }

  /** Sends the passwords to the personal chat in cards under 28 KB, each hidden after PASSWORD_VISIBLE_MINUTES. */
  private async deliverPasswords(run: ImportRun, created: CreatedUser[]): Promise<string> {
    if (created.length === 0) return '';
    const { job } = run;
    const chunks = passwordChunks(created);
    const minutes = this.app.config.PASSWORD_VISIBLE_MINUTES;
    let undelivered = 0;
    for (const [i, chunk] of chunks.entries()) {
      const part = chunks.length > 1 ? ` (${i + 1} of ${chunks.length})` : '';
      const first = chunk[0] as CreatedUser;
      const last = chunk[chunk.length - 1] as CreatedUser;
      const card = importPasswordsCard.render({
        title: `Temporary passwords: ${path.basename(job.fileName)}${part}`,
        message: `Rows ${first.rowNumber}-${last.rowNumber} of the import into ${job.customerName}. This message is hidden after ${minutes} minutes: copy or print it now.`,
        csv: [CSV_HEADER, ...chunk.map((u) => `${u.upn},${u.temporaryPassword}`)].join('\n'),
        rows: chunk.length,
        hideVerb: 'import.passwords.hide',
      });
      const hidden = notice(
        'Temporary passwords hidden',
        `The temporary passwords of ${n(chunk.length)} users imported into ${job.customerName}${part} were hidden. If one was not passed on, reset that user's password.`,
      );
      try {
        const activityId = await this.app.outbox.send(run.privateAddress, card);
        if (activityId) await this.app.passwordHides.schedule(run.privateAddress, activityId, hidden);
      } catch (error) {
        undelivered += chunk.length;
        this.app.log.warn({ importId: job.id, err: error instanceof Error ? error.message : String(error) }, 'could not send an import password card');
      }
    }
    job.progress.passwordsLost += undelivered;
    const where = run.inPersonalChat ? 'in this chat' : 'to you in a private chat';
    const sent = `The user names and temporary passwords were sent ${where} (${chunks.length === 1 ? 'one message' : `${chunks.length} messages`}, hidden after ${minutes} minutes).`;
    return undelivered ? `${sent} ${n(undelivered)} could not be delivered: reset those users' passwords.` : sent;
  }
}

function batchAudit(job: ImportJob, batch: BatchResult): AuditRecord {
  return {
    action: 'user.import.batch',
    target: job.fileName,
    outcome: batch.failures.length ? 'partial' : 'success',
    details: {
      importId: job.id,
      processed: batch.processed,
      created: batch.created.map((u) => u.upn),
      existing: batch.existing.length,
      failed: batch.failures.map((f) => ({ upn: f.upn, rowNumber: f.rowNumber, reason: f.reason })),
    },
  };
}

function summaryAudit(job: ImportJob): AuditRecord {
  const p = job.progress;
  return {
    action: 'user.import',
    target: job.fileName,
    outcome: p.failures.length === 0 ? 'success' : p.created > 0 ? 'partial' : 'failure',
    details: { importId: job.id, rows: job.review.totalRows, created: p.created, existing: p.existing, failed: p.failures.length, invalidRows: job.review.invalidRows },
  };
}

const registry = new WeakMap<AppServices, ImportRunner>();

/** The import runner (and its job store) of this app, created on first use. */
export function importsFor(app: AppServices): ImportRunner {
  let runner = registry.get(app);
  if (!runner) {
    runner = new ImportRunner(app, new ImportJobs(ImportJobs.dirFor(app.config.DATA_DIR), app.clock));
    registry.set(app, runner);
  }
  return runner;
}
