import { mkdir, readdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { DurableJsonFile } from '../../../adapters/files/durable-file.js';
import { ServiceError } from '../../../domain/errors.js';
import type { Clock } from '../../../domain/clock.js';

const optionalText = z.string().optional();

const newUserInputSchema = z.object({
  upn: z.string(),
  givenName: z.string(),
  surname: z.string(),
  displayName: z.string(),
  usageLocation: optionalText,
  licenses: z.array(z.string()),
  jobTitle: optionalText,
  department: optionalText,
  officeLocation: optionalText,
  businessPhone: optionalText,
  mobilePhone: optionalText,
  streetAddress: optionalText,
  city: optionalText,
  state: optionalText,
  postalCode: optionalText,
  country: optionalText,
});

export const importRowSchema = z.object({ rowNumber: z.number().int(), input: newUserInputSchema });
const rowsFileSchema = z.object({ version: z.literal(1), rows: z.array(importRowSchema) });
/** User names (no passwords) of users this import created whose temporary password was never shown. */
const unshownFileSchema = z.object({ version: z.literal(1), upns: z.array(z.string()) });

const rowProblemSchema = z.object({ rowNumber: z.number().int(), column: z.string(), reason: z.string() });
const failureSchema = z.object({ rowNumber: z.number().int(), upn: z.string(), reason: z.string() });
const messageRefSchema = z.object({ address: z.record(z.string(), z.unknown()), activityId: z.string() });

/**
 * One import: what the review found, and how far creating got (recorded after every batch). Never a password:
 * those exist only in memory until they are sent to the operator's personal chat.
 */
export const importJobSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  fileName: z.string(),
  operator: z.object({ tenantId: z.string(), aadObjectId: z.string(), name: z.string() }),
  createdAt: z.string(),
  /** The review's Create buttons work until then. */
  expiresAt: z.string(),
  /** 'running' on disk while no process runs it means the bot stopped mid-import. */
  status: z.enum(['review', 'running', 'finished', 'cancelled', 'stopped']),
  review: z.object({
    totalRows: z.number().int(),
    readyRows: z.number().int(),
    existingRows: z.number().int(),
    invalidRows: z.number().int(),
    errors: z.array(rowProblemSchema),
  }),
  progress: z.object({
    total: z.number().int(),
    /** Rows of the rows file handled so far, in order; a resumed run starts here. */
    processed: z.number().int(),
    created: z.number().int(),
    existing: z.number().int(),
    failures: z.array(failureSchema),
    /** Row numbers the directory reported as existing that this import did not create (counted in `existing`). */
    existingRows: z.array(z.number().int()).default([]),
    /**
     * Write-ahead intent: the rows (indexes into the rows file, which holds their user names) of the batch about to be
     * written. Saved with the previous batch's progress (or the start), so it costs no write of its own. If the bot
     * stops after the directory took the batch but before its progress was saved, a resumed run counts the users of
     * this range that exist as created by this import, not as existing.
     */
    inFlight: z.object({ from: z.number().int(), to: z.number().int() }).optional(),
    /** Users created in runs whose passwords never reached the operator; their user names are in <id>.unshown.json. */
    passwordsLost: z.number().int().default(0),
    startedAt: optionalText,
    updatedAt: optionalText,
    finishedAt: optionalText,
  }),
  progressMessage: messageRefSchema.optional(),
});

export type ImportJob = z.infer<typeof importJobSchema>;
export type StoredImportRow = z.infer<typeof importRowSchema>;

export const REVIEW_TTL_HOURS = 24;
const JOB_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Import jobs under DATA_DIR/imports: <id>.json (small, rewritten per batch), <id>.rows.json (written once) and
 * <id>.unshown.json (user names whose passwords were never shown; written when a run ends).
 */
export class ImportJobs {
  /** Jobs this process is running now (anything else marked running was interrupted). */
  readonly active = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
  ) {}

  static dirFor(dataDir: string): string {
    return path.join(dataDir, 'imports');
  }

  private jobFile(id: string) {
    return new DurableJsonFile(path.join(this.dir, `${id}.json`), importJobSchema);
  }

  private rowsFile(id: string) {
    return new DurableJsonFile(path.join(this.dir, `${id}.rows.json`), rowsFileSchema);
  }

  async create(fields: Omit<ImportJob, 'version' | 'id' | 'createdAt' | 'expiresAt' | 'status' | 'progress'>, rows: StoredImportRow[]): Promise<ImportJob> {
    await mkdir(this.dir, { recursive: true });
    await this.pruneExpiredReviews();
    const now = this.clock.now();
    const job: ImportJob = {
      version: 1,
      id: randomBytes(18).toString('base64url'),
      ...fields,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + REVIEW_TTL_HOURS * 3600_000).toISOString(),
      status: 'review',
      progress: { total: rows.length, processed: 0, created: 0, existing: 0, failures: [], existingRows: [], passwordsLost: 0 },
    };
    await this.rowsFile(job.id).write({ version: 1, rows });
    await this.save(job);
    return job;
  }

  async get(id: string): Promise<ImportJob> {
    const job = JOB_ID.test(id) ? await this.jobFile(id).read() : null;
    if (!job) throw new ServiceError('NOT_FOUND', 'This import is unknown or was removed. Import the file again.', { what: 'Import' });
    return job;
  }

  async rows(id: string): Promise<StoredImportRow[]> {
    const file = await this.rowsFile(id).read();
    if (!file) throw new ServiceError('NOT_FOUND', 'The rows of this import are no longer stored. Import the file again.', { what: 'Import' });
    return file.rows;
  }

  save(job: ImportJob): Promise<void> {
    return this.jobFile(job.id).write(importJobSchema.parse(job));
  }

  private unshownFile(id: string) {
    return new DurableJsonFile(path.join(this.dir, `${id}.unshown.json`), unshownFileSchema);
  }

  /** Kept after the import ends, for "Reset their passwords"; written when a run ends, never per batch. */
  async saveUnshown(id: string, upns: string[]): Promise<void> {
    if (upns.length === 0) await rm(path.join(this.dir, `${id}.unshown.json`), { force: true });
    else await this.unshownFile(id).write({ version: 1, upns });
  }

  async unshown(id: string): Promise<string[]> {
    return (await this.unshownFile(id).read())?.upns ?? [];
  }

  /** The rows hold personal data: they are removed once the import is over. */
  async forgetRows(id: string): Promise<void> {
    await rm(path.join(this.dir, `${id}.rows.json`), { force: true });
  }

  /** Whether a job marked running was cut off by a stop of the bot. */
  interrupted(job: ImportJob): boolean {
    return job.status === 'running' && !this.active.has(job.id);
  }

  private async all(): Promise<ImportJob[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.rows.json') && !f.endsWith('.unshown.json') && !f.startsWith('.'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const jobs = await Promise.all(names.map((n) => this.jobFile(n.slice(0, -5)).read().catch(() => null)));
    return jobs.filter((j): j is ImportJob => j !== null);
  }

  /** Rows of reviews nobody acted on are personal data with no further use: removed once the review expires. */
  async pruneExpiredReviews(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const job of await this.all()) if (job.status === 'review' && Date.parse(job.expiresAt) < now) await this.forgetRows(job.id);
  }

  /** The newest jobs of a customer, newest first. */
  async latest(customerId: string, limit: number): Promise<ImportJob[]> {
    return (await this.all())
      .filter((j) => j.customerId === customerId && j.status !== 'cancelled')
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit);
  }
}
