import type { Clock } from '../domain/clock.js';

export interface RateLimitRefusal {
  /** When the oldest counted attempt leaves the window, i.e. the earliest moment another attempt is allowed. */
  retryAt: Date;
  limit: number;
  windowMs: number;
}

/**
 * At most `limit` attempts per key in any window of `windowMs` (a sliding log, exact at the edges).
 * A limit of 0 turns it off. Only allowed attempts are counted, so hammering a refusal does not extend it.
 */
export class SlidingWindowLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Counts an attempt for key and returns null, or refuses it without counting. */
  take(key: string): RateLimitRefusal | null {
    if (this.limit <= 0) return null;
    const now = this.clock.now().getTime();
    const recent = (this.attempts.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(key, recent);
      return { retryAt: new Date((recent[0] as number) + this.windowMs), limit: this.limit, windowMs: this.windowMs };
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.prune(now);
    return null;
  }

  private prune(now: number): void {
    for (const [key, times] of this.attempts) if (!times.some((t) => t > now - this.windowMs)) this.attempts.delete(key);
  }
}
