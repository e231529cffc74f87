import type { DeletionRecordStore } from '../../../ports/state/deletion-records.js';
import { deletionRecordSchema } from '../../../ports/state/records.js';
import { json, type SqlClient } from './sql.js';

export function postgresDeletionRecords(sql: SqlClient): DeletionRecordStore {
  return {
    async get(tenantId, userId) {
      const rows = await sql.query<{ doc: unknown }>('SELECT doc FROM deletion_records WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId]);
      return rows[0] ? deletionRecordSchema.parse(rows[0].doc) : undefined;
    },
    async put(tenantId, records) {
      if (records.size === 0) return;
      const doc = Object.fromEntries([...records].map(([id, r]) => [id, deletionRecordSchema.parse(r)]));
      // One statement for the batch: every record of it is stored, or none.
      await sql.query(
        `INSERT INTO deletion_records (tenant_id, user_id, doc) SELECT $1, e.key, e.value FROM jsonb_each($2::jsonb) AS e
         ON CONFLICT (tenant_id, user_id) DO UPDATE SET doc = EXCLUDED.doc`,
        [tenantId, json(doc)],
      );
    },
    async remove(tenantId, userIds) {
      if (userIds.length === 0) return;
      await sql.query('DELETE FROM deletion_records WHERE tenant_id = $1 AND user_id = ANY($2::text[])', [tenantId, [...userIds]]);
    },
  };
}
