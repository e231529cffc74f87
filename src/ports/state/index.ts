import type { ActivityStore } from './activities.js';
import type { ApprovalStore } from './approvals.js';
import type { AuditStore } from './audit.js';
import type { ConfirmationStore } from './confirmations.js';
import type { ConversationStore } from './conversations.js';
import type { DeletionRecordStore } from './deletion-records.js';
import type { ImportJobStore } from './import-jobs.js';
import type { OperatorStore } from './operators.js';
import type { RateLimitStore } from './rate-limits.js';
import type { ScheduleStore } from './schedule.js';

export type { ActivityStore, ApprovalStore, AuditStore, ConfirmationStore, ConversationStore, DeletionRecordStore, ImportJobStore, OperatorStore, RateLimitStore, ScheduleStore };

/**
 * The bot's own state. A backend implements every port and passes test/contract/state: the file store (DATA_DIR, one
 * process) and PostgreSQL (DATABASE_URL, any number of instances).
 */
export interface StateStore {
  operators: OperatorStore;
  conversations: ConversationStore;
  confirmations: ConfirmationStore;
  approvals: ApprovalStore;
  schedule: ScheduleStore;
  audit: AuditStore;
  imports: ImportJobStore;
  deletionRecords: DeletionRecordStore;
  rateLimits: RateLimitStore;
  activities: ActivityStore;
  /** Readiness: usable, or why not (data disk full, database unreachable). */
  health(): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Waits for pending writes, then closes files or the pool. */
  close(): Promise<void>;
}
