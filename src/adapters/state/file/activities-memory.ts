import type { ActivityStore } from '../../../ports/state/activities.js';

/** Past this many ids, expired ones are dropped (and, under a flood, the oldest). */
const MAX_IDS = 50_000;

/**
 * Activity ids seen, in memory: the file state is one process by definition (DATA_DIR is not shared), so the
 * instance Teams re-sends to is this one. A restart forgets them; Teams retries within seconds, not across restarts.
 * Check and record happen without an await in between, so concurrent calls for one id see it first exactly once.
 */
export function memoryActivityStore(): ActivityStore {
  // Insertion order is the order ids were first seen, so the oldest are at the front.
  const seen = new Map<string, number>();
  return {
    async firstSeen(activityId, at, ttlMs) {
      const now = at.getTime();
      const earlier = seen.get(activityId);
      if (earlier !== undefined && now - earlier < ttlMs) return false;
      seen.delete(activityId);
      seen.set(activityId, now);
      if (seen.size > MAX_IDS) {
        for (const [id, when] of seen) {
          if (now - when < ttlMs && seen.size <= MAX_IDS) break;
          seen.delete(id);
        }
      }
      return true;
    },
  };
}
