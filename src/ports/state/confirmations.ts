import type { Confirmation, OperatorKey } from './records.js';

export type ConsumeRefusal = 'missing' | 'kind' | 'foreign' | 'used' | 'expired';
export type ConsumeResult = { ok: true; confirmation: Confirmation } | { ok: false; why: ConsumeRefusal; confirmation?: Confirmation };

/** Pending destructive changes: the card carries only the id; what runs is what was stored. */
export interface ConfirmationStore {
  add(confirmation: Confirmation): Promise<void>;
  get(id: string): Promise<Confirmation | undefined>;
  /**
   * Single use by contract, not by the event loop: marks the confirmation used and returns it only if it exists, has
   * this kind, belongs to `by`, is unused and has not expired at `now`; otherwise says why (with the confirmation when
   * it exists). Of concurrent calls for one id, exactly one gets ok.
   */
  consume(id: string, by: OperatorKey, kind: string, now: Date): Promise<ConsumeResult>;
  /** Forgets confirmations that expired before `before`. */
  prune(before: Date): Promise<void>;
}
