import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  auditEntrySchema, deletionRecordSchema, importJobSchema, importRowSchema, type AuditEntry,
} from '../../../ports/state/records.js';
import { postgresApprovals } from './approvals.js';
import { postgresAudit } from './audit.js';
import { postgresConfirmations } from './confirmations.js';
import { postgresConversations } from './conversations.js';
import { postgresDeletionRecords } from './deletion-records.js';
import { postgresImportJobs } from './import-jobs.js';
import { postgresOperators } from './operators.js';
import { postgresSchedule } from './schedule.js';
import { iso, json, type Sql, type SqlClient } from './sql.js';
import { appFileSchema } from '../../files/app-file-schema.js';

/** The file formats of DATA_DIR, read with the record schemas; app.json with the file store's own schema. */
const deletionFileSchema = z.object({ version: z.literal(1), tenants: z.record(z.string(), z.record(z.string(), deletionRecordSchema)) });
const rowsFileSchema = z.object({ version: z.literal(1), rows: z.array(importRowSchema) });
const unshownFileSchema = z.object({ version: z.literal(1), upns: z.array(z.string()) });

/** The schedule kind of a password hide (the message showing a password, replaced at hideAt). */
export const PASSWORD_HIDE_KIND = 'password.hide';

export interface CopyResult {
  /** false: this database already holds a copied file state; nothing was added. */
  copied: boolean;
  counts: Record<string, number>;
  importedAt?: string;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file} is not readable JSON: ${(e as Error).message}`, { cause: e });
  }
}

/** audit.jsonl; a torn last line (an append that never completed) is left out, any other bad line stops the copy. */
async function readAudit(file: string): Promise<AuditEntry[]> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const lines = text.split('\n');
  const out: AuditEntry[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(auditEntrySchema.parse(JSON.parse(line)));
    } catch {
      if (i !== lines.length - 1) throw new Error(`${file} line ${i + 1} is not a valid audit entry`);
    }
  });
  return out;
}

/** Transactions inside the copy's one transaction simply join it. */
const joined = (tx: SqlClient): Sql => ({ query: (t, p) => tx.query(t, p), transaction: (fn) => fn(tx), close: async () => undefined });

/**
 * Copies the file state of DATA_DIR into PostgreSQL in one transaction, once: a row in state_imports records it, and a
 * second run (or one racing the first) finds the row and adds nothing. Everything is validated before anything is
 * written; a bad file stops the copy with nothing written.
 */
export async function copyFileState(dataDir: string, sql: Sql, now: Date): Promise<CopyResult> {
  const app = appFileSchema.parse((await readJson(path.join(dataDir, 'app.json'))) ?? { version: 1 });
  const audit = await readAudit(path.join(dataDir, 'audit.jsonl'));
  const deletions = deletionFileSchema.parse((await readJson(path.join(dataDir, 'graph-deleted-users.json'))) ?? { version: 1, tenants: {} });
  const importsDir = path.join(dataDir, 'imports');
  const jobFiles = (await readdir(importsDir).catch(() => [] as string[])).filter((f) => f.endsWith('.json') && !f.endsWith('.rows.json') && !f.endsWith('.unshown.json') && !f.startsWith('.'));
  const imports = await Promise.all(
    jobFiles.map(async (f) => {
      const id = f.slice(0, -'.json'.length);
      const job = importJobSchema.parse(await readJson(path.join(importsDir, f)));
      const rows = rowsFileSchema.optional().parse(await readJson(path.join(importsDir, `${id}.rows.json`)));
      const unshown = unshownFileSchema.optional().parse(await readJson(path.join(importsDir, `${id}.unshown.json`)));
      return { job, rows: rows?.rows, unshown: unshown?.upns ?? [] };
    }),
  );
  const counts = {
    grants: app.grants.length, conversations: Object.keys(app.conversations).length, personalChats: Object.keys(app.personalChats).length,
    approvalChannels: app.approvalChannels.length, confirmations: app.confirmations.length, approvals: app.approvals.length,
    passwordHides: app.passwordHides.length, ownerTenants: Object.keys(app.ownerTenants).length, audit: audit.length,
    imports: imports.length, deletionRecords: Object.values(deletions.tenants).reduce((n, t) => n + Object.keys(t).length, 0),
  };

  return sql.transaction(async (tx) => {
    const marked = await tx.query('INSERT INTO state_imports (source, imported_at, counts) VALUES ($1, $2::timestamptz, $3::jsonb) ON CONFLICT (source) DO NOTHING RETURNING source', ['files', iso(now), json(counts)]);
    if (marked.length === 0) {
      const [earlier] = await tx.query<{ imported_at: Date; counts: Record<string, number> }>("SELECT imported_at, counts FROM state_imports WHERE source = 'files'");
      return { copied: false, counts: earlier?.counts ?? {}, importedAt: earlier?.imported_at.toISOString() };
    }
    const db = joined(tx);
    const operators = postgresOperators(db);
    for (const g of app.grants) await operators.addGrant(g);
    for (const [objectId, b] of Object.entries(app.ownerTenants)) await operators.bindOwner(objectId, b.tenantId, new Date(b.boundAt));
    const conversations = postgresConversations(db);
    for (const [id, c] of Object.entries(app.conversations)) await conversations.chooseCustomer(id, c.customerId);
    for (const [key, address] of Object.entries(app.personalChats)) {
      // Keyed by operatorId(): "tenant/object id", both lower case.
      const [tenantId = '', aadObjectId = ''] = key.split('/');
      await conversations.savePersonalChat({ tenantId, aadObjectId }, address);
    }
    for (const c of app.approvalChannels) await conversations.setApprovalChannel(c);
    const confirmations = postgresConfirmations(db);
    for (const c of app.confirmations) await confirmations.add(c);
    const approvals = postgresApprovals(db);
    for (const a of app.approvals) await approvals.add(a);
    const schedule = postgresSchedule(db);
    for (const h of app.passwordHides) await schedule.schedule({ kind: PASSWORD_HIDE_KIND, key: h.activityId, dueAt: h.hideAt, payload: h });
    // Work the file store scheduled itself (password hides of this version); the sweeps are scheduled anew at start.
    for (const item of app.scheduled) if (!item.kind.startsWith('sweep.')) await schedule.schedule({ kind: item.kind, key: item.key, dueAt: item.dueAt, payload: item.payload });
    // In chunks, so one statement never carries the whole trail.
    for (let i = 0; i < audit.length; i += 1000) await postgresAudit(db).append(audit.slice(i, i + 1000));
    const jobs = postgresImportJobs(db);
    for (const { job, rows, unshown } of imports) {
      if (rows) await jobs.create(job, rows);
      else await jobs.save(job);
      if (unshown.length > 0) await jobs.saveUnshown(job.id, unshown);
    }
    const records = postgresDeletionRecords(db);
    for (const [tenantId, users] of Object.entries(deletions.tenants)) await records.put(tenantId, new Map(Object.entries(users)));
    return { copied: true, counts, importedAt: iso(now) };
  });
}
