import type { ImportJob, StoredImportRow } from './records.js';

/** CSV imports: the review, the rows (personal data, removed when the import ends) and how far creating got. */
export interface ImportJobStore {
  create(job: ImportJob, rows: readonly StoredImportRow[]): Promise<void>;
  get(id: string): Promise<ImportJob | undefined>;
  rows(id: string): Promise<StoredImportRow[] | undefined>;
  /** Saves progress (after every batch). */
  save(job: ImportJob): Promise<void>;
  forgetRows(id: string): Promise<void>;
  /** User names (never passwords) of users this import created whose temporary password was never shown. */
  saveUnshown(id: string, upns: readonly string[]): Promise<void>;
  unshown(id: string): Promise<string[]>;
  /** A customer's newest jobs, newest first (cancelled ones left out). */
  latest(customerId: string, limit: number): Promise<ImportJob[]>;
  /** Jobs marked running: being run by some instance, or cut off by a stop (to resume or take over). */
  running(): Promise<ImportJob[]>;
  /**
   * Leases the job to `owner` until `until` if nobody holds it, its lease ran out (the instance died) or `owner` holds
   * it already; true when taken. The runner renews it after every batch.
   */
  lease(id: string, owner: string, now: Date, until: Date): Promise<boolean>;
  release(id: string, owner: string): Promise<void>;
  /** Who holds a lease on the job that has not run out at `now`, if anyone (a job marked running without one was cut off). */
  leaseHolder(id: string, now: Date): Promise<string | undefined>;
  /** Removes the rows of reviews nobody acted on once the review has expired. */
  pruneExpiredReviews(now: Date): Promise<void>;
}
