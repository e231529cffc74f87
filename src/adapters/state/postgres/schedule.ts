import { randomBytes } from 'node:crypto';
import type { ScheduleStore } from '../../../ports/state/schedule.js';
import type { ScheduledItem } from '../../../ports/state/records.js';
import { iso, isoOf, json, num, type SqlClient } from './sql.js';

interface ItemRow { id: string; kind: string; key: string; due_at: unknown; payload: Record<string, unknown>; attempts: unknown }
const item = (r: ItemRow): ScheduledItem => ({ id: r.id, kind: r.kind, key: r.key, dueAt: isoOf(r.due_at), payload: r.payload, attempts: num(r.attempts) });
const COLUMNS = 'id, kind, key, due_at, payload, attempts';

export function postgresSchedule(sql: SqlClient): ScheduleStore {
  return {
    async schedule({ kind, key, dueAt, payload }) {
      // Replacing gives the item a new id: an instance still holding the old claim (a sweep that schedules its next
      // run, then completes) completes nothing, instead of deleting the new run.
      await sql.query(
        `INSERT INTO scheduled_items (id, kind, key, due_at, payload, attempts) VALUES ($1, $2, $3, $4::timestamptz, $5::jsonb, 0)
         ON CONFLICT (kind, key) DO UPDATE SET id = EXCLUDED.id, due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, attempts = 0, lease_until = NULL`,
        [randomBytes(12).toString('base64url'), kind, key, dueAt, json(payload)],
      );
    },
    async get(kind, key) {
      const rows = await sql.query<ItemRow>(`SELECT ${COLUMNS} FROM scheduled_items WHERE kind = $1 AND key = $2`, [kind, key]);
      return rows[0] ? item(rows[0]) : undefined;
    },
    async list(kind) {
      const rows = await sql.query<ItemRow>(`SELECT ${COLUMNS} FROM scheduled_items WHERE kind = $1 ORDER BY due_at, id`, [kind]);
      return rows.map(item);
    },
    async cancel(kind, key) {
      const rows = await sql.query<ItemRow>(`DELETE FROM scheduled_items WHERE kind = $1 AND key = $2 RETURNING ${COLUMNS}`, [kind, key]);
      return rows[0] ? item(rows[0]) : undefined;
    },
    async claimDue(now, leaseUntil, limit, kinds) {
      // SKIP LOCKED: instances claiming at the same moment each take different rows instead of waiting for each
      // other; a row another instance has just leased is re-checked against its new lease_until and left out.
      const rows = await sql.query<ItemRow>(
        `WITH due AS (
           SELECT id FROM scheduled_items
           WHERE due_at <= $1::timestamptz AND (lease_until IS NULL OR lease_until <= $1::timestamptz)
             AND ($4::text[] IS NULL OR kind = ANY($4::text[]))
           ORDER BY due_at, id LIMIT $3
           FOR UPDATE SKIP LOCKED)
         UPDATE scheduled_items s SET lease_until = $2::timestamptz FROM due WHERE s.id = due.id
         RETURNING s.id, s.kind, s.key, s.due_at, s.payload, s.attempts`,
        [iso(now), iso(leaseUntil), limit, kinds ? [...kinds] : null],
      );
      return rows.map(item).sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
    },
    async complete(id) {
      await sql.query('DELETE FROM scheduled_items WHERE id = $1', [id]);
    },
    async retryAt(id, dueAt) {
      await sql.query('UPDATE scheduled_items SET due_at = $2::timestamptz, attempts = attempts + 1, lease_until = NULL WHERE id = $1', [id, iso(dueAt)]);
    },
  };
}
