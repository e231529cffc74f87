import { z } from 'zod';
import type { ImportJobStore } from '../../../ports/state/import-jobs.js';
import { importJobSchema, importRowSchema, type ImportJob } from '../../../ports/state/records.js';
import { iso, json, type Sql } from './sql.js';

const jobs = (rows: { doc: unknown }[]): ImportJob[] => rows.map((r) => importJobSchema.parse(r.doc));
const rowsSchema = z.array(importRowSchema);
const upnsSchema = z.array(z.string());

export function postgresImportJobs(sql: Sql): ImportJobStore {
  const upsert = `INSERT INTO import_jobs (id, customer_id, status, created_at, expires_at, doc) VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz, $6::jsonb)
    ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, status = EXCLUDED.status, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at, doc = EXCLUDED.doc`;
  const params = (job: ImportJob) => [job.id, job.customerId, job.status, job.createdAt, job.expiresAt, json(job)];
  return {
    async create(job, rows) {
      const j = importJobSchema.parse(job);
      // Job and rows together or not at all.
      await sql.transaction(async (tx) => {
        await tx.query(upsert, params(j));
        await tx.query('INSERT INTO import_rows (job_id, rows) VALUES ($1, $2::jsonb) ON CONFLICT (job_id) DO UPDATE SET rows = EXCLUDED.rows', [j.id, json(rows)]);
      });
    },
    async get(id) {
      return jobs(await sql.query('SELECT doc FROM import_jobs WHERE id = $1', [id]))[0];
    },
    async rows(id) {
      const found = await sql.query<{ rows: unknown }>('SELECT rows FROM import_rows WHERE job_id = $1', [id]);
      return found[0] ? rowsSchema.parse(found[0].rows) : undefined;
    },
    async save(job) {
      await sql.query(upsert, params(importJobSchema.parse(job)));
    },
    async forgetRows(id) {
      await sql.query('DELETE FROM import_rows WHERE job_id = $1', [id]);
    },
    async saveUnshown(id, upns) {
      await sql.query('UPDATE import_jobs SET unshown = $2::jsonb WHERE id = $1', [id, json(upns)]);
    },
    async unshown(id) {
      const found = await sql.query<{ unshown: unknown }>('SELECT unshown FROM import_jobs WHERE id = $1', [id]);
      return found[0] ? upnsSchema.parse(found[0].unshown) : [];
    },
    async latest(customerId, limit) {
      return jobs(await sql.query("SELECT doc FROM import_jobs WHERE customer_id = $1 AND status <> 'cancelled' ORDER BY created_at DESC, id DESC LIMIT $2", [customerId, limit]));
    },
    async running() {
      return jobs(await sql.query("SELECT doc FROM import_jobs WHERE status = 'running' ORDER BY created_at, id"));
    },
    async lease(id, owner, now, until) {
      // Taken when free, expired (its instance died) or already ours (renewal), in one conditional UPDATE.
      const rows = await sql.query(
        'UPDATE import_jobs SET lease_owner = $2, lease_until = $4::timestamptz WHERE id = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until <= $3::timestamptz) RETURNING id',
        [id, owner, iso(now), iso(until)],
      );
      return rows.length > 0;
    },
    async release(id, owner) {
      await sql.query('UPDATE import_jobs SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2', [id, owner]);
    },
    async leaseHolder(id, now) {
      const rows = await sql.query<{ lease_owner: string }>('SELECT lease_owner FROM import_jobs WHERE id = $1 AND lease_owner IS NOT NULL AND lease_until > $2::timestamptz', [id, iso(now)]);
      return rows[0]?.lease_owner;
    },
    async pruneExpiredReviews(now) {
      // The rows are personal data with no further use once a review nobody acted on has expired.
      await sql.query("DELETE FROM import_rows r USING import_jobs j WHERE r.job_id = j.id AND j.status = 'review' AND j.expires_at < $1::timestamptz", [iso(now)]);
    },
  };
}
