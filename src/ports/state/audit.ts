import type { AuditEntry } from './records.js';

export interface AuditQuery {
  limit: number;
  /** Entries whose target contains this (case-insensitive). */
  target?: string;
  /** Entries by this AAD object id. */
  actor?: string;
  /** Entries of this action (case-insensitive). */
  action?: string;
}

/** The append-only audit trail. */
export interface AuditStore {
  /** Appends entries in one durable write, in order. */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** Newest first. */
  query(q: AuditQuery): Promise<AuditEntry[]>;
  /** Oldest first (for `audit export`), at most q.limit when given. */
  export(q: Omit<AuditQuery, 'limit'> & { limit?: number }): Promise<AuditEntry[]>;
}
