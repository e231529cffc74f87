import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ImportJobStore } from '../../../ports/state/import-jobs.js';
import { importJobSchema, importRowSchema, type ImportJob } from '../../../ports/state/records.js';
import { DurableJsonFile } from '../../files/durable-file.js';

const rowsFileSchema = z.object({ version: z.literal(1), rows: z.array(importRowSchema) });
/** User names (no passwords) of users this import created whose temporary password was never shown. */
const unshownFileSchema = z.object({ version: z.literal(1), upns: z.array(z.string()) });
/** Ids the bot makes (base64url); anything else never becomes a path. */
const JOB_ID = /^[A-Za-z0-9_-]{16,64}$/;

export const importsDirOf = (dataDir: string): string => path.join(dataDir, 'imports');

/**
 * Import jobs under DATA_DIR/imports: <id>.json (small, rewritten per batch), <id>.rows.json (written once) and
 * <id>.unshown.json (user names whose passwords were never shown; written when a run ends).
 * Leases live in memory: the file state is one process by definition (DATA_DIR is not shared), so a job marked
 * running that no lease of this process holds was cut off by a stop of the bot (import status offers Resume).
 */
export function openFileImportJobStore(dataDir: string): ImportJobStore {
  const dir = importsDirOf(dataDir);
  const leases = new Map<string, { owner: string; until: number }>();
  const fileOf = (id: string, suffix: string) => {
    if (!JOB_ID.test(id)) throw new Error('not an import id');
    return path.join(dir, `${id}${suffix}`);
  };
  const jobFile = (id: string) => new DurableJsonFile(fileOf(id, '.json'), importJobSchema);
  const rowsFile = (id: string) => new DurableJsonFile(fileOf(id, '.rows.json'), rowsFileSchema);
  const unshownFile = (id: string) => new DurableJsonFile(fileOf(id, '.unshown.json'), unshownFileSchema);

  const all = async (): Promise<ImportJob[]> => {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.rows.json') && !f.endsWith('.unshown.json') && !f.startsWith('.'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const jobs = await Promise.all(names.map((n) => Promise.resolve().then(() => jobFile(n.slice(0, -5)).read()).catch(() => null)));
    return jobs.filter((j): j is ImportJob => j !== null);
  };
  const forgetRows = (id: string) => rm(fileOf(id, '.rows.json'), { force: true });
  const live = (id: string, now: number) => {
    const lease = leases.get(id);
    return lease && lease.until > now ? lease : undefined;
  };

  return {
    async create(job, rows) {
      await mkdir(dir, { recursive: true });
      await rowsFile(job.id).write({ version: 1, rows: [...rows] });
      await jobFile(job.id).write(importJobSchema.parse(job));
    },
    async get(id) {
      return JOB_ID.test(id) ? ((await jobFile(id).read()) ?? undefined) : undefined;
    },
    async rows(id) {
      return JOB_ID.test(id) ? (await rowsFile(id).read())?.rows : undefined;
    },
    save: (job) => jobFile(job.id).write(importJobSchema.parse(job)),
    forgetRows,
    async saveUnshown(id, upns) {
      if (upns.length === 0) await rm(fileOf(id, '.unshown.json'), { force: true });
      else await unshownFile(id).write({ version: 1, upns: [...upns] });
    },
    async unshown(id) {
      return JOB_ID.test(id) ? ((await unshownFile(id).read())?.upns ?? []) : [];
    },
    async latest(customerId, limit) {
      return (await all())
        .filter((j) => j.customerId === customerId && j.status !== 'cancelled')
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, limit);
    },
    async running() {
      return (await all()).filter((j) => j.status === 'running');
    },
    // Check and take without an await in between: of concurrent calls, one owner gets it.
    async lease(id, owner, now, until) {
      const held = live(id, now.getTime());
      if (held && held.owner !== owner) return false;
      leases.set(id, { owner, until: until.getTime() });
      return true;
    },
    async release(id, owner) {
      if (leases.get(id)?.owner === owner) leases.delete(id);
    },
    async leaseHolder(id, now) {
      return live(id, now.getTime())?.owner;
    },
    async pruneExpiredReviews(now) {
      for (const job of await all()) if (job.status === 'review' && Date.parse(job.expiresAt) < now.getTime()) await forgetRows(job.id);
    },
  };
}
