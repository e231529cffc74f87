import type { ActivityStore } from '../../../ports/state/activities.js';
import { iso, type SqlClient } from './sql.js';

/** How often one instance deletes ids older than their ttl (they can only ever answer "first seen" again). */
const CLEANUP_EVERY_MS = 60_000;

export function postgresActivities(sql: SqlClient): ActivityStore {
  let lastCleanup = 0;
  return {
    async firstSeen(activityId, now, ttlMs) {
      const at = now.getTime();
      if (at - lastCleanup > CLEANUP_EVERY_MS) {
        lastCleanup = at;
        await sql.query('DELETE FROM seen_activities WHERE seen_at < $1::timestamptz', [iso(new Date(at - ttlMs))]);
      }
      // The primary key decides across instances: the first insert returns the row; a repeat within the ttl conflicts
      // and, its seen_at being recent, updates nothing and returns nothing. An id seen longer ago counts as new.
      const rows = await sql.query(
        `INSERT INTO seen_activities (id, seen_at) VALUES ($1, $2::timestamptz)
         ON CONFLICT (id) DO UPDATE SET seen_at = EXCLUDED.seen_at WHERE seen_activities.seen_at <= $3::timestamptz
         RETURNING id`,
        [activityId, iso(now), iso(new Date(at - ttlMs))],
      );
      return rows.length > 0;
    },
  };
}
