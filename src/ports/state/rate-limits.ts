export interface RateLimitRefusal {
  /** When the oldest counted attempt leaves the window: the earliest moment another attempt is allowed. */
  retryAt: Date;
  limit: number;
  windowMs: number;
}

/** Sliding-window limits per key, shared by every instance. */
export interface RateLimitStore {
  /** Counts an attempt for key and returns null, or refuses it without counting. Atomic per key. A limit of 0 is off. */
  take(key: string, limit: number, windowMs: number, now: Date): Promise<RateLimitRefusal | null>;
}
