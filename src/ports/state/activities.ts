/** Teams re-sends an activity it got no answer for (~15 s), possibly to another instance: each id is handled once. */
export interface ActivityStore {
  /** True the first time this activity id is seen within ttlMs; false for a repeat, whichever instance saw it first. */
  firstSeen(activityId: string, now: Date, ttlMs: number): Promise<boolean>;
}
