import type { ScheduledItem } from './records.js';

/**
 * Work due at a time, done once by some instance: password hides, and the periodic sweeps (purge, approval expiry),
 * which are items with a fixed key that the instance running one schedules again.
 */
export interface ScheduleStore {
  /** Adds the item of (kind, key), or replaces it (new due time and payload, attempts reset). */
  schedule(item: Omit<ScheduledItem, 'id' | 'attempts'>): Promise<void>;
  /** Removes the item of (kind, key) and returns it, e.g. when Hide is pressed before the timer. */
  cancel(kind: string, key: string): Promise<ScheduledItem | undefined>;
  /**
   * Claims up to `limit` items due at `now` (of `kinds`, or any), leased until `leaseUntil` so no other instance claims
   * them meanwhile (PostgreSQL: FOR UPDATE SKIP LOCKED). An item whose lease ran out (its instance died) is due again.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number, kinds?: readonly string[]): Promise<ScheduledItem[]>;
  /** Done: removed. */
  complete(id: string): Promise<void>;
  /** Not done: due again at `dueAt`, attempts + 1, lease released. */
  retryAt(id: string, dueAt: Date): Promise<void>;
}
