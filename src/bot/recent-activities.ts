/**
 * Teams re-sends an activity when the bot takes longer than ~15 s to answer: the same activity id is handled once.
 * Keeps the first handling's promise so a retried invoke gets the same answer.
 */
export class RecentActivities<T> {
  private readonly seen = new Map<string, { at: number; result: Promise<T> }>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly max = 20_000,
  ) {}

  /** The earlier result for this id, or undefined after recording `start()` as the result. */
  once(id: string | undefined, now: number, start: () => Promise<T>): { duplicate: boolean; result: Promise<T> } {
    if (!id) return { duplicate: false, result: start() };
    const earlier = this.seen.get(id);
    if (earlier && now - earlier.at < this.ttlMs) return { duplicate: true, result: earlier.result };
    const result = start();
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
