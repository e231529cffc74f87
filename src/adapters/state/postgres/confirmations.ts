import type { ConfirmationStore, ConsumeRefusal } from '../../../ports/state/confirmations.js';
import { confirmationSchema, operatorId, type Confirmation } from '../../../ports/state/records.js';
import { iso, json, type SqlClient } from './sql.js';

const parse = (doc: unknown): Confirmation => confirmationSchema.parse(doc);

export function postgresConfirmations(sql: SqlClient): ConfirmationStore {
  return {
    async add(confirmation) {
      const c = parse(confirmation);
      await sql.query(
        'INSERT INTO confirmations (id, kind, operator_id, expires_at, used_at, doc) VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz, $6::jsonb)',
        [c.id, c.kind, operatorId(c.operator), c.expiresAt, c.usedAt ?? null, json(c)],
      );
    },
    async get(id) {
      const rows = await sql.query<{ doc: unknown }>('SELECT doc FROM confirmations WHERE id = $1', [id]);
      return rows[0] ? parse(rows[0].doc) : undefined;
    },
    async consume(id, by, kind, now) {
      // Single use in one statement: of concurrent presses (on any instance) the row lock lets one UPDATE match; the
      // others re-check `used_at IS NULL` on the updated row and match nothing.
      const at = iso(now);
      const used = await sql.query<{ doc: unknown }>(
        `UPDATE confirmations SET used_at = $4::timestamptz, doc = jsonb_set(doc, '{usedAt}', to_jsonb($5::text))
         WHERE id = $1 AND kind = $2 AND operator_id = $3 AND used_at IS NULL AND expires_at >= $4::timestamptz
         RETURNING doc`,
        [id, kind, operatorId(by), at, at],
      );
      if (used[0]) return { ok: true, confirmation: parse(used[0].doc) };
      // Nothing matched: read it only to say why, in the order the checks are documented.
      const found = await this.get(id);
      if (!found) return { ok: false, why: 'missing' };
      const why: ConsumeRefusal =
        found.kind !== kind ? 'kind' : operatorId(found.operator) !== operatorId(by) ? 'foreign' : found.usedAt ? 'used' : 'expired';
      return { ok: false, why, confirmation: found };
    },
    async prune(before) {
      await sql.query('DELETE FROM confirmations WHERE expires_at < $1::timestamptz', [iso(before)]);
    },
  };
}
