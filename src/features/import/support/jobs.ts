import { randomBytes } from 'node:crypto';
import { ServiceError } from '../../../domain/errors.js';
import type { ImportJobStore } from '../../../ports/state/import-jobs.js';
import type { ImportJob, StoredImportRow } from '../../../ports/state/records.js';

export type { ImportJob, StoredImportRow } from '../../../ports/state/records.js';

export const REVIEW_TTL_HOURS = 24;

type NewJobFields = Omit<ImportJob, 'version' | 'id' | 'createdAt' | 'expiresAt' | 'status' | 'progress'>;

/** Stores a new job in review with its rows (first forgetting the rows of reviews nobody acted on). */
export async function createJob(jobs: ImportJobStore, fields: NewJobFields, rows: StoredImportRow[], now: Date): Promise<ImportJob> {
  await jobs.pruneExpiredReviews(now);
  const job: ImportJob = {
    version: 1,
    id: randomBytes(18).toString('base64url'),
    ...fields,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + REVIEW_TTL_HOURS * 3600_000).toISOString(),
    status: 'review',
    progress: { total: rows.length, processed: 0, created: 0, existing: 0, failures: [], existingRows: [], passwordsLost: 0 },
  };
  await jobs.create(job, rows);
  return job;
}

export async function requireJob(jobs: ImportJobStore, id: string): Promise<ImportJob> {
  const job = await jobs.get(id);
  if (!job) throw new ServiceError('NOT_FOUND', 'This import is unknown or was removed. Import the file again.', { what: 'Import' });
  return job;
}

export async function requireRows(jobs: ImportJobStore, id: string): Promise<StoredImportRow[]> {
  const rows = await jobs.rows(id);
  if (!rows) throw new ServiceError('NOT_FOUND', 'The rows of this import are no longer stored. Import the file again.', { what: 'Import' });
  return rows;
}

/** A job marked running that no live lease holds was cut off by a stop of the bot (or of the instance running it). */
export async function isInterrupted(jobs: ImportJobStore, job: ImportJob, now: Date): Promise<boolean> {
  return job.status === 'running' && !(await jobs.leaseHolder(job.id, now));
}
