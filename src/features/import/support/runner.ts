import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { AdaptiveCard } from '../../../cards/card-template.js';
import { cardForError } from '../../../cards/messages.js';
import { isServiceError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/types.js';
import type { AppServices, AuditRecord } from '../../../core/handler-context.js';
import type { ConversationAddress } from '../../../ports/messaging.js';
import type { ImportJobStore } from '../../../ports/state/import-jobs.js';
import { createInBatches, IMPORT_BATCH_SIZE, type BatchResult, type CreatedUser } from './create-in-batches.js';
import { deliverPasswordCards } from './deliver-passwords.js';
import type { ImportJob, StoredImportRow } from './jobs.js';
import { n, progressCard, resultCard } from './report.js';

export { passwordChunks } from './deliver-passwords.js';

export interface ImportRun {
  job: ImportJob;
  rows: StoredImportRow[];
  actor: Actor;
  /** Where the passwords go: the operator's personal chat. */
  privateAddress: ConversationAddress;
  inPersonalChat: boolean;
  progressMessage: { address: ConversationAddress; activityId: string } | undefined;
  /** The batch an earlier run of this import announced (job.progress.inFlight as found on disk), when resuming. */
  replay?: { from: number; to: number } | undefined;
  /** Several records are written in one durable write. */
  audit(record: AuditRecord | readonly AuditRecord[]): Promise<void>;
}

/** The write-ahead intent for the batch that starts at `from`. */
export const intentFrom = (from: number, total: number): { from: number; to: number } => ({ from, to: Math.min(from + IMPORT_BATCH_SIZE, total) });

/**
 * User names created by earlier runs of this import (rows handled, minus failures and rows that already existed):
 * a run shows passwords only when it finishes, so none of theirs was shown.
 */
function createdEarlier(job: ImportJob, rows: StoredImportRow[]): string[] {
  const p = job.progress;
  const notCreated = new Set([...p.failures.map((f) => f.rowNumber), ...p.existingRows]);
  return rows.slice(0, p.processed).filter((r) => !notCreated.has(r.rowNumber)).map((r) => r.input.upn);
}

/**
 * How long a run's lease on its job lasts without renewal. Renewed after every batch and every LEASE_MS / 5 meanwhile,
 * so only a run that died (its instance stopped) loses it; then another instance can take the job over (Resume).
 */
export const IMPORT_LEASE_MS = 5 * 60_000;

/** Runs imports in the background: batches, durable progress, throttled progress card, passwords at the end. */
export class ImportRunner {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly app: AppServices,
    readonly jobs: ImportJobStore,
  ) {}

  /** Leases the job for one run: the owner to pass to start(), or undefined while a run (here or elsewhere) holds it. */
  async claim(id: string): Promise<string | undefined> {
    // One owner per run, so a second press in this process is refused like one on another instance.
    const owner = randomBytes(12).toString('base64url');
    return (await this.renew(id, owner)) ? owner : undefined;
  }

  private renew(id: string, owner: string): Promise<boolean> {
    const now = this.app.clock.now();
    return this.jobs.lease(id, owner, now, new Date(now.getTime() + IMPORT_LEASE_MS));
  }

  /** Starts the run under the lease claim() took; resolves when it is over (callers in a turn do not wait). */
  start(run: ImportRun, owner: string): Promise<void> {
    const heartbeat = setInterval(() => void this.renew(run.job.id, owner).catch(() => undefined), IMPORT_LEASE_MS / 5);
    heartbeat.unref();
    const done = this.run(run, owner).finally(async () => {
      clearInterval(heartbeat);
      this.running.delete(run.job.id);
      await this.jobs.release(run.job.id, owner).catch(() => undefined);
    });
    this.running.set(run.job.id, done);
    return done;
  }

  /** Runs other background work of an import (resetting its unshown passwords), once per key; idle() waits for it. */
  background(key: string, work: () => Promise<void>): boolean {
    if (this.running.has(key)) return false;
    const done = work().finally(() => this.running.delete(key));
    this.running.set(key, done);
    return true;
  }

  /** Resolves when no import is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private async run(run: ImportRun, owner: string): Promise<void> {
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
    const unshown = createdEarlier(job, run.rows);
    // Rows of the batch an earlier run announced: those that exist now were written by that run before it stopped.
    const replayed = new Set(run.replay ? run.rows.slice(run.replay.from, run.replay.to).map((r) => r.rowNumber) : []);
    try {
      await createInBatches(this.app.service, job.customerId, run.rows, run.actor, {
        from: job.progress.processed,
        batchSize: IMPORT_BATCH_SIZE,
        afterBatch: async (batch) => {
          created.push(...batch.created);
          const ours = batch.existing.filter((r) => replayed.has(r.rowNumber));
          unshown.push(...ours.map((r) => r.input.upn));
          await this.record(job, batch, ours);
          await this.renew(job.id, owner);
          await run.audit(batchAudit(job, batch, ours));
          await show(progressCard(job), false);
        },
      });
      const { note, undelivered } = await this.deliverPasswords(run, created);
      unshown.push(...undelivered.map((u) => u.upn));
      await this.jobs.saveUnshown(job.id, unshown);
      job.status = 'finished';
      job.progress.passwordsLost = unshown.length;
      delete job.progress.inFlight;
      job.progress.finishedAt = this.app.clock.now().toISOString();
      await this.jobs.save(job);
      await this.jobs.forgetRows(job.id);
      await run.audit(summaryAudit(job));
      this.app.log.info({ importId: job.id, created: job.progress.created, existing: job.progress.existing, failed: job.progress.failures.length }, 'import finished');
      await show(resultCard(job, note), true);
    } catch (error) {
      // What was created stays created (and recorded); the operator can resume from job.progress.processed.
      // job.progress.inFlight still names the batch that failed: part of it may have been written.
      job.status = 'stopped';
      unshown.push(...created.map((u) => u.upn));
      job.progress.passwordsLost = unshown.length;
      await this.jobs.saveUnshown(job.id, unshown).catch(() => undefined);
      await this.jobs.save(job).catch(() => undefined);
      this.app.log.error({ importId: job.id, code: isServiceError(error) ? error.code : 'INTERNAL', err: error instanceof Error ? error.message : String(error) }, 'import stopped');
      await run.audit({ action: 'user.import', target: job.fileName, outcome: 'failure', details: { importId: job.id, processed: job.progress.processed, created: job.progress.created } }).catch(() => undefined);
      await show(cardForError(error), true);
    }
  }

  /**
   * The one durable write per batch: this batch's progress together with the intent for the next batch (see
   * ImportJob.progress.inFlight), so announcing a batch before writing it costs no extra write. `ours`: rows of a
   * replayed batch that exist because an earlier run of this import created them.
   */
  private async record(job: ImportJob, batch: BatchResult, ours: StoredImportRow[]): Promise<void> {
    const p = job.progress;
    const oursRows = new Set(ours.map((r) => r.rowNumber));
    const existing = batch.existing.filter((r) => !oursRows.has(r.rowNumber));
    p.processed = batch.processed;
    p.created += batch.created.length + ours.length;
    p.existing += existing.length;
    p.existingRows.push(...existing.map((r) => r.rowNumber));
    p.failures.push(...batch.failures);
    p.inFlight = intentFrom(batch.processed, p.total);
    p.updatedAt = this.app.clock.now().toISOString();
    await this.jobs.save(job);
  }

  /** Sends the passwords to the personal chat in cards under 28 KB, each hidden after PASSWORD_VISIBLE_MINUTES. */
  private async deliverPasswords(run: ImportRun, created: CreatedUser[]): Promise<{ note: string; undelivered: CreatedUser[] }> {
    if (created.length === 0) return { note: '', undelivered: [] };
    const { job } = run;
    const { cards, undelivered } = await deliverPasswordCards(this.app, run.privateAddress, created, {
      title: `Temporary passwords: ${path.basename(job.fileName)}`,
      describe: (first, last) => `Rows ${first.rowNumber}-${last.rowNumber} of the import into ${job.customerName}.`,
      whose: `users imported into ${job.customerName}`,
      log: { importId: job.id },
    });
    const where = run.inPersonalChat ? 'in this chat' : 'to you in a private chat';
    const sent = `The user names and temporary passwords were sent ${where} (${cards === 1 ? 'one message' : `${cards} messages`}, hidden after ${this.app.config.PASSWORD_VISIBLE_MINUTES} minutes).`;
    return { note: undelivered.length ? `${sent} ${n(undelivered.length)} could not be delivered.` : sent, undelivered };
  }
}

/**
 * The batch's entry and one per user it created (by UPN, id in details), in one durable write: `audit for <upn>`
 * finds a user created by an import as it finds one created in chat.
 */
function batchAudit(job: ImportJob, batch: BatchResult, ours: StoredImportRow[]): AuditRecord[] {
  const users: AuditRecord[] = batch.created.map((u) => ({ action: 'user.create', target: u.upn, outcome: 'success', details: { userId: u.id, importId: job.id, via: 'import' } }));
  return [batchEntry(job, batch, ours), ...users];
}

function batchEntry(job: ImportJob, batch: BatchResult, ours: StoredImportRow[]): AuditRecord {
  const oursRows = new Set(ours.map((r) => r.rowNumber));
  return {
    action: 'user.import.batch',
    target: job.fileName,
    outcome: batch.failures.length ? 'partial' : 'success',
    details: {
      importId: job.id,
      processed: batch.processed,
      created: batch.created.map((u) => u.upn),
      ...(ours.length ? { createdBeforeStop: ours.map((r) => r.input.upn) } : {}),
      existing: batch.existing.filter((r) => !oursRows.has(r.rowNumber)).length,
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
    runner = new ImportRunner(app, app.state.imports);
    registry.set(app, runner);
  }
  return runner;
}
