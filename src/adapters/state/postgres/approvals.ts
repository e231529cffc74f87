import type { ApprovalStore } from '../../../ports/state/approvals.js';
import { approvalSchema, postedCardSchema, type Approval } from '../../../ports/state/records.js';
import { iso, json, type SqlClient } from './sql.js';

const parse = (doc: unknown): Approval => approvalSchema.parse(doc);
const approvals = (rows: { doc: unknown }[]): Approval[] => rows.map((r) => parse(r.doc));

export function postgresApprovals(sql: SqlClient): ApprovalStore {
  return {
    async add(approval) {
      const a = parse(approval);
      await sql.query('INSERT INTO approvals (id, state, created_at, expires_at, doc) VALUES ($1, $2, $3::timestamptz, $4::timestamptz, $5::jsonb)', [a.id, a.state, a.createdAt, a.expiresAt, json(a)]);
    },
    async get(id) {
      const rows = await sql.query<{ doc: unknown }>('SELECT doc FROM approvals WHERE id = $1', [id]);
      return rows[0] ? parse(rows[0].doc) : undefined;
    },
    async list({ state, limit }) {
      return approvals(await sql.query('SELECT doc FROM approvals WHERE ($1::text IS NULL OR state = $1) ORDER BY created_at DESC, id DESC LIMIT $2', [state ?? null, limit]));
    },
    async transition(id, expected, change) {
      // Compare-and-set on the state column: of concurrent decisions, the first to lock the row matches; the others
      // re-check `state = expected` against the decided row and match nothing.
      const rows = await sql.query<{ doc: unknown }>(
        'UPDATE approvals SET state = COALESCE($3::jsonb ->> \'state\', state), doc = doc || $3::jsonb WHERE id = $1 AND state = $2 RETURNING doc',
        [id, expected, json(change)],
      );
      return rows[0] ? parse(rows[0].doc) : undefined;
    },
    async setOutcome(id, outcome) {
      await sql.query("UPDATE approvals SET doc = jsonb_set(doc, '{outcome}', $2::jsonb) WHERE id = $1", [id, json(outcome)]);
    },
    async setSentTo(id, sentTo) {
      await sql.query("UPDATE approvals SET doc = jsonb_set(doc, '{sentTo}', to_jsonb($2::text)) WHERE id = $1", [id, sentTo]);
    },
    async addPosted(id, posted) {
      const p = postedCardSchema.parse(posted);
      // Idempotent in one statement: appends only when no posted copy has this activity id (re-checked under the row lock).
      await sql.query(
        `UPDATE approvals SET doc = jsonb_set(doc, '{posted}', COALESCE(doc -> 'posted', '[]'::jsonb) || jsonb_build_array($2::jsonb))
         WHERE id = $1 AND NOT COALESCE(doc -> 'posted', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('activityId', $3::text))`,
        [id, json(p), p.activityId],
      );
    },
    async expireDue(now) {
      return approvals(
        await sql.query(
          `UPDATE approvals SET state = 'expired', doc = doc || jsonb_build_object('state', 'expired', 'decidedAt', doc -> 'expiresAt')
           WHERE state = 'pending' AND expires_at < $1::timestamptz RETURNING doc`,
          [iso(now)],
        ),
      );
    },
    async prune(before) {
      await sql.query("DELETE FROM approvals WHERE state <> 'pending' AND expires_at < $1::timestamptz", [iso(before)]);
    },
  };
}
