import type { Approval, PostedCard } from './records.js';

export type ApprovalState = Approval['state'];
export type ApprovalChange = Partial<Pick<Approval, 'state' | 'decidedBy' | 'decidedAt' | 'comment' | 'outcome'>>;

/** Four-eyes requests: stored exactly as asked, decided once. */
export interface ApprovalStore {
  add(approval: Approval): Promise<void>;
  get(id: string): Promise<Approval | undefined>;
  /** Newest first; with `state`, only those in it. */
  list(filter: { state?: ApprovalState; limit: number }): Promise<Approval[]>;
  /**
   * Compare-and-set: applies `change` only if the stored state is still `expected`; returns the approval as changed,
   * or undefined when its state had moved on. Of concurrent transitions from one state, exactly one wins.
   */
  transition(id: string, expected: ApprovalState, change: ApprovalChange): Promise<Approval | undefined>;
  /** Records how an approved request ran (running, then done or failed). */
  setOutcome(id: string, outcome: NonNullable<Approval['outcome']>): Promise<void>;
  /** Records who the request reached (known only after its cards were posted), whatever its state by then. */
  setSentTo(id: string, sentTo: string): Promise<void>;
  /** Adds where a copy of the card was posted; idempotent by activityId. */
  addPosted(id: string, posted: PostedCard): Promise<void>;
  /** Marks pending requests whose expiresAt is before `now` as expired (compare-and-set) and returns those it changed. */
  expireDue(now: Date): Promise<Approval[]>;
  /** Forgets decided requests that expired before `before`. */
  prune(before: Date): Promise<void>;
}
