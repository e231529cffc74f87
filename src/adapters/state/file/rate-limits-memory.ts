import type { RateLimitStore } from '../../../ports/state/rate-limits.js';

/** Keys are dropped once this many are held and their attempts have left the window. */
const PRUNE_ABOVE = 10_000;

/**
 * Sliding-window rate limits in memory: the file state is one process by definition (DATA_DIR is not shared), so
 * this process sees every attempt, and a restart forgetting the windows lets at most one window's worth through.
 * Exact at the edges (a log of attempt times per key); only allowed attempts are counted, so hammering a refusal
 * does not extend it. Check and count happen without an await in between: atomic per key.
 */
export function memoryRateLimitStore(): RateLimitStore {
  const attempts = new Map<string, number[]>();
  const prune = (now: number, windowMs: number): void => {
    for (const [key, times] of attempts) if (!times.some((t) => t > now - windowMs)) attempts.delete(key);
  };
  return {
    async take(key, limit, windowMs, at) {
      if (limit <= 0) return null;
      const now = at.getTime();
      const recent = (attempts.get(key) ?? []).filter((t) => t > now - windowMs);
      if (recent.length >= limit) {
        attempts.set(key, recent);
        return { retryAt: new Date((recent[0] as number) + windowMs), limit, windowMs };
      }
      recent.push(now);
      attempts.set(key, recent);
      if (attempts.size > PRUNE_ABOVE) prune(now, windowMs);
      return null;
    },
  };
}
