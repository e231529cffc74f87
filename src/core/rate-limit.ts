import type { Clock } from '../domain/clock.js';
import type { RateLimitRefusal, RateLimitStore } from '../ports/state/rate-limits.js';

export type { RateLimitRefusal } from '../ports/state/rate-limits.js';

/**
 * At most `limit` attempts per key in any window of `windowMs` (a sliding log, exact at the edges), counted in the
 * RateLimitStore so every instance shares the budget. A limit of 0 turns it off. Only allowed attempts are counted,
 * so hammering a refusal does not extend it.
 */
export class SlidingWindowLimiter {
  constructor(
    private readonly store: RateLimitStore,
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Counts an attempt for key and resolves null, or refuses it without counting. */
  take(key: string): Promise<RateLimitRefusal | null> {
    if (this.limit <= 0) return Promise.resolve(null);
    return this.store.take(key, this.limit, this.windowMs, this.clock.now());
  }
}
