import type { AuditQuery, AuditStore } from '../../../ports/state/audit.js';
import { auditEntrySchema, type AuditEntry } from '../../../ports/state/records.js';
import { json, type SqlClient } from './sql.js';

const entries = (rows: { doc: unknown }[]): AuditEntry[] => rows.map((r) => auditEntrySchema.parse(r.doc));

/** The filters of `audit`, as the file store applies them: target contains (any case), actor id and action equal (any case). */
const WHERE = `($1::text IS NULL OR strpos(lower(target), lower($1)) > 0)
  AND ($2::text IS NULL OR actor_id = lower($2)) AND ($3::text IS NULL OR action = lower($3))`;
const filters = (q: Omit<AuditQuery, 'limit'>): (string | null)[] => [q.target || null, q.actor || null, q.action || null];

export function postgresAudit(sql: SqlClient): AuditStore {
  return {
    async append(batch) {
      if (batch.length === 0) return;
      const parsed = batch.map((e) => auditEntrySchema.parse(e));
      // One statement for the batch (all or nothing); ordinality keeps the order, so ids follow it.
      await sql.query(
        `INSERT INTO audit_entries (at, actor_id, action, target, doc)
         SELECT (e.doc ->> 'at')::timestamptz, lower(e.doc -> 'actor' ->> 'aadObjectId'), lower(e.doc ->> 'action'), e.doc ->> 'target', e.doc
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, n) ORDER BY e.n`,
        [json(parsed)],
      );
    },
    async query(q) {
      return entries(await sql.query(`SELECT doc FROM audit_entries WHERE ${WHERE} ORDER BY id DESC LIMIT $4`, [...filters(q), q.limit]));
    },
    async export(q) {
      return entries(await sql.query(`SELECT doc FROM audit_entries WHERE ${WHERE} ORDER BY id LIMIT $4`, [...filters(q), q.limit ?? null]));
    },
  };
}
