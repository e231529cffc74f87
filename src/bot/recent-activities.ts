import type { ActivityStore } from '../ports/state/activities.js';

/**
 * Teams re-sends an activity when the bot takes longer than ~15 s to answer: the same activity id is handled once.
 * ActivityStore.firstSeen decides across instances; on top of it this process keeps the first handling's promise,
 * so a retry that reaches the same instance gets the same answer (one on another instance gets `repeat()`).
 */
export class RecentActivities<T> {
  private readonly seen = new Map<string, { at: number; result: Promise<T> }>();

  constructor(
    private readonly store: ActivityStore,
    private readonly ttlMs = 10 * 60_000,
    private readonly max = 20_000,
  ) {}

  /**
   * The earlier result for this id (duplicate), or the result of `start()` once the store says the id is new, or of
   * `repeat()` when another instance saw it first. Recorded before any await, so concurrent retries here share it.
   */
  once(id: string | undefined, now: number, start: () => Promise<T>, repeat: () => T): { duplicate: boolean; result: Promise<T> } {
    if (!id) return { duplicate: false, result: start() };
    const earlier = this.seen.get(id);
    if (earlier && now - earlier.at < this.ttlMs) return { duplicate: true, result: earlier.result };
    const result = this.store.firstSeen(id, new Date(now), this.ttlMs).then((first) => (first ? start() : repeat()));
    this.seen.set(id, { at: now, result });
    if (this.seen.size > this.max) {
      for (const [key, value] of this.seen) {
        if (now - value.at < this.ttlMs && this.seen.size <= this.max) break;
        this.seen.delete(key);
      }
    }
    return { duplicate: false, result };
  }
}
