import type { RateLimitStore } from '../../../ports/state/rate-limits.js';
import { iso, num, type SqlClient } from './sql.js';

/**
 * Exact sliding log per key, shared by every instance, in one statement: ON CONFLICT DO UPDATE locks the key's row, so
 * concurrent takes on any instance are applied one after the other. The attempts still in the window are kept; `now`
 * is appended only when fewer than `limit` remain, and `allowed` records which it was, for RETURNING.
 */
const TAKE = `
INSERT INTO rate_limits AS r (key, attempts, allowed, updated_at) VALUES ($1, ARRAY[$2::bigint], true, $5::timestamptz)
ON CONFLICT (key) DO UPDATE SET
  attempts = CASE WHEN cardinality(ARRAY(SELECT t FROM unnest(r.attempts) t WHERE t > $2::bigint - $4::bigint)) >= $3::int
    THEN ARRAY(SELECT t FROM unnest(r.attempts) t WHERE t > $2::bigint - $4::bigint ORDER BY t)
    ELSE ARRAY(SELECT t FROM unnest(r.attempts) t WHERE t > $2::bigint - $4::bigint ORDER BY t) || $2::bigint END,
  allowed = cardinality(ARRAY(SELECT t FROM unnest(r.attempts) t WHERE t > $2::bigint - $4::bigint)) < $3::int,
  updated_at = $5::timestamptz
RETURNING allowed, attempts`;

export function postgresRateLimits(sql: SqlClient): RateLimitStore {
  let lastCleanup = 0;
  return {
    async take(key, limit, windowMs, now) {
      if (limit <= 0) return null;
      const at = now.getTime();
      const rows = await sql.query<{ allowed: boolean; attempts: unknown[] }>(TAKE, [key, at, limit, windowMs, iso(now)]);
      const row = rows[0];
      // Keys nobody used for a day hold only attempts long out of any window: dropped now and then.
      if (at - lastCleanup > 3_600_000) {
        lastCleanup = at;
        await sql.query("DELETE FROM rate_limits WHERE updated_at < $1::timestamptz - interval '1 day'", [iso(now)]);
      }
      if (!row || row.allowed) return null;
      const oldest = Math.min(...row.attempts.map(num));
      return { retryAt: new Date(oldest + windowMs), limit, windowMs };
    },
  };
}
