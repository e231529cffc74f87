import type { ScheduledItem } from './records.js';

/**
 * Work due at a time, done once by some instance: password hides, and the periodic sweeps (purge, approval expiry),
 * which are items with a fixed key that the instance running one schedules again.
 */
export interface ScheduleStore {
  /**
   * Adds the item of (kind, key), or replaces it (new id, due time and payload, attempts reset, lease dropped): an
   * instance still running the old item then completes nothing, so a sweep that schedules its next run keeps it.
   */
  schedule(item: Omit<ScheduledItem, 'id' | 'attempts'>): Promise<void>;
  /** The item of (kind, key), e.g. to check which conversation a password message is in before hiding it. */
  get(kind: string, key: string): Promise<ScheduledItem | undefined>;
  /** The items of a kind, soonest due first (diagnostics and tests: how many password hides are pending). */
  list(kind: string): Promise<ScheduledItem[]>;
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
